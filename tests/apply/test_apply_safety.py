"""apply's safety nets (issues 13 and 20): the module on the port is the config's module; a
lost link, a reboot, a radio left off, a restore that cannot be proved; what the CLI says."""

import io
import json

import pytest
from serial import SerialException

from atctl.at import open_session
from atctl.config.apply import ApplyFailed, ApplyLinkLost, apply_config, prepare, setting_states
from atctl.config.loader import load_config
from atctl.device.settings import read_settings
from atctl.dialects import get_dialect
from atctl.dialects.settings import PsmSetting, Settings
from atctl.profiles import load_profile

EX = "examples/"
M3_CFG = ("module: quectel-bg95-m3\ncountries: [DE]\nrat: [lte-m]\nbands: auto\napn: iot.example\n"
          "psm: {tau: 6h, active: 20s}\n")


def sent_commands(transcript) -> list[str]:
    records = [json.loads(line) for line in transcript.read_text().splitlines()]
    return [r["data"].strip() for r in records if r["dir"] == "tx"]


# ---- 1. module mismatch -------------------------------------------------------------------

@pytest.mark.parametrize("command", ["plan", "apply", "verify"])
@pytest.mark.parametrize("on_port,model", [("quectel-bg95-m1", "BG95-M1"), ("quectel-bg96", "BG96"),
                                           ("ublox-sara-r410m-02b", "SARA-R410M-02B")])
def test_config_for_another_module_is_refused_before_any_write(cli, tmp_path, command, on_port, model):
    cfg = tmp_path / "m3.yaml"
    cfg.write_text(M3_CFG)
    transcript = tmp_path / "t.jsonl"
    port = f"sim://{on_port}?reg_delay=0"
    code, out, err = cli(command, str(cfg), "--port", port, "--transcript", str(transcript))
    assert code == 2, (out, err)
    assert f"config is for quectel-bg95-m3, the module on {port} is a {model} ({on_port})" in err
    assert f"pass --module {on_port} or fix the config" in err and "Traceback" not in err
    writes = [c for c in sent_commands(transcript) if "=" in c and not c.startswith("AT+CMEE=")]
    assert writes == []


def test_module_option_is_checked_too_and_the_suggested_fix_works(cli, tmp_path):
    cfg = tmp_path / "m3.yaml"
    cfg.write_text(M3_CFG)
    port = "sim://quectel-bg95-m1?reg_delay=0"
    code, _, err = cli("plan", str(cfg), "--port", port, "--module", "quectel-bg96")
    assert code == 2 and "--module is quectel-bg96, the module on" in err
    code, out, err = cli("plan", str(cfg), "--port", port, "--module", "quectel-bg95-m1")
    assert code == 0, err


# ---- 4. link loss -------------------------------------------------------------------------

def _case(module, url_options, config=EX + "lte-m-tracker-eu-us.yaml", before=None):
    config = load_config(config).model_copy(update={"module": module})
    with open_session(f"sim://{module}?reg_delay=0.02&{url_options}", profile=load_profile(module)) as session:
        session.timeouts.update({"AT": 0.3})
        if before:
            before(session)
        return apply_config(session, config, session.profile)


def _before_writes(module, config=EX + "lte-m-tracker-eu-us.yaml"):
    with open_session(f"sim://{module}", profile=load_profile(module)) as session:
        _, _, _, steps = prepare(session, load_config(config).model_copy(update={"module": module}), session.profile)
        return len(session.log), steps


def test_module_gone_silent_mid_apply_is_exit_3_naming_what_was_written():
    before, steps = _before_writes("quectel-bg95-m3")
    with pytest.raises(ApplyLinkLost) as info:
        _case("quectel-bg95-m3", f"die_after={before + 3}")  # the 4th write is never answered
    exc = info.value
    assert exc.exit_code == 3
    assert "lost the module at step 4/5" in exc.message
    assert "settings written before the link went: bands, psm, rat (not restored" in exc.message
    assert exc.written == ["bands", "psm", "rat"]


