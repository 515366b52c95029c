"""Overlay `names:`: a network that trades under a new name (Beeline Georgia is Cellfie now).

The name is a fact like any other: it carries its sources, as_of, whether it is verified and the
date the brand changed, and the former name stays beside it, since users and the Band Atlas tables
still say the old one. Runs scripts/import_band_atlas.py on the fixture copy of the real tables
(tests/data/fixtures/band-atlas-data/).
"""

from __future__ import annotations

import pytest

from test_importer_added_operators import FIXTURE, build, import_twice, make_overlay, ops

SOURCES = {
    "op-release": {"name": "AT&T: 2025-01-10, we are AT&T Mobility now", "url": "https://example.org/att", "grade": "A"},
    "press": {"name": "Light Reading: 2025-01-11, AT&T renames its network", "url": "https://example.org/lr", "grade": "B"},
    "blog": {"name": "Some Blog: AT&T has a new name", "url": "https://example.org/blog", "grade": "C"},
}
RENAME = {"name": "AT&T Mobility", "since": "2025-01", "source": "press", "as_of": "2026-12-01",
          "note": "the brand changed; the network did not"}


def test_a_renamed_network_carries_its_new_name_with_the_source_and_the_former_name(importer, tmp_path):
    overlay = make_overlay(tmp_path, {"sources": SOURCES, "names": {"att": RENAME}})
    doc = build(importer, overlay, tmp_path)
    att = ops(doc, "US")["att"]
    assert att["name"] == "AT&T Mobility"
    assert att["name_change"] == {"from": "AT&T", "since": "2025-01", "sources": ["cur:press"], "as_of": "2026-12-01",
                                  "verified": False, "note": "the brand changed; the network did not"}
    assert doc["sources"]["cur:press"]["name"].startswith("Light Reading")   # shipped: only used sources are
    # the tables still match the old name: iot_networks.csv's "AT&T" NB-IoT row was applied
    assert att["rats"]["nb-iot"]["status"] == "shut-down"


def test_a_compound_table_name_gives_the_former_brand_and_a_re_import_still_matches_the_table(importer, tmp_path):
    """The table says "AT&T"; the entry says the brand users knew was "Cingular": 'from' is that, and
    'table' keeps the table's name for the next --base import."""
    overlay = make_overlay(tmp_path, {"sources": SOURCES, "names": {"att": dict(RENAME, former="Cingular")}})
    first, again, _, _ = import_twice(importer, overlay, tmp_path)
    change = ops(first, "US")["att"]["name_change"]
    assert (change["from"], change["table"]) == ("Cingular", "AT&T")
    assert again["countries"] == first["countries"] and ops(again, "US")["att"]["rats"]["nb-iot"]["status"] == "shut-down"


@pytest.mark.parametrize("sources,verified", [(["op-release"], True), (["press", "blog"], True), (["press"], False)])
def test_a_name_is_verified_by_the_operator_or_two_publishers(importer, tmp_path, sources, verified):
    overlay = make_overlay(tmp_path, {"sources": SOURCES, "names": {"att": dict(RENAME, source=sources)}})
    assert ops(build(importer, overlay, tmp_path), "US")["att"]["name_change"]["verified"] is verified


def test_base_mode_renames_once_and_the_tables_still_match_the_former_name(importer, tmp_path):
    overlay = make_overlay(tmp_path, {"sources": SOURCES, "names": {"att": RENAME}})
    first, again, base, partial = import_twice(importer, overlay, tmp_path)
    assert again["countries"] == first["countries"]
    # the entry removed: the next import gives the table's name back
    (tmp_path / "c").mkdir()
    later = build(importer, make_overlay(tmp_path / "c", {"sources": SOURCES}), tmp_path / "c", base=base, atlas=partial)
    assert ops(later, "US")["att"]["name"] == "AT&T" and "name_change" not in ops(later, "US")["att"]


@pytest.mark.parametrize("names,message", [
    ({"nope": RENAME}, r"names.*unknown operators: nope"),
    ({"att": dict(RENAME, name="AT&T")}, r"att.*already"),
    ({"att": {k: v for k, v in RENAME.items() if k != "source"}}, r"att.*source"),
    ({"att": dict(RENAME, source="missing")}, r"'missing'"),
    ({"att": dict(RENAME, since="Jan 2025")}, r"att.*since.*Jan 2025"),
    ({"att": {k: v for k, v in RENAME.items() if k != "as_of"}}, r"att.*as_of"),
])
def test_a_malformed_name_entry_is_refused(importer, tmp_path, names, message):
    overlay = make_overlay(tmp_path, {"sources": SOURCES, "names": names})
    with pytest.raises(SystemExit, match=message) as err:
        importer.Importer(FIXTURE, "2026-10-02", overlay).run()
    assert "\n" not in str(err.value)


def test_one_network_renamed_in_two_files_is_refused_naming_both(importer, tmp_path):
    overlay = make_overlay(tmp_path, {"sources": SOURCES, "names": {"att": RENAME}}, main={"names": {"att": RENAME}})
    with pytest.raises(SystemExit, match=r"name of att.*curated.yaml.*added-networks.yaml"):
        importer.Importer(FIXTURE, "2026-10-02", overlay).run()
