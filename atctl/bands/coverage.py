"""Coverage check: a module's bands against the networks of deployment countries (pure).

Per operator and RAT: the network's bands, which the module can use, which it
misses, and a verdict. Per country and RAT:
  full          every operator running the RAT can be used on all of its bands
  partial       some usable band somewhere, but not full
  none          the RAT is deployed but the module can use none of its bands
                (or the module does not support the RAT)
  not-deployed  no operator runs the RAT (or every network of it is shut down); with `no_data`
                no network of the country has a fact for the RAT at all (a network added without a
                source for its bands): unknown, not absent
Shut-down networks are reported but do not count; announced shutdowns count,
with a warning and the date. Verdicts resting on derived bands say so; bands seen on the user's own
devices (atctl.observations) are reported as observed, and a derived band that was seen is no longer
counted as derived.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from atctl.bands.model import ANNOUNCED_SHUTDOWN, NOT_DEPLOYED, SHUT_DOWN, Country, Operator, RatFact
from atctl.bands.relations import connection_bands, reachable_bands

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
    no_data: bool = False   # no network of the country has a fact for this RAT: unknown, not absent


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


LABELS = {"gsm": "GSM", "umts": "UMTS (3G)", "lte": "LTE"}


@dataclass(slots=True)
class _Entry:
    """One operator on one RAT: what the check needs of it that does not depend on the module."""

    operator: Operator
    fact: RatFact
    connection: tuple[int, ...]   # the bands that carry a connection (no downlink-only ones)
    sources: tuple[str, ...]
    counted: bool                 # runs the RAT: not shut down / not deployed, some connection band
    note: str | None              # the shutdown warning, if any


@dataclass(slots=True)
class _RatView:
    """A country's operators on one RAT, built once per Country (every module of a check meets them)."""

    entries: tuple[_Entry, ...]
    network: tuple[int, ...]      # sorted bands of the counted operators
    connection: tuple[int, ...]   # sorted connection bands of the counted operators
    counted: int
    derived: tuple[str, ...]      # counted operators whose bands are derived
    notes: tuple[str, ...]        # the shutdown warnings, in operator order


def _when(date: str | None) -> str:
    if not date:
        return ""
    return f" on {date}" if len(date) == 10 else f" in {date}"


def _entry(operator: Operator, fact: RatFact, rat: str, data_checked: str = "") -> _Entry:
    label = LABELS.get(rat, rat)
    connection = connection_bands(fact.bands, rat)  # fact.bands sorted by the loader
    note = None
    if fact.status == SHUT_DOWN and fact.bands is not None:
        note = f"{operator.name} shut down its {label} network{_when(fact.shutdown)}."
    elif fact.date_passed(data_checked):
        note = (f"{operator.name} announced the end of its {label} network for {fact.shutdown}; the data "
                f"(as of {max(fact.as_of, data_checked)}) does not say it happened: check before relying on it.")
    elif fact.status == ANNOUNCED_SHUTDOWN:
        note = f"{operator.name} will shut down its {label} network{_when(fact.shutdown)}."
    return _Entry(operator, fact, connection, tuple([s.name for s in fact.sources]),
                  fact.status not in (SHUT_DOWN, NOT_DEPLOYED) and bool(connection), note)


def _rat_view(country: Country, rat: str) -> _RatView:
    key = ("coverage", rat)
    view = country.views.get(key)
    if view is None:
        entries = tuple([_entry(op, op.rats[rat], rat, country.checked) for op in country.operators if rat in op.rats])
        counted = [e for e in entries if e.counted]
        view = country.views[key] = _RatView(
            entries, tuple(sorted({b for e in counted for b in e.fact.bands})),
            tuple(sorted({b for e in counted for b in e.connection})), len(counted),
            tuple(e.operator.name for e in counted if e.fact.derived),
            tuple(e.note for e in entries if e.note))
    return view


def _split(bands: tuple[int, ...], reach: frozenset[int]) -> tuple[list[int], list[int]]:
    """(bands the module reaches, bands it does not), in the order of `bands`."""
    if reach.issuperset(bands):  # the common cases without a loop in Python
        return list(bands), []
    if reach.isdisjoint(bands):
        return [], list(bands)
    return [b for b in bands if b in reach], [b for b in bands if b not in reach]


