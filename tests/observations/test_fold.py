"""How contributed observations change a shipped fact (atctl.observations.fold_into_fact, docs/DATA.md)."""

from atctl.bands.observed import fold_into_fact

SEEN_20 = [{"band": 20, "count": 4, "first_seen": "2026-10-01", "last_seen": "2026-11-30"}]


def fact(**kw):
    base = {"bands": [8, 20], "status": "live", "verified": False, "derived": True, "sources": ["ba:gsma"],
            "as_of": "2026-10-02"}
    return {**base, **kw}


def test_observed_source_is_added_and_derived_stays_until_every_band_was_seen():
    new, why = fold_into_fact(fact(), SEEN_20, "obs:contrib", "lte-m")
    assert why is None and new["sources"] == ["ba:gsma", "obs:contrib"] and new["derived"] is True
    assert "B20 x4 (2026-10-01..2026-11-30)" in new["note"]
    both = SEEN_20 + [{"band": 8, "count": 1, "first_seen": "2026-11-02", "last_seen": "2026-11-02"}]
    new, _ = fold_into_fact(fact(), both, "obs:contrib", "lte-m")
    assert new["derived"] is False and new["verified"] is False  # one device-capture source: not verified


def test_a_band_the_list_lacks_is_added_and_the_list_is_no_longer_verified():
    new, _ = fold_into_fact(fact(bands=[4, 12], derived=False, verified=True), [dict(SEEN_20[0], band=2)],
                            "obs:contrib", "lte-m")
    assert new["bands"] == [2, 4, 12] and new["verified"] is False and "added from those observations: 2" in new["note"]


def test_not_deployed_service_that_devices_register_on_becomes_live():
    new, _ = fold_into_fact(fact(bands=[], status="not-deployed", derived=False), SEEN_20, "obs:contrib", "lte-m")
    assert new["status"] == "live" and new["bands"] == [20] and new["derived"] is False and new["verified"] is False
    assert "listed as not deployed" in new["note"]


def test_seen_after_switch_off_is_a_disagreement_not_a_change():
    old = fact(bands=[], status="shut-down", shutdown="2025-06", derived=False, verified=True)
    new, why = fold_into_fact(old, [dict(SEEN_20[0], band=900)], "obs:contrib", "gsm")
    assert new["status"] == "shut-down" and why == "observed on devices until 2026-11-30, switch-off 2025-06"
    assert "900 MHz" in new["note"]
    assert fact() == fact()  # the input fact is not modified
