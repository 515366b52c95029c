"""Overlay `operators:`: networks Band Atlas lacks, added with their own sourced facts.

Runs scripts/import_band_atlas.py on the fixture copy of the real Band Atlas tables
(tests/data/fixtures/band-atlas-data/) with the real plmn.yaml and an overlay fragment that
adds one network to a country the tables have (DE) and one to a country they lack (IQ).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "band-atlas-data"

SOURCES = {
    "op-page": {"name": "Zain Iraq: 4G coverage page", "url": "https://example.org/zain", "grade": "A"},
    "press": {"name": "Iraq Business News: Zain launches 4G", "url": "https://example.org/ibn", "grade": "B"},
    "wiki-row": {"name": "ITU: E.212 list", "url": "https://example.org/itu", "grade": "A"},
}
ZAIN = {
    "country": "IQ", "name": "Zain Iraq", "group": "Zain", "mcc_mnc": ["41820", "41830"], "mcc_mnc_source": "wiki-row",
    "rats": {
        "lte": {"bands": [3], "status": "live", "verified": True, "source": "op-page", "as_of": "2026-12-01",
                "note": "LTE 1800 per the operator"},
        "gsm": {"bands": [900], "status": "live", "verified": False, "source": "press", "as_of": "2026-12-01"},
        "lte-m": {"bands": [], "status": "not-deployed", "verified": False, "source": "press", "as_of": "2026-12-01",
                  "note": "not listed among commercial launches (absence is not proof)"},
    },
}
LOCAL_DE = {
    "country": "DE", "name": "Example Regional", "mcc_mnc": ["26299"], "mcc_mnc_source": "wiki-row",
    "rats": {"lte": {"bands": [20], "status": "live", "verified": False, "source": "press", "as_of": "2026-12-01"}},
}



def make_overlay(tmp_path: Path, fragment: dict, main: dict | None = None) -> Path:
    d = tmp_path / "overlay"
    (d / "curated").mkdir(parents=True)
    real = ROOT / "scripts" / "band_atlas_overlay"
    for name in ("plmn.yaml", "iot_operators.yaml"):
        shutil.copy(real / name, d / name)
    (d / "curated.yaml").write_text(yaml.safe_dump(main or {"sources": {}}), encoding="utf-8")
    (d / "curated" / "added-networks.yaml").write_text(yaml.safe_dump(fragment, allow_unicode=True), encoding="utf-8")
    return d


def build(importer, overlay: Path, tmp_path: Path, base: Path | None = None, atlas: Path = FIXTURE) -> dict:
    out = tmp_path / "countries.json"
    args = [str(atlas), "--out", str(out), "--overlay", str(overlay), "--as-of", "2026-10-02"]
    if base:
        args += ["--base", str(base)]
    assert importer.main(args) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def previous_conversion(tmp_path: Path, doc: dict) -> tuple[Path, Path]:
    """What regen.sh imports over: the previous countries.json (--base) and a partial Band Atlas copy
    holding only iot_networks.csv and sunset.csv."""
    base = tmp_path / "base.json"
    base.write_text(json.dumps(doc), encoding="utf-8")
    partial = tmp_path / "partial"
    (partial / "data").mkdir(parents=True)
    for name in ("iot_networks.csv", "sunset.csv"):
        shutil.copy(FIXTURE / "data" / name, partial / "data" / name)
    return base, partial


def import_twice(importer, overlay: Path, tmp_path: Path) -> tuple[dict, dict, Path, Path]:
    """An import, then regen.sh's import over it: (first, again, its --base file, the partial copy)."""
    (tmp_path / "a").mkdir()
    first = build(importer, overlay, tmp_path / "a")
    base, partial = previous_conversion(tmp_path, first)
    (tmp_path / "b").mkdir()
    return first, build(importer, overlay, tmp_path / "b", base=base, atlas=partial), base, partial


def ops(doc: dict, cc: str) -> dict:
    return {o["id"]: o for o in doc["countries"][cc]["operators"]}


def test_an_added_network_creates_its_country_with_sourced_facts(importer, tmp_path):
    overlay = make_overlay(tmp_path, {"sources": SOURCES, "operators": {"iq-zain": ZAIN}})
    doc = build(importer, overlay, tmp_path)
    iq = doc["countries"]["IQ"]
    assert iq["name"] == "Iraq" and iq["notes"] == []  # the ISO 3166 name, as for Band Atlas countries
    zain = ops(doc, "IQ")["iq-zain"]
    assert (zain["name"], zain["group"], zain["mcc_mnc"], zain["status"]) == ("Zain Iraq", "Zain", ["41820", "41830"], "live")
    lte = zain["rats"]["lte"]
    assert lte["bands"] == [3] and lte["verified"] and lte["sources"] == ["cur:op-page"] and lte["as_of"] == "2026-12-01"
    assert zain["rats"]["lte-m"]["status"] == "not-deployed" and set(zain["rats"]) == {"lte", "gsm", "lte-m"}
    assert doc["sources"]["cur:op-page"]["name"] == "Zain Iraq: 4G coverage page"


def test_an_added_network_joins_a_country_band_atlas_has(importer, tmp_path):
    overlay = make_overlay(tmp_path, {"sources": SOURCES, "operators": {"de-example": LOCAL_DE}})
    de = ops(build(importer, overlay, tmp_path), "DE")
    assert {"telekom-de", "vodafone-de", "de-example"} <= set(de)
    assert de["de-example"]["rats"]["lte"]["sources"] == ["cur:press"] and de["de-example"]["group"] is None


