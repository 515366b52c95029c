"""Smoke test of the installed `atctl` entry point: every command does its work or says why not.

.ci/run runs this file (and the README's main job) in a venv holding the lowest version of
every runtime dependency pyproject.toml allows. With typer 0.12.5 (once allowed by `typer>=0.12`)
and a current click, every command printed `atctl 0.1.0` and exited 0: apply applied nothing and
verify --json went green. These checks fail on such an install.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = str(ROOT / "examples" / "lte-m-tracker-eu-us.yaml")


def atctl(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "atctl", *args], capture_output=True, text=True, timeout=120,
                          cwd=cwd)


def doc(result: subprocess.CompletedProcess) -> dict:
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        raise AssertionError(f"stdout is not one JSON document:\n{result.stdout}\n{result.stderr}") from None


@pytest.fixture
def port(tmp_path):
    return f"sim://quectel-bg95-m3?network=de-telekom&reg_delay=0.05&nvm={tmp_path}/nvm.json"


def test_verify_before_apply_fails_then_apply_configures_and_verify_passes(port):
    before = atctl("verify", CONFIG, "--port", port, "--json")
    assert before.returncode == 1, before.stdout + before.stderr
    assert doc(before)["ok"] is False
    applied = atctl("apply", CONFIG, "--port", port, "--json")
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert doc(applied)["changed"] is True and doc(applied)["steps"]
    after = atctl("verify", CONFIG, "--port", port, "--json")
    assert after.returncode == 0, after.stdout + after.stderr
    assert doc(after)["ok"] is True


def test_apply_reports_a_network_that_refuses_psm():
    result = atctl("apply", CONFIG, "--port", "sim://quectel-bg95-m3?network=psm-refused&reg_delay=0.05", "--json")
    assert result.returncode == 1, result.stdout + result.stderr
    assert doc(result)["ok"] is False


def test_a_pure_command_computes_its_answer():
    result = atctl("psm", "encode", "--tau", "24h", "--active", "30s", "--json")
    assert result.returncode == 0, result.stderr
    assert doc(result)["command"] == 'AT+CPSMS=1,,,"00111000","00001111"'


def test_bad_input_is_exit_2_not_success():
    result = atctl("send", "AT", "--port", "sim://quectel-bg95-m3", "--baud", "12")
    assert result.returncode == 2
    assert result.stdout == ""


def test_version_only_when_asked():
    result = atctl("--version")
    assert result.returncode == 0 and result.stdout.startswith("atctl ")
    result = atctl("modules", "--json")
    assert "atctl 0." not in result.stdout and doc(result)["modules"]


def test_a_missing_required_option_is_exit_2():
    # typer 0.16/0.17 with click >= 8.3 passed None for a missing required option
    # (`bands check --country DE` then failed inside the command with an internal error)
    result = atctl("bands", "check", "--country", "DE")
    assert result.returncode == 2, result.stderr
    assert "--module" in result.stderr and "internal error" not in result.stderr


def test_choices_and_flags_parse():
    result = atctl("bands", "check", "--module", "quectel-bg95-m3", "--country", "DE", "--rat", "lte-m", "--json")
    assert result.returncode == 0, result.stderr
    assert list(doc(result)["countries"][0]["rats"]) == ["lte-m"]
