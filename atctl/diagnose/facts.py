"""What diagnose collected, as plain data (the input of the pure findings rules)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Facts:
    port: str
    reachable: bool = True
    stopped_answering: str | None = None       # the step after which the module went silent
    identity: dict[str, Any] = field(default_factory=dict)
    sim: dict[str, Any] = field(default_factory=dict)        # state, detail, raw (atctl.sim_card), iccid, imsi
    radio: dict[str, Any] = field(default_factory=dict)      # state on|off|unknown, fun, detail, next_step
    hygiene: dict[str, Any] = field(default_factory=dict)    # echo_on, cmee
    settings: dict[str, Any] = field(default_factory=dict)   # rat_order, bands, apn, psm, edrx requested
    network: dict[str, Any] = field(default_factory=dict)    # NetworkState.as_dict()
    waited_s: float = 0.0
    errors_seen: list[str] = field(default_factory=list)     # error results the module gave
    failures: list[str] = field(default_factory=list)        # collection steps that failed
    local_bands: dict[str, list[int]] = field(default_factory=dict)  # bands live networks use in the serving country
    config: dict[str, Any] | None = None                     # countries, rat, planned bands
    checks: list[dict[str, Any]] | None = None               # verify checks with --config
    battery: dict[str, Any] | None = None                    # requested vs granted life (config traffic+battery)

    def as_dict(self) -> dict:
        return asdict(self)
