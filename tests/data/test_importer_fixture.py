"""scripts/import_band_atlas.py on an excerpt of the real Band Atlas tables (tests/data/fixtures/).

Every table the importer reads is there (networks, network_bands, sources, iot_networks,
sunset), with rows copied from upstream (see the fixture README for the few rebuilt ones).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "band-atlas-data"



@pytest.fixture(scope="module")
def overlay(importer, tmp_path_factory) -> Path:
    """The real plmn.yaml and iot_operators.yaml; curated facts (all files merged) only for operators in the excerpt."""
    d = tmp_path_factory.mktemp("overlay")
    real = ROOT / "scripts" / "band_atlas_overlay"
    for name in ("plmn.yaml", "iot_operators.yaml"):
        (d / name).write_text((real / name).read_text(encoding="utf-8"), encoding="utf-8")
    curated = importer.load_curated(real)
    keep = {"att", "verizon", "vodafone-de", "telekom-de"}
    curated["facts"] = {k: v for k, v in curated["facts"].items() if k in keep}
    curated["corroborate"] = {k: v for k, v in curated["corroborate"].items() if k in keep}
    curated["names"] = {k: v for k, v in curated["names"].items() if k in keep | set(curated["operators"])}
    curated["no_gsm_countries"] = {}
    (d / "curated.yaml").write_text(yaml.safe_dump(curated, allow_unicode=True), encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def result(importer, overlay, tmp_path_factory, capsys_module=None):
    out = tmp_path_factory.mktemp("out") / "countries.json"
    code = importer.main([str(FIXTURE), "--out", str(out), "--overlay", str(overlay),
                          "--commit", "027adc45a64261df7570504fcc9292bbfec65031", "--commit-date", "2026-10-02"])
    assert code == 0
    return json.loads(out.read_text(encoding="utf-8"))


def op(doc, cc, op_id):
    return next(o for o in doc["countries"][cc]["operators"] if o["id"] == op_id)


def test_header_records_upstream_commit_and_date(result):
    ds = result["dataset"]
    assert ds["commit"] == "027adc45a64261df7570504fcc9292bbfec65031" and ds["date"] == "2026-10-02"
    assert ds["source"] == "https://github.com/365724-ctrl/band-atlas-data" and ds["as_of"] == "2026-10-02"


def test_iot_networks_adds_services_networks_csv_lacks(result):
    # networks.csv: Magenta lte_m/nb_iot "unlisted"; iot_networks.csv: "Deutsche Telekom" in AT is commercial.
    m = op(result, "AT", "at-magenta")["rats"]
    assert m["lte-m"]["status"] == "live" and m["lte-m"]["derived"] and m["lte-m"]["bands"] == [3, 20]
    assert m["nb-iot"]["status"] == "live" and m["nb-iot"]["bands"] == [20]
    assert "iot_networks.csv" in m["lte-m"]["note"] and "ba:gsma-iot" in m["lte-m"]["sources"]


def test_iot_networks_shutdown_and_unmatched(importer, overlay, tmp_path):
    imp = importer.Importer(FIXTURE, "2026-10-02", overlay)
    doc = imp.run()
    assert any("U.S. Cellular" in u for u in imp.unmatched)  # no networks.csv row: reported, not guessed
    nb = op(doc, "US", "att")["rats"]["nb-iot"]
    assert nb["status"] == "shut-down" and nb["shutdown"] == "2025-03"


def test_sunset_rows_refine_dates_and_keep_residual_service(result):
    vf = op(result, "DE", "vodafone-de")["rats"]["gsm"]
    assert vf["status"] == "announced-shutdown" and vf["shutdown"] == "2028-09"
    assert "residual network for industrial IoT" in vf["note"] and "2030-12" in vf["note"]
    assert op(result, "DE", "telekom-de")["rats"]["umts"]["shutdown"] == "2021-06-30"


def test_sunset_regional_and_cdma_rows_do_not_change_national_status(result):
    cu = op(result, "CN", "china-unicom")["rats"]["umts"]
    assert cu["status"] == "announced-shutdown" and "Zhejiang" in cu["note"]
    us_notes = " ".join(result["countries"]["US"]["notes"])
    assert "Sprint CDMA" in us_notes and "2G/3G (CDMA)" in us_notes
    assert op(result, "US", "t-mobile")["rats"]["umts"]["shutdown"] == "2022-07-01"
    assert any("2G (all operators)" in n for n in result["countries"]["GB"]["notes"])


def test_disagreeing_tables_keep_better_source_and_note_the_other(importer, overlay):
    imp = importer.Importer(FIXTURE, "2026-10-02", overlay)
    doc = imp.run()
    three = op(doc, "GB", "three")["rats"]["umts"]
    assert three["shutdown"] == "2025-11-27" and "2024" in three["note"]  # both grade B: networks.csv kept
    mov = op(doc, "ES", "movistar-es")["rats"]["gsm"]
    assert mov["shutdown"] == "2030" and "2026" in mov["note"]  # grade B (wl-sunset) beats grade C
    assert len(imp.disagreements) == 2


def test_curated_facts_applied_last_with_their_sources(result):
    att = op(result, "US", "att")["rats"]
    # the curated fact's own source first, then the corroborating one (curated.yaml 'corroborate')
    assert att["umts"]["shutdown"] == "2022-02-22" and att["umts"]["sources"] == ["cur:att-3g-2022", "cur:lightreading-att-3g"]
    vz = op(result, "US", "verizon")["rats"]
    assert vz["gsm"]["status"] == "not-deployed" and vz["lte-m"]["bands"] == [4, 13]
    for key in ("cur:att-3g-2022", "cur:verizon-cdma", "cur:phywi-nrf91-verizon", "cur:ublox-r5-ds-certs"):
        assert result["sources"][key]["name"] and result["sources"][key]["grade"]


def test_second_source_is_added_and_two_publishers_verify_the_status(result):
    gsm = op(result, "DE", "telekom-de")["rats"]["gsm"]
    assert gsm["shutdown"] == "2028-06-30" and gsm["verified"]
    assert {"ba:teltarif-2g", "cur:dpa-de-2g", "cur:upday-de-2g"} <= set(gsm["sources"])
    vf = op(result, "DE", "vodafone-de")["rats"]["gsm"]
    assert "critical IoT" in vf["note"] and "cur:dpa-de-2g" in vf["sources"]


def test_corroboration_of_a_missing_operator_fails_loudly(importer, overlay, tmp_path):
    bad = tmp_path / "overlay"
    bad.mkdir()
    for name in ("plmn.yaml", "iot_operators.yaml"):
        (bad / name).write_text((overlay / name).read_text(encoding="utf-8"), encoding="utf-8")
    cur = yaml.safe_load((overlay / "curated.yaml").read_text(encoding="utf-8"))
    cur["corroborate"]["no-such-operator"] = {"gsm": [{"source": "dpa-de-2g"}]}
    (bad / "curated.yaml").write_text(yaml.safe_dump(cur, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SystemExit, match="no-such-operator"):
        importer.Importer(FIXTURE, "2026-10-02", bad).run()


def test_unknown_source_id_fails_loudly(importer, overlay, tmp_path):
    import shutil
    copy = tmp_path / "atlas"
    shutil.copytree(FIXTURE, copy)
    sunset = copy / "data" / "sunset.csv"
    sunset.write_text(sunset.read_text(encoding="utf-8") + "DE,o2-de,3G,2021-12-30,off,no-such-source\n",
                      encoding="utf-8")
    with pytest.raises(SystemExit, match="no-such-source"):
        importer.Importer(copy, "2026-10-02", overlay).run()


def test_base_mode_reapplies_tables_over_a_previous_conversion(importer, overlay, result, tmp_path):
    base = tmp_path / "base.json"
    base.write_text(json.dumps(result), encoding="utf-8")
    partial = tmp_path / "partial"
    (partial / "data").mkdir(parents=True)
    for name in ("iot_networks.csv", "sunset.csv"):
        (partial / "data" / name).write_text((FIXTURE / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    again = importer.Importer(partial, "2026-10-02", overlay, base=base).run()
    assert again["countries"] == result["countries"]  # idempotent: no duplicated notes or sources


def test_contributed_observations_merge_as_device_capture_sources(importer, overlay, tmp_path):
    # an `atctl data export-observations` file: Verizon NB-IoT (derived) seen on B13, T-Mobile US LTE-M on
    # B2 (stated), a code no operator has, and GSM on AT&T after its switch-off (a disagreement, not a change)
    contrib = tmp_path / "contrib-2026-12.yaml"
    contrib.write_text(yaml.safe_dump({"format": 1, "kind": "atctl-observations", "exported": "2026-12-01",
                                       "observations": [
        {"mcc_mnc": "311480", "rat": "nb-iot", "band": 13, "count": 7, "first_seen": "2026-10-01", "last_seen": "2026-11-30"},
        {"mcc_mnc": "310260", "rat": "lte-m", "band": 2, "count": 3, "first_seen": "2026-11-01", "last_seen": "2026-11-02"},
        {"mcc_mnc": "310410", "rat": "gsm", "band": 850, "count": 1, "first_seen": "2026-11-03", "last_seen": "2026-11-03"},
        {"mcc_mnc": "99999", "rat": "lte-m", "band": 20, "count": 1, "first_seen": "2026-11-03", "last_seen": "2026-11-03"},
    ]}))
    out = tmp_path / "countries.json"
    imp = importer.Importer(FIXTURE, "2026-10-02", overlay, observations=[contrib])
    doc = imp.run()
    key = "obs:contrib-2026-12"
    assert doc["sources"][key]["grade"] == "C" and "12 registrations" in doc["sources"][key]["name"]
    vz = op(doc, "US", "verizon")["rats"]["nb-iot"]
    assert key in vz["sources"] and 13 in vz["bands"] and "B13 x7" in vz["note"]
    tmo = op(doc, "US", "t-mobile")["rats"]["lte-m"]
    assert key in tmo["sources"] and 2 in tmo["bands"]
    att_gsm = op(doc, "US", "att")["rats"]["gsm"]
    assert att_gsm["status"] == "shut-down"
    assert any("AT&T gsm: observed on devices until 2026-11-03" in d for d in imp.disagreements)
    assert any("99999 lte-m" in u for u in imp.unmatched)
    # the CLI flag does the same, and a broken contributed file stops the import with its name
    assert importer.main([str(FIXTURE), "--out", str(out), "--overlay", str(overlay), "--observations", str(contrib),
                          "--commit", "x", "--commit-date", "2026-10-02"]) == 0
    assert key in json.loads(out.read_text())["sources"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nobservations: [{mcc_mnc: '26201', rat: lte-m, band: 999}]\n")
    with pytest.raises(SystemExit, match="bad.yaml"):
        importer.Importer(FIXTURE, "2026-10-02", overlay, observations=[bad]).run()
