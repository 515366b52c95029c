"""Coverage verdicts and minimal masks on hand-checked cases (Country objects built here)."""

from itertools import combinations

from atctl.bands.coverage import check
from atctl.bands.minimal import minimal_cover, operator_options
from atctl.bands.model import Country, Operator, RatFact
from atctl.bands.relations import module_bands_for, usable
from atctl.profiles import load_profile

BG95 = load_profile("quectel-bg95-m3")
R410 = load_profile("ublox-sara-r410m-02b")


def op(name, **rats):
    return Operator(name, ("00101",), {rat: (fact if isinstance(fact, RatFact) else RatFact(tuple(fact)))
                                        for rat, fact in rats.items()})


def test_relations():
    assert usable(4, [66]) and usable(2, [25]) and usable(18, [26]) and usable(12, [85])
    assert not usable(66, [4])            # a B66 carrier may lie outside B4
    assert module_bands_for(5, [5, 26]) == [5, 26]


def test_full_partial_none_not_deployed():
    country = Country("ZZ", "Testland", (
        op("A", **{"lte-m": [8, 20], "nb-iot": [20]}),
        op("B", **{"lte-m": [7, 20]}),       # B7: not a BG95-M3 LTE-M band
    ))
    report = check(BG95, [country], ["lte-m", "nb-iot", "gsm"])
    rats = report.countries[0].rats
    assert rats["lte-m"].verdict == "partial" and rats["lte-m"].missing_bands == [7]
    assert rats["nb-iot"].verdict == "full"
    assert rats["gsm"].verdict == "not-deployed"
    assert report.ok


def test_receive_only_band_never_counts():
    country = Country("ZZ", "Testland", (op("A", lte=[20, 32]),))
    cov = check(load_profile("quectel-eg25-g"), [country], ["lte"]).countries[0].rats["lte"]
    assert cov.network_bands == [20, 32] and cov.verdict == "full"


def test_module_without_the_rat_and_shutdowns():
    country = Country("US", "United States", (
        op("X", **{"nb-iot": RatFact((2, 4, 12), status="shut-down", shutdown="2025-03"),
                   "lte-m": [2, 4, 12]}),
    ))
    report = check(R410, [country], ["nb-iot", "lte-m", "gsm"])
    rats = report.countries[0].rats
    assert rats["nb-iot"].verdict == "not-deployed" and any("shut down" in w for w in rats["nb-iot"].warnings)
    assert rats["lte-m"].verdict == "full"


def test_none_verdict_fails_the_check():
    country = Country("ZZ", "Testland", (op("A", **{"lte-m": [7]}),))
    report = check(BG95, [country], ["lte-m"])
    assert report.countries[0].rats["lte-m"].verdict == "none" and not report.ok


def test_derived_bands_are_flagged():
    country = Country("ZZ", "Testland", (op("A", **{"lte-m": RatFact((20,), derived=True)}),))
    cov = check(BG95, [country], ["lte-m"]).countries[0].rats["lte-m"]
    assert cov.derived and any("derived" in w for w in cov.warnings)


def brute_force(options):
    candidates = sorted(set().union(*(b for _, b in options)))
    for size in range(1, len(candidates) + 1):
        for combo in combinations(candidates, size):
            if all(b & set(combo) for _, b in options):
                return size
    return 0


def test_minimal_cover_is_optimal_on_small_cases():
    cases = [
        [("a", frozenset({8, 20})), ("b", frozenset({20, 3})), ("c", frozenset({3}))],
        [("a", frozenset({2, 4, 12})), ("b", frozenset({4, 13})), ("c", frozenset({2, 66}))],
        [("a", frozenset({1})), ("b", frozenset({2})), ("c", frozenset({1, 2}))],
    ]
    for options in cases:
        chosen = minimal_cover(options)
        assert all(bands & set(chosen) for _, bands in options)
        assert len(chosen) == brute_force(options)


