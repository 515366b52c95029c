"""Secrets and identifiers in transcripts and traces (#20): PINs masked in both directions
(echoes too), identifiers redacted on reassembled lines whatever the read fragmentation,
files created 0600 without following symlinks or truncating what is not ours."""

import io
import json
import os
import re
import stat

import pytest
from scripted import ScriptedPort

from atctl.at.session import AtSession, open_session
from atctl.at.transcript import Transcript
from atctl.errors import InputError
from atctl.redact import mask_secrets

IMEI = "867730051234567"     # 15 digits (Luhn not checked here), shape from the BG95 AT manual AT+CGSN example
ICCID = "89490200001234567891"


def records(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def run(tmp_path, script, commands, **port_kw):
    path = tmp_path / "t.jsonl"
    s = AtSession(ScriptedPort(script, **port_kw), transcript=Transcript(str(path)))
    for command in commands:
        s.command(command)
    s.close()
    return path


def test_pin_echo_is_masked(tmp_path):
    # ATE1 (or --no-init): the module echoes the command, PIN included, back into rx
    path = run(tmp_path, {'AT+CPIN="1234"': b"\r\nOK\r\n"}, ['AT+CPIN="1234"'], echo=True)
    text = path.read_text()
    assert "1234" not in text and text.count("****") == 2  # once sent, once echoed


@pytest.mark.parametrize("fragment", [1, 2, 3, 5, 7])
def test_fragmented_reads_do_not_defeat_redaction(tmp_path, fragment):
    script = {"AT+CGSN": f"\r\n{IMEI}\r\n\r\nOK\r\n".encode(), "AT+QCCID": f"\r\n+QCCID: {ICCID}\r\n\r\nOK\r\n".encode()}
    path = run(tmp_path, script, ["AT+CGSN", "AT+QCCID"], fragment=fragment)
    joined = "".join(r["data"] for r in records(path))
    assert IMEI not in joined and ICCID not in joined
    assert "4567" in joined and "7891" in joined  # last 4 digits kept (atctl.redact)
    # every digit run left in the file is at most 4 long: nothing to rebuild identifiers from
    assert not re.search(r"\d{5,}", joined.replace("\r\n", ""))


def test_pin_split_over_reads_is_masked(tmp_path):
    path = run(tmp_path, {'AT+CPIN="1234"': b"\r\nOK\r\n"}, ['AT+CPIN="1234"'], echo=True, fragment=2)
    assert "12" not in "".join(r["data"] for r in records(path) if r["dir"] == "rx").replace("****", "")


def test_transcript_is_private_and_new(tmp_path):
    path = tmp_path / "t.jsonl"
    Transcript(str(path)).close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_existing_file_is_refused_unless_forced(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("the user's notes\n")
    with pytest.raises(InputError) as info:
        Transcript(str(path))
    line = info.value.one_line()
    assert str(path) in line and "pass --force or choose another path" in line and info.value.exit_code == 2
    assert path.read_text() == "the user's notes\n"
    t = Transcript(str(path), force=True)
    t.tx(b"AT\r")
    t.close()
    assert "the user's notes" not in path.read_text() and stat.S_IMODE(os.stat(path).st_mode) == 0o600


@pytest.mark.parametrize("force", [False, True])
def test_symlink_is_never_followed(tmp_path, force):
    target = tmp_path / "victim"
    target.write_text("precious\n")
    link = tmp_path / "t.jsonl"
    link.symlink_to(target)
    with pytest.raises(InputError, match="symbolic link"):
        Transcript(str(link), force=force)
    assert target.read_text() == "precious\n"
    dangling = tmp_path / "d.jsonl"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(InputError, match="symbolic link"):
        Transcript(str(dangling), force=force)
    assert not (tmp_path / "nowhere").exists()


def test_unwritable_path_is_input_error_before_the_port_is_opened(tmp_path):
    for bad in (tmp_path / "missing-dir" / "t.jsonl", tmp_path):
        with pytest.raises(InputError, match="cannot write the transcript"):
            # the port does not exist either: the transcript error must come first (exit 2, not 3)
            with open_session("/dev/atctl-no-such-port", transcript=str(bad)):
                pass


def test_existing_file_refused_before_the_port_is_opened(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text("x")
    with pytest.raises(InputError) as info:
        with open_session("/dev/atctl-no-such-port", transcript=str(path)):
            pass
    assert "--force" in info.value.one_line()


def test_character_device_is_written_not_refused():
    Transcript(os.devnull).close()  # --transcript /dev/null: nothing to protect, nothing truncated


def test_undecodable_bytes_are_kept_raw(tmp_path):
    reply = b'\r\n+COPS: 0,0,"Caf\xe9",7\r\n\r\nOK\r\n'
    path = run(tmp_path, {"AT+COPS?": reply}, ["AT+COPS?"])
    recs = records(path)
    cops = next(r for r in recs if r["dir"] == "rx" and "+COPS" in r["data"])
    assert "Caf\ufffd" in cops["data"] and bytes.fromhex(cops["hex"]) == b'+COPS: 0,0,"Caf\xe9",7\r\n'
    assert all("hex" not in r for r in recs if r is not cops)


def test_trace_is_redacted_like_the_transcript(tmp_path):
    trace = io.StringIO()
    s = AtSession(ScriptedPort({'AT+CPIN="1234"': b"\r\nOK\r\n", "AT+CGSN": f"\r\n{IMEI}\r\n\r\nOK\r\n".encode()},
                               echo=True, fragment=3), transcript=Transcript(None, trace=trace))
    s.command('AT+CPIN="1234"')
    s.command("AT+CGSN")
    s.close()
    out = trace.getvalue()
    assert "1234" not in out and IMEI not in out and "4567" in out
    assert '-> AT+CPIN="****"' in out and "<- ***********4567" in out
    assert "<- \n" not in out + "\n" and not any(line.endswith("<- ") for line in out.splitlines())
    assert all(line.startswith("atctl ") for line in out.splitlines())


def test_open_session_takes_trace_and_force(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text("old")
    trace = io.StringIO()
    with open_session("sim://quectel-bg95-m3", transcript=str(path), force=True, trace=trace) as s:
        s.command("AT+CGSN")
    assert "AT+CGSN" in trace.getvalue() and "AT+CGSN" in path.read_text()


@pytest.mark.parametrize("command, shown", [
    ('AT+CPIN="1234"', 'AT+CPIN="****"'),
    ('AT+CPIN="12345678","4321"', 'AT+CPIN="****","****"'),          # PUK, new PIN (27.007 8.3)
    ('AT+CPIN2="1234"', 'AT+CPIN2="****"'),
    ('AT+CLCK="SC",1,"1234"', 'AT+CLCK="SC",1,"****"'),              # 27.007 7.4: fac, mode kept
    ('AT+CPWD="SC","1234","5678"', 'AT+CPWD="****","****","****"'),
    ('AT+CGAUTH=1,1,"user","secret"', 'AT+CGAUTH=1,1,"user","****"'),  # 27.007 10.1.31
    ('AT+QICSGP=1,1,"iot.apn","user","secret",1', 'AT+QICSGP=1,1,"iot.apn","user","****",1'),  # BG95 TCP/IP manual
    ('AT+UPSD=0,6,"secret"', 'AT+UPSD=0,6,"****"'),                  # u-blox: param 6 = password
    ('AT+UPSD=0,1,"iot.apn"', 'AT+UPSD=0,1,"iot.apn"'),
    ('\x00AT+CPIN=1234', '\x00AT+CPIN="****"'),                       # junk before an echo
    ("AT+CSQ", "AT+CSQ"),
])
def test_mask_secrets_table(command, shown):
    assert mask_secrets(command) == shown


def test_diagnose_transcript_redacts_identifiers(cli, tmp_path):
    # `atctl diagnose --transcript` used to write IMEI, IMSI and ICCID in full (#20)
    path, bundle = tmp_path / "t.jsonl", tmp_path / "b.zip"
    code, _, _ = cli("diagnose", "--port", "sim://quectel-bg95-m3", "--transcript", str(path), "--out", str(bundle))
    assert code in (0, 1)
    import zipfile

    with zipfile.ZipFile(bundle) as z:
        inside = z.read("transcript.jsonl").decode()
    for text in (path.read_text(), inside):
        # band masks (+QCFG: "band",0x...) are long numbers too and stay; nothing else may
        lines = [json.loads(line)["data"] for line in text.splitlines()]
        assert not [line for line in lines if re.search(r"\d{14,}", line) and "QCFG" not in line]
        assert sum("*" * 10 in line for line in lines) >= 3  # IMEI, IMSI, ICCID, each redacted


def test_cli_send_no_init_echo_of_pin_is_masked(cli, tmp_path):
    # the fault pass's reproducer: --no-init keeps the simulator's ATE1, so the PIN comes back as echo
    path = tmp_path / "t.jsonl"
    code, out, err = cli("send", "--port", "sim://quectel-bg95-m3?sim=pin&pin=1234", "--no-init",
                         "--transcript", str(path), 'AT+CPIN="1234"')
    assert code == 0, err
    text = path.read_text()
    assert "1234" not in text and "1234" not in out and "1234" not in err
    assert any(r["dir"] == "rx" and "****" in r["data"] for r in records(path))  # the echo, masked
