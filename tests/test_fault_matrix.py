"""Fault matrix: every module family x every fault, through the real apply flow.

Each case either completes and verifies, or restores the saved settings and fails
with a message naming the failing step; none hangs past its deadline. Families:
Quectel LPWA (BG95-M3), Quectel LTE (EG25-G), Quectel NB-IoT (BC660K-GL), u-blox R4
(SARA-R410M-02B), u-blox R5 (SARA-R510S), u-blox LARA-R6 (LARA-R6001), u-blox U2 (SARA-U201)."""

import time

import pytest

from atctl.at import open_session
from atctl.config.apply import ApplyFailed, apply_config, prepare
from atctl.config.loader import load_config
from atctl.profiles import load_profile

FAMILIES = {
    "quectel-bg95-m3": ("examples/lte-m-tracker-eu-us.yaml", "de-telekom"),
    "quectel-eg25-g": ("examples/eg25-gateway.yaml", "us-att"),
    "ublox-sara-r410m-02b": ("examples/ublox-sara-r4-tracker.yaml", "de-telekom"),
    "ublox-sara-r510s": ("examples/ublox-sara-r4-tracker.yaml", "de-telekom"),
    "quectel-bc660k-gl": ("examples/nbiot-meter-nl.yaml", "nl-kpn"),
    "ublox-lara-r6001": ("examples/lara-r6-gateway.yaml", "de-telekom"),
    "ublox-sara-u201": ("examples/sara-u201-legacy-de.yaml", "de-telekom"),
}
CASE_BUDGET_S = 20.0  # a hang guard, not a performance assertion


def config_for(module):
    config = load_config(FAMILIES[module][0])
    return config.model_copy(update={"module": module, "mno_profile": config.mno_profile if "r410" in module else None})


def run_case(module, faults, before=None, timeouts=None):
    config = config_for(module)
    url = f"sim://{module}?network={FAMILIES[module][1]}&reg_delay=0.02&{faults}"
    start = time.monotonic()
    with open_session(url, profile=load_profile(module)) as session:
        session.timeouts.update(timeouts or {})
        if before:
            before(session)
        try:
            outcome = apply_config(session, config, session.profile)
            result = ("ok", outcome)
        except ApplyFailed as exc:
            result = ("failed", exc)
    elapsed = time.monotonic() - start
    assert elapsed < CASE_BUDGET_S, f"{module} {faults} took {elapsed:.1f} s"
    return result


def assert_sound(result):
    kind, value = result
    if kind == "ok":
        assert value.ok, [c.reason for c in value.checks if not c.ok]
    else:
        assert "step " in value.message and "`AT" in value.message
        assert value.restore["detail"]


@pytest.mark.parametrize("module", FAMILIES)
@pytest.mark.parametrize("faults", ["fragment=1", "garbage=0.3&seed=5", "urc_storm=0.9&seed=2", "latency=0.01"])
def test_transport_faults_complete_and_verify(module, faults):
    kind, value = run_case(module, faults)
    assert kind == "ok" and value.ok, value


@pytest.mark.parametrize("module", FAMILIES)
def test_echo_switched_on_mid_session(module):
    kind, value = run_case(module, "", before=lambda s: s.check("ATE1"))
    assert kind == "ok" and value.ok


def _commands_before_writes(module):
    """Commands a session start and the dialect's reads take, and the plan."""
    with open_session(f"sim://{module}", profile=load_profile(module)) as session:
        _, _, _, steps = prepare(session, config_for(module), session.profile)
        return len(session.log), steps


@pytest.mark.parametrize("module", FAMILIES)
@pytest.mark.parametrize("when", ["first write", "last step", "registration wait"])
def test_reboot_in_the_middle_of_apply_is_waited_out(module, when):
    # issue 13: apply is idempotent: the module is waited for, re-read, re-planned, and the run
    # ends verified (u-blox reboots without a banner: its echo coming back on tells)
    before_writes, steps = _commands_before_writes(module)
    at = {"first write": 1, "last step": len(steps), "registration wait": len(steps) + 2}[when]
    kind, value = run_case(module, f"reboot_after={before_writes + at}", timeouts={"AT": 0.5, "AT+CFUN=1": 1.0})
    assert kind == "ok", value
    assert value.ok, [c.reason for c in value.checks if not c.ok]
    # a reboot that lands in the wait after a planned reboot step (u-blox) is absorbed by that wait
    assert value.reboots == 1 or (when != "first write" and steps[-1].kind == "reboot"), value


@pytest.mark.parametrize("module", FAMILIES)
def test_command_stalls_past_its_deadline(module):
    with open_session(f"sim://{module}", profile=load_profile(module)) as session:
        _, _, _, steps = prepare(session, config_for(module), session.profile)
    target = steps[-1].command.split("=")[0] + "="  # the write only: reads of the same command still answer
    result = run_case(module, f"stall={target.replace('+', '%2B')}", timeouts={target: 0.3})
    assert_sound(result)
    assert result[0] == "failed" and "within 0.3 s" in result[1].message


def _cme_cases():
    cases = []
    for module in FAMILIES:
        with open_session(f"sim://{module}", profile=load_profile(module)) as session:
            _, _, _, steps = prepare(session, config_for(module), session.profile)
        for index, step in enumerate(steps, 1):
            if step.kind == "write":
                cases.append((module, index, step.command))
    return cases


