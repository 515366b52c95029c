"""`atctl send` output: untrusted text stays plain, URCs collected are shown, ids redacted."""

from __future__ import annotations

SIM = "sim://quectel-bg95-m3"


def test_markup_in_a_command_neither_crashes_nor_vanishes(cli):
    # before: '[/x]' raised MarkupError after the modem was written; '[bold]' vanished from the echo
    code, out, err = cli("send", "--port", SIM, "AT[/x]", "AT+X[bold]Y")
    assert "MarkupError" not in err and "internal error" not in err
    assert code == 1  # the simulated module answers ERROR to both
    assert "AT[/x]" in out
    assert "AT+X[bold]Y" in out


def test_wait_urcs_shows_the_urcs_it_collected(cli):
    code, out, _ = cli("send", "--port", SIM + "?reg_delay=0.05", "AT+CEREG=2", "AT+CFUN=0", "AT+CFUN=1",
                       "--wait-urcs", "1.5")
    assert code == 0
    assert "after the last command" in out
    assert "URC +CEREG: " in out.split("after the last command")[1]


def test_ids_are_redacted_unless_show_ids(cli, cli_json):
    code, out, _ = cli("send", "--port", SIM, "AT+CGSN", "AT+CIMI")
    assert code == 0
    digits = [line.strip() for line in out.splitlines() if line.strip().endswith(tuple("0123456789"))]
    assert digits and all(line.startswith("*") for line in digits), out
    code, doc = cli_json("send", "--port", SIM, "AT+CGSN")
    assert doc["responses"][0]["lines"][0].startswith("****")
    code, out, _ = cli("send", "--port", SIM, "AT+CGSN", "--show-ids")
    assert any(line.strip().isdigit() and len(line.strip()) == 15 for line in out.splitlines()), out


def test_band_mask_reply_is_not_redacted_nor_cut(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = cli("send", "--port", SIM, 'AT+QCFG="band"')
    assert code == 0
    joined = "".join(line.strip() for line in out.splitlines())
    assert '"band",0xf,0x100002000000000f0e189f,0x10004200000000090e189f' in joined
    assert "…" not in out and "*" not in out


def test_send_timeout_takes_a_duration_like_every_other_timeout(cli):
    # send's --timeout was a bare number of seconds; `--timeout 2m` (as apply, verify and status take it) failed
    code, out, err = cli("send", "--port", "sim://quectel-bg95-m3", "--timeout", "2m", "AT")
    assert code == 0, err
    code, out, err = cli("send", "--port", "sim://quectel-bg95-m3", "--timeout", "0", "AT")
    assert code == 2 and "above 0" in err
