"""diagnose --log on a live diagnose's own transcript gives the live findings (same codes,
same severities), plus only what a log adds (errors returned, reboots)."""

from __future__ import annotations

import json

import pytest

LOG_ONLY = {"errors-returned", "no-final-result", "reset-requested", "reboot-seen"}
PSM = 'AT+CPSMS=1,,,"00100110","00001010"'   # ask TAU 6 h, active 20 s
EDRX = 'AT+CEDRXS=2,4,"0101"'                # ask 81.92 s on LTE-M


@pytest.mark.parametrize("module, options, setup, expect", [
    ("quectel-bg95-m3", "network=denied", (), "registration-denied"),
    ("quectel-bg95-m3", "network=roaming", (), "roaming"),
    ("quectel-bg95-m3", "network=weak-signal", (), "weak-signal"),
    ("quectel-bg95-m3", "sim=absent", (), "no-sim"),
    ("quectel-bg95-m3", "sim=pin", (), "sim-pin"),
    ("quectel-bg95-m3", "network=psm-refused", (PSM,), "psm-not-granted"),
    ("quectel-bg95-m3", "network=psm-clamp", (PSM,), "psm-granted-differs"),
    ("quectel-bg95-m3", "network=edrx-refused", (EDRX,), "edrx-not-granted"),
    ("ublox-sara-r410m-02b", "network=psm-refused", (PSM,), "psm-not-granted"),
    ("ublox-sara-r510s", "network=denied", (), "registration-denied"),
])
def test_log_findings_match_live(cli, tmp_path, module, options, setup, expect):
    url = f"sim://{module}?{options}&reg_delay=0&nvm={tmp_path}/nvm.json"
    if setup:
        code, out, err = cli("send", "--port", url, *setup)
        assert code == 0, err
    transcript = tmp_path / "diag.jsonl"
    code_live, out, _ = cli("diagnose", "--port", url, "--wait", "2", "--transcript", str(transcript), "--json")
    live = json.loads(out)
    code_log, out, _ = cli("diagnose", "--log", str(transcript), "--json")
    from_log = json.loads(out)
    live_codes = [(f["severity"], f["code"]) for f in live["findings"]]
    log_codes = [(f["severity"], f["code"]) for f in from_log["findings"] if f["code"] not in LOG_ONLY]
    assert expect in {code for _, code in live_codes}
    assert log_codes == live_codes
    assert code_log == code_live
    assert from_log["source"] == "log"
