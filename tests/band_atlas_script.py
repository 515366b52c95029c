"""scripts/import_band_atlas.py and scripts/data_report.py, loaded once as modules for every test
that drives them (they are scripts, not part of the package). A module of its own, not conftest.py:
`from conftest import ...` picks whichever conftest was imported first."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@functools.lru_cache(maxsize=None)
def script_module(name: str):
    """scripts/<name>.py as a module, loaded once."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def importer_module():
    return script_module("import_band_atlas")
