"""The layer order of ARCHITECTURE.md is a checked contract (.importlinter, run by import-linter).

The second test proves the check can fail: a copy of the package with one upward import added
(the pure codecs importing the CLI, the engine importing the simulator) must break a contract.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
        "sys.exit(lint_imports_command())"]


def _lint(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    import importlinter  # noqa: F401  a test dependency (pyproject's test extra): missing must fail, not skip

    env = {"PYTHONPATH": str(pythonpath), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    return subprocess.run(LINT + ["--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_the_package_keeps_every_layer_contract():
    result = _lint(ROOT, ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert re.search(r"\b0 broken", result.stdout), result.stdout[-2000:]


@pytest.mark.parametrize("module, upward", [
    ("codecs/__init__.py", "import atctl.cli.main"),          # a pure layer reaching the CLI
    ("at/session.py", "import atctl.sim.protocol_sim"),        # the engine reaching the simulator
    ("bands/coverage.py", "import atctl.observations"),        # a pure layer reaching the store
    ("sim/modem.py", "import atctl.dialects"),                 # the simulator reaching host knowledge
    ("profiles/loader.py", "import atctl.data"),               # a lower layer reaching one above it
])
def test_an_upward_import_breaks_the_build(tmp_path, module, upward):
    shutil.copytree(ROOT / "atctl", tmp_path / "atctl", ignore=shutil.ignore_patterns("__pycache__", "*.json"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    target = tmp_path / "atctl" / module
    target.write_text(target.read_text() + f"\n{upward}  # added by the test\n")
    result = _lint(tmp_path, tmp_path)
    assert result.returncode != 0, result.stdout[-2000:]
    assert "BROKEN" in result.stdout
