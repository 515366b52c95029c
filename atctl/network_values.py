"""What the network did, as typed values (pure): registration, operator, signal, PSM and eDRX
requested versus granted, SIM card and radio. device/network.py fills a NetworkState from the
codecs' models; status, verify, diagnose and the battery estimate read it.

`as_dict()` is the JSON contract of `atctl status --json` (DESIGN.md): a part that was not read
is `{}`, a value that was read but is unknown is null, and `from_dict` reads that document back
(diagnose from a log, the console dashboard). These classes are below device/ in the layer order,
so the views (atctl.status_view) and the power model can take them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from atctl.registration_stat import DENIED, HOME, REGISTERED, ROAMING
from atctl.sim_card import SimCard


def _known(cls, doc: dict | None) -> dict[str, Any]:
    """The keys of `doc` that are fields of `cls` (a document may carry more, or fewer)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in (doc or {}).items() if k in names}


@dataclass(frozen=True)
class RegistrationRead:
    """What one of +CEREG / +CGREG / +CREG said."""

    stat: int | None = None
    stat_text: str | None = None
    reject_cause: int | None = None


@dataclass(frozen=True)
class RegistrationStatus:
    """The registration that counts: the first read that is registered, else the first read at all
    (`via` names it); `reads` keeps what every read said (JSON: "all")."""

    stat: int | None = None
    stat_text: str | None = None
    tac: str | None = None
    ci: str | None = None
    act: int | None = None
    rat: str | None = None
    reject_cause: int | None = None
    via: str | None = None          # CEREG | CGREG | CREG; None: nothing could be read
    reads: dict[str, RegistrationRead] = field(default_factory=dict)

    @property
    def registered(self) -> bool:
        return self.stat in REGISTERED

    @property
    def roaming(self) -> bool:
        return self.stat in ROAMING

    @property
    def network_kind(self) -> str | None:
        """'home' or 'roaming' (what a config's expect.registration names), None when not registered."""
        return "home" if self.stat in HOME else "roaming" if self.stat in ROAMING else None

    @property
    def denied(self) -> bool:
        return self.stat == DENIED

    def as_dict(self) -> dict[str, Any]:
        if self.via is None and not self.reads:
            return {}
        doc: dict[str, Any] = {"all": {name: asdict(read) for name, read in self.reads.items()}} if self.reads else {}
        doc.update({k: v for k, v in asdict(self).items() if k != "reads"})
        return doc

    @classmethod
    def from_dict(cls, doc: dict | None) -> RegistrationStatus:
        doc = doc or {}
        reads = {name: RegistrationRead(**_known(RegistrationRead, read))
                 for name, read in (doc.get("all") or {}).items()}
        return cls(**_known(cls, {k: v for k, v in doc.items() if k != "reads"}), reads=reads)


@dataclass(frozen=True)
class Operator:
    mode: str | None = None       # automatic | manual | deregistered ...
    mcc_mnc: str | None = None    # the serving network's code (+COPS numeric)
    name: str | None = None
    country: str | None = None    # ISO code, when the network is in atctl's data

    def as_dict(self) -> dict[str, Any]:
        if self == Operator():
            return {}
        doc = {"mode": self.mode, "mcc_mnc": self.mcc_mnc, "name": self.name}
        return doc if self.country is None else {**doc, "country": self.country}

    @classmethod
    def from_dict(cls, doc: dict | None) -> Operator:
        return cls(**_known(cls, doc))


SIGNAL_KEYS = ("rssi_dbm", "rsrp_dbm", "rsrq_db", "sinr_db")


@dataclass(frozen=True)
class Signal:
    rssi_dbm: float | None = None
    rsrp_dbm: float | None = None
    rsrq_db: float | None = None
    sinr_db: float | None = None

    def filled_from(self, model: Any) -> Signal:
        """This signal with what it does not know yet taken from a codec model (+QCSQ, +CESQ, +CSQ, QENG cell)."""
        get = model.get if isinstance(model, dict) else (lambda key: getattr(model, key, None))
        return Signal(**{k: getattr(self, k) if getattr(self, k) is not None else get(k) for k in SIGNAL_KEYS})

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_dict(cls, doc: dict | None) -> Signal:
        return cls(**_known(cls, doc))


