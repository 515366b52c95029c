"""Shared test helpers. Area-specific fixtures live in each tests/<area>/conftest.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest_plugins = ["pytester"]

sys.path.insert(0, str(Path(__file__).resolve().parent / "at"))  # scripted.ScriptedPort, for any area's tests


@pytest.fixture(scope="session")
def importer():
    """scripts/import_band_atlas.py as a module (tests/band_atlas_script.py)."""
    from band_atlas_script import importer_module

    return importer_module()


@pytest.fixture(autouse=True)
def _observation_store_in_tmp(tmp_path_factory, monkeypatch):
    """status / apply / verify / diagnose record band observations (atctl.observations): never into the
    real user data folder from a test."""
    monkeypatch.setenv("ATCTL_DATA_DIR", str(tmp_path_factory.mktemp("atctl-data")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.getbasetemp() / "xdg-data"))
    monkeypatch.delenv("ATCTL_OBSERVE_SIMULATOR", raising=False)
    monkeypatch.delenv("ATCTL_NO_OBSERVATIONS", raising=False)


@pytest.fixture
def cli():
    """Run the atctl CLI in-process: cli(*args) -> (exit_code, stdout, stderr)."""
    from atctl.cli import _common
    from atctl.cli.main import app

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        _common._state["json"] = False
        result = runner.invoke(app, list(args), input=input)
        return result.exit_code, result.stdout, result.stderr

    return invoke


@pytest.fixture
def cli_json(cli):
    """Run with --json appended and parse stdout: cli_json(*args) -> (exit_code, document)."""

    def invoke(*args: str):
        code, out, err = cli(*args, "--json")
        try:
            doc = json.loads(out) if out.strip() else None
        except json.JSONDecodeError as exc:  # the contract: stdout is exactly one JSON document
            raise AssertionError(f"stdout is not one JSON document: {exc}\n{out}\n{err}") from None
        return code, doc

    return invoke
