"""AT command injection: user text that would end one command and start another is refused
(exit 2) before the modem is touched. Rules: ITU-T V.250 5.2.1 (a command line ends at S3 = CR),
5.4.2.2 and 3GPP TS 27.007 4.1 (string constants end at the next double quote), 3GPP TS 23.003 9.1
(APN labels: letters, digits, hyphens; at most 100 octets encoded)."""

import json

import pytest

from atctl.command_text import check_apn, check_quoted_value, check_single_command
from atctl.errors import InputError

INJECTED_APN = 'x"\rAT+CGDCONT=3,"IP","injected'


# real APNs, from operators' public IoT set-up pages and DOMAIN.md
@pytest.mark.parametrize("apn", ["internet", "iot.1nce.net", "internet.t-mobile", "m2m.tele2.com",
                                 "wap.vodafone.co.uk", "ibasis.iot", "", "a" * 63, ".".join(["a" * 49, "b" * 49])])
def test_real_apns_pass(apn):
    assert check_apn(apn) == apn


@pytest.mark.parametrize("apn,needle", [
    (INJECTED_APN, "carriage return"),
    ("inter\nnet", "line feed"),
    ("inter\x00net", "NUL"),
    ("inter\tnet", "tab"),
    ('inter"net', "double quote"),
    ("intérnet", "not plain ASCII"),
    ("internet_m2m", "'_'"),
    ("inter net", "' '"),
    ("-internet", "label"),
    ("internet-", "label"),
    ("internet..com", "empty label"),
    (".internet", "empty label"),
    ("a" * 64, "above 63"),
    (".".join(["a" * 49, "b" * 50]), "above the maximum of 100"),  # 50 + 51 octets; 50 + 50 fits
    ("[/x]", "'['"),
])
def test_bad_apns_refused(apn, needle):
    with pytest.raises(InputError) as info:
        check_apn(apn)
    assert needle in info.value.one_line()


@pytest.mark.parametrize("command", ['AT+CGDCONT=1,"IP","internet"', "AT+CEREG?", 'AT+QCFG="band",0,0x80000,0',
                                     "ATI", 'AT+COPS=1,2,"26201"', "AT"])
def test_single_commands_pass(command):
    assert check_single_command(command) == command


@pytest.mark.parametrize("command,needle", [
    ("AT+CGMM\rAT+CFUN=0", "carriage return (CR) at position 8"),
    ("AT+CGMM\nAT+CFUN=0", "line feed"),
    ("AT+CGMM\x00", "NUL"),
    ('AT+CGDCONT=1,"IP","x', "unbalanced double quote"),
])
def test_single_command_refused(command, needle):
    with pytest.raises(InputError) as info:
        check_single_command(command)
    assert needle in info.value.one_line()


def test_quoted_value_names_what():
    with pytest.raises(InputError, match="operator"):
        check_quoted_value('Tele"kom', "operator")


def test_send_refuses_cr_before_opening_the_port(cli, tmp_path):
    transcript = tmp_path / "t.jsonl"
    code, out, err = cli("send", "AT+CGMM\rAT+CFUN=0", "--port", "sim://quectel-bg95-m3",
                         "--transcript", str(transcript))
    assert code == 2 and "carriage return" in err and len(err.strip().splitlines()) == 1
    assert not transcript.exists() or "CFUN" not in transcript.read_text()


def _config(tmp_path, apn_yaml: str):
    path = tmp_path / "bad.yaml"
    path.write_text(f"module: quectel-bg95-m3\ncountries: [DE]\nrat: [lte-m]\napn: {apn_yaml}\n")
    return path


@pytest.mark.parametrize("command", ["plan", "apply", "verify"])
def test_injected_apn_refused_end_to_end_and_nothing_sent(cli, tmp_path, command):
    # the config of the security report; before the fix `apply` sent AT+CGDCONT=3 as a second command
    path = _config(tmp_path, json.dumps(INJECTED_APN))
    nvm = tmp_path / "nvm.json"
    transcript = tmp_path / "t.jsonl"
    code, out, err = cli(command, str(path), "--port", f"sim://quectel-bg95-m3?nvm={nvm}",
                         "--transcript", str(transcript))
    assert code == 2, (out, err)
    assert f"{path}:4:" in err and "apn" in err and "carriage return" in err
    assert len(err.strip().splitlines()) == 1
    assert not nvm.exists()  # the simulated module was never opened, let alone written
    assert not transcript.exists() or '"tx"' not in transcript.read_text()


def test_apn_with_quote_refused_with_line(cli, tmp_path):
    path = _config(tmp_path, "{name: 'iot\"x', cid: 2}")
    code, out, err = cli("apply", str(path), "--port", "sim://quectel-bg95-m3")
    assert code == 2 and f"{path}:4:" in err and "double quote" in err


@pytest.mark.parametrize("command", ['AT+CPIN="1234"\r', 'AT+CPIN="1234'])
def test_refused_command_message_masks_the_pin(command):
    with pytest.raises(InputError) as info:
        check_single_command(command)
    assert "1234" not in info.value.one_line()
