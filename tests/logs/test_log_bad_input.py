"""What is not a log: one line, exit 2, no traceback; oversized lines are cut, memory bounded."""

from __future__ import annotations

import os

import pytest


def test_binary_file(cli, tmp_path):
    path = tmp_path / "firmware.bin"
    path.write_bytes(bytes(range(256)) * 64)
    code, out, err = cli("decode", "--log", str(path))
    assert code == 2 and "binary" in err and "Traceback" not in out + err


@pytest.mark.parametrize("command", [("decode",), ("diagnose",)])
def test_empty_file_and_directory(cli, tmp_path, command):
    empty = tmp_path / "empty.log"
    empty.write_text("")
    for target, word in ((empty, "empty"), (tmp_path, "directory"), (tmp_path / "missing.log", "does not exist")):
        code, out, err = cli(*command, "--log", str(target))
        assert code == 2 and word in err and "Traceback" not in out + err


def test_a_50_mb_single_line_is_cut_with_a_warning_in_bounded_memory(cli_json, tmp_path):
    import resource

    path = tmp_path / "one-line.log"
    with open(path, "wb") as fh:
        fh.write(b"AT+CSQ\r\n+CSQ: 20,99\r\nOK\r\n")
        block = b"x" * (1 << 20)
        for _ in range(50):
            fh.write(block)
        fh.write(b"\nAT+CEREG?\n+CEREG: 0,1\nOK\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    code, doc = cli_json("decode", "--log", str(path))
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert code == 0
    assert [e["command"] for e in doc["exchanges"]] == ["AT+CSQ", "AT+CEREG?"]
    assert any("longer than 64 KiB" in w for w in doc["warnings"])
    assert grown_mb < 40, f"peak memory grew by {grown_mb:.0f} MB for a 50 MB line"


def test_invalid_utf8_still_gives_valid_json(cli_json, tmp_path):
    path = tmp_path / "latin1.log"
    path.write_bytes(b"AT+COPS?\r\n+COPS: 0,0,\"Telef\xf3nica\",7\r\nOK\r\n")
    code, doc = cli_json("decode", "--log", str(path))
    assert code == 0 and doc["exchanges"][0]["result"] == "OK"


def test_stdin(cli):
    code, out, err = cli("decode", "--log", "-", "--json", input="AT+CSQ\n+CSQ: 31,99\nOK\n")
    assert code == 0 and '"rssi_dbm"' in out


def test_capture_import_refuses_to_overwrite_and_to_write_over_the_log(cli, tmp_path):
    log = tmp_path / "a.log"
    log.write_text("AT\nOK\n")
    out = tmp_path / "s.jsonl"
    out.write_text("keep me")
    code, _, err = cli("capture", "import", str(log), "-o", str(out))
    assert code == 2 and "exists" in err and out.read_text() == "keep me"
    code, _, err = cli("capture", "import", str(log), "-o", str(log), "--force")
    assert code == 2 and log.read_text() == "AT\nOK\n"
    code, _, _ = cli("capture", "import", str(log), "-o", str(out), "--force")
    assert code == 0 and os.path.getsize(out) > 0


def test_identifiers_are_redacted_unless_asked(cli, cli_json, tmp_path):
    log = tmp_path / "ids.log"
    log.write_text('AT+CGSN\r\n867962041234567\r\nOK\r\nAT+CCID\r\n+CCID: 89490200001234567890\r\nOK\r\n'
                   'AT+QCFG="band"\r\n+QCFG: "band",0xf,0x100002000000000f0e189f,0x10004200000000090e189f\r\nOK\r\n')
    code, out, _ = cli("decode", "--log", str(log), "--json")
    assert "867962041234567" not in out and "4567" in out and "89490200001234567890" not in out
    assert "0x100002000000000f0e189f" in out  # a band mask is not an identifier
    code, out, _ = cli("decode", "--log", str(log), "--json", "--show-ids")
    assert "867962041234567" in out
    session = tmp_path / "s.jsonl"
    cli("capture", "import", str(log), "-o", str(session))
    assert "867962041234567" not in session.read_text()


def test_diagnose_log_prints_modem_text_as_it_is(tmp_path):
    """Modem text in a log is neither rich markup nor Markdown on screen (`[/x]` crashed rich,
    `*x*` turned bold and lost its stars), and a minor/info-only report renders too."""
    from typer.testing import CliRunner

    from atctl.cli.main import app

    log = tmp_path / "odd.log"
    log.write_text("AT+CGMM\nBG95-M3 [/x] *starred*\nOK\nAT+CSQ\n+CSQ: 31,99\nOK\nAT+CEREG?\n+CEREG: 0,1\nOK\n")
    result = CliRunner().invoke(app, ["diagnose", "--log", str(log)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "BG95-M3 [/x] *starred*" in result.output
    assert "What this log cannot show" in result.output


def test_capture_import_writes_a_private_file_and_never_through_a_link(cli, tmp_path):
    """A session file holds what the module said: created 0600 like transcripts and bundles, and a
    symlink at -o is replaced itself (with --force), never written through."""
    import stat

    log = tmp_path / "a.log"
    log.write_text("AT+CSQ\n+CSQ: 20,99\nOK\n")
    out = tmp_path / "s.jsonl"
    code, _, err = cli("capture", "import", str(log), "-o", str(out))
    assert code == 0, err
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    victim = tmp_path / "victim.txt"
    victim.write_text("not atctl's")
    link = tmp_path / "link.jsonl"
    link.symlink_to(victim)
    code, _, err = cli("capture", "import", str(log), "-o", str(link), "--force")
    assert code == 0, err
    assert victim.read_text() == "not atctl's" and not link.is_symlink()
