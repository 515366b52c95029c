"""diagnose in the field (#13, #20): a radio left off, feedback while waiting, a bundle that is
never lost and never clobbers a foreign file, transcripts without full identifiers, modem text
printed as text."""

import json
import os
import stat
import zipfile

import pytest

from atctl.profiles import load_profile
from atctl.sim.modem import SimModem
from atctl.sim.pty_server import PtyServer
from atctl.sim.scenarios import get_scenario


def identities(module="quectel-bg95-m3"):
    modem = SimModem(load_profile(module), get_scenario("de-telekom"), seed=1)
    return [modem.imei, modem.imsi, modem.iccid]


def codes(doc):
    return {(f["severity"], f["code"]) for f in doc["findings"]}


@pytest.fixture
def radio_off_pty():
    """A u-blox SARA-R510S left at +CFUN: 0 (as after a kill between AT+CFUN=0 and the reboot step, #20)."""
    server = PtyServer("ublox-sara-r510s", {"reg_delay": "0"}).start()
    try:
        yield server.path
    finally:
        server.stop()


def test_radio_off_is_a_finding_with_the_next_step(cli, cli_json, radio_off_pty):
    assert cli("send", "--port", radio_off_pty, "AT+CFUN=0")[0] == 0
    code, doc = cli_json("diagnose", "--port", radio_off_pty)
    assert code == 1
    finding = next(f for f in doc["findings"] if f["code"] == "radio-off")
    assert finding["severity"] == "critical" and "AT+CFUN=0" in finding["detail"]
    assert finding["next_step"] == "Send AT+CFUN=1 or run `atctl apply`."
    assert ("critical", "not-registered") not in codes(doc)  # the radio explains it
    assert doc["facts"]["radio"]["state"] == "off"
    assert doc["facts"]["waited_s"] == 0  # no registration wait with the radio off


def test_status_mentions_a_radio_left_off(cli, cli_json, radio_off_pty):
    cli("send", "--port", radio_off_pty, "AT+CFUN=4")
    code, doc = cli_json("status", "--port", radio_off_pty)
    assert code == 0 and doc["radio"]["state"] == "off" and doc["radio"]["fun"] == 4
    assert doc["radio"]["next_step"] == "send AT+CFUN=1 or run atctl apply"
    code, out, err = cli("status", "--port", radio_off_pty)
    assert "send AT+CFUN=1 or run atctl apply" in out and "radio is off" in err  # a warning on stderr too


def test_status_json_radio_on(cli_json):
    code, doc = cli_json("status", "--port", "sim://quectel-bg95-m3?reg_delay=0")
    assert doc["radio"] == {"state": "on", "fun": 1, "detail": "the radio is on (AT+CFUN=1)", "next_step": None}


def test_registration_wait_gives_feedback_and_says_how_it_ended(cli):
    code, out, err = cli("diagnose", "--port", "sim://quectel-bg95-m3?network=no-coverage", "--timeout", "2")
    assert code == 1
    assert "waiting for the network: searching (" in err and "/2 s" in err  # elapsed / limit, state in words
    assert "atctl gave up after 2 s; the module last reported: searching" in err


def test_status_timeout_waits_with_feedback(cli_json, cli):
    code, out, err = cli("status", "--port", "sim://quectel-bg95-m3?reg_delay=1", "--timeout", "10")
    assert code == 0 and "registration" in out
    assert "waiting for the network" in err and "registered (home) after" in err


@pytest.mark.parametrize("command", ["diagnose", "status"])
@pytest.mark.parametrize("value", ["0", "-5", "abc", "inf"])
def test_timeout_is_validated_before_the_modem(cli, command, value, tmp_path):
    transcript = tmp_path / "t.jsonl"
    code, out, err = cli(command, "--port", "sim://quectel-bg95-m3", "--timeout", value, "--transcript", str(transcript))
    assert code == 2 and "--timeout" in err and len(err.strip().splitlines()) == 1
    assert not transcript.exists()


# ---- the bundle ------------------------------------------------------------------------------

def test_bundle_is_private(cli_json, tmp_path):
    bundle = tmp_path / "b.zip"
    code, _ = cli_json("diagnose", "--port", "sim://quectel-bg95-m3?reg_delay=0", "--out", str(bundle))
    assert code == 0 and stat.S_IMODE(bundle.stat().st_mode) == 0o600


