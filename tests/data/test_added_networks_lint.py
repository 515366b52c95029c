"""Lint of the overlay's added networks (`operators:` in scripts/band_atlas_overlay/curated*.yaml).

An added network carries sources like every other fact: each RAT names sources that exist, an
as_of date and a verified flag that follows the rule (grade A or two sources); its MCC-MNC codes
name their source; and the shipped countries.json holds it exactly as written. Also: no MCC-MNC
code belongs to two operators unless it is a documented shared network.
"""

from __future__ import annotations

import collections
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from atctl.bands.model import STATUSES

ROOT = Path(__file__).resolve().parents[2]
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
GSM_MHZ = {450, 480, 750, 850, 900, 1800, 1900}
# Codes that two operators of one country really share (RAN sharing or a joint network):
# 302-880 Bell/TELUS; 244-36 Telia/DNA (Suomen Yhteisverkko); 502-10 Malaysia's shared code;
# 520-15 NT Mobile / AIS-T (Wikipedia: "used for NT Mobile, AIS-T and MVNO").
SHARED_CODES = {"302880", "24436", "50210", "52015"}



@pytest.fixture(scope="module")
def curated(importer) -> dict:
    return importer.load_curated(ROOT / "scripts" / "band_atlas_overlay")


@pytest.fixture(scope="module")
def doc() -> dict:
    return json.loads(resources.files("atctl.data").joinpath("countries.json").read_text(encoding="utf-8"))


def refs(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def test_there_are_added_networks(curated):
    assert len(curated["operators"]) >= 10


def test_every_added_fact_is_sourced_dated_and_graded(importer, curated):
    sources = curated["sources"]
    bad = []
    for op_id, spec in curated["operators"].items():
        if not all(r in sources for r in refs(spec["mcc_mnc_source"])):
            bad.append((op_id, "mcc_mnc_source"))
        if not all(re.fullmatch(r"\d{5,6}", str(c)) for c in spec["mcc_mnc"]):
            bad.append((op_id, "mcc_mnc"))
        for rat, fact in spec["rats"].items():
            own = refs(fact["source"])
            where = (op_id, rat)
            if not own or not all(r in sources for r in own):
                bad.append(where + ("source",))
            if not DATE.match(str(fact["as_of"])) or fact.get("status", "live") not in STATUSES:
                bad.append(where + ("as_of/status",))
            if not isinstance(fact.get("verified"), bool) or (fact["verified"] and fact.get("derived")):
                bad.append(where + ("verified",))
            # two publishers of the status: Wikipedia's MNC tables give codes and bands only
            publishers = importer.status_publishers(sources, own)
            if fact["verified"] and not (any(sources[r]["grade"] == "A" for r in own) or len(publishers) >= 2):
                bad.append(where + ("verified without grade A or two status publishers",))
            bands = fact.get("bands", [])
            if fact.get("status", "live") in ("live", "announced-shutdown") and not bands:
                bad.append(where + ("live without bands",))
            if rat == "gsm" and not set(bands) <= GSM_MHZ:
                bad.append(where + ("GSM bands are MHz",))
    assert bad == []


def test_added_sources_quote_what_they_rest_on(curated):
    """Sources added from 2026-12-01 on carry the excerpt the claim rests on (docs/DATA.md)."""
    used = {r for spec in curated["operators"].values() for f in spec["rats"].values() for r in refs(f["source"])}
    used |= {r for spec in curated["operators"].values() for r in refs(spec["mcc_mnc_source"])}
    for sid in used:
        src = curated["sources"][sid]
        assert src["name"] and src.get("url") and src.get("grade") in ("A", "B", "C", "D") and src.get("quote"), sid


def test_the_shipped_file_holds_every_added_network_as_written(curated, doc):
    for op_id, spec in curated["operators"].items():
        country = doc["countries"][spec["country"]]
        op = next((o for o in country["operators"] if o["id"] == op_id), None)
        assert op is not None, op_id
        renamed = curated["names"].get(op_id)   # trading under a new name since the entry was written
        assert op["name"] == (renamed["name"] if renamed else spec["name"])
        assert op.get("name_change", {}).get("from", spec["name"]) == spec["name"]
        assert op["mcc_mnc"] == [str(c) for c in spec["mcc_mnc"]]
        assert set(op["rats"]) == set(spec["rats"]), op_id
        for rat, fact in spec["rats"].items():
            shipped = op["rats"][rat]
            second = [f"cur:{i['source']}" for i in curated["corroborate"].get(op_id, {}).get(rat, [])
                      if i.get("agrees", True)]
            assert sorted(shipped["sources"]) == sorted({f"cur:{r}" for r in refs(fact["source"])} | set(second))
            assert shipped["bands"] == sorted(fact.get("bands", [])) and shipped["status"] == fact.get("status", "live")
            assert shipped["as_of"] == str(fact["as_of"]) and shipped["derived"] == fact.get("derived", False)


def test_countries_band_atlas_lacks_are_created_with_their_iso_names(doc):
    for cc, name in (("IQ", "Iraq"), ("TG", "Togo"), ("NE", "Niger"), ("GW", "Guinea-Bissau"),
                     ("ST", "Sao Tome and Principe")):
        assert doc["countries"][cc]["name"] == name and doc["countries"][cc]["operators"], cc


def test_no_mcc_mnc_belongs_to_two_operators_unless_shared(doc):
    """Wikipedia name matching once gave Tunisie Telecom Orange's 605-01 and KTRN Airtel's 635-13."""
    owners = collections.defaultdict(list)
    for cc, c in doc["countries"].items():
        for op in c["operators"]:
            for code in op["mcc_mnc"]:
                owners[code].append(f"{cc} {op['id']}")
    doubled = {code: who for code, who in owners.items() if len(who) > 1 and code not in SHARED_CODES}
    assert doubled == {}
    tn = {o["id"]: o["mcc_mnc"] for o in doc["countries"]["TN"]["operators"]}
    assert tn["tn-tunisie-telecom"] == ["60502"] and tn["tn-orange"] == ["60501"]  # ITU E.212 list + Wikipedia
    la = {o["id"]: o["mcc_mnc"] for o in doc["countries"]["LA"]["operators"]}
    assert la["la-ltc"] == ["45701"]   # 457-02 is ETL's in both lists (ETL is not in the dataset)


def test_wikipedias_mnc_tables_never_count_as_a_status_publisher(importer):
    sources = {"wiki:wikipedia-mnc": {"name": "Wikipedia: Mobile country code / Mobile Network Codes tables"},
               "cur:n6-wiki-mnc-2024": {"name": "Wikipedia: Mobile Network Codes tables, copy of 2024-09-09 (...)"},
               "cur:ookla": {"name": "Ookla: 2024-03-19, no sunset plan"},
               "ba:wiki-lte-africa": {"name": "Wikipedia: List of LTE networks in Africa"}}
    assert importer.status_publishers(sources, ["wiki:wikipedia-mnc", "cur:n6-wiki-mnc-2024", "cur:ookla"]) == {"ookla"}
    assert importer.status_publishers(sources, ["ba:wiki-lte-africa", "cur:ookla"]) == {"wikipedia", "ookla"}
