"""Shared test helpers. Area-specific fixtures live in each tests/<area>/conftest.py."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

pytest_plugins = ["pytester"]


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