@pytest.mark.parametrize("module,index,command", _cme_cases())
def test_cme_error_at_each_step_restores(module, index, command):
    prefix = command.split("=")[0].replace("+", "%2B")
    kind, exc = run_case(module, f"cme={prefix}:50&cmee=2")
    assert kind == "failed"
    assert f"`{command.split('=')[0]}" in exc.message and "incorrect parameters" in exc.message
    assert exc.restore["restored"] is True, exc.restore


# ---- link loss, reboot during the restore, late replies, kill points (issue 20) --------------

def _write_indices(module):
    _, steps = _commands_before_writes(module)
    return [(module, index) for index, step in enumerate(steps, 1) if step.kind == "write"]


def _all_writes():
    return [case for module in FAMILIES for case in _write_indices(module)]


@pytest.mark.parametrize("module,index", _all_writes())
def test_link_lost_at_each_write_is_exit_3_naming_what_was_written(module, index):
    from atctl.config.apply import ApplyLinkLost

    before_writes, steps = _commands_before_writes(module)
    with pytest.raises(ApplyLinkLost) as info:
        run_case(module, f"die_after={before_writes + index - 1}", timeouts={"AT": 0.3})
    exc = info.value
    written = sorted({s.setting for s in steps[:index - 1] if s.setting})
    assert exc.exit_code == 3 and exc.written == written
    assert f"lost the module at step {index}/" in exc.message
    assert f"settings written before the link went: {', '.join(written) or 'none'} (not restored" in exc.message


def _restore_cases():
    # the last write fails; the module then reboots at each of the restore's first commands
    cases = []
    for module in FAMILIES:
        writes = _write_indices(module)
        if writes:
            cases += [(module, writes[-1][1], extra) for extra in (1, 3, 6, 9)]
    return cases


@pytest.mark.parametrize("module,index,extra", _restore_cases())
def test_reboot_during_the_restore_keeps_the_failed_step_and_the_state(module, index, extra):
    before_writes, steps = _commands_before_writes(module)
    prefix = steps[index - 1].command.split("=")[0].replace("+", "%2B") + "="
    kind, exc = run_case(module, f"cme={prefix}:50&reboot_after={before_writes + index + extra}",
                         timeouts={"AT": 0.5, "AT+CFUN=1": 1.0})
    assert kind == "failed"
    assert f"step {index}/{len(steps)} `{steps[index - 1].command.split('=')[0]}" in exc.message, exc.message
    assert "incorrect parameters" in exc.message
    # the state is proved by a read-back, whatever the reboot hid
    assert exc.restore["restored"] is True, exc.restore
    assert "all settings are back as they were before apply (read back:" in exc.message


def _late_cases():
    return [(module, steps[-1].command.split("=")[0] + "=") for module in FAMILIES
            for steps in [_commands_before_writes(module)[1]] if steps]


@pytest.mark.parametrize("module,prefix", _late_cases())
def test_late_reply_to_a_write_never_gives_a_false_verified(module, prefix, tmp_path):
    nvm = tmp_path / "nvm.json"
    kind, value = run_case(module, f"late={prefix.replace('+', '%2B')}&nvm={nvm}",
                           timeouts={"AT": 0.5, "AT+CFUN=1": 1.0})
    assert_sound((kind, value))
    if kind == "ok":  # verified means the module holds the config: nothing left to send
        with open_session(f"sim://{module}?nvm={nvm}", profile=load_profile(module)) as session:
            assert prepare(session, config_for(module), session.profile)[3] == []


def _kill_cases():
    return [("quectel-bg95-m3", n) for n in (1, 3, 5)] + [("ublox-sara-r410m-02b", n) for n in (1, 6, 7)]


@pytest.mark.slow
@pytest.mark.parametrize("module,kill_at", _kill_cases())
def test_apply_killed_at_step_n_then_applied_again_converges(module, kill_at, tmp_path):
    # SIGKILL: no restore can run. The next plan shows what is left (the radio included, when
    # u-blox was killed between AT+CFUN=0 and its reboot) and the next apply ends verified.
    import json as json_module
    import signal
    import subprocess
    import sys

    config_file = tmp_path / "config.yaml"
    import yaml

    config_file.write_text(yaml.safe_dump(json_module.loads(config_for(module).model_dump_json(exclude_none=True))))
    _, steps = _commands_before_writes(module)
    planned = [s.command for s in steps]
    nvm, transcript = tmp_path / "nvm.json", tmp_path / "t.jsonl"
    port = f"sim://{module}?network={FAMILIES[module][1]}&reg_delay=0.02&latency=0.1&nvm={nvm}"
    atctl = [sys.executable, "-m", "atctl"]
    proc = subprocess.Popen(atctl + ["apply", str(config_file), "--port", port, "--transcript", str(transcript)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        sent = [json_module.loads(line)["data"].strip() for line in transcript.read_text().splitlines()
                if json_module.loads(line)["dir"] == "tx"] if transcript.exists() else []
        if sum(command in planned for command in sent) >= kill_at:
            break
        assert time.monotonic() < deadline and proc.poll() is None, "apply ended before the kill point"
        time.sleep(0.02)  # polling a file the other process writes
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    again = subprocess.run(atctl + ["apply", str(config_file), "--port", port.replace("&latency=0.1", ""), "--json"],
                           capture_output=True, text=True, timeout=120)
    doc = json_module.loads(again.stdout)
    assert again.returncode == 0 and doc["verify"]["ok"], (again.stderr, doc)
    final = subprocess.run(atctl + ["plan", str(config_file), "--port", port.replace("&latency=0.1", ""), "--json"],
                           capture_output=True, text=True, timeout=60)
    assert json_module.loads(final.stdout)["steps"] == []
