"""atctl.diagnose.run as a library (issue #14: the CLI holds no logic a library user could not call):
a live run on the simulator and a run from a real serial log, each with the CLI's exit policy."""

import json
import zipfile
from pathlib import Path

import pytest

from atctl.diagnose.run import DiagnoseRequest, LogDiagnoseRequest, exit_code_for, run_diagnosis, run_log_diagnosis
from atctl.errors import InputError

LOGS = Path(__file__).parent.parent / "fixtures" / "logs"


def test_live_run_returns_the_report_and_exit_code(tmp_path):
    diagnosis = run_diagnosis(DiagnoseRequest(port="sim://quectel-bg95-m3?reg_delay=0", out=str(tmp_path / "b.zip"),
                                              wait_s=5))
    assert diagnosis.report["summary"]["severity"] == "ok" and diagnosis.exit_code == 0
    assert diagnosis.bundle.path == str(tmp_path / "b.zip") and diagnosis.warnings == []


def test_log_run_reads_the_log_and_bundles_it(tmp_path):
    # bg770-zephyr-modem-chat.log: a Zephyr modem_chat log of a roaming BG770 (tests/fixtures/logs/SOURCES.md)
    out = tmp_path / "bundle.zip"
    diagnosis = run_log_diagnosis(LogDiagnoseRequest(log=str(LOGS / "bg770-zephyr-modem-chat.log"), out=str(out)))
    assert diagnosis.report["source"] == "log" and diagnosis.report["summary"]["severity"] == "major"
    assert "roaming" in {f["code"] for f in diagnosis.report["findings"]}
    assert diagnosis.exit_code == 1  # a major finding
    with zipfile.ZipFile(out) as z:
        assert json.loads(z.read("report.json"))["source"] == "log"


def test_log_run_refuses_to_overwrite_the_log_itself(tmp_path):
    log = tmp_path / "serial.log"
    log.write_text("AT\r\nOK\r\n")
    with pytest.raises(InputError, match="is the log itself"):
        run_log_diagnosis(LogDiagnoseRequest(log=str(log), out=str(log)))


def test_exit_policy():
    assert exit_code_for(False, {"summary": {"severity": "ok"}}) == 3
    assert exit_code_for(True, {"summary": {"severity": "major"}}) == 1
    assert exit_code_for(True, {"summary": {"severity": "minor"}}) == 0
