"""Requested vs granted battery life on the simulator's PSM scenarios (apply / verify / status / plan)."""

from __future__ import annotations

import pytest

CONFIG = """module: quectel-bg95-m3
countries: [DE]
rat: [lte-m]
psm: {tau: 24h, active: 30s}
traffic: {uplink: 200B, per_day: 2}
battery: {preset: 2xAA, life_target: 3y}
"""


@pytest.fixture
def cfg(tmp_path):
    path = tmp_path / "tracker.yaml"
    path.write_text(CONFIG)
    return str(path)


def port(scenario: str) -> str:
    return f"sim://quectel-bg95-m3?network={scenario}"


def test_apply_psm_clamp_costs_battery(cli_json, cli, cfg):
    code, doc = cli_json("apply", cfg, "--port", port("psm-clamp"))
    b = doc["battery"]
    assert b["requested"]["tau_s"] == 86400 and b["granted"]["psm"] is True
    assert b["granted"]["tau_s"] < b["requested"]["tau_s"]
    assert b["granted_life_days"] < b["requested_life_days"]
    assert "instead of 1 d" in b["text"] and "estimated battery life" in b["text"]
    assert "family default" in b["text"]  # BG95-M3 has no sourced figures: every answer says so
    code, out, _ = cli("apply", cfg, "--port", port("psm-clamp"))
    assert "battery:" in out and "instead of" in out


def test_apply_psm_refused(cli_json, cfg):
    _, doc = cli_json("apply", cfg, "--port", port("psm-refused"))
    b = doc["battery"]
    assert b["granted"]["psm"] is False
    assert b["granted_life_days"] < b["requested_life_days"] / 10
    assert b["text"].startswith("the network granted no PSM")


def test_apply_psm_round(cli_json, cfg):
    _, doc = cli_json("apply", cfg, "--port", port("psm-round"))
    b = doc["battery"]
    assert b["granted"]["psm"] is True and b["granted_life_days"] is not None
    assert b["granted"] != b["requested"]


def test_verify_fresh_module_says_it_does_not_request(cli_json, cfg):
    code, doc = cli_json("verify", cfg, "--port", port("psm-clamp"))
    assert code == 1
    assert doc["battery"]["text"].startswith("the module does not request PSM")


def test_status_with_config(cli_json, cfg):
    code, doc = cli_json("status", "--config", cfg, "--timeout", "20s", "--port", port("psm-clamp"))
    assert code == 0
    assert set(doc["battery"]) >= {"requested_life_days", "granted_life_days"}


def test_status_without_config_has_no_battery(cli_json):
    _, doc = cli_json("status", "--port", port("psm-clamp"))
    assert "battery" not in doc


def test_plan_suggests_timers(cli_json, cli, cfg):
    _, doc = cli_json("plan", cfg, "--port", port("psm-clamp"))
    adv = doc["battery"]["advice"]
    assert adv["reachable"] and adv["min_tau_s"] is not None and adv["max_active_s"] is not None
    from atctl.timers.psm import representable

    assert adv["min_tau_s"] in {s for _, s in representable("tau")}
    assert adv["max_active_s"] in {s for _, s in representable("active")}
    code, out, _ = cli("plan", cfg, "--port", port("psm-clamp"))
    assert "to reach 3 years on 2xAA with 2 uplinks a day, request TAU >=" in " ".join(out.split())


def test_plan_unreachable_target_says_why(cli_json, cfg, tmp_path):
    path = tmp_path / "greedy.yaml"
    path.write_text(CONFIG.replace("per_day: 2", "per_day: 96").replace("3y", "20y"))
    _, doc = cli_json("plan", str(path), "--port", port("psm-clamp"))
    assert doc["battery"]["advice"]["reachable"] is False
    assert "not possible" in doc["battery"]["text"]


def test_bad_traffic_section_exit_2(cli, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(CONFIG.replace("uplink: 200B", "uplink: lots"))
    code, _, err = cli("verify", str(path), "--port", port("psm-clamp"))
    assert code == 2 and "not a size" in err


def test_diagnose_finds_a_grant_that_costs_battery_life(cli_json, cfg):
    """issue 17: diagnose with a config that has traffic and battery raises a finding when the
    network's grant costs more than GRANT_COST_SHARE of the requested battery life."""
    from atctl.diagnose.findings import GRANT_COST_SHARE

    nvm = f"{cfg}.nvm.json"
    cli_json("apply", cfg, "--port", port("psm-clamp") + f"&nvm={nvm}")
    _, doc = cli_json("diagnose", "--port", port("psm-clamp") + f"&nvm={nvm}", "--config", cfg, "--wait", "5")
    b = doc["facts"]["battery"]
    assert b["granted_life_days"] < (1 - GRANT_COST_SHARE) * b["requested_life_days"]
    found = [f for f in doc["findings"] if f["code"] == "battery-grant"]
    assert found and found[0]["severity"] in ("major", "minor"), doc["findings"]
    assert "instead of" in found[0]["detail"] and "atctl plan" in found[0]["next_step"]
    # granted as requested: no such finding
    cli_json("apply", cfg, "--port", port("de-telekom") + f"&nvm={nvm}.2")
    _, doc = cli_json("diagnose", "--port", port("de-telekom") + f"&nvm={nvm}.2", "--config", cfg, "--wait", "5")
    assert not [f for f in doc["findings"] if f["code"] == "battery-grant"]