def test_an_added_network_may_get_a_second_source(importer, tmp_path):
    overlay = make_overlay(tmp_path, {"sources": SOURCES, "operators": {"iq-zain": ZAIN},
                                      "corroborate": {"iq-zain": {"gsm": [{"source": "op-page"}]}}})
    gsm = ops(build(importer, overlay, tmp_path), "IQ")["iq-zain"]["rats"]["gsm"]
    assert gsm["sources"] == ["cur:op-page", "cur:press"] and gsm["verified"]


@pytest.mark.parametrize("op_id,spec,names", [
    ("telekom-de", dict(LOCAL_DE, mcc_mnc=["26298"]), r"telekom-de.*already.*telekom-de \(Deutsche Telekom"),
    ("de-example", dict(LOCAL_DE, mcc_mnc=["26201"]), r"de-example \(DE, 26201\).*already.*telekom-de \(Deutsche Telekom.*26201"),
])
def test_an_added_network_band_atlas_already_has_is_refused_naming_both(importer, tmp_path, op_id, spec, names):
    overlay = make_overlay(tmp_path, {"sources": SOURCES, "operators": {op_id: spec}})
    with pytest.raises(SystemExit, match=names) as err:
        importer.Importer(FIXTURE, "2026-10-02", overlay).run()
    assert "\n" not in str(err.value) and "added-networks.yaml" in str(err.value)


def test_a_fact_and_an_added_network_may_not_define_the_same_rat(importer, tmp_path):
    main = {"sources": {}, "facts": {"iq-zain": {"lte": {"bands": [1], "status": "live", "source": "press",
                                                         "as_of": "2026-12-01"}}}}
    overlay = make_overlay(tmp_path, {"sources": SOURCES, "operators": {"iq-zain": ZAIN}}, main=main)
    with pytest.raises(SystemExit, match=r"iq-zain lte.*curated.yaml.*added-networks.yaml"):
        importer.Importer(FIXTURE, "2026-10-02", overlay).run()


@pytest.mark.parametrize("change,message", [
    ({"country": "XQ"}, r"iq-zain.*XQ.*ISO 3166"),
    ({"mcc_mnc": ["4182"]}, r"iq-zain.*4182"),
    ({"rats": {"lte": {"bands": [3], "status": "live", "as_of": "2026-12-01"}}}, r"iq-zain lte.*source"),
    ({"rats": {"lte": {"bands": [3], "status": "live", "source": "nope", "as_of": "2026-12-01"}}}, r"'nope'"),
])
def test_a_malformed_added_network_is_refused(importer, tmp_path, change, message):
    overlay = make_overlay(tmp_path, {"sources": SOURCES, "operators": {"iq-zain": dict(ZAIN, **change)}})
    with pytest.raises(SystemExit, match=message):
        importer.Importer(FIXTURE, "2026-10-02", overlay).run()


def test_base_mode_keeps_added_networks_once(importer, tmp_path):
    """regen.sh imports over a previous conversion: the added networks it already holds are rebuilt, not doubled."""
    overlay = make_overlay(tmp_path, {"sources": SOURCES, "operators": {"iq-zain": ZAIN, "de-example": LOCAL_DE},
                                      "corroborate": {"iq-zain": {"gsm": [{"source": "op-page"}]}}})
    first, again, base, partial = import_twice(importer, overlay, tmp_path)
    assert again["countries"] == first["countries"]
    # removed from the overlay: gone from the next import, and so is the country it created
    overlay_without = make_overlay(tmp_path / "c", {"sources": SOURCES, "operators": {}})
    (tmp_path / "d").mkdir()
    later = build(importer, overlay_without, tmp_path / "d", base=base, atlas=partial)
    assert "IQ" not in later["countries"] and "de-example" not in ops(later, "DE")


def test_plmn_manual_pins_also_apply_over_a_previous_conversion(importer, tmp_path):
    """A code fixed in plmn_manual.yaml (here: Deutsche Telekom) must reach the output of a --base import too."""
    overlay = make_overlay(tmp_path, {"sources": {}})
    first = build(importer, overlay, tmp_path)
    assert ops(first, "DE")["telekom-de"]["mcc_mnc"] != ["26201", "26206"]
    base, partial = previous_conversion(tmp_path, first)
    (overlay / "plmn_manual.yaml").write_text("telekom-de: {mcc_mnc: ['26201', '26206']}\n", encoding="utf-8")
    (tmp_path / "b").mkdir()
    again = build(importer, overlay, tmp_path / "b", base=base, atlas=partial)
    assert ops(again, "DE")["telekom-de"]["mcc_mnc"] == ["26201", "26206"]


def test_base_mode_keeps_a_band_atlas_operator_whose_every_fact_is_curated(importer, tmp_path):
    """Only the overlay's added networks are rebuilt: a Band Atlas operator whose every RAT a
    `facts:` entry corrects also cites no Band Atlas row in the previous conversion, and stays."""
    first_overlay = make_overlay(tmp_path / "x", {"sources": SOURCES})
    (tmp_path / "a").mkdir()
    first = build(importer, first_overlay, tmp_path / "a")
    magenta = ops(first, "AT")["at-magenta"]
    facts = {"at-magenta": {rat: {"bands": f["bands"], "status": f["status"], "source": "press",
                                  "as_of": "2026-12-01"} for rat, f in magenta["rats"].items()}}
    overlay = make_overlay(tmp_path / "y", {"sources": SOURCES, "facts": facts})
    (tmp_path / "b").mkdir()
    curated = build(importer, overlay, tmp_path / "b")
    assert all(f["sources"] == ["cur:press"] for f in ops(curated, "AT")["at-magenta"]["rats"].values())
    base, partial = previous_conversion(tmp_path, curated)
    (tmp_path / "c").mkdir()
    again = build(importer, overlay, tmp_path / "c", base=base, atlas=partial)
    assert again["countries"] == curated["countries"]
