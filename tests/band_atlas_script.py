"""scripts/import_band_atlas.py loaded once as a module for every test that drives it (it is a script,
not part of the package). A module of its own, not conftest.py: `from conftest import ...` picks
whichever conftest was imported first."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@functools.lru_cache(maxsize=1)
def importer_module():
    spec = importlib.util.spec_from_file_location("import_band_atlas", ROOT / "scripts" / "import_band_atlas.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