def test_port_that_fails_on_write_is_exit_3_naming_what_was_written():
    # the pty's server killed / ser2net kicking the client: the write raises
    config = load_config(EX + "lte-m-tracker-eu-us.yaml")
    with open_session("sim://quectel-bg95-m3?reg_delay=0", profile=load_profile("quectel-bg95-m3")) as session:
        real_write, writes = session.port.write, []

        def write(data):
            if data.startswith(b"AT+CPSMS="):
                raise SerialException("write failed: [Errno 5] Input/output error")
            writes.append(data)
            return real_write(data)

        session.port.write = write
        with pytest.raises(ApplyLinkLost) as info:
            apply_config(session, config, session.profile)
    assert info.value.exit_code == 3 and "went: bands, rat (not restored" in info.value.message


def test_link_lost_through_the_cli_is_exit_3_with_the_json_document(cli_json):
    before, _ = _before_writes("quectel-bg95-m3")
    before += 1  # the CLI reads AT+CGMM first
    port = f"sim://quectel-bg95-m3?reg_delay=0&die_after={before + 2}"
    code, doc = cli_json("apply", EX + "lte-m-tracker-eu-us.yaml", "--port", port)
    assert code == 3
    assert "settings written before the link went: bands, rat (not restored" in doc["error"]
    assert [s["ok"] for s in doc["steps"]] == [True, True, False]


# ---- 5. radio left off --------------------------------------------------------------------

def test_ublox_radio_left_off_after_all_writes_is_rebooted_and_verified(tmp_path):
    # a kill after every write but before AT+CFUN=15: settings read as planned, radio off
    cfg = EX + "ublox-sara-r4-tracker.yaml"
    module = "ublox-sara-r410m-02b"
    nvm = tmp_path / "nvm.json"
    assert _case(module, f"nvm={nvm}", cfg).ok
    with open_session(f"sim://{module}?reg_delay=0.02&nvm={nvm}", profile=load_profile(module)) as session:
        session.check("AT+CFUN=0")
        config = load_config(cfg)
        _, _, current, steps = prepare(session, config, session.profile)
        assert current.cfun == 0
        assert [(s.command, s.setting) for s in steps] == [("AT+CFUN=15", "radio")]
        outcome = apply_config(session, config, session.profile)
    assert outcome.ok, [c.reason for c in outcome.checks if not c.ok]
    assert outcome.wait.registered


def test_verify_names_a_radio_left_off(cli_json, tmp_path):
    port = f"sim://quectel-bg95-m3?reg_delay=0&nvm={tmp_path}/nvm.json"
    assert cli_json("apply", EX + "lte-m-tracker-eu-us.yaml", "--port", port)[0] == 0
    with open_session(port) as session:
        session.check("AT+CFUN=0")
        config = load_config(EX + "lte-m-tracker-eu-us.yaml")
        _, _, _, steps = prepare(session, config, load_profile("quectel-bg95-m3"))
    assert [s.command for s in steps] == ["AT+CFUN=1"]
    assert steps[0].purpose == "radio on: the radio is off (left so by an interrupted apply?)"


# ---- 6. restores that must prove what they claim ------------------------------------------

def test_a_setting_unreadable_after_the_restore_is_never_claimed_back():
    # before: `differences` took an unread PSM (None) for "off", so a restore whose read-back of
    # AT+CPSMS? failed claimed "all back" while the written timers remained
    dialect = get_dialect(load_profile("quectel-bg95-m3"))
    saved = Settings(psm=PsmSetting(0), cfun=1)
    after = Settings(psm=None, cfun=1, unread={"psm"})
    desired = Settings(psm=PsmSetting(1, "00100110", "00001010"), cfun=1)
    states = setting_states(dialect, saved, after, desired, None, {"psm"})
    assert states == {"psm": "unknown (it could not be read back)"}
    after = Settings(psm=PsmSetting(1, "00100110", "00001010"), cfun=1)
    assert setting_states(dialect, saved, after, desired, None, {"psm"}) == {"psm": "as apply wrote it"}
    assert setting_states(dialect, saved, Settings(psm=PsmSetting(0), cfun=1), desired, None, {"psm"}) == \
        {"psm": "as before apply"}


