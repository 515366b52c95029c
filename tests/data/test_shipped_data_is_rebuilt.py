"""The shipped countries.json is exactly what the importer builds from the kept Band Atlas copy
(scripts/band_atlas_snapshot/) and the overlay: an overlay edit without a rebuild fails here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_countries_json_is_the_importers_output(tmp_path):
    out = tmp_path / "countries.json"
    snapshot = ROOT / "scripts" / "band_atlas_snapshot"
    done = subprocess.run(["sh", str(snapshot / "regen.sh"), "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "PYTHON": sys.executable})
    assert done.returncode == 0, done.stderr
    shipped = (ROOT / "atctl" / "data" / "countries.json").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == shipped, (
        "atctl/data/countries.json is out of date: run scripts/band_atlas_snapshot/regen.sh")
