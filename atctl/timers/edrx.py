"""eDRX cycle and paging time window (TS 24.008 10.5.5.32), per radio technology.

The same 4 bits mean different things on LTE-M (WB-S1) and NB-IoT (NB-S1):
some values are invalid or reinterpreted by the network. Encoding never picks
such a value; decoding reports what the network will actually use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from atctl.errors import InputError
from atctl.timers.duration import format_duration
from atctl.timers.psm import Encoded
from atctl.timers.rounding import Candidate, choose, clamp_warning

RAT_ACT = {"lte-m": 4, "nb-iot": 5}
ACT_RAT = {v: k for k, v in RAT_ACT.items()}

# 4-bit value -> cycle length in seconds (2^n x 5.12 s, with the 61.44..143.36 s steps)
CYCLE_S: dict[str, float] = {
    "0000": 5.12, "0001": 10.24, "0010": 20.48, "0011": 40.96, "0100": 61.44, "0101": 81.92,
    "0110": 102.40, "0111": 122.88, "1000": 143.36, "1001": 163.84, "1010": 327.68,
    "1011": 655.36, "1100": 1310.72, "1101": 2621.44, "1110": 5242.88, "1111": 10485.76,
}

# value the network uses instead; None = eDRX not used at all
_REINTERPRETED: dict[str, dict[str, str | None]] = {
    "lte-m": {"1110": "1101", "1111": "1101"},
    "nb-iot": {"0000": None, "0001": None, "0100": "0010", "0110": "0010", "0111": "0010", "1000": "0010"},
}
PTW_STEP_S = {"lte-m": 1.28, "nb-iot": 2.56}

_BITS4 = re.compile(r"^[01]{4}$")


@dataclass(frozen=True)
class EdrxValue:
    bits: str
    seconds: float
    effective_bits: str | None  # None: the network does not use eDRX with this value
    effective_seconds: float | None
    note: str | None = None


@dataclass(frozen=True)
class PtwValue:
    bits: str
    seconds: float


def check_rat(rat: str) -> str:
    key = str(rat).strip().lower().replace("_", "-")
    key = {"ltem": "lte-m", "cat-m1": "lte-m", "emtc": "lte-m", "nbiot": "nb-iot", "nb": "nb-iot",
           "4": "lte-m", "5": "nb-iot"}.get(key, key)
    if key not in RAT_ACT:
        raise InputError(f"radio technology {rat!r} has no eDRX table here", hint="use lte-m or nb-iot")
    return key


def check_bits4(bits: str, what: str) -> str:
    text = str(bits).strip().strip('"')
    if not _BITS4.match(text):
        raise InputError(f"{what} {bits!r} is not a 4-bit string", hint='write 4 characters of 0 and 1, e.g. "0101"')
    return text


def decode_edrx(rat: str, bits: str) -> EdrxValue:
    rat = check_rat(rat)
    bits = check_bits4(bits, "eDRX cycle")
    seconds = CYCLE_S[bits]
    table = _REINTERPRETED[rat]
    if bits not in table:
        return EdrxValue(bits, seconds, bits, seconds)
    effective = table[bits]
    if effective is None:
        return EdrxValue(bits, seconds, None, None,
                         f"{format_duration(seconds)} is not valid on {rat}: the network acts as if eDRX was not requested")
    return EdrxValue(bits, seconds, effective, CYCLE_S[effective],
                     f"{format_duration(seconds)} is not valid on {rat}: the network reads it as "
                     f"{format_duration(CYCLE_S[effective])} ({effective})")


def decode_ptw(rat: str, bits: str) -> PtwValue:
    rat = check_rat(rat)
    bits = check_bits4(bits, "paging time window")
    return PtwValue(bits, round((int(bits, 2) + 1) * PTW_STEP_S[rat], 2))


def cycle_values(rat: str) -> list[tuple[str, float]]:
    """Cycles a RAT honours as sent, ascending."""
    rat = check_rat(rat)
    return [(b, s) for b, s in CYCLE_S.items() if b not in _REINTERPRETED[rat]]


def ptw_values(rat: str) -> list[tuple[str, float]]:
    rat = check_rat(rat)
    return [(f"{v:04b}", round((v + 1) * PTW_STEP_S[rat], 2)) for v in range(16)]


def _encode(requested_s: float, values: list[tuple[str, float]], rounding: str, what: str) -> Encoded:
    candidates = [Candidate(b, s) for b, s in values]
    chosen = choose(requested_s, candidates, rounding, what=what, formatter=format_duration)
    warnings = clamp_warning(what, requested_s, candidates, format_duration)
    if not warnings and abs(chosen.seconds - requested_s) > 1e-9:
        direction = "up" if chosen.seconds > requested_s else "down"
        warnings = (f"{what} {format_duration(requested_s)} is not encodable: rounded {direction} to "
                    f"{format_duration(chosen.seconds)} ({chosen.seconds - requested_s:+.2f} s).",)
    return Encoded(requested_s, chosen.bits, chosen.seconds, round(chosen.seconds - requested_s, 6), warnings)


def encode_edrx(rat: str, seconds: float, rounding: str = "up") -> Encoded:
    rat = check_rat(rat)
    return _encode(seconds, cycle_values(rat), rounding, f"{rat} eDRX cycle")


def encode_ptw(rat: str, seconds: float, rounding: str = "up") -> Encoded:
    rat = check_rat(rat)
    return _encode(seconds, ptw_values(rat), rounding, f"{rat} paging time window")


def ptw_cycle_warnings(cycle_s: float, ptw_s: float | None) -> tuple[str, ...]:
    """A paging time window as long as the cycle leaves no time to sleep: warn (edrx encode and plan)."""
    if ptw_s is None or ptw_s < cycle_s:
        return ()
    return (f"The paging time window {format_duration(ptw_s)} is not shorter than the cycle "
            f"{format_duration(cycle_s)}: the device never reaches eDRX sleep.",)
