"""The root command's contract: no exit 0 without the work, usage errors as one line / exit 2."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_old_typer_is_refused_instead_of_a_silent_success(cli, monkeypatch):
    # typer 0.12.5 + click >= 8.2 handed the --version callback the string 'False': every
    # command printed the version and exited 0
    import typer

    monkeypatch.setattr(typer, "__version__", "0.12.5")
    code, out, err = cli("psm", "encode", "--tau", "24h", "--active", "30s")
    assert code == 1
    assert "atctl 0." not in out
    from atctl.cli.main import TYPER_FLOOR

    assert "typer 0.12.5 is too old" in err and f"typer>={TYPER_FLOOR[0]}.{TYPER_FLOOR[1]}" in err


def test_version_callback_fires_only_for_the_flag_itself():
    import typer

    from atctl.cli.main import _show_version

    _show_version(False)
    _show_version("False")  # what typer < 0.16 passed with click >= 8.2
    with pytest.raises(typer.Exit):
        _show_version(True)


def test_json_callback_ignores_an_unconverted_default():
    from atctl.cli import _common

    _common.reset_state()
    _common._set_json("False")
    assert _common.json_mode() is False


def test_declared_floors_match_the_runtime_check():
    from atctl.cli.main import TYPER_FLOOR

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    typer_dep = next(d for d in deps if d.startswith("typer"))
    floor = re.search(r">=([\d.]+)", typer_dep).group(1)
    assert tuple(int(x) for x in floor.split(".")[:2]) == TYPER_FLOOR
    for dep in deps:  # every runtime dependency declares a floor (.ci/run installs exactly those)
        assert ">=" in dep, dep


def test_unknown_option_is_one_line_exit_2(cli):
    code, out, err = cli("send", "AT", "--port", "sim://quectel-bg95-m3", "--frob")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("atctl: error: ")
    assert "--frob" in err and "atctl send --help" in err
    assert "╭" not in err


def test_usage_error_with_json_is_a_json_document(cli):
    code, out, err = cli("send", "AT", "--port", "sim://quectel-bg95-m3", "--frob", "--json")
    assert code == 2
    assert json.loads(out)["error"]["exit_code"] == 2
    assert err.count("\n") == 1


def test_missing_argument_is_one_line(cli):
    code, _, err = cli("bands", "check", "--country", "DE")
    assert code == 2
    assert err.count("\n") == 1 and "--module" in err


@pytest.mark.parametrize("baud", ["0", "12", "-9600"])
def test_baud_must_be_a_standard_rate(cli, baud):
    code, _, err = cli("send", "AT", "--port", "sim://quectel-bg95-m3", "--baud", baud)
    assert code == 2
    assert err.count("\n") == 1 and "115200" in err and "921600" in err


def test_standard_baud_is_accepted(cli):
    code, _, err = cli("send", "AT", "--port", "sim://quectel-bg95-m3", "--baud", "921600")
    assert code == 0, err


@pytest.mark.parametrize("option,value", [("--wait-urcs", "-1"), ("--timeout", "-2"), ("--timeout", "0")])
def test_negative_waits_are_refused(cli, option, value):
    code, _, err = cli("send", "AT", "--port", "sim://quectel-bg95-m3", option, value)
    assert code == 2
    assert err.count("\n") == 1 and option in err and ("seconds" in err or "duration" in err)


@pytest.mark.parametrize("args", ["countries", "countries DE", "modules", "psm values"])
def test_broken_pipe_is_success(args):
    # before: `atctl countries | head -1` exited 1 (rich's own broken-pipe handler)
    import subprocess
    import sys

    status = subprocess.run(["bash", "-c", f"set -o pipefail; '{sys.executable}' -m atctl {args} | head -1 >/dev/null"],
                            capture_output=True, text=True, env={"COLUMNS": "80", "PATH": "/usr/bin:/bin"})
    assert status.returncode == 0, status.stderr
    assert "Traceback" not in status.stderr and "error" not in status.stderr.lower()


@pytest.mark.parametrize("args,path", [
    (["send", "AT", "--timeout"], "atctl send --help"),
    (["bands", "check", "-m", "quectel-bg95-m3", "--country"], "atctl bands check --help"),
    (["bands", "frob"], "atctl bands --help"),
    (["frob"], "atctl --help"),
])
def test_usage_error_points_at_the_help_of_the_command_typed(cli, args, path):
    code, _, err = cli(*args)
    assert code == 2 and err.count("\n") == 1
    assert err.rstrip().endswith(f"see `{path}`"), err
