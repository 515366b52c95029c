"""What the profile tests share: a module's apply-then-verify round trip on the simulator, through the CLI."""

from __future__ import annotations

import pytest


@pytest.fixture
def applies_and_verifies(cli_json, tmp_path):
    """applies_and_verifies(module_id, rat, country, network) -> the apply document, after asserting that
    `atctl apply` then `atctl verify` both pass on sim://module_id with a one-RAT `bands: auto` config."""

    def run(module_id: str, rat: str, country: str, network: str) -> dict:
        config = tmp_path / "small.yaml"
        config.write_text(f"module: {module_id}\ncountries: [{country}]\nrat: [{rat}]\nbands: auto\napn: iot.example\n")
        port = f"sim://{module_id}?network={network}&reg_delay=0.05&nvm={tmp_path}/nvm.json"
        code, doc = cli_json("apply", str(config), "--port", port)
        assert code == 0 and doc["verify"]["ok"] is True, doc
        code, verified = cli_json("verify", str(config), "--port", port)
        assert code == 0 and verified["ok"] is True, verified
        return doc

    return run
