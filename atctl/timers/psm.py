"""PSM timers of TS 24.008: T3412 extended (GPRS Timer 3, table 10.5.163a),
T3324 active time (GPRS Timer 2, 10.5.7.4) and legacy T3412 (GPRS Timer, 10.5.7.3).

One octet each, written in AT commands as 8 quoted bits: bits 8-6 unit, 5-1 value.
Compare requested and granted values in seconds, never as bits: several
encodings give the same duration and modems re-encode what they were sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from atctl.errors import InputError
from atctl.timers.duration import format_duration
from atctl.timers.rounding import Candidate, choose, clamp_warning

DEACTIVATED_UNIT = "111"

# unit bits -> seconds per step, listed finest first (ties in rounding prefer the finest unit)
T3412_EXT_UNITS: dict[str, int] = {
    "011": 2, "100": 30, "101": 60, "000": 600, "001": 3600, "010": 36000, "110": 1152000,
}
# GPRS Timer 2 / GPRS Timer: 000 2 s, 001 1 min, 010 decihours; other units read as 1 min
TIMER2_UNITS: dict[str, int] = {"000": 2, "001": 60, "010": 360}
TIMER2_OTHER_UNIT_S = 60

UNIT_320H = "110"
T3412_EXT_MAX_S = 31 * 1152000  # 35 712 000 s
T3324_MAX_S = 31 * 360  # 11 160 s

_BITS8 = re.compile(r"^[01]{8}$")


@dataclass(frozen=True)
class TimerValue:
    """A decoded timer octet. `seconds` is None when deactivated."""

    bits: str
    seconds: int | None
    deactivated: bool
    unit_s: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class Encoded:
    """An encoded request: what was asked, the bits chosen, what they mean, and why."""

    requested_s: float
    bits: str
    seconds: float
    delta_s: float
    warnings: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {"requested_s": self.requested_s, "bits": self.bits, "seconds": self.seconds,
                "delta_s": self.delta_s}


@dataclass(frozen=True)
class PsmEncoding:
    """Both PSM timers encoded; the AT+CPSMS command is atctl.codecs.standard.cpsms's."""

    tau: Encoded
    active: Encoded
    warnings: tuple[str, ...] = field(default=())


def check_bits(bits: str, what: str = "timer") -> str:
    text = str(bits).strip().strip('"')
    if not _BITS8.match(text):
        raise InputError(f"{what} {bits!r} is not an 8-bit string",
                         hint='write 8 characters of 0 and 1, for example "00100001"')
    return text


def decode_t3412_ext(bits: str) -> TimerValue:
    """Periodic TAU (T3412 extended, GPRS Timer 3)."""
    bits = check_bits(bits, "periodic TAU")
    unit, value = bits[:3], int(bits[3:], 2)
    if unit == DEACTIVATED_UNIT:
        return TimerValue(bits, None, True, None, "deactivated: the UE falls back to the legacy T3412")
    step = T3412_EXT_UNITS[unit]
    note = ("320 h unit: honoured only in an integrity-protected message, otherwise read as 1 h"
            if unit == UNIT_320H else None)
    return TimerValue(bits, value * step, False, step, note)


def _decode_timer2(bits: str, what: str) -> TimerValue:
    bits = check_bits(bits, what)
    unit, value = bits[:3], int(bits[3:], 2)
    if unit == DEACTIVATED_UNIT:
        return TimerValue(bits, None, True, None, "deactivated")
    step = TIMER2_UNITS.get(unit)
    note = None
    if step is None:
        step = TIMER2_OTHER_UNIT_S
        note = f"unit {unit} is not defined: read as 1 minute (TS 24.008 10.5.7.4)"
    return TimerValue(bits, value * step, False, step, note)


def decode_t3324(bits: str) -> TimerValue:
    """Active time (T3324, GPRS Timer 2)."""
    return _decode_timer2(bits, "active time")


def decode_t3412(bits: str) -> TimerValue:
    """Legacy periodic TAU/RAU (T3412, GPRS Timer)."""
    return _decode_timer2(bits, "legacy T3412")


_DECODERS = {"tau": decode_t3412_ext, "legacy-tau": decode_t3412, "active": decode_t3324}