def test_missing_folder_is_refused_before_the_modem(cli, tmp_path):
    transcript = tmp_path / "t.jsonl"
    code, out, err = cli("diagnose", "--port", "sim://quectel-bg95-m3", "--out", str(tmp_path / "nope" / "b.zip"),
                         "--transcript", str(transcript))
    assert code == 2 and "does not exist" in err and len(err.strip().splitlines()) == 1
    assert not transcript.exists()  # nothing was opened


def test_foreign_file_is_never_truncated_without_force(cli, tmp_path):
    precious = tmp_path / "notes.zip"
    precious.write_text("my notes")
    code, _, err = cli("diagnose", "--port", "sim://quectel-bg95-m3", "--out", str(precious))
    assert code == 2 and "--force" in err and precious.read_text() == "my notes"
    code, _, _ = cli("diagnose", "--port", "sim://quectel-bg95-m3?reg_delay=0", "--out", str(precious), "--force")
    assert code == 0 and zipfile.is_zipfile(precious)


def test_own_bundle_is_replaced(cli, tmp_path):
    bundle = tmp_path / "b.zip"
    for _ in range(2):
        code, _, err = cli("diagnose", "--port", "sim://quectel-bg95-m3?reg_delay=0", "--out", str(bundle))
        assert code == 0, err


def test_symlink_is_not_followed(cli, tmp_path):
    target = tmp_path / "target.txt"
    target.write_text("keep me")
    link = tmp_path / "b.zip"
    link.symlink_to(target)
    code, _, err = cli("diagnose", "--port", "sim://quectel-bg95-m3", "--out", str(link))
    assert code == 2 and "symbolic link" in err and target.read_text() == "keep me"
    code, _, _ = cli("diagnose", "--port", "sim://quectel-bg95-m3?reg_delay=0", "--out", str(link), "--force")
    assert code == 0 and target.read_text() == "keep me"  # the link itself was replaced
    assert not link.is_symlink() and zipfile.is_zipfile(link)


def test_a_folder_gets_a_fresh_name_inside(cli_json, tmp_path):
    code, doc = cli_json("diagnose", "--port", "sim://quectel-bg95-m3?reg_delay=0", "--out", str(tmp_path))
    assert code == 0
    written = doc["bundle"]["path"]
    assert os.path.dirname(written) == str(tmp_path) and zipfile.is_zipfile(written)


def test_full_disk_falls_back_and_says_where(cli_json, cli, tmp_path, monkeypatch):
    import errno

    from atctl.diagnose import bundle as bundle_mod

    real_write = bundle_mod._write
    asked = tmp_path / "full"
    asked.mkdir()
    out = asked / "b.zip"

    def write(path, data, replace):
        if os.path.dirname(os.path.abspath(path)) == str(asked):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(path, data, replace)

    monkeypatch.setattr(bundle_mod, "_write", write)
    monkeypatch.chdir(tmp_path)
    code, out_text, err = cli("diagnose", "--port", "sim://quectel-bg95-m3?reg_delay=0", "--out", str(out))
    assert code == 1  # the bundle is not where it was asked for
    said = " ".join(err.split())
    assert "No space left on device" in said and str(tmp_path) in said
    saved = [p for p in os.listdir(tmp_path) if p.startswith("atctl-diagnose-")]
    assert saved and zipfile.is_zipfile(tmp_path / saved[0])
    assert not out.exists() and not os.listdir(asked)  # no half-written zip, no temp file left


# ---- identifiers (#20) -------------------------------------------------------------------------

def test_transcript_and_bundle_hold_no_full_identifiers(cli, tmp_path):
    transcript, bundle = tmp_path / "T.jsonl", tmp_path / "B.zip"
    code, out, err = cli("diagnose", "--port", "sim://quectel-bg95-m3", "--transcript", str(transcript),
                         "--out", str(bundle))
    assert code == 0, err
    with zipfile.ZipFile(bundle) as z:
        in_bundle = z.read("transcript.jsonl").decode()
    on_disk = transcript.read_text()
    assert "AT+CGSN" in on_disk and "AT+CGSN" in in_bundle
    for ident in identities():
        assert ident not in on_disk, f"{ident} in full in --transcript"
        assert ident not in in_bundle, f"{ident} in full in the bundle's transcript.jsonl"
        assert ident not in out
        assert ident[-4:] in on_disk


def test_show_ids_keeps_them_in_the_transcript(cli, tmp_path):
    transcript = tmp_path / "T.jsonl"
    cli("diagnose", "--port", "sim://quectel-bg95-m3?reg_delay=0", "--transcript", str(transcript), "--show-ids")
    assert identities()[0] in transcript.read_text()


# ---- output --------------------------------------------------------------------------------------