def test_reboot_during_the_restore_reports_the_failed_step_and_the_restore():
    # issue 20: 13 of 55 combined cases lost both. The 5th write fails; the module reboots at
    # each of the restore's first commands in turn
    before, steps = _before_writes("quectel-bg95-m3")
    for extra in range(1, 12):
        with pytest.raises(ApplyFailed) as info:
            _case("quectel-bg95-m3", f"cme=AT%2BCGDCONT=:50&reboot_after={before + len(steps) + extra}")
        exc = info.value
        assert "step 5/5 `AT+CGDCONT=1" in exc.message and "incorrect parameters" in exc.message, exc.message
        assert exc.restore["restored"] is True, (extra, exc.restore)
        assert set(exc.restore["settings"]) == {"bands", "edrx", "psm", "rat"}
        assert "all settings are back as they were before apply (read back: bands, edrx, psm, rat)" in exc.message


def test_restore_detail_names_each_setting_state(cli_json, tmp_path):
    # the restore of the bands fails: the bands keep what apply wrote, the others are back
    port = f"sim://quectel-bg95-m3?reg_delay=0&nvm={tmp_path}/nvm.json&cme=AT%2BCPSMS=:50"
    code, doc = cli_json("apply", EX + "lte-m-tracker-eu-us.yaml", "--port", port)
    assert code == 1 and doc["restore"]["restored"] is True
    assert doc["restore"]["settings"] == {"bands": "as before apply", "rat": "as before apply"}


# ---- 6/8. what apply says -----------------------------------------------------------------

def test_apply_that_wrote_everything_but_failed_verify_says_so(cli):
    code, out, err = cli("apply", EX + "lte-m-tracker-eu-us.yaml", "--port",
                         "sim://quectel-bg95-m3?network=psm-clamp&reg_delay=0.05")
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[0].startswith("apply: quectel-bg95-m3 on sim://quectel-bg95-m3") and "5 change(s)" in lines[0]
    assert lines[-1].startswith("all 5 step(s) sent and answered OK (apn, bands, edrx, psm, rat written); "
                                "verify failed: psm_granted: TAU granted 2 h")
    assert "None" not in out


def test_untrusted_text_is_never_markup(cli, tmp_path):
    # issue 13: `[/x]` in an APN crashed plan and apply with MarkupError after the module was written.
    # Such an APN is now refused before the port is opened (TS 23.003 labels: issue 20); the refusal
    # quotes it as it is, and a `[bold]` in the user's own text is not swallowed as markup either.
    cfg = tmp_path / "m3.yaml"
    cfg.write_text(M3_CFG.replace("apn: iot.example", 'apn: "x[/x][bold]"'))
    port = f"sim://quectel-bg95-m3?reg_delay=0&nvm={tmp_path}/nvm.json"
    for command in ("plan", "apply"):
        code, out, err = cli(command, str(cfg), "--port", port)
        assert code == 2, err
        assert "'x[/x][bold]'" in err and "Traceback" not in err
    assert not (tmp_path / "nvm.json").exists()  # nothing reached the module


def test_warnings_go_to_stderr_and_verify_shows_them(cli, tmp_path):
    port = f"sim://quectel-bg95-m3?reg_delay=0&nvm={tmp_path}/nvm.json"
    for command in ("plan", "apply", "verify"):
        code, out, err = cli(command, EX + "lte-m-tracker-eu-us.yaml", "--port", port)
        assert "warning:" in err and "warning:" not in out, command


# ---- 7. waits with feedback, --timeout ------------------------------------------------------

def test_wait_status_line_and_the_give_up_message(cli):
    code, out, err = cli("verify", EX + "lte-m-tracker-eu-us.yaml", "--port",
                         "sim://quectel-bg95-m3?network=no-coverage&reg_delay=0", "--timeout", "1.5s")
    assert code == 1
    assert "atctl: waiting for the network: searching (0/2 s)" in err  # 1.5 s shown rounded
    assert "not registered (searching): atctl gave up after 2 s; the module last reported: searching" in \
        out.replace("\n", " ").replace("│", " ").replace("  ", " ") or "atctl gave up after" in out


