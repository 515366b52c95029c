"""What diagnose collected (the input of the pure findings rules); `as_dict()` is the report's `facts`.

Every part is a typed value: the network state, SIM card and radio of atctl.network_values, the
dialect's Settings as read from the module, identity, hygiene, the config summary and the verify
checks. The JSON is made here, at the edge, by as_dict(); a part that was not read is `{}`.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field
from typing import Any

from atctl.config.verify import Check
from atctl.device.registration import WaitResult
from atctl.dialects.settings import Settings
from atctl.network_values import NetworkState, RadioState
from atctl.sim_card import SimCard


@dataclass
class IdentityFacts:
    manufacturer: str | None = None
    model: str | None = None
    revision: str | None = None
    imei: str | None = None
    profile: str | None = None       # the atctl profile id it matched; None: no profile

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class HygieneFacts:
    echo_on: bool | None = None      # None: not seen (a text capture cannot tell echo from command)
    cmee: int | None = None          # AT+CMEE mode; None: not read

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}  # only what was seen


@dataclass
class SimFacts:
    """The SIM card's state (AT+CPIN?) and its identifiers (read with the module's identity)."""
    card: SimCard | None = None      # None: the state was not read (or a log does not show it)
    ids_read: bool = False           # the identity step ran: iccid/imsi are what it found (None: not given)
    iccid: str | None = None
    imsi: str | None = None

    @property
    def blocking(self) -> bool:
        return self.card is not None and self.card.blocking

    def as_dict(self) -> dict:
        ids = {k: v for k, v in (("iccid", self.iccid), ("imsi", self.imsi)) if self.ids_read or v is not None}
        return {**ids, **(self.card.as_dict() if self.card is not None else {})}

    @classmethod
    def from_dict(cls, doc: dict | None) -> SimFacts:
        """Read a report's `facts.sim` back (report.md is rendered from the redacted document)."""
        doc = doc or {}
        card = SimCard(doc["state"], doc.get("detail") or "", doc.get("raw") or "") if doc.get("state") else None
        return cls(card, "iccid" in doc or "imsi" in doc, doc.get("iccid"), doc.get("imsi"))


def settings_document(s: Settings) -> dict:
    """The report's `facts.settings`: what the module is configured to request."""
    return {
        "rat_order": list(s.rat_order or []) or None, "rat_config": copy.deepcopy(s.rat_config),
        "bands": {rat: sorted(b) for rat, b in s.bands.items()},
        "apn": {str(cid): a.name for cid, a in s.apns.items()},
        "psm": None if s.psm is None else {"mode": s.psm.mode, "tau_bits": s.psm.tau_bits,
                                            "active_bits": s.psm.active_bits},
        "edrx": {rat: {"mode": e.mode, "cycle_bits": e.cycle_bits, "ptw_bits": e.ptw_bits} for rat, e in s.edrx.items()},
    }


@dataclass
class ConfigFacts:
    """The config diagnose checked against (--config)."""
    countries: list[str]
    rat: list[str]
    bands: dict[str, list[int]]                     # planned bands per RAT
    sunset: dict[str, list[str]] | None = None      # per legacy RAT, the countries where it is gone (live only)

    def as_dict(self) -> dict:
        out: dict[str, Any] = {"countries": list(self.countries), "rat": list(self.rat),
                               "bands": {r: list(b) for r, b in self.bands.items()}}
        if self.sunset is not None:
            out["sunset"] = {r: list(c) for r, c in self.sunset.items()}
        return out


@dataclass
class Facts:
    port: str
    reachable: bool = True
    stopped_answering: str | None = None       # the step after which the module went silent
    identity: IdentityFacts | None = None      # None: not identified
    sim: SimFacts = field(default_factory=SimFacts)
    radio: RadioState | None = None            # None: AT+CFUN? not read
    hygiene: HygieneFacts = field(default_factory=HygieneFacts)
    settings: Settings | None = None           # what the module is configured with; None: not read
    network: NetworkState | None = None        # None: the network state was not read
    waited_s: float = 0.0
    errors_seen: list[str] = field(default_factory=list)     # error results the module gave
    failures: list[str] = field(default_factory=list)        # collection steps that failed
    local_bands: dict[str, list[int]] = field(default_factory=dict)  # bands live networks use in the serving country
    config: ConfigFacts | None = None
    checks: list[Check] | None = None                        # verify checks with --config
    battery: dict[str, Any] | None = None                    # requested vs granted life (config traffic+battery)
    wait: WaitResult | None = None                           # how the registration wait ended (not in the report:
                                                             # waited_s and the network state are)

    def ident(self, key: str):
        """One identity field; None when the module was not identified."""
        return getattr(self.identity, key) if self.identity is not None else None

    def as_dict(self) -> dict:
        plain = copy.deepcopy  # the report is redacted and serialized apart from the facts
        return {
            "port": self.port, "reachable": self.reachable, "stopped_answering": self.stopped_answering,
            "identity": self.identity.as_dict() if self.identity is not None else {},
            "sim": self.sim.as_dict(), "radio": self.radio.as_dict() if self.radio is not None else {},
            "hygiene": self.hygiene.as_dict(),
            "settings": settings_document(self.settings) if self.settings is not None else {},
            "network": self.network.as_dict() if self.network is not None else {}, "waited_s": self.waited_s,
            "errors_seen": list(self.errors_seen), "failures": list(self.failures),
            "local_bands": plain(self.local_bands),
            "config": self.config.as_dict() if self.config is not None else None,
            "checks": [c.as_dict() for c in self.checks] if self.checks is not None else None,
            "battery": plain(self.battery),
        }