def seconds_of(bits: str | None, timer: str) -> int | None:
    """A timer's duration in seconds ('tau' T3412 ext, 'legacy-tau' T3412, 'active' T3324);
    None when no bits were given or the timer is deactivated."""
    return None if bits is None else _DECODERS[timer](bits).seconds


def _candidates(units: dict[str, int]) -> list[Candidate]:
    return [Candidate(f"{unit}{value:05b}", value * step) for unit, step in units.items() for value in range(32)]


_T3412_EXT_CANDIDATES = _candidates(T3412_EXT_UNITS)
_TIMER2_CANDIDATES = _candidates(TIMER2_UNITS)


def representable(timer: str) -> list[tuple[str, int]]:
    """Every distinct duration a timer can carry, with the preferred bits, ascending."""
    candidates = {"tau": _T3412_EXT_CANDIDATES, "active": _TIMER2_CANDIDATES,
                  "legacy-tau": _TIMER2_CANDIDATES}.get(timer)
    if candidates is None:
        raise InputError(f"unknown timer {timer!r}", hint="use tau, active or legacy-tau")
    seen: dict[int, str] = {}
    for c in candidates:
        seen.setdefault(int(c.seconds), c.bits)
    return sorted(((bits, s) for s, bits in seen.items()), key=lambda t: t[1])


def _rounded_warning(what: str, requested: float, seconds: float) -> tuple[str, ...]:
    if abs(seconds - requested) < 1e-9:
        return ()
    direction = "up" if seconds > requested else "down"
    return (f"{what} {format_duration(requested)} is not encodable: rounded {direction} to "
            f"{format_duration(seconds)} ({seconds - requested:+g} s).",)


def _encode(requested_s: float, candidates: list[Candidate], rounding: str, what: str) -> Encoded:
    chosen = choose(requested_s, candidates, rounding, what=what, formatter=format_duration)
    seconds = chosen.seconds
    warnings = (clamp_warning(what, requested_s, candidates, format_duration)
                or _rounded_warning(what, requested_s, seconds))
    return Encoded(requested_s, chosen.bits, seconds, round(seconds - requested_s, 6), warnings)


def encode_t3412_ext(seconds: float, rounding: str = "up") -> Encoded:
    """Periodic TAU request; 0 is refused (it would mean a TAU at every moment)."""
    if seconds <= 0:
        raise InputError("a periodic TAU of 0 is not a usable request: the device would never sleep",
                         hint="give the wake-up interval, e.g. --tau 24h, or disable PSM")
    enc = _encode(seconds, _T3412_EXT_CANDIDATES, rounding, "periodic TAU")
    if enc.seconds == 0:  # rounding down below 2 s
        raise InputError(f"periodic TAU {format_duration(seconds)} rounds down to 0",
                         hint="ask for at least 2 s or use --rounding up")
    if enc.bits.startswith(UNIT_320H):
        enc = Encoded(enc.requested_s, enc.bits, enc.seconds, enc.delta_s, enc.warnings + (
            "The 320 h unit was chosen: networks that send it without integrity protection are read as 1 h "
            "units, so the device may wake far more often than intended.",))
    return enc


def encode_t3324(seconds: float, rounding: str = "up") -> Encoded:
    """Active time request; 0 s is legal (sleep as soon as RRC is released)."""
    return _encode(seconds, _TIMER2_CANDIDATES, rounding, "active time")


def encode_t3412(seconds: float, rounding: str = "up") -> Encoded:
    return _encode(seconds, _TIMER2_CANDIDATES, rounding, "legacy T3412")


def psm_warnings(tau_s: float, active_s: float) -> tuple[str, ...]:
    if active_s >= tau_s:
        return (f"Active time {format_duration(active_s)} is not shorter than the TAU "
                f"{format_duration(tau_s)}: the device never sleeps.",)
    if active_s > tau_s / 10:
        return (f"Active time {format_duration(active_s)} is more than a tenth of the TAU "
                f"{format_duration(tau_s)}: the device spends much of its time awake (rule of thumb: "
                "active <= TAU/10).",)
    return ()


def encode_psm(tau_s: float, active_s: float, rounding: str = "up") -> PsmEncoding:
    tau = encode_t3412_ext(tau_s, rounding)
    active = encode_t3324(active_s, rounding)
    warnings = tau.warnings + active.warnings + psm_warnings(tau.seconds, active.seconds)
    return PsmEncoding(tau, active, warnings)