@pytest.fixture
def markup_model(monkeypatch):
    """A module whose AT+CGMM reply looks like rich markup and Markdown."""
    from atctl.sim.handlers import standard
    from atctl.sim.reply import Reply

    monkeypatch.setitem(standard.COMMANDS, "CGMM", lambda modem, kind, args, now: Reply(["[/x] *BG95* [bold]M3"]))
    return "[/x] *BG95* [bold]M3"


@pytest.mark.parametrize("command", ["diagnose", "info"])
def test_modem_text_is_printed_as_text(cli, markup_model, command):
    code, out, err = cli(command, "--port", "sim://quectel-bg95-m3?reg_delay=0")
    assert "MarkupError" not in err and "internal error" not in err
    assert markup_model in out


def test_status_prints_an_apn_as_text(cli, tmp_path):
    from atctl.at import open_session

    url = f"sim://quectel-bg95-m3?reg_delay=0&nvm={tmp_path}/nvm.json"
    with open_session(url) as session:
        session.check('AT+CGDCONT=1,"IP","[/x]iot"')
    code, out, err = cli("status", "--port", url)
    assert code == 0 and "internal error" not in err
    assert "[/x]iot" in out


def test_nothing_says_none_when_the_module_did_not_answer(cli, tmp_path):
    # identity reads fail (cme on AT+CG...): the module line says so in words
    bundle = tmp_path / "b.zip"
    code, out, _ = cli("diagnose", "--port", "sim://quectel-bg95-m3?reg_delay=0&cme=AT%2BCGMR", "--out", str(bundle))
    with zipfile.ZipFile(bundle) as z:
        md = z.read("report.md").decode()
    assert "None" not in md and "None" not in out
    assert "firmware not read (the module did not answer)" in md


def test_findings_carry_the_contract_keys(cli_json):
    code, doc = cli_json("diagnose", "--port", "sim://quectel-bg95-m3?sim=absent")
    for finding in doc["findings"]:
        assert {"severity", "title", "detail", "next_step"} <= set(finding)
    assert json.dumps(doc["facts"])


def test_fragmented_reads_do_not_rebuild_identifiers_in_the_bundle(cli, tmp_path):
    # fragment=3: every serial read holds at most 3 bytes, so no single record holds a whole IMEI (#20)
    bundle = tmp_path / "B.zip"
    code, _, err = cli("diagnose", "--port", "sim://quectel-bg95-m3?fragment=3&reg_delay=0", "--out", str(bundle))
    assert code == 0, err
    with zipfile.ZipFile(bundle) as z:
        records = [json.loads(line) for line in z.read("transcript.jsonl").decode().splitlines()]
    received = "".join(r["data"] for r in records if r["dir"] == "rx")
    assert "AT+CGSN" in "".join(r["data"] for r in records if r["dir"] == "tx")
    for ident in identities():
        assert ident not in received and ident[-4:] in received


def test_record_redaction_keeps_offsets():
    from atctl.diagnose.report import redact_records

    imei = "869123456789012"
    records = [{"dir": "rx", "data": "\r\n8691"}, {"dir": "tx", "data": "AT\r"}, {"dir": "rx", "data": "23456"},
               {"dir": "rx", "data": "789012\r\nOK\r\n"}]
    out = redact_records(records, [imei])
    assert "".join(r["data"] for r in out if r["dir"] == "rx") == "\r\n***********9012\r\nOK\r\n"
    assert out[1]["data"] == "AT\r" and [len(r["data"]) for r in out] == [len(r["data"]) for r in records]


def test_unwritable_transcript_is_bad_input(cli, tmp_path):
    # before: an OSError from open() became "internal error ... please report it" (exit 1)
    code, out, err = cli("diagnose", "--port", "sim://quectel-bg95-m3", "--transcript", str(tmp_path / "no" / "T.jsonl"))
    assert code == 2 and "cannot write the transcript" in err and len(err.strip().splitlines()) == 1


def test_verify_with_the_radio_off_stops_at_once(cli, radio_off_pty, tmp_path):
    # before: verify waited the config's whole registration timeout, then said "not registered"
    cfg = tmp_path / "c.yaml"
    cfg.write_text("module: ublox-sara-r510s\ncountries: [DE]\nrat: [lte-m]\nexpect: {timeout: 20s}\n")
    cli("send", "--port", radio_off_pty, "AT+CFUN=0")
    code, out, err = cli("verify", str(cfg), "--port", radio_off_pty)
    assert code == 1
    assert "send AT+CFUN=1 or run atctl apply" in err and "not registered" not in err
