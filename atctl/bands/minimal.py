"""The smallest set of module bands per RAT that still reaches every operator the
module can use in the chosen countries (fewer bands = a faster network scan).

An operator whose bands on that RAT are derived (guessed from its LTE bands) keeps
all of them in the plan (`planned_bands`): a faster scan is not worth missing the one
band that really carries LTE-M or NB-IoT. Only stated bands are minimized.

Set cover over operators: exact (smallest size first) when there are at most 20
candidate bands, greedy beyond. Among covers of the smallest size, the one that
reaches each operator on the most of its bands wins, then the one on the lowest
frequencies for LTE/UMTS/GSM (the coverage layer: longer range and better indoors;
a band the networks name before a wider band containing it), then the lowest band
numbers, so the answer is deterministic. Example: every German operator runs B1, B3,
B8, B20 and B28 for LTE; one band covers them all and it is B28 (758 MHz), not B1.
"""

from __future__ import annotations

from itertools import combinations

from atctl.bands.model import ANNOUNCED_SHUTDOWN, LIVE, Country
from atctl.bands.relations import CONTAINS, carries_connection, downlink_mhz, module_bands_for

EXACT_LIMIT = 20


def _live(countries: list[Country], rat: str):
    """(name, fact) of every operator running `rat` now (or until an announced shutdown)."""
    for country in countries:
        for operator in country.operators:
            fact = operator.rats.get(rat)
            if fact is not None and fact.status in (LIVE, ANNOUNCED_SHUTDOWN):
                yield f"{country.code} {operator.name}", fact


def _module_bands_reaching(fact, rat: str, module: list[int], first_only: bool = False) -> frozenset[int]:
    reach = [module_bands_for(b, module) for b in fact.bands if carries_connection(b, rat)]
    return frozenset(m for ms in reach for m in (ms[:1] if first_only else ms))


def operator_options(profile, countries: list[Country], rat: str) -> list[tuple[str, frozenset[int]]]:
    """(operator, module bands that reach it) for every live operator the module can use on `rat`."""
    module = profile.bands_for(rat)
    options = [(name, _module_bands_reaching(fact, rat, module)) for name, fact in _live(countries, rat)]
    return [(name, reach) for name, reach in options if reach]


def derived_keep(profile, countries: list[Country], rat: str) -> dict[str, frozenset[int]]:
    """Per operator whose `rat` bands are derived (a guess from its LTE bands), every module band
    that could reach it: these are all kept, since the data cannot tell which one carries the
    service (e.g. AT&T LTE-M derived as B5/B12/B14/B17; keeping only B5 could miss it). The band
    itself where the module has it, else a module band containing it."""
    module = profile.bands_for(rat)
    kept = {name: _module_bands_reaching(fact, rat, module, first_only=True)
            for name, fact in _live(countries, rat) if fact.derived}
    return {name: reach for name, reach in kept.items() if reach}


# LTE-M / NB-IoT carriers sit where each operator put them (B20/B8 in Europe, rarely B28), and
# most of those band lists are derived from the LTE bands: preferring the lowest frequency there
# would turn a guess into B28. The coverage preference applies to broadband RATs only.
COVERAGE_RATS = ("lte", "umts", "gsm")


def _rank(rat: str, band: int, candidates: frozenset[int] | set[int]) -> tuple[bool, float]:
    # a band the networks name beats a wider band that contains it when both are candidates
    # (B5 before B26, B4 before B66): serving a B5 cell from B26 relies on multi-band indication
    return (bool(CONTAINS.get(band, frozenset()) & candidates), downlink_mhz(rat, band) if rat in COVERAGE_RATS else 0.0)


def minimal_cover(options: list[tuple[str, frozenset[int]]], rat: str = "lte",
                  keep: frozenset[int] = frozenset()) -> list[int]:
    """Smallest band set reaching every option; `keep` bands are always in it."""
    keep = frozenset(keep)
    options = [(name, bands) for name, bands in options if not bands & keep]
    if not options:
        return sorted(keep)
    return sorted(keep | set(_cover(options, rat)))


def _cover(options: list[tuple[str, frozenset[int]]], rat: str) -> list[int]:
    candidates = sorted(set().union(*(bands for _, bands in options)))
    pool = frozenset(candidates)

    def score(chosen: tuple[int, ...]) -> tuple:
        hits = sum(len(bands & set(chosen)) for _, bands in options)
        return (-hits, sorted(_rank(rat, b, pool) for b in chosen), chosen)

    if len(candidates) <= EXACT_LIMIT:
        for size in range(1, len(candidates) + 1):
            covers = [c for c in combinations(candidates, size) if all(bands & set(c) for _, bands in options)]
            if covers:
                return sorted(min(covers, key=score))
    chosen: set[int] = set()
    left = list(options)
    while left:
        best = min(candidates, key=lambda b: (-sum(b in bands for _, bands in left), _rank(rat, b, pool), b))
        chosen.add(best)
        left = [(name, bands) for name, bands in left if best not in bands]
    return sorted(chosen)


def planned_bands(profile, countries: list[Country], rat: str) -> list[int]:
    """The band plan for one RAT: every band of derived operators kept, the rest minimized."""
    keep = frozenset().union(*derived_keep(profile, countries, rat).values())
    return minimal_cover(operator_options(profile, countries, rat), rat, keep)


def minimal_bands(profile, countries: list[Country], rats: list[str]) -> dict[str, list[int]]:
    return {rat: planned_bands(profile, countries, rat) for rat in rats}


def derived_notes(profile, countries: list[Country], rats: list[str]) -> list[str]:
    notes = []
    for rat in rats:
        kept = derived_keep(profile, countries, rat)
        if kept:
            notes.append(f"{rat}: every band of {', '.join(sorted(kept))} is kept "
                         f"({', '.join(map(str, sorted(frozenset().union(*kept.values()))))}): their {rat} bands "
                         + ("are the region's usual ones" if rat in ("gsm", "umts") else "are derived from their LTE bands")
                         + ", so which one carries the service is unknown")
    return notes
