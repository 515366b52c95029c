"""Lint of the shipped atctl/data files: every fact is sourced, dated and valid."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from atctl.bands.model import STATUSES

# E-UTRA operating bands of TS 36.101 Table 5.5-1 within 1..88: 15/16 are reserved,
# 54-64 unassigned, 77-84 and 86 are NR-only numbers.
EUTRA_BANDS = set(range(1, 89)) - {15, 16} - set(range(54, 65)) - set(range(77, 85)) - {86}
UTRA_BANDS = set(range(1, 23)) - {15, 16, 17, 18} | {25, 26, 32}  # TS 25.101 Table 5.0
GSM_MHZ = {450, 480, 750, 850, 900, 1800, 1900}
RATS = {"gsm", "umts", "lte", "lte-m", "nb-iot"}
EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
REQUIRED = EU + "GB NO CH US CA MX BR AR CL CO JP KR AU NZ IN ZA CN SG".split()
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@pytest.fixture(scope="module")
def doc():
    return json.loads(resources.files("atctl.data").joinpath("countries.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def iso():
    return json.loads(resources.files("atctl.data").joinpath("iso3166.json").read_text(encoding="utf-8"))


def facts(doc):
    for cc, c in doc["countries"].items():
        for op in c["operators"]:
            for rat, f in op["rats"].items():
                yield cc, op, rat, f


def test_required_countries_and_count(doc):
    assert len(doc["countries"]) >= 150
    missing = [cc for cc in REQUIRED if cc not in doc["countries"]]
    assert not missing


def test_country_codes_are_iso_3166_alpha2(doc, iso):
    assert len(iso) == 249 and iso["DE"] == "Germany"
    assert [cc for cc in doc["countries"] if cc not in iso] == []


def test_dataset_attribution(doc):
    ds = doc["dataset"]
    assert ds["licence"] == "CC BY 4.0" and "Band Atlas" in ds["attribution"] and DATE.match(ds["as_of"])


def test_every_fact_has_source_as_of_verified(doc):
    bad = []
    for cc, op, rat, f in facts(doc):
        if rat not in RATS or f["status"] not in STATUSES or not isinstance(f["verified"], bool) \
                or not isinstance(f["derived"], bool) or not DATE.match(f["as_of"]) or not f["sources"]:
            bad.append((cc, op["name"], rat))
        if any(s not in doc["sources"] for s in f["sources"]):
            bad.append((cc, op["name"], rat, "unknown source"))
        if f.get("shutdown") and not DATE.match(f["shutdown"]):
            bad.append((cc, op["name"], rat, f["shutdown"]))
        if f["derived"] and f["verified"]:
            bad.append((cc, op["name"], rat, "derived and verified"))
    assert bad == []


def test_sources_have_names_and_grades(doc):
    for key, s in doc["sources"].items():
        assert s["name"], key
        assert s.get("grade") in (None, "A", "B", "C", "D"), key


def test_band_values_are_real(doc):
    bad = []
    for cc, op, rat, f in facts(doc):
        allowed = GSM_MHZ if rat == "gsm" else UTRA_BANDS if rat == "umts" else EUTRA_BANDS
        bad += [(cc, op["name"], rat, b) for b in f["bands"] if b not in allowed]
        if f["status"] == "live" and rat in ("lte-m", "nb-iot") and not f["bands"]:
            bad.append((cc, op["name"], rat, "live without bands"))
    assert bad == []


def test_mcc_mnc_format_and_unique(doc):
    """5/6 digits; a code may be shared inside one country (RAN sharing, e.g. 302-880 Bell/TELUS), never across."""
    seen: dict[str, str] = {}
    for cc, c in doc["countries"].items():
        for op in c["operators"]:
            for plmn in op["mcc_mnc"]:
                assert re.fullmatch(r"\d{5,6}", plmn), (cc, op["name"], plmn)
                assert seen.get(plmn, cc) == cc, (plmn, seen.get(plmn), cc)
                seen[plmn] = cc
    assert len(seen) > 400


def test_known_sunsets(doc):
    """DOMAIN.md section 5 sunsets are present."""
    def rat(cc, name, r):
        op = next(o for o in doc["countries"][cc]["operators"] if o["name"] == name)
        return op["rats"][r]
    assert rat("US", "AT&T", "nb-iot")["status"] == "shut-down"
    assert rat("JP", "NTT docomo", "nb-iot")["shutdown"] == "2020-03-31"
    assert rat("JP", "NTT docomo", "umts")["shutdown"] == "2026-03-31"
    assert rat("DE", "Deutsche Telekom", "umts")["status"] == "shut-down"
    assert rat("NL", "KPN", "gsm")["shutdown"] == "2027-12-01"
    assert all(o["rats"]["gsm"]["status"] == "not-deployed" for o in doc["countries"]["KR"]["operators"])


def test_fresh_load_builds_every_country():
    """A fresh parse builds the whole table. Its speed is measured by tests/benchmarks/bench_bands.py
    (load 0.024 s on 2026-12-01), not asserted here: a timed assertion fails on a loaded CI machine."""
    from atctl import data

    data._raw.cache_clear(); data.load_countries.cache_clear()
    countries = data.load_countries()
    assert len(countries) >= 150 and data.load_countries() is countries


# --- curated corrections (scripts/band_atlas_overlay/curated.yaml and curated/*.yaml) -------------------

_SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def _importer():
    """scripts/import_band_atlas.py as a module (tests/band_atlas_script.py)."""
    from band_atlas_script import importer_module

    return importer_module()


def _curated():
    """The overlay's corrections as the importer merges them (curated.yaml plus curated/*.yaml)."""
    return _importer().load_curated(_SCRIPTS / "band_atlas_overlay")