def test_apply_json_records_how_the_wait_ended(cli_json):
    code, doc = cli_json("apply", EX + "lte-m-tracker-eu-us.yaml", "--port",
                         "sim://quectel-bg95-m3?network=no-coverage&reg_delay=0", "--timeout", "1s")
    assert code == 1
    assert doc["wait"]["registered"] is False and doc["wait"]["state"] == "searching"
    reason = {c["name"]: c["reason"] for c in doc["verify"]["checks"]}["registered"]
    assert reason.startswith("not registered (searching): atctl gave up after 1 s; the module last reported: searching")


@pytest.mark.parametrize("value", ["0", "-5s", "abc", "inf"])
def test_bad_timeout_is_exit_2_before_the_modem(cli, tmp_path, value):
    transcript = tmp_path / "t.jsonl"
    for command in ("apply", "verify"):
        code, _, err = cli(command, EX + "lte-m-tracker-eu-us.yaml", "--port", "sim://quectel-bg95-m3",
                           "--timeout", value, "--transcript", str(transcript))
        assert code == 2 and "--timeout" in err and "Traceback" not in err, err
        assert not transcript.exists() or sent_commands(transcript) == []


def test_wait_feedback_live_line_rewrites_and_plain_lines_are_spaced():
    from atctl.cli._wait_feedback import WaitFeedback
    from atctl.device.registration import WaitResult, WaitStatus

    live = io.StringIO()
    feedback = WaitFeedback(live, live=True)
    feedback(WaitStatus(1.0, 120.0, "searching", None))
    feedback(WaitStatus(2.0, 120.0, "searching", "+CEREG: 2"))
    feedback.done(WaitResult(False, False, 120.0, 120.0, "searching", "+CEREG: 2"))
    text = live.getvalue()
    assert text.startswith("\rwaiting for the network: searching (1/120 s)")
    assert "\rwaiting for the network: searching (2/120 s; last: +CEREG: 2)" in text and "\n" not in text[:-1].split(
        "atctl:")[0]
    assert text.endswith("atctl: atctl gave up after 120 s; the module last reported: searching "
                         "(last line: +CEREG: 2)\n")
    plain = io.StringIO()
    feedback = WaitFeedback(plain, live=False, interval=3600)
    for second in range(5):
        feedback(WaitStatus(float(second), 120.0, "searching", None))
    assert plain.getvalue() == "atctl: waiting for the network: searching (0/120 s)\n"


# ---- 9. u-blox reboot stalls ----------------------------------------------------------------

@pytest.mark.parametrize("module", ["ublox-sara-r410m-02b", "ublox-sara-r510s"])
def test_reboot_command_gets_a_short_answer_deadline(module, monkeypatch):
    # before: AT+CFUN=15/16 took the 180 s AT+CFUN deadline of the u-blox profiles, so a module
    # that reset before answering (or died) stalled apply for 180 s per reboot
    from atctl.at.session import AtSession
    from atctl.config import apply as apply_module

    deadlines = {}
    real = AtSession.command

    def spy(self, command, timeout=None, **kwargs):
        deadlines.setdefault(command, timeout)
        return real(self, command, timeout, **kwargs)

    monkeypatch.setattr(AtSession, "command", spy)
    before, steps = _before_writes(module, EX + "ublox-sara-r4-tracker.yaml")
    reboot = steps[-1].command
    with open_session(f"sim://{module}?reg_delay=0.02", profile=load_profile(module)) as session:
        assert apply_config(session, load_config(EX + "ublox-sara-r4-tracker.yaml").model_copy(
            update={"module": module, "mno_profile": None}), session.profile).ok
    assert deadlines[reboot] == apply_module.REBOOT_ANSWER_S == 10.0


# ---- 2. Ctrl-C / SIGTERM during apply: a real `atctl apply` process ------------------------

def _atctl(*args):
    import sys

    return [sys.executable, "-m", "atctl", *args]


def _plan_commands(config):
    import subprocess

    done = subprocess.run(_atctl("plan", config, "--port", "sim://quectel-bg95-m3", "--json"),
                          capture_output=True, text=True, check=True)
    return [step["command"] for step in json.loads(done.stdout)["steps"]]


