"""scripts/import_band_atlas.py on a small synthetic excerpt in Band Atlas's CSV format.

The rows are made up but shaped like the real files (same headers and value
vocabularies: confidence x/s, layer coverage/capacity, lte_m yes/off/unlisted,
2g/3g off/planned/never/none, dates like 2028-H2, grades A/B/C).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]



def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


NET_HEADER = ("country,operator_id,operator,group,sa,sa_date,sa_source,redcap,redcap_date,redcap_source,"
              "lte_m,lte_m_source,nb_iot,nb_iot_source,2g,2g_date,2g_source,3g,3g_date,3g_source").split(",")


@pytest.fixture
def atlas(tmp_path: Path) -> Path:
    root = tmp_path / "band-atlas-data"
    (root).mkdir()
    (root / "README.md").write_text("# Band Atlas\n\nMaintained by X · data checked 2030-01-15 · sources\n")
    write_csv(root / "data" / "networks.csv", NET_HEADER, [
        ["DE", "op-a", "Alpha", "Alpha Group", "yes", "", "", "none", "", "", "yes", "src-gsma", "off", "src-news",
         "planned", "2028-H2", "src-reg", "off", "2021-06-30", "src-reg"],
        ["DE", "op-b", "Beta", "", "unknown", "", "", "none", "", "", "unlisted", "src-gsma", "unlisted", "",
         "never", "", "", "none", "", ""],
        ["US", "op-c", "Gamma", "", "unknown", "", "", "none", "", "", "yes", "src-gsma", "yes", "src-gsma",
         "none", "", "", "none", "", ""],
    ])
    write_csv(root / "data" / "network_bands.csv",
              "country,operator_id,tech,band,layer,confidence,main_band,sources".split(","), [
        ["DE", "op-a", "LTE", "B3", "capacity", "x", "yes", "src-freq;src-news"],
        ["DE", "op-a", "LTE", "B20", "coverage", "x", "yes", "src-freq;src-news"],
        ["DE", "op-a", "LTE", "B8", "coverage", "s", "", "src-freq"],
        ["DE", "op-a", "NR", "n78", "capacity", "x", "", "src-freq"],
        ["DE", "op-b", "LTE", "B1", "capacity", "s", "", "src-reg"],
        ["US", "op-c", "LTE", "B2", "capacity", "x", "", "src-freq"],
        ["US", "op-c", "LTE", "B12", "coverage", "x", "", "src-freq"],
        ["US", "op-c", "LTE", "B71", "coverage", "s", "", "src-freq"],
    ])
    write_csv(root / "data" / "sources.csv", "id,grade,publisher,title,title_zh,url,date".split(","), [
        ["src-gsma", "B", "GSMA", "Mobile IoT launches", "", "https://example.org/gsma", "2025-11"],
        ["src-news", "C", "Some Blog", "Alpha bands", "", "https://example.org/blog", "2026"],
        ["src-freq", "C", "FreqSite", "Bands by operator", "", "https://example.org/freq", "2026"],
        ["src-reg", "A", "Regulator", "Switch-off timetable", "", "https://example.org/reg", "2026"],
    ])
    write_csv(root / "data" / "sunset.csv", "country,operator_id,network,date,status,source".split(","), [
        ["DE", "", "2G (all operators)", "2030", "planned", "src-reg"],
    ])
    write_csv(root / "data" / "iot_networks.csv", "market,market_name,operator,technology,status,sources".split(","), [
        ["DE", "Germany", "Alpha", "LTE-M", "commercial", "src-gsma"],
    ])
    return root


@pytest.fixture
def overlay(tmp_path: Path) -> Path:
    d = tmp_path / "overlay"
    d.mkdir()
    wiki = {"name": "Wikipedia MNC", "url": "https://example.org/wiki", "grade": "C"}
    (d / "plmn.yaml").write_text(yaml.safe_dump({
        "sources": {"wikipedia-mnc": wiki, "reference-20": wiki},
        "operators": {"op-a": {"country": "DE", "mcc_mnc": ["26299"], "gsm_mhz": [900], "source": "wikipedia-mnc"},
                      "op-c": {"country": "US", "mcc_mnc": ["310999"], "source": "wikipedia-mnc"}},
    }))
    (d / "curated.yaml").write_text(yaml.safe_dump({
        "sources": {"cap": {"name": "Device capture", "url": None, "grade": "A"}},
        "facts": {"op-c": {"lte-m": {"bands": [2, 12], "status": "live", "verified": True, "source": "cap",
                                     "as_of": "2029-12-01"}}},
        "no_gsm_countries": {},
    }))
    return d


def run(importer, atlas, overlay, tmp_path):
    out = tmp_path / "countries.json"
    assert importer.main([str(atlas), "--out", str(out), "--overlay", str(overlay)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_dataset_metadata_and_attribution(importer, atlas, overlay, tmp_path):
    doc = run(importer, atlas, overlay, tmp_path)
    assert doc["format"] == 1
    assert doc["dataset"]["as_of"] == "2030-01-15"  # from README "data checked"
    assert "CC BY 4.0" in doc["dataset"]["attribution"]
    assert sorted(doc["countries"]) == ["DE", "US"]
    assert doc["countries"]["DE"]["name"] == "Germany"
    assert any("2G (all operators)" in n for n in doc["countries"]["DE"]["notes"])


def test_lte_bands_confidence_maps_to_verified(importer, atlas, overlay, tmp_path):
    ops = {o["id"]: o for o in run(importer, atlas, overlay, tmp_path)["countries"]["DE"]["operators"]}
    lte = ops["op-a"]["rats"]["lte"]
    assert lte["bands"] == [3, 8, 20]  # NR rows dropped
    assert lte["verified"] is False and "B8" in lte["note"]  # B8 is single-source, grade C
    assert ops["op-b"]["rats"]["lte"]["verified"] is True  # single source but grade A
    assert ops["op-a"]["mcc_mnc"] == ["26299"]


def test_iot_status_and_derived_bands(importer, atlas, overlay, tmp_path):
    doc = run(importer, atlas, overlay, tmp_path)
    a = {o["id"]: o for o in doc["countries"]["DE"]["operators"]}["op-a"]["rats"]
    # LTE-M keeps sub-GHz and mid-band anchors (B3 here); NB-IoT only the sub-GHz layer.
    assert a["lte-m"]["bands"] == [3, 8, 20] and a["lte-m"]["derived"] and not a["lte-m"]["verified"]
    assert a["nb-iot"]["status"] == "shut-down" and a["nb-iot"]["bands"] == []
    b = {o["id"]: o for o in doc["countries"]["DE"]["operators"]}["op-b"]["rats"]
    assert b["lte-m"]["status"] == "not-deployed"
    # No sub-GHz band: fall back to the mid-band anchor (B1).
    assert "nb-iot" in b and b["nb-iot"]["status"] == "not-deployed"


def test_curated_fact_replaces_derived(importer, atlas, overlay, tmp_path):
    c = run(importer, atlas, overlay, tmp_path)["countries"]["US"]["operators"][0]["rats"]
    assert c["lte-m"] == {"bands": [2, 12], "status": "live", "verified": True, "derived": False,
                          "sources": ["cur:cap"], "as_of": "2029-12-01"}
    assert c["nb-iot"]["bands"] == [12, 71] and c["nb-iot"]["derived"]


def test_gsm_umts_status_dates_and_sources(importer, atlas, overlay, tmp_path):
    doc = run(importer, atlas, overlay, tmp_path)
    a = {o["id"]: o for o in doc["countries"]["DE"]["operators"]}["op-a"]["rats"]
    assert a["gsm"]["status"] == "announced-shutdown" and a["gsm"]["shutdown"] == "2028-12"
    assert "2028-H2" in a["gsm"]["note"] and a["gsm"]["bands"] == [900]
    assert set(a["gsm"]["sources"]) == {"ba:src-reg", "wiki:wikipedia-mnc"}
    assert a["umts"]["status"] == "shut-down" and a["umts"]["shutdown"] == "2021-06-30"
    b = {o["id"]: o for o in doc["countries"]["DE"]["operators"]}["op-b"]["rats"]
    assert b["gsm"]["status"] == "not-deployed"
    # No 2G/3G bands from any source: region default, marked derived (US -> 850/1900, B2/B5).
    c = doc["countries"]["US"]["operators"][0]["rats"]
    assert c["gsm"]["bands"] == [850, 1900] and c["gsm"]["derived"] and not c["gsm"]["verified"]
    assert c["umts"]["bands"] == [2, 5]
    for key in a["gsm"]["sources"]:
        assert doc["sources"][key]["name"]


@pytest.mark.parametrize("text,iso", [("2028-H2", "2028-12"), ("2025-Q1", "2025-03"), ("2026-08-03", "2026-08-03"),
                                      ("2017", "2017"), ("", None)])
def test_norm_date(importer, text, iso):
    assert importer.norm_date(text)[0] == iso


def test_unknown_source_id_is_an_error(importer, atlas, overlay, tmp_path):
    rows = (atlas / "data" / "network_bands.csv").read_text().replace("src-reg", "nope")
    (atlas / "data" / "network_bands.csv").write_text(rows)
    with pytest.raises(SystemExit, match="nope"):
        run(importer, atlas, overlay, tmp_path)


# --- curated/*.yaml: the overlay's corrections split into one file per region or topic ------------

def write_fragment(overlay: Path, name: str, doc: dict) -> None:
    (overlay / "curated").mkdir(exist_ok=True)
    (overlay / "curated" / name).write_text(yaml.safe_dump(doc), encoding="utf-8")


def test_fragment_files_add_sources_facts_and_second_sources(importer, atlas, overlay, tmp_path):
    write_fragment(overlay, "europe.yaml", {
        "sources": {"reg-de": {"name": "Regulator DE: 3G off", "url": "https://example.org/de", "grade": "A"},
                    "paper": {"name": "Paper: Alpha ends 2G", "url": "https://example.org/p", "grade": "B"}},
        "facts": {"op-b": {"umts": {"bands": [], "status": "shut-down", "shutdown": "2022", "verified": True,
                                    "source": "reg-de", "as_of": "2026-11-01"}}},
        "corroborate": {"op-a": {"gsm": [{"source": "paper"}]},
                        "op-c": {"lte-m": [{"source": "paper", "agrees": False, "says": "no LTE-M yet"}]}},
    })
    doc = run(importer, atlas, overlay, tmp_path)
    de = {o["id"]: o["rats"] for o in doc["countries"]["DE"]["operators"]}
    assert de["op-b"]["umts"]["sources"] == ["cur:reg-de"] and de["op-b"]["umts"]["shutdown"] == "2022"
    assert "cur:paper" in de["op-a"]["gsm"]["sources"] and de["op-a"]["gsm"]["verified"]
    us = doc["countries"]["US"]["operators"][0]["rats"]
    assert us["lte-m"]["sources"] == ["cur:cap"] and "no LTE-M yet" in us["lte-m"]["note"]  # main file's fact kept


def test_corroborations_of_one_fact_from_two_files_add_up(importer, atlas, overlay, tmp_path):
    src = {"name": "{}: 2G news", "url": "https://example.org/n", "grade": "C"}
    write_fragment(overlay, "a.yaml", {"sources": {"n1": dict(src, name="News One: 2G")},
                                       "corroborate": {"op-a": {"gsm": [{"source": "n1"}]}}})
    write_fragment(overlay, "b.yaml", {"sources": {"n2": dict(src, name="News Two: 2G")},
                                       "corroborate": {"op-a": {"gsm": [{"source": "n2"}]}}})
    gsm = {o["id"]: o for o in run(importer, atlas, overlay, tmp_path)["countries"]["DE"]["operators"]}["op-a"]["rats"]["gsm"]
    assert {"cur:n1", "cur:n2"} <= set(gsm["sources"])


@pytest.mark.parametrize("doc,names", [
    ({"sources": {"cap": {"name": "Other capture", "url": "https://example.org/o", "grade": "C"}}}, "source 'cap'"),
    ({"sources": {}, "facts": {"op-c": {"lte-m": {"bands": [12], "status": "live", "source": "cap",
                                                  "as_of": "2026-01-01"}}}}, "op-c lte-m"),
])
def test_a_key_in_two_files_is_an_error_naming_both(importer, atlas, overlay, tmp_path, doc, names):
    write_fragment(overlay, "asia.yaml", doc)
    with pytest.raises(SystemExit, match=rf"{names}.*curated.yaml.*asia.yaml"):
        run(importer, atlas, overlay, tmp_path)


def test_a_fragment_with_an_unknown_section_is_an_error(importer, atlas, overlay, tmp_path):
    write_fragment(overlay, "typo.yaml", {"corroborates": {}})
    with pytest.raises(SystemExit, match=r"typo.yaml.*corroborates"):
        run(importer, atlas, overlay, tmp_path)


def test_a_band_correction_may_keep_the_tables_status_sources(importer, atlas, overlay, tmp_path):
    # a capture adds a band to a service the GSMA list states: the list stays a source of "live"
    write_fragment(overlay, "iot.yaml", {"facts": {"op-a": {"lte-m": {
        "bands": [3, 20], "status": "live", "keep_sources": True, "source": "cap", "as_of": "2026-11-01"}}}})
    a = {o["id"]: o for o in run(importer, atlas, overlay, tmp_path)["countries"]["DE"]["operators"]}["op-a"]["rats"]
    assert set(a["lte-m"]["sources"]) == {"cur:cap", "ba:src-gsma"} and a["lte-m"]["bands"] == [3, 20]


# --- who published a source: what "two independent sources" compares --------------------------

@pytest.mark.parametrize("name,key", [
    ("Mobile World Live: Tigo switches off 2G", "gsma"),                        # GSMA's own news service
    ("Mobile World Live (2018-01): NCC ends 3G licences", "gsma"),
    ("Mforum.ru (citing Mobile World Live): CMHK 3G", "gsma"),
    ("GSMA (Huawei, 2018): NB-IoT deployment guide", "gsma"),
    ("TeleGeography CommsUpdate (2021-05-28): Telstra ...", "telegeographycommsupdate"),
    ("SAMENA Daily News (relaying CommsUpdate, 2023-10): Slovak Telekom", "telegeographycommsupdate"),
    ("SAMENA Daily News (relaying Hrvatski Telekom, 2025): 3G off", "hrvatskitelekom"),
    ("Baomoi (citing VietnamNet and the Ministry of Information and Communications): 2G", "vietnamnet"),
    ("VisualPCs (repost of Telecoms.com, 2018): 3G", "telecomscom"),
    ("The Irish Times (2022-06-30): Vodafone 3G", "theirishtimes"),
    ("RTR (Austrian regulator): newsletter 03/2023", "rtr"),
    ("Prepaid Data SIM Card wiki: Poland", "prepaiddatasimcardwiki"),
    ("Operator Watch: x", "operatorwatch"), ("OperatorWatch: y", "operatorwatch"),
    ("RCR Wireless News: x", "rcrwireless"), ("ITWeb Africa: y", "itweb"), ("Next INpact (2023-02): z", "next"),
    ("finanzen.net (dpa): Vodafone ends 2G", "dpa"),                             # a wire story: its agency
    ("persönlich.com (sda/awp, 2025-12-17): Swisscom", "awp"), ("AWP (via MarketScreener): Swisscom", "awp"),
    ("CityNews (The Canadian Press): Rogers", "thecanadianpress"),
    ("A Haber (AA): 5G ihalesi bugün", "anadoluagency"),                       # Anadolu Agency's wire story
    ("Daily Sabah (Anadolu Agency): 2G", "anadoluagency"),
    ("Finet (财华社): 中移香港", "finet"),
])
def test_publisher_key_ignores_dates_and_follows_relays_and_families(importer, name, key):
    assert importer.publisher_key(name) == key


def test_two_articles_of_one_publisher_are_one_source(importer, atlas, overlay, tmp_path):
    write_fragment(overlay, "p.yaml", {
        "sources": {"p1": {"name": "Light Reading (2018-09-28): A", "url": "https://example.org/1", "grade": "B"},
                    "p2": {"name": "Light Reading (2022-02-22): B", "url": "https://example.org/2", "grade": "B"}},
        "facts": {"op-b": {"umts": {"bands": [], "status": "shut-down", "source": ["p1"], "as_of": "2026-01-01"}}},
        "corroborate": {"op-b": {"umts": [{"source": "p2"}]}}})
    doc = run(importer, atlas, overlay, tmp_path)
    umts = {o["id"]: o for o in doc["countries"]["DE"]["operators"]}["op-b"]["rats"]["umts"]
    assert umts["sources"] == ["cur:p1", "cur:p2"] and umts["verified"] is False


def test_a_key_written_twice_in_one_file_is_an_error_with_its_line(importer, atlas, overlay, tmp_path):
    # YAML keeps the last of two equal keys: the first block's facts would vanish without a word
    (overlay / "curated").mkdir(exist_ok=True)
    (overlay / "curated" / "dup.yaml").write_text(
        "corroborate:\n  op-a:\n    gsm: []\n  op-a:\n    umts: []\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"dup.yaml line 4.*op-a"):
        run(importer, atlas, overlay, tmp_path)


def test_a_second_source_that_does_not_confirm_the_date_adds_no_verification(importer, atlas, overlay, tmp_path):
    write_fragment(overlay, "v.yaml", {
        "sources": {"n1": {"name": "News One: 3G off", "url": "https://example.org/1", "grade": "B"},
                    "n2": {"name": "News Two: 3G off, no year", "url": "https://example.org/2", "grade": "B"}},
        "facts": {"op-b": {"umts": {"bands": [], "status": "shut-down", "shutdown": "2024", "source": "n1",
                                    "as_of": "2026-01-01", "note": "year read from context"}}},
        "corroborate": {"op-b": {"umts": [{"source": "n2", "verifies": False}]}}})
    umts = {o["id"]: o for o in run(importer, atlas, overlay, tmp_path)["countries"]["DE"]["operators"]}["op-b"]["rats"]["umts"]
    assert umts["sources"] == ["cur:n1", "cur:n2"] and umts["verified"] is False


def test_a_non_verifying_source_is_not_counted_when_a_later_one_verifies(importer, atlas, overlay, tmp_path):
    # found in review (round 7, Orange Liberia / MTN Uganda): op-b's 3G has no status publisher of its own
    # (a band-only table row); n2 (verifies: false) from one fragment, then n3 from another made two
    # publishers and verified the fact, though only one of them confirms it
    write_fragment(overlay, "a.yaml", {
        "sources": {"n2": {"name": "News Two: 3G, year from context", "url": "https://example.org/2", "grade": "C"},
                    "w": {"name": "Wikipedia: Mobile Network Codes tables", "url": "https://example.org/w", "grade": "C"}},
        "facts": {"op-b": {"umts": {"bands": [1], "status": "live", "source": "w", "as_of": "2026-01-01"}}},
        "corroborate": {"op-b": {"umts": [{"source": "n2", "verifies": False}]}}})
    write_fragment(overlay, "b.yaml", {
        "sources": {"n3": {"name": "News Three: 3G", "url": "https://example.org/3", "grade": "B"}},
        "corroborate": {"op-b": {"umts": [{"source": "n3"}]}}})
    umts = {o["id"]: o for o in run(importer, atlas, overlay, tmp_path)["countries"]["DE"]["operators"]}["op-b"]["rats"]["umts"]
    assert {"cur:n2", "cur:n3"} <= set(umts["sources"]), umts   # both kept, and both count as sources
    assert umts["verified"] is False, umts
