"""Coverage check: a module's bands against the networks of deployment countries (pure).

Per operator and RAT: the network's bands, which the module can use, which it
misses, and a verdict. Per country and RAT:
  full          every operator running the RAT can be used on all of its bands
  partial       some usable band somewhere, but not full
  none          the RAT is deployed but the module can use none of its bands
                (or the module does not support the RAT)
  not-deployed  no operator runs the RAT (or every network of it is shut down)
Shut-down networks are reported but do not count; announced shutdowns count,
with a warning and the date. Verdicts resting on derived bands say so; bands seen on the user's own
devices (atctl.observations) are reported as observed, and a derived band that was seen is no longer
counted as derived.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache

from atctl.bands.model import ANNOUNCED_SHUTDOWN, NOT_DEPLOYED, SHUT_DOWN, Country
from atctl.bands.relations import carries_connection, reachable_bands

FULL, PARTIAL, NONE_, NOT_DEPLOYED_VERDICT = "full", "partial", "none", "not-deployed"


@dataclass
class OperatorCoverage:
    name: str
    mcc_mnc: list[str]
    status: str
    shutdown: str | None
    network_bands: list[int]
    usable_bands: list[int]
    missing_bands: list[int]
    verdict: str
    verified: bool
    derived: bool
    sources: list[str]
    observed: list[dict] = field(default_factory=list)        # [{band, count, first_seen, last_seen}]
    evidence: dict[int, str] = field(default_factory=dict)   # band -> stated | derived | observed (when observed)


@dataclass
class RatCoverage:
    rat: str
    network_bands: list[int] = field(default_factory=list)
    usable_bands: list[int] = field(default_factory=list)
    missing_bands: list[int] = field(default_factory=list)
    verdict: str = NOT_DEPLOYED_VERDICT
    derived: bool = False
    operators: list[OperatorCoverage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class CountryCoverage:
    country: str
    name: str
    rats: dict[str, RatCoverage]

    @property
    def usable(self) -> bool:
        return any(r.verdict in (FULL, PARTIAL) for r in self.rats.values())


@dataclass
class CoverageReport:
    module: str
    rats: list[str]
    countries: list[CountryCoverage]
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.usable for c in self.countries)

    def as_dict(self) -> dict:
        return {"module": self.module, "rats": self.rats, "ok": self.ok, "warnings": self.warnings,
                "countries": [{"country": c.country, "name": c.name,
                               "rats": {rat: asdict(cov) for rat, cov in c.rats.items()}} for c in self.countries]}


@lru_cache(maxsize=4096)
def _connection_bands(bands: tuple[int, ...], rat: str) -> tuple[int, ...]:
    # every module of a `bands check` meets the same facts: filter each band list once
    return tuple(b for b in bands if carries_connection(b, rat))


@lru_cache(maxsize=4096)
def _source_names(sources: tuple) -> tuple[str, ...]:
    return tuple(s.name for s in sources)


def _operator(rat: str, operator, fact, module_bands: list[int], reach: frozenset[int],
              observed: list[dict] | None = None) -> OperatorCoverage:
    network = list(fact.bands)  # sorted by the data loader
    bands = _connection_bands(fact.bands, rat)
    ok = [b for b in bands if b in reach]
    missing = [b for b in bands if b not in reach]
    if fact.status in (SHUT_DOWN, NOT_DEPLOYED) or not bands:
        verdict = NOT_DEPLOYED_VERDICT
    elif not module_bands or not ok:
        verdict = NONE_
    else:
        verdict = FULL if not missing else PARTIAL
    cov = OperatorCoverage(operator.name, list(operator.mcc_mnc), fact.status, fact.shutdown, network,
                           ok, missing, verdict, fact.verified, fact.derived,
                           list(_source_names(fact.sources)))
    if observed:
        from atctl.bands.observed import band_evidence

        cov.observed = list(observed)
        cov.evidence = band_evidence(network, fact.derived, observed)
    return cov


def _still_derived(op: OperatorCoverage) -> bool:
    """A derived fact counts as derived unless every band of it was seen on the user's devices."""
    return op.derived and any(op.evidence.get(b, "derived") == "derived" for b in op.network_bands)


