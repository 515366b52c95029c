"""Pick a representable value for a requested duration under a rounding policy.

Values are compared in integer hundredths of a second so that eDRX steps
(multiples of 0.64 s) and PSM steps compare exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from atctl.errors import InputError

POLICIES = ("up", "down", "nearest", "exact")
_FAR_S = 1e15  # beyond every timer's range: requests are clamped to this before comparing


def centis(seconds: float) -> int:
    return int(round(seconds * 100))


@dataclass(frozen=True)
class Candidate:
    bits: str
    seconds: float


def choose(requested_s: float, candidates: Sequence[Candidate], rounding: str, *, what: str,
           formatter=lambda s: f"{s:g} s") -> Candidate:
    """The candidate `rounding` selects; ties keep the earliest candidate (callers order by preference)."""
    if rounding not in POLICIES:
        raise InputError(f"rounding {rounding!r} is not known", hint=f"use one of {', '.join(POLICIES)}")
    if not math.isfinite(requested_s):
        raise InputError(f"{what} {requested_s} is not a finite duration")
    want = centis(max(-_FAR_S, min(requested_s, _FAR_S)))  # 1e306 * 100 overflows; order is all we need
    values = sorted({centis(c.seconds) for c in candidates})
    lo, hi = values[0], values[-1]
    if want > hi:
        if rounding in ("down", "nearest"):  # the largest value <= the request exists: the maximum
            return next(c for c in candidates if centis(c.seconds) == hi)
        raise InputError(f"{what} {formatter(requested_s)} is above the maximum {formatter(hi / 100)}",
                         hint=f"ask for {formatter(hi / 100)} or less, or use --rounding down")
    if want < lo and rounding in ("down", "exact"):
        raise InputError(f"{what} {formatter(requested_s)} is below the minimum {formatter(lo / 100)}",
                         hint=f"ask for {formatter(lo / 100)} or more, or use --rounding up")

    def first_with(value: int) -> Candidate:
        return next(c for c in candidates if centis(c.seconds) == value)

    if rounding == "exact":
        if want not in values:
            below = max((v for v in values if v <= want), default=None)
            above = min((v for v in values if v >= want), default=None)
            near = " or ".join(formatter(v / 100) for v in (below, above) if v is not None)
            raise InputError(f"{what} {formatter(requested_s)} cannot be encoded exactly",
                             hint=f"the nearest encodable values are {near}; use --rounding up|down|nearest")
        return first_with(want)
    if rounding == "up":
        return first_with(min(v for v in values if v >= want))
    if rounding == "down":
        return first_with(max(v for v in values if v <= want))
    best = min(values, key=lambda v: (abs(v - want), -v))  # tie: prefer the longer value
    return first_with(best)


def clamp_warning(what: str, requested_s: float, candidates: Sequence[Candidate], formatter=lambda s: f"{s:g} s"
                  ) -> tuple[str, ...]:
    """The warning for a request above the maximum (down/nearest clamp to it); () otherwise."""
    hi = max(centis(c.seconds) for c in candidates)
    if centis(max(-_FAR_S, min(requested_s, _FAR_S))) <= hi:
        return ()
    return (f"{what} {formatter(requested_s)} is above the maximum {formatter(hi / 100)}: clamped to the maximum.",)
