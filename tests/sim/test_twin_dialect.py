"""A dialect registered under a new name with identical behaviour works in the simulator
without touching atctl/sim (issue #14): which commands a simulated module has comes from
its profile's facts, never from the host's dialect names.

Before the simulator split this failed: the simulator keyed its commands on
`profile.dialect`, so a u-blox twin answered `AT+UMNOPROF=100` with ERROR and a Quectel
twin lost AT+QCFG, AT+QPTWEDRXS and the boot banner.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]

# module -> (example config, network scenario): one module per dialect, as tests/test_fault_matrix.py
FAMILIES = {
    "quectel-bg95-m3": ("examples/lte-m-tracker-eu-us.yaml", "de-telekom"),
    "quectel-eg25-g": ("examples/eg25-gateway.yaml", "us-att"),
    "quectel-bc660k-gl": ("examples/nbiot-meter-nl.yaml", "nl-kpn"),
    "ublox-sara-r410m-02b": ("examples/ublox-sara-r4-tracker.yaml", "de-telekom"),
    "ublox-sara-r510s": ("examples/ublox-sara-r4-tracker.yaml", "de-telekom"),
    "ublox-lara-r6001": ("examples/lara-r6-gateway.yaml", "de-telekom"),
    "ublox-sara-u201": ("examples/sara-u201-legacy-de.yaml", "de-telekom"),
}


def _twin_profile(module: str, folder: Path) -> tuple[str, str, str]:
    """Write a copy of the shipped profile under a new id, a new dialect name and a model name of
    its own (so identification cannot confuse it with the original); (twin id, twin dialect, dialect)."""
    doc = yaml.safe_load((ROOT / "modem_profiles" / f"{module}.yaml").read_text(encoding="utf-8"))
    dialect = doc["dialect"]
    twin_model = doc["identity"]["model"].replace("_", "") + "TWIN"
    doc.update(id=f"{module}-twin", dialect=f"{dialect}-twin")
    doc["identity"].update(model=twin_model, match=[rf"\b{twin_model}\b"], ati=None, usb=[])
    (folder / f"{doc['id']}.yaml").write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return doc["id"], doc["dialect"], dialect


def _twin_config(module: str, twin_id: str, folder: Path) -> Path:
    text = (ROOT / FAMILIES[module][0]).read_text(encoding="utf-8")
    text = re.sub(r"^module:.*$", f"module: {twin_id}", text, count=1, flags=re.M)
    if "r410" not in module:  # as the fault matrix: UMNOPROF is a SARA-R4 config item
        text = re.sub(r"^mno_profile:.*\n", "", text, flags=re.M)
    path = folder / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("module", FAMILIES)
def test_a_twin_dialect_applies_and_verifies_on_the_simulator(module, tmp_path, monkeypatch, cli_json):
    from atctl import dialects

    profiles = tmp_path / "profiles"
    profiles.mkdir()
    twin_id, twin_dialect, dialect = _twin_profile(module, profiles)
    # the twin is the original's class under a new name (looked up by the entry, not the class name)
    monkeypatch.setitem(dialects._DIALECTS, twin_dialect, dialects._DIALECTS[dialect])
    monkeypatch.setenv("ATCTL_PROFILES", str(profiles))  # the host and the sim:// port read it
    config = _twin_config(module, twin_id, tmp_path)
    port = f"sim://{twin_id}?network={FAMILIES[module][1]}&reg_delay=0.02&nvm={tmp_path / 'nvm.json'}"

    code, doc = cli_json("apply", str(config), "--port", port, "--no-observations")
    assert code == 0 and doc["ok"] is True, doc.get("error", doc)
    code, doc = cli_json("verify", str(config), "--port", port, "--no-observations")
    assert code == 0, doc
    assert all(check["ok"] for check in doc["checks"]), doc
