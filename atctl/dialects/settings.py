"""Settings a dialect reads and writes, in one comparable shape (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ApnSetting:
    cid: int
    pdp_type: str
    name: str


@dataclass(frozen=True)
class PsmSetting:
    mode: int                      # 0 off, 1 on
    tau_bits: str | None = None
    active_bits: str | None = None


@dataclass(frozen=True)
class EdrxSetting:
    mode: int                      # 0 off, 1/2 on
    cycle_bits: str | None = None
    ptw_bits: str | None = None


@dataclass
class Settings:
    """What the module is (or should be) configured with. None = unknown / don't care."""

    rat_order: tuple[str, ...] | None = None
    rat_config: dict[str, object] = field(default_factory=dict)  # dialect-specific RAT knobs (iotopmode, URAT ...)
    bands: dict[str, frozenset[int]] = field(default_factory=dict)
    apn: ApnSetting | None = None
    apns: dict[int, ApnSetting] = field(default_factory=dict)  # every context read back
    psm: PsmSetting | None = None
    edrx: dict[str, EdrxSetting] = field(default_factory=dict)   # rat -> request
    mno_profile: int | None = None
    unread: set[str] = field(default_factory=set)  # settings whose read command failed: value unknown
    cfun: int | None = None    # AT+CFUN? (1 full, 0 minimum, 4 airplane); desired: 1 (a config must register)


def canonical_pdp_type(text: str) -> str:
    """IP / IPV6 / IPV4V6 / Non-IP whatever the spelling (u-blox reports "NONIP")."""
    key = text.strip().strip('"').upper().replace("-", "").replace("_", "")
    return {"NONIP": "Non-IP", "IPV4": "IP"}.get(key, key)


@dataclass(frozen=True)
class Step:
    command: str
    purpose: str
    kind: str = "write"   # write | deregister | reboot
    setting: str = ""     # which setting it changes (bands, rat, psm, edrx, apn, mno_profile, radio)

    def as_dict(self) -> dict:
        return {"command": self.command, "purpose": self.purpose, "kind": self.kind, "setting": self.setting}


def psm_seconds(psm: PsmSetting | None) -> tuple[int, float | None, float | None]:
    """Compare PSM requests in seconds, never as bits (several encodings, same duration)."""
    if psm is None or psm.mode != 1:
        return (0, None, None)
    return (1, *timer_seconds(psm))


def timer_seconds(psm: PsmSetting) -> tuple[float | None, float | None]:
    """The requested timers in seconds whatever the mode (a module keeps them with PSM off)."""
    from atctl.timers.psm import seconds_of

    return (seconds_of(psm.tau_bits or None, "tau"), seconds_of(psm.active_bits or None, "active"))
