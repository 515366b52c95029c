"""Observations end to end: recorded by a simulated `atctl status` / apply / verify / diagnose (store in a tmp
dir via ATCTL_DATA_DIR, simulator recording allowed by ATCTL_OBSERVE_SIMULATOR), shown by `countries --json`
and `bands check`, exported, and merged by the importer into the shipped data format."""

from pathlib import Path

import pytest
import yaml

from atctl import observations as obs

ROOT = Path(__file__).resolve().parents[2]
SIM = "sim://quectel-bg95-m3?reg_delay=0.05"


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("ATCTL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ATCTL_OBSERVE_SIMULATOR", "1")
    return tmp_path / "data" / "observations.json"


def telekom(doc, rat="lte-m"):
    op = next(o for o in doc["countries"][0]["operators"] if "26201" in o["mcc_mnc"])
    return op["rats"][rat]


def test_status_records_and_countries_shows_it_export_and_merge(cli_json, store, tmp_path):
    code, status = cli_json("status", "--port", SIM, "--timeout", "5s")
    assert code == 0 and status["registration"]["stat"] == 1
    seen_band = status["band"]
    assert status["operator"]["mcc_mnc"] == "26201" and status["rat"] == "lte-m" and seen_band

    code, doc = cli_json("countries", "DE")
    assert code == 0
    observed = telekom(doc)["observed"]
    assert [o["band"] for o in observed] == [seen_band] and observed[0]["count"] == 1
    assert observed[0]["first_seen"] == observed[0]["last_seen"]
    assert telekom(doc)["evidence"][str(seen_band)] == "observed"
    assert "observed" not in telekom(doc, "lte")  # nothing seen on LTE: the key is absent

    code, _ = cli_json("status", "--port", SIM, "--timeout", "5s")
    code, doc = cli_json("countries", "DE")
    assert telekom(doc)["observed"][0]["count"] == 2

    code, checked = cli_json("bands", "check", "--module", "quectel-bg95-m3", "--country", "DE", "--rat", "lte-m")
    op = next(o for o in checked["countries"][0]["rats"]["lte-m"]["operators"] if "26201" in o["mcc_mnc"])
    assert op["observed"][0]["band"] == seen_band and op["evidence"][str(seen_band)] == "observed"

    export = tmp_path / "contrib.yaml"
    code, doc = cli_json("data", "export-observations", "-o", str(export))
    assert code == 0 and doc["observations"] == 1
    exported = yaml.safe_load(export.read_text())
    assert set(exported) == {"format", "kind", "exported", "about", "observations"}
    assert set(exported["observations"][0]) == {"mcc_mnc", "rat", "band", "count", "first_seen", "last_seen"}

    from band_atlas_script import importer_module

    importer = importer_module()
    fixture = ROOT / "tests" / "data" / "fixtures" / "band-atlas-data"
    overlay = tmp_path / "overlay"  # the real overlay, curated facts cut to the fixture's operators
    overlay.mkdir()
    real = ROOT / "scripts" / "band_atlas_overlay"
    for name in ("plmn.yaml", "iot_operators.yaml"):
        (overlay / name).write_text((real / name).read_text(encoding="utf-8"), encoding="utf-8")
    curated = yaml.safe_load((real / "curated.yaml").read_text(encoding="utf-8"))
    curated.update(facts={}, corroborate={}, no_gsm_countries={})
    (overlay / "curated.yaml").write_text(yaml.safe_dump(curated, allow_unicode=True), encoding="utf-8")
    merged = importer.Importer(fixture, "2026-10-02", overlay, observations=[export]).run()
    fact = next(o for o in merged["countries"]["DE"]["operators"] if "26201" in o["mcc_mnc"])["rats"]["lte-m"]
    assert "obs:contrib" in fact["sources"] and seen_band in fact["bands"]
    source = merged["sources"]["obs:contrib"]
    assert source["grade"] == "C" and "2 registrations" in source["name"]


def test_no_observations_flag_and_env(cli_json, store, monkeypatch):
    assert cli_json("status", "--port", SIM, "--timeout", "5s", "--no-observations")[0] == 0
    assert not store.exists()
    monkeypatch.setenv("ATCTL_NO_OBSERVATIONS", "1")
    assert cli_json("status", "--port", SIM, "--timeout", "5s")[0] == 0
    assert not store.exists()