def _refs(spec):
    return spec["source"] if isinstance(spec["source"], list) else [spec["source"]]


def test_every_curated_correction_keeps_its_source_in_the_shipped_data(doc):
    """A re-import must not lose a correction: each one is in countries.json with its own sources."""
    cur = _curated()
    ops = {o["id"]: o for c in doc["countries"].values() for o in c["operators"]}
    for op_id, rats in cur["facts"].items():
        assert op_id in ops, op_id
        for rat, spec in rats.items():
            f = ops[op_id]["rats"][rat]
            second = [f"cur:{i['source']}" for i in cur.get("corroborate", {}).get(op_id, {}).get(rat, [])
                      if i.get("agrees", True)]
            own = {f"cur:{r}" for r in _refs(spec)} | set(second)
            if spec.get("keep_sources"):  # a band correction keeps the table's status sources beside its own
                assert own <= set(f["sources"]) and all(not k.startswith("cur:") for k in set(f["sources"]) - own)
            else:
                assert sorted(f["sources"]) == sorted(own), (op_id, rat)
            assert f["status"] == spec.get("status", "live") and f["bands"] == sorted(spec.get("bands", []))
            # A second, agreeing source may verify a curated fact; nothing else may change it.
            assert f["as_of"] == str(spec["as_of"]) and f["verified"] in ({spec.get("verified", False), True}
                                                                          if second else {spec.get("verified", False)})


def test_curated_sources_are_complete_and_verified_means_official_or_two_sources():
    cur = _curated()
    for key, src in cur["sources"].items():
        assert src["name"] and src.get("url") and src.get("grade") in ("A", "B", "C", "D"), key
    for op_id, rats in cur["facts"].items():
        for rat, spec in rats.items():
            refs = _refs(spec)
            assert all(r in cur["sources"] for r in refs) and DATE.match(str(spec["as_of"])), (op_id, rat)
            assert isinstance(spec.get("verified", False), bool)
            if spec.get("verified"):
                assert any(cur["sources"][r]["grade"] == "A" for r in refs) or len(refs) >= 2, (op_id, rat)


def test_dataset_header_names_the_upstream_commit(doc):
    ds = doc["dataset"]
    assert re.fullmatch(r"[0-9a-f]{40}", ds["commit"]) and DATE.match(ds["date"])
    assert ds["source"] == "https://github.com/365724-ctrl/band-atlas-data"


def test_audit_classes_stay_fixed(doc):
    """GSM off in Australia; CDMA-heritage networks never ran GSM; iot_networks.csv services are live."""
    ops = {(cc, o["id"]): o["rats"] for cc, c in doc["countries"].items() for o in c["operators"]}
    assert all(o["rats"]["gsm"]["status"] == "shut-down" for o in doc["countries"]["AU"]["operators"])
    for key in (("CA", "bell-ca"), ("CA", "telus-ca"), ("NZ", "spark-nz"), ("US", "verizon"), ("IL", "pelephone-il")):
        assert ops[key]["gsm"]["status"] == "not-deployed" and ops[key]["gsm"]["bands"] == [], key
    for key, rat in ((("AT", "at-magenta"), "lte-m"), (("ZA", "za-vodacom"), "nb-iot"), (("PT", "pt-meo"), "nb-iot"),
                     (("MY", "my-maxis"), "nb-iot"), (("IS", "is-syn"), "lte-m"), (("HK", "hk-csl"), "nb-iot")):
        assert ops[key][rat]["status"] == "live", key
    assert {2, 4, 12} <= set(ops[("US", "att")]["lte-m"]["bands"])  # AT&T LTE-M runs on its mid-band layers too


