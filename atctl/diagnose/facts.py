"""What diagnose collected (the input of the pure findings rules); `as_dict()` is the report's `facts`.

Identity, command hygiene, the config summary and the verify checks are typed; sim, radio, settings and
network stay the dicts their readers give (atctl.sim_card, atctl.device.network) until those are typed.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field
from typing import Any

from atctl.config.verify import Check
from atctl.device.registration import WaitResult


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
    sim: dict[str, Any] = field(default_factory=dict)        # state, detail, raw (atctl.sim_card), iccid, imsi
    radio: dict[str, Any] = field(default_factory=dict)      # state on|off|unknown, fun, detail, next_step
    hygiene: HygieneFacts = field(default_factory=HygieneFacts)
    settings: dict[str, Any] = field(default_factory=dict)   # rat_order, bands, apn, psm, edrx requested
    network: dict[str, Any] = field(default_factory=dict)    # NetworkState.as_dict()
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
            "sim": plain(self.sim), "radio": plain(self.radio), "hygiene": self.hygiene.as_dict(),
            "settings": plain(self.settings), "network": plain(self.network), "waited_s": self.waited_s,
            "errors_seen": list(self.errors_seen), "failures": list(self.failures),
            "local_bands": plain(self.local_bands),
            "config": self.config.as_dict() if self.config is not None else None,
            "checks": [c.as_dict() for c in self.checks] if self.checks is not None else None,
            "battery": plain(self.battery),
        }