def _when(date: str | None) -> str:
    if not date:
        return ""
    return f" on {date}" if len(date) == 10 else f" in {date}"


def check_country(profile, country: Country, rat: str, module_bands: list[int] | None = None,
                  reach: frozenset[int] | None = None, observed: dict | None = None) -> RatCoverage:
    """observed: atctl.bands.observed.index_by_operator() of the user's store, or None."""
    if observed:
        from atctl.bands.observed import observed_for
    module_bands = profile.bands_for(rat) if module_bands is None else module_bands
    reach = reachable_bands(module_bands) if reach is None else reach
    cov = RatCoverage(rat)
    label = {"gsm": "GSM", "umts": "UMTS (3G)", "lte": "LTE"}.get(rat, rat)
    for operator in country.operators:
        fact = operator.rats.get(rat)
        if fact is None:
            continue
        seen = observed_for(observed, operator.mcc_mnc, rat) if observed else None
        op = _operator(rat, operator, fact, module_bands, reach, seen)
        cov.operators.append(op)
        if seen and fact.status != SHUT_DOWN:  # this is the inner loop of `bands check`: only with sightings
            new = [b for b, how in op.evidence.items() if how == "observed" and b not in op.network_bands]
            if new:
                cov.warnings.append(f"{operator.name}: {label} band{'s' if len(new) > 1 else ''} "
                                    f"{', '.join(map(str, new))} seen on your devices, not in the shipped data.")
        if fact.status == SHUT_DOWN and fact.bands is not None:
            cov.warnings.append(f"{operator.name} shut down its {label} network{_when(fact.shutdown)}.")
        elif fact.status == ANNOUNCED_SHUTDOWN:
            cov.warnings.append(f"{operator.name} will shut down its {label} network{_when(fact.shutdown)}.")
    # one pass over the operators that run the RAT (this is the inner loop of `bands check`)
    network, usable_, missing = set(), set(), set()
    derived_names: list[str] = []
    counted, all_full, any_usable = 0, True, False
    for op in cov.operators:
        if op.verdict == NOT_DEPLOYED_VERDICT:
            continue
        counted += 1
        network.update(op.network_bands)
        usable_.update(op.usable_bands)
        missing.update(op.missing_bands)
        all_full = all_full and op.verdict == FULL
        any_usable = any_usable or bool(op.usable_bands)
        if op.derived and _still_derived(op):
            derived_names.append(op.name)
    cov.network_bands, cov.usable_bands = sorted(network), sorted(usable_)
    cov.missing_bands = sorted(missing - usable_)
    cov.derived = bool(derived_names)
    if not counted:
        cov.verdict = NOT_DEPLOYED_VERDICT
    elif not module_bands:
        cov.verdict = NONE_
        cov.warnings.append(f"{profile.id} does not support {label}.")
    elif all_full:
        cov.verdict = FULL
    elif any_usable:
        cov.verdict = PARTIAL
    else:
        cov.verdict = NONE_
    if cov.derived and cov.verdict != NOT_DEPLOYED_VERDICT:
        cov.warnings.append(f"{label} bands of {', '.join(derived_names)} are derived from their LTE bands, "
                            "not stated by a source.")
    return cov


def check(profile, countries: list[Country], rats: list[str] | None = None,
          observed: dict | None = None) -> CoverageReport:
    rats = list(rats or profile.rats)
    report = CoverageReport(profile.id, rats, [])
    module = {rat: profile.bands_for(rat) for rat in rats}
    reach = {rat: reachable_bands(bands) for rat, bands in module.items()}
    for country in countries:
        report.countries.append(CountryCoverage(country.code, country.name, {
            rat: check_country(profile, country, rat, module[rat], reach[rat], observed) for rat in rats}))
    for rat in rats:
        if rat in ("gsm", "umts") and profile.bands_for(rat):
            gone = [c.country for c in report.countries if c.rats[rat].verdict == NOT_DEPLOYED_VERDICT]
            if gone:
                report.warnings.append(f"{rat.upper()} is shut down or absent in {', '.join(gone)}: "
                                       f"do not count on {profile.id}'s {rat.upper()} fallback there.")
    return report