def test_every_second_source_is_in_the_shipped_data(doc):
    """curated.yaml 'corroborate' entries survive a re-import: agreeing ones as a source, the rest in the note."""
    cur = _curated()
    ops = {o["id"]: o for c in doc["countries"].values() for o in c["operators"]}
    for op_id, rats in cur["corroborate"].items():
        for rat, items in rats.items():
            fact = ops[op_id]["rats"][rat]
            for item in items:
                assert item["source"] in cur["sources"], (op_id, rat)
                if item.get("agrees", True):
                    assert f"cur:{item['source']}" in fact["sources"], (op_id, rat, item["source"])
                else:
                    assert item["says"] in fact["note"], (op_id, rat)


def test_lte_m_where_operators_certify_modules(doc):
    """u-blox data sheets list LTE-M certifications at SKT and LG U+, which Band Atlas lists as not deployed."""
    ops = {(cc, o["id"]): o["rats"] for cc, c in doc["countries"].items() for o in c["operators"]}
    assert ops[("KR", "skt")]["lte-m"]["status"] == "live" and ops[("KR", "lg-uplus")]["lte-m"]["bands"] == [5]
    assert ops[("US", "verizon")]["lte-m"]["bands"] == [4, 13] and ops[("US", "verizon")]["lte-m"]["verified"]


def test_verified_curated_facts_rest_on_an_official_or_two_sources(doc):
    """Any shipped fact backed only by curated sources (facts, no_gsm_countries) follows the verified rule."""
    bad = []
    for cc, op, rat, f in facts(doc):
        if f["verified"] and all(k.startswith("cur:") for k in f["sources"]):
            grades = [doc["sources"][k]["grade"] for k in f["sources"]]
            if "A" not in grades and len(f["sources"]) < 2:
                bad.append((cc, op["name"], rat))
    assert bad == []


def test_overlay_yaml_has_no_duplicate_keys():
    """A repeated operator key in curated.yaml would silently drop the first block's facts."""
    import yaml
    from pathlib import Path

    class Strict(yaml.SafeLoader):
        pass

    def mapping(loader, node, deep=False):
        keys = [loader.construct_object(k, deep=deep) for k, _ in node.value]
        dups = {k for k in keys if keys.count(k) > 1}
        assert not dups, f"duplicate keys {dups} at line {node.start_mark.line + 1}"
        return yaml.SafeLoader.construct_mapping(loader, node, deep)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    overlay = Path(__file__).resolve().parents[2] / "scripts" / "band_atlas_overlay"
    names = ["curated.yaml", "iot_operators.yaml", "plmn_manual.yaml", "plmn.yaml"]
    names += [p.relative_to(overlay).as_posix() for p in sorted((overlay / "curated").glob("*.yaml"))]
    for name in names:
        yaml.load((overlay / name).read_text(encoding="utf-8"), Loader=Strict)


def test_no_publisher_goes_by_two_keys(doc):
    """'Two independent sources' compares publisher keys: one publisher under two keys (a short
    and a long name, 'RCR Wireless' / 'RCR Wireless News') would count twice. A key that starts
    another key is such a pair unless it is listed here as checked."""
    mod = _importer()
    # (shorter key, longer key) pairs that are really two publishers
    checked = {("arcep", "arceptogo"),  # France's Arcep and Togo's ARCEP are two regulators
               ("dailymail", "dailymailafrica")}  # the UK Daily Mail and the pan-African dailymailafrica.com
    keys = sorted({mod.publisher_key(s["name"]) for s in doc["sources"].values()})
    pairs = {(a, b) for a in keys for b in keys if a != b and len(a) >= 4 and b.startswith(a)}
    assert pairs <= checked, sorted(pairs - checked)


def test_every_name_change_is_sourced_and_in_the_shipped_data(doc):
    """A new trading name (curated `names:`) is a fact: shipped with its sources, as_of, verified and
    the former name, and a re-import keeps it."""
    cur = _curated()
    ops = {o["id"]: o for c in doc["countries"].values() for o in c["operators"]}
    shipped = {op_id: o["name_change"] for op_id, o in ops.items() if "name_change" in o}
    assert set(shipped) == set(cur["names"])
    for op_id, spec in cur["names"].items():
        change = shipped[op_id]
        assert ops[op_id]["name"] == spec["name"] and change["from"] and change["from"] != spec["name"], op_id
        assert sorted(change["sources"]) == sorted(f"cur:{r}" for r in _refs(spec)), op_id
        assert all(s in doc["sources"] for s in change["sources"]) and DATE.match(change["as_of"]), op_id
        assert isinstance(change["verified"], bool) and (change["since"] is None or DATE.match(change["since"]))
