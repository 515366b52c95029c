"""A network whose every radio technology is switched off is itself shut down (Smart Telecom Nepal,
2023): the operator's `status` says so, not "live" beside RATs that are all off."""

from __future__ import annotations

from test_importer_added_operators import SOURCES, build, make_overlay, ops


def _closing(magenta: dict, keep_live: str | None = None) -> dict:
    return {"at-magenta": {rat: {"bands": f["bands"], "status": "live" if rat == keep_live else
                                 ("not-deployed" if f["status"] == "not-deployed" else "shut-down"),
                                 "shutdown": None if rat == keep_live or f["status"] == "not-deployed" else "2025-06",
                                 "source": "press", "as_of": "2026-12-01"}
                           for rat, f in magenta["rats"].items()}}


def test_an_operator_with_every_rat_off_is_shut_down_and_one_live_rat_keeps_it_live(importer, tmp_path):
    (tmp_path / "a").mkdir()
    magenta = ops(build(importer, make_overlay(tmp_path / "a", {"sources": SOURCES}), tmp_path / "a"), "AT")["at-magenta"]
    assert magenta["status"] == "live"
    (tmp_path / "b").mkdir()
    closed = build(importer, make_overlay(tmp_path / "b", {"sources": SOURCES, "facts": _closing(magenta)}), tmp_path / "b")
    assert ops(closed, "AT")["at-magenta"]["status"] == "shut-down"
    (tmp_path / "c").mkdir()
    lte_on = build(importer, make_overlay(tmp_path / "c", {"sources": SOURCES, "facts": _closing(magenta, "lte")}),
                   tmp_path / "c")
    assert ops(lte_on, "AT")["at-magenta"]["status"] == "live"