def test_minimal_uses_containing_module_band():
    country = Country("ZZ", "Testland", (op("A", **{"lte-m": [4]}),))
    options = operator_options(R410, [country], "lte-m")
    assert options == [("ZZ A", frozenset({4}))]
    assert minimal_cover(operator_options(BG95, [country], "lte-m")) == [4]


def test_minimal_cover_prefers_the_coverage_layer_then_named_bands():
    # one band reaches all three operators: B28 (758 MHz DL) beats B1 (2110 MHz), TS 36.101 table 5.5-1
    every = frozenset({1, 3, 8, 20, 28})
    assert minimal_cover([("a", every), ("b", every), ("c", every)], "lte") == [28]
    # a B5 cell reached from module B5 or from B26 (which contains B5): the named band wins
    assert minimal_cover([("a", frozenset({5, 26})), ("b", frozenset({5, 26}))], "lte") == [5]
    # GSM bands are named by MHz: 900 before 1800
    assert minimal_cover([("a", frozenset({900, 1800}))], "gsm") == [900]
    # LTE-M / NB-IoT lists are mostly derived from LTE bands: no frequency preference (not B28 by default)
    assert minimal_cover([("a", frozenset({8, 20, 28})), ("b", frozenset({8, 20, 28}))], "nb-iot") == [8]


def test_plan_keeps_every_band_of_a_derived_operator():
    # A's LTE-M bands are a guess from its LTE bands: which one carries LTE-M is unknown, so all of
    # them stay; B's are stated: one band is enough for B
    from atctl.bands.minimal import planned_bands

    country = Country("ZZ", "Testland", (
        op("A", **{"lte-m": RatFact((5, 12), derived=True)}),
        op("B", **{"lte-m": RatFact((2, 4, 12), verified=True)}),
    ))
    assert planned_bands(BG95, [country], "lte-m") == [5, 12]
    assert minimal_cover(operator_options(BG95, [country], "lte-m"), "lte-m") == [12]   # the bare cover


def test_an_announced_shutdown_whose_date_had_passed_is_not_told_in_the_future():
    # Band Atlas had Telkomsel 3G "announced-shutdown 2022" long after 2022: "will shut down ... in
    # 2022" misled; the fact's as_of date is the yardstick (pure: no clock is read)
    country = Country("ZZ", "Testland", (
        op("Past", gsm=RatFact((900,), status="announced-shutdown", shutdown="2022", as_of="2026-10-02")),
        op("Future", gsm=RatFact((900,), status="announced-shutdown", shutdown="2028-06", as_of="2026-10-02")),
        op("SameMonth", gsm=RatFact((900,), status="announced-shutdown", shutdown="2026-10", as_of="2026-10-02")),
    ))
    warnings = check(BG95, [country], ["gsm"]).countries[0].rats["gsm"].warnings
    assert "Future will shut down its GSM network in 2028-06." in warnings
    assert "SameMonth will shut down its GSM network in 2026-10." in warnings
    past = next(w for w in warnings if w.startswith("Past"))
    assert "will shut down" not in past and "2022" in past and "2026-10-02" in past, past


def test_derived_2g_3g_bands_are_called_region_defaults_not_lte_derived():
    # docs/DATA.md: without a source for its 2G/3G bands an operator gets the region's usual ones
    country = Country("ZZ", "Testland", (op("A", umts=RatFact((1, 8), derived=True)),
                                         op("B", **{"lte-m": RatFact((20,), derived=True)})))
    eg25 = load_profile("quectel-eg25-g")
    umts = check(eg25, [country], ["umts"]).countries[0].rats["umts"].warnings
    assert any("region's usual" in w for w in umts) and not any("LTE bands" in w for w in umts), umts
    lte_m = check(BG95, [country], ["lte-m"]).countries[0].rats["lte-m"].warnings
    assert any("derived from their LTE bands" in w for w in lte_m), lte_m