def _still_derived(op: OperatorCoverage) -> bool:
    """A derived fact counts as derived unless every band of it was seen on the user's devices."""
    return op.derived and any(op.evidence.get(b, "derived") == "derived" for b in op.network_bands)


def check_country(profile, country: Country, rat: str, module_bands: list[int] | None = None,
                  reach: frozenset[int] | None = None, observed: dict | None = None) -> RatCoverage:
    """observed: atctl.bands.observed.index_by_operator() of the user's store, or None."""
    module_bands = profile.bands_for(rat) if module_bands is None else module_bands
    reach = reachable_bands(module_bands) if reach is None else reach
    view = _rat_view(country, rat)
    label = LABELS.get(rat, rat)
    if observed:
        from atctl.bands.observed import band_evidence, observed_for
    operators: list[OperatorCoverage] = []
    warnings: list[str] = []
    derived_names: list[str] = []
    for entry in view.entries:  # the inner loop of `bands check`: one pass, no calls but the result's
        bands = entry.connection
        if reach.issuperset(bands):  # _split, inline: a call per operator was a fifth of its work
            ok, missing = list(bands), []
        elif reach.isdisjoint(bands):
            ok, missing = [], list(bands)
        else:
            ok, missing = [b for b in bands if b in reach], [b for b in bands if b not in reach]
        if not entry.counted:
            verdict = NOT_DEPLOYED_VERDICT
        elif not module_bands or not ok:
            verdict = NONE_
        else:
            verdict = FULL if not missing else PARTIAL
        fact, operator = entry.fact, entry.operator
        op = OperatorCoverage(operator.name, list(operator.mcc_mnc), fact.status, fact.shutdown, list(fact.bands),
                              ok, missing, verdict, fact.verified, fact.derived, list(entry.sources))
        operators.append(op)
        if not observed:
            continue
        # sightings change the evidence and add warnings (computed once per country without them)
        seen = observed_for(observed, operator.mcc_mnc, rat)
        if seen:
            op.observed = list(seen)
            op.evidence = band_evidence(op.network_bands, fact.derived, seen)
            if fact.status != SHUT_DOWN:
                new = [b for b, how in op.evidence.items() if how == "observed" and b not in op.network_bands]
                if new:
                    warnings.append(f"{op.name}: {label} band{'s' if len(new) > 1 else ''} "
                                    f"{', '.join(map(str, new))} seen on your devices, not in the shipped data.")
        if entry.note:
            warnings.append(entry.note)
        if entry.counted and _still_derived(op):
            derived_names.append(op.name)
    if not observed:
        warnings, derived_names = list(view.notes), view.derived
    # over the operators that run the RAT: usable = their connection bands the module reaches
    usable_bands, missing_bands = _split(view.connection, reach)
    if not view.entries:
        warnings.append(f"the data has no {label} facts for the networks of {country.name}: whether they run "
                        f"{label}, and on which bands, is unknown")
    if not view.counted:
        verdict = NOT_DEPLOYED_VERDICT
    elif not module_bands:
        verdict = NONE_
        warnings.append(f"{profile.id} does not support {label}.")
    elif not missing_bands:  # every operator: all its connection bands usable
        verdict = FULL
    else:
        verdict = PARTIAL if usable_bands else NONE_
    if derived_names and verdict != NOT_DEPLOYED_VERDICT:
        # docs/DATA.md: IoT bands are derived from the operator's LTE bands; 2G/3G ones are the region's defaults
        how = "the region's usual ones" if rat in ("gsm", "umts") else "derived from their LTE bands"
        warnings.append(f"{label} bands of {', '.join(derived_names)} are {how}, not stated by a source.")
    return RatCoverage(rat, list(view.network), usable_bands, missing_bands, verdict, bool(derived_names),
                       operators, warnings, no_data=not view.entries)


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
            gone = [c.country for c in report.countries
                    if c.rats[rat].verdict == NOT_DEPLOYED_VERDICT and not c.rats[rat].no_data]
            if gone:
                report.warnings.append(f"{rat.upper()} is shut down or absent in {', '.join(gone)}: "
                                       f"do not count on {profile.id}'s {rat.upper()} fallback there.")
    return report
