"""`atctl power estimate` through the CLI: JSON contract, human output, compare, config, bad input."""

from __future__ import annotations

import pytest

BASE = ("power", "estimate", "--module", "quectel-bg96", "--rat", "lte-m", "--uplink", "200B", "--every", "1h")


def test_estimate_json_contract(cli_json):
    code, doc = cli_json(*BASE, "--tau", "24h", "--active", "30s", "--battery", "2xAA")
    assert code == 0
    assert set(doc["breakdown_uah_per_day"]) == {"sleep", "paging", "tau", "data"}
    assert doc["average_current_ua"] == pytest.approx(sum(doc["breakdown_uah_per_day"].values()) / 24, rel=1e-3)
    assert doc["battery_life_days"] > 0 and doc["assumptions"] and doc["sources"]
    assert all({"source", "verified", "as_of"} <= set(s) for s in doc["sources"])
    assert doc["scenario"]["tau_s"] == 86400 and doc["scenario"]["active_s"] == 30


def test_estimate_human_has_table_timeline_derating(cli):
    code, out, err = cli(*BASE, "--tau", "24h", "--active", "30s")
    assert code == 0, err
    assert "where the charge goes" in out and "battery life" in out and "derating" in out
    assert "PSM" in out and "connect+TX" in out and "┤" in out
    assert "no battery given: 2xAA assumed" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_timer_rounding_is_reported(cli_json):
    code, doc = cli_json(*BASE, "--tau", "33h", "--active", "63s")
    assert code == 0
    assert doc["scenario"]["tau_s"] == 144000 and doc["scenario"]["active_s"] == 120
    assert any("rounded up" in w for w in doc["warnings"])


def test_family_default_is_named(cli_json):
    code, doc = cli_json("power", "estimate", "--module", "quectel-bg95-m1", "--tau", "24h", "--active", "30s",
                         "--per-day", "12")
    assert code == 0
    assert doc["family_default"] == "quectel-lpwa-family-default"
    assert "family default" in doc["warnings"][0]


def test_compare_cases(cli_json, cli):
    args = (*BASE, "--compare", "name=requested,tau=24h,active=30s", "--compare", "name=granted,tau=2h,active=30s",
            "--compare", "name=no psm,psm=off,edrx=81.92s")
    code, doc = cli_json(*args)
    assert code == 0
    names = [c["name"] for c in doc["cases"]]
    assert names == ["requested", "granted", "no psm"]
    life = {c["name"]: c["battery_life_days"] for c in doc["cases"]}
    assert life["requested"] >= life["granted"] > life["no psm"]
    code, out, _ = cli(*args)
    assert code == 0 and "side by side" in out and "granted" in out


def test_config_feeds_estimate(cli_json, tmp_path):
    cfg = tmp_path / "dev.yaml"
    cfg.write_text("module: ublox-sara-r510s\ncountries: [DE]\nrat: [lte-m]\npsm: {tau: 24h, active: 30s}\n"
                   "traffic: {uplink: 100B, per_day: 12}\nbattery: ER14505\n")
    code, doc = cli_json("power", "estimate", "--config", str(cfg))
    assert code == 0
    assert doc["module"] == "ublox-sara-r510s" and doc["battery"]["name"] == "ER14505"
    assert doc["scenario"]["uplinks_per_day"] == 12


@pytest.mark.parametrize("args, words", [
    (("--tau", "24h"), "PSM needs both"),
    (("--tau", "24h", "--active", "30s", "--battery", "9V"), "not a known preset"),
    (("--tau", "abc", "--active", "30s"), "not a duration"),
    (("--no-psm", "--tau", "24h"), "cannot be combined"),
    (("--tau", "24h", "--active", "30s", "--signal", "great"), "signal"),
    (("--tau", "24h", "--active", "30s", "--compare", "tau=1h"), "two or more"),
    (("--tau", "24h", "--active", "30s", "--rat", "gsm"), "covers PSM/eDRX on lte-m and nb-iot"),
    (("--tau", "24h", "--active", "30s", "--uplink", "2 parsecs"), "not a size"),
    (("--tau", "24h", "--active", "30s", "--compare", "bogus=1", "--compare", "tau=1h"), "key=value"),
])
def test_bad_input_exit_2_one_line(cli, args, words):
    code, out, err = cli(*BASE, *args)
    assert code == 2
    assert words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_module_without_lpwa_is_refused(cli):
    code, _, err = cli("power", "estimate", "--module", "quectel-eg25-g", "--no-psm")
    assert code == 2 and "does not support" in err or "LTE-M" in err


def test_rat_the_module_lacks(cli):
    code, _, err = cli("power", "estimate", "--module", "quectel-bc660k-gl", "--rat", "lte-m", "--no-psm")
    assert code == 2 and "does not support lte-m" in err


def _lpwa_modules():
    from atctl.profiles.loader import all_profiles

    return sorted((pid, rat) for pid, p in all_profiles().items() for rat in p.rats if rat in ("lte-m", "nb-iot"))


@pytest.mark.parametrize("module, rat", _lpwa_modules())
def test_every_lpwa_module_has_an_estimate(cli_json, module, rat):
    """Sourced figures, or a family default that every answer names."""
    code, doc = cli_json("power", "estimate", "--module", module, "--rat", rat, "--tau", "12h", "--active", "10s",
                         "--uplink", "100B", "--per-day", "4")
    assert code == 0 and doc["battery_life_days"] > 0
    assert doc["sources"] and all(s["source"] for s in doc["sources"])
    if doc["family_default"]:
        assert "family default" in doc["warnings"][0]