def test_simulated_ports_are_not_recorded_by_default(cli_json, store, monkeypatch):
    monkeypatch.delenv("ATCTL_OBSERVE_SIMULATOR")
    assert cli_json("status", "--port", SIM, "--timeout", "5s")[0] == 0
    assert not store.exists()  # CI on sim:// never fills a contribution with simulated networks


def test_apply_verify_and_diagnose_record_once_each(cli_json, store, tmp_path):
    cfg = tmp_path / "c.yaml"
    cfg.write_text("module: quectel-bg95-m3\ncountries: [NL]\nrat: [lte-m]\nbands: auto\napn: iot.example\n")
    port = f"sim://quectel-bg95-m3?network=nl-kpn&reg_delay=0.05&nvm={tmp_path}/nvm.json"
    assert cli_json("apply", str(cfg), "--port", port)[0] == 0
    assert cli_json("verify", str(cfg), "--port", port)[0] == 0
    assert cli_json("verify", str(cfg), "--port", port, "--no-observations")[0] == 0
    code, _ = cli_json("diagnose", "--port", port, "--config", str(cfg), "--out", str(tmp_path / "b.zip"))
    assert code in (0, 1)
    (record,) = obs.load(store)
    assert record["mcc_mnc"] == "20408" and record["rat"] == "lte-m"
    assert record["count"] == 3  # apply, verify, diagnose (its verify checks do not count the same read twice)


def test_derived_band_that_was_observed_is_reported_as_observed(cli_json, store):
    # O2 Germany NB-IoT is derived in the shipped data (bands 8, 20, 28: no source states them)
    code, before = cli_json("bands", "check", "--module", "quectel-bg95-m3", "--country", "DE", "--rat", "nb-iot")
    o2 = next(o for o in before["countries"][0]["rats"]["nb-iot"]["operators"] if "26203" in o["mcc_mnc"])
    assert o2["derived"] is True and o2["network_bands"] == [8, 20, 28]
    assert "O2" in " ".join(before["countries"][0]["rats"]["nb-iot"]["warnings"])

    obs.record("26203", "nb-iot", 20, "2026-11-20")
    code, partly = cli_json("bands", "check", "--module", "quectel-bg95-m3", "--country", "DE", "--rat", "nb-iot")
    o2 = next(o for o in partly["countries"][0]["rats"]["nb-iot"]["operators"] if "26203" in o["mcc_mnc"])
    assert o2["evidence"] == {"8": "derived", "20": "observed", "28": "derived"}
    for band in (8, 28):
        obs.record("26207", "nb-iot", band, "2026-11-21")   # O2's second MCC-MNC counts for the same operator
    code, after = cli_json("bands", "check", "--module", "quectel-bg95-m3", "--country", "DE", "--rat", "nb-iot")
    rat = after["countries"][0]["rats"]["nb-iot"]
    o2 = next(o for o in rat["operators"] if "26203" in o["mcc_mnc"])
    assert set(o2["evidence"].values()) == {"observed"}
    assert not any("O2" in w and "derived" in w for w in rat["warnings"])
    code, doc = cli_json("countries", "DE")
    o2_fact = next(o for o in doc["countries"][0]["operators"] if "26203" in o["mcc_mnc"])["rats"]["nb-iot"]
    assert o2_fact["derived"] is True and set(o2_fact["evidence"].values()) == {"observed"}


def test_a_band_seen_that_the_data_lacks_is_noted(cli, store):
    obs.record("26201", "lte-m", 28, "2026-11-20")
    code, out, _ = cli("bands", "check", "--module", "quectel-bg95-m3", "--country", "DE", "--rat", "lte-m")
    assert "28 seen on your devices, not in the shipped data" in " ".join(out.split())
    code, out, _ = cli("countries", "DE")
    assert "(seen 28)" in out


def test_damaged_store_does_not_break_countries(cli, cli_json, store):
    store.parent.mkdir(parents=True)
    store.write_text("{broken")
    code, doc = cli_json("countries", "DE")
    assert code == 0 and "not valid JSON" in doc["warnings"][0]
    code, out, err = cli("bands", "check", "--module", "quectel-bg95-m3", "--country", "DE")
    assert code == 0 and "not valid JSON" in " ".join(err.split()) and "Traceback" not in err  # a warning
    code, _, err = cli("data", "observations")
    assert code == 2 and "observations.json" in err and "not valid JSON" in err and "Traceback" not in err
    assert store.read_text() == "{broken"