@dataclass(frozen=True)
class CellInUse:
    """The cell a serving-cell read (+QNWINFO, +QENG ...) says the module is on; `signal` holds the
    Signal fields the read carries (empty when it carries none)."""

    band: int | None = None
    channel: int | None = None
    rat: str | None = None
    signal: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PsmTimers:
    """PSM timers as a module reports them (+CPSMS requested, +UCPSMS granted)."""

    mode: int | None = None
    tau_s: float | None = None
    active_s: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PsmGrant:
    """The timers the network granted, from +CEREG n=4/5 (None: granted none)."""

    tau_s: float | None = None
    active_s: float | None = None
    tau_bits: str | None = None
    active_bits: str | None = None
    source: str = "+CEREG n=5"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PsmState:
    requested: PsmTimers | None = None       # None: not read
    granted: PsmGrant | None = None          # None: no +CEREG read
    granted_ucpsms: PsmTimers | None = None  # only where the dialect reads +UCPSMS

    def granted_timers(self) -> PsmGrant | PsmTimers | None:
        """The granted TAU and active time: from +CEREG, else from +UCPSMS; None when the network granted none."""
        granted: PsmGrant | PsmTimers | None = self.granted
        if granted is None or granted.tau_s is None:
            granted = self.granted_ucpsms
        return granted if granted is not None and granted.tau_s is not None and granted.active_s is not None else None

    def as_dict(self) -> dict[str, Any]:
        parts = (("granted", self.granted), ("requested", self.requested), ("granted_ucpsms", self.granted_ucpsms))
        return {name: part.as_dict() for name, part in parts if part is not None}

    @classmethod
    def from_dict(cls, doc: dict | None) -> PsmState:
        doc = doc or {}

        def timers(key: str) -> PsmTimers | None:
            return PsmTimers(**_known(PsmTimers, doc[key])) if doc.get(key) is not None else None

        granted = PsmGrant(**_known(PsmGrant, doc["granted"])) if doc.get("granted") is not None else None
        return cls(requested=timers("requested"), granted=granted, granted_ucpsms=timers("granted_ucpsms"))


@dataclass(frozen=True)
class EdrxGrant:
    """+CEDRXRDP: what the cell uses."""

    rat: str | None = None
    used: bool = False
    cycle_s: float | None = None
    ptw_s: float | None = None
    requested_s: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class EdrxState:
    requested: dict[str, float] | None = None   # rat -> cycle s; None: the read failed
    granted: EdrxGrant | None = None            # None: no +CEDRXRDP line

    def as_dict(self) -> dict[str, Any]:
        doc: dict[str, Any] = {"requested": None if self.requested is None else dict(self.requested)}
        return doc if self.granted is None else {**doc, "granted": self.granted.as_dict()}

    @classmethod
    def from_dict(cls, doc: dict | None) -> EdrxState:
        doc = doc or {}
        granted = EdrxGrant(**_known(EdrxGrant, doc["granted"])) if doc.get("granted") else None
        requested = doc.get("requested")
        return cls(requested=None if requested is None else dict(requested), granted=granted)


@dataclass(frozen=True)
class RadioState:
    state: str                     # on | off | unknown
    fun: int | None                # AT+CFUN? level
    detail: str
    next_step: str | None = None   # what to do when it keeps the module off the network

    @property
    def off(self) -> bool:
        return self.state == "off"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, doc: dict | None) -> RadioState | None:
        return cls(**_known(cls, doc)) if doc else None


@dataclass
class NetworkState:
    """One read of the network state; each part is replaced whole as it is read."""

    registration: RegistrationStatus = field(default_factory=RegistrationStatus)
    operator: Operator = field(default_factory=Operator)
    rat: str | None = None
    band: int | None = None
    channel: int | None = None
    signal: Signal = field(default_factory=Signal)
    psm: PsmState = field(default_factory=PsmState)
    edrx: EdrxState = field(default_factory=EdrxState)
    apn: dict[int, str] = field(default_factory=dict)
    sim_card: SimCard | None = None
    radio: RadioState | None = None
    errors: list[str] = field(default_factory=list)   # reads that failed, in plain words

    @property
    def registered(self) -> bool:
        return self.registration.registered

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract (keys as in `status --json`; the SIM card's key is "sim")."""
        return {"registration": self.registration.as_dict(), "operator": self.operator.as_dict(), "rat": self.rat,
                "band": self.band, "channel": self.channel, "signal": self.signal.as_dict(),
                "psm": self.psm.as_dict(), "edrx": self.edrx.as_dict(),
                "apn": {str(k): v for k, v in self.apn.items()},
                "sim": self.sim_card.as_dict() if self.sim_card else {},
                "radio": self.radio.as_dict() if self.radio else {}, "errors": list(self.errors)}

    @classmethod
    def from_dict(cls, doc: dict) -> NetworkState:
        """A NetworkState from its JSON document (a diagnose bundle, a log)."""
        sim = doc.get("sim") or {}
        return cls(registration=RegistrationStatus.from_dict(doc.get("registration")),
                   operator=Operator.from_dict(doc.get("operator")), rat=doc.get("rat"), band=doc.get("band"),
                   channel=doc.get("channel"), signal=Signal.from_dict(doc.get("signal")),
                   psm=PsmState.from_dict(doc.get("psm")), edrx=EdrxState.from_dict(doc.get("edrx")),
                   apn={int(k): v for k, v in (doc.get("apn") or {}).items() if str(k).isdigit()},
                   sim_card=SimCard(**_known(SimCard, sim)) if sim.get("state") else None,
                   radio=RadioState.from_dict(doc.get("radio")), errors=list(doc.get("errors") or []))