def _wait_for(condition, what, timeout=60.0):
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)  # polling a file another process writes


def _tx(transcript):
    return sent_commands(transcript) if transcript.exists() else []


@pytest.mark.slow
@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_interrupt_mid_apply_restores_the_module(tmp_path, signame):
    import signal
    import subprocess

    config = EX + "lte-m-tracker-eu-us.yaml"
    planned = _plan_commands(config)
    fresh, nvm, transcript = tmp_path / "fresh.json", tmp_path / "nvm.json", tmp_path / "t.jsonl"
    subprocess.run(_atctl("plan", config, "--port", f"sim://quectel-bg95-m3?nvm={fresh}"), check=True,
                   capture_output=True)  # the sim writes a fresh module's NVM on its first command
    port = f"sim://quectel-bg95-m3?latency=0.15&reg_delay=0.05&nvm={nvm}"
    proc = subprocess.Popen(_atctl("apply", config, "--port", port, "--transcript", str(transcript)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(lambda: sum(c in planned for c in _tx(transcript)) >= 3, "the third write")
    proc.send_signal(getattr(signal, signame))
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted after 3 of 5 step(s)" in err, err
    assert "all settings are back as they were before apply (read back: bands, psm, rat)" in err
    assert "Traceback" not in err
    # the module reads back exactly as a fresh one, PSM timers included (AT+CPSMS=0 alone kept the
    # timers apply wrote; the sim stores "00000000" for a fresh module's unset timers)
    assert _read_back(nvm) == _read_back(fresh)


def _read_back(nvm):
    profile = load_profile("quectel-bg95-m3")
    with open_session(f"sim://quectel-bg95-m3?nvm={nvm}", profile=profile) as session:
        return read_settings(session, get_dialect(profile))


@pytest.mark.slow
def test_second_interrupt_aborts_the_restore_and_says_so(tmp_path):
    import signal
    import subprocess

    config = EX + "lte-m-tracker-eu-us.yaml"
    planned = _plan_commands(config)
    transcript = tmp_path / "t.jsonl"
    port = f"sim://quectel-bg95-m3?latency=0.15&reg_delay=0.05&nvm={tmp_path}/nvm.json"
    proc = subprocess.Popen(_atctl("apply", config, "--port", port, "--transcript", str(transcript)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(lambda: sum(c in planned for c in _tx(transcript)) >= 2, "the second write")
    proc.send_signal(signal.SIGINT)
    sent = len(_tx(transcript))
    _wait_for(lambda: len(_tx(transcript)) >= sent + 3, "the restore to start")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "the restore was aborted (second interrupt): settings written before: bands, rat" in err, err
    assert "run `atctl plan`" in err and "Traceback" not in err


def test_sim_nvm_file_is_written_atomically(tmp_path, monkeypatch):
    # issue 20: a sim killed mid-write left its NVM file at 0 bytes, so the next run (the kill-point
    # fault cases) failed with "nvm file ... is unreadable"
    nvm = tmp_path / "nvm.json"
    with open_session(f"sim://quectel-bg95-m3?nvm={nvm}") as session:
        before = nvm.read_text()
        assert json.loads(before)

        import os

        def killed_mid_write(fd):
            raise KeyboardInterrupt  # stands for SIGKILL after the bytes were written, before they are in place

        monkeypatch.setattr(os, "fsync", killed_mid_write)
        with pytest.raises(KeyboardInterrupt):
            session.command("AT+CPSMS=1")
        monkeypatch.undo()
    assert nvm.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["nvm.json"]  # no half file left beside it


def test_link_lost_after_every_write_says_the_config_was_written():
    before, steps = _before_writes("quectel-bg95-m3")
    with pytest.raises(ApplyLinkLost) as info:
        _case("quectel-bg95-m3", f"die_after={before + len(steps) + 1}")  # silent from the wait on
    exc = info.value
    assert exc.exit_code == 3
    assert exc.message.startswith("all 5 step(s) were sent and answered OK (apn, bands, edrx, psm, rat written), "
                                  "then the module was lost while checking the result")
