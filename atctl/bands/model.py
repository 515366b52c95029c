"""Country / operator band facts as plain frozen dataclasses (pure, fast to build).

Loaded from atctl/data/ by atctl.data.load_countries(); consumed by the coverage
check and minimal-mask logic. Every fact carries source, as_of and verified.
RAT keys: gsm (MHz), umts, lte, lte-m, nb-iot (3GPP band numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

# Network status of an operator or of one RAT of an operator.
LIVE = "live"
SHUT_DOWN = "shut-down"
ANNOUNCED_SHUTDOWN = "announced-shutdown"
NOT_DEPLOYED = "not-deployed"
STATUSES = (LIVE, SHUT_DOWN, ANNOUNCED_SHUTDOWN, NOT_DEPLOYED)


@dataclass(frozen=True)
class Source:
    """Where a fact comes from. `grade`: A official, B industry, C media (Band Atlas), or None."""

    name: str
    url: str | None = None
    grade: str | None = None


@dataclass(frozen=True)
class RatFact:
    """One operator's bands on one RAT.

    `derived` is True when the bands were inferred (e.g. LTE-M bands taken from
    the operator's LTE coverage layer) rather than stated by a source.
    `shutdown` is an ISO date (YYYY-MM-DD, or YYYY-MM / YYYY when only that is known)
    for shut-down / announced-shutdown.
    """

    bands: tuple[int, ...]
    status: str = LIVE
    shutdown: str | None = None
    verified: bool = False
    derived: bool = False
    sources: tuple[Source, ...] = ()
    as_of: str = ""
    note: str | None = None

    def date_passed(self, data_checked: str = "") -> bool:
        """An announced end whose date had passed when the fact (or the dataset) was last checked,
        with no report that it happened. Compared at the date's own precision ("2025-06" vs
        "2026-10-02": passed; "2026-10" vs "2026-10-02": not yet)."""
        checked = max(self.as_of, data_checked)
        return (self.status == ANNOUNCED_SHUTDOWN and bool(self.shutdown and checked)
                and checked[:len(self.shutdown)] > self.shutdown)


@dataclass(frozen=True)
class NameChange:
    """A network trading under a new name (Beeline Georgia is Cellfie): the name is sourced like any
    fact, and the former one is kept because users, SIM cards and older tables still say it."""

    former: str
    sources: tuple[Source, ...]
    as_of: str
    verified: bool
    since: str | None = None   # when the brand changed: YYYY, YYYY-MM or YYYY-MM-DD
    note: str | None = None


@dataclass(frozen=True)
class Operator:
    name: str
    mcc_mnc: tuple[str, ...]
    rats: dict[str, RatFact] = field(default_factory=dict)
    status: str = LIVE
    name_change: NameChange | None = None


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str
    operators: tuple[Operator, ...] = ()
    notes: tuple[str, ...] = ()
    checked: str = ""   # when the dataset was last checked (ISO date): what "announced" dates are read against

    @cached_property
    def views(self) -> dict:
        """Memo for what pure code derives from this country alone (e.g. the coverage check's per-RAT
        operator table), so a check of many modules builds it once. Keyed by its user; a Country is not
        changed after it is built (atctl.data loads each once per process)."""
        return {}
