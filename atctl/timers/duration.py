"""Parse and format durations: `10s`, `1.5m`, `24h`, `2d`, `1h30m`, `143.36s`, `500ms`, bare seconds."""

from __future__ import annotations

import math
import re

from atctl.errors import InputError

_UNITS = {"ms": 0.001, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400, "w": 604800}
_PART = re.compile(r"(\d+(?:\.\d+)?|\.\d+)\s*(ms|sec|min|hr|s|m|h|d|w)", re.IGNORECASE)
_BARE = re.compile(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*$")


def parse_duration(value: str | float | int, *, what: str = "duration") -> float:
    """Seconds from a duration text; InputError naming the accepted forms otherwise."""
    if isinstance(value, bool):
        raise InputError(f"{what} must be a duration, not a boolean")
    if isinstance(value, (int, float)):
        if value < 0:
            raise InputError(f"{what} {value} is negative", hint="give a duration of 0 or more")
        return _finite(float(value), what, value)
    text = str(value).strip()
    if len(text) > MAX_TEXT:  # "1h30m" needs a few characters; a long text is junk (and regex work)
        raise InputError(f"{what} {text[:20] + '...'!r} is not a duration ({len(text)} characters)",
                         hint="write it like 30s, 1.5m, 24h, 2d, 1h30m, 143.36s or bare seconds")
    bare = _BARE.match(text)
    if bare:
        return _finite(float(bare.group(1)), what, text)
    pos, total, matched = 0, 0.0, False
    compact = text.replace(" ", "")
    for m in _PART.finditer(compact):
        if m.start() != pos:
            break
        total += float(m.group(1)) * _UNITS[m.group(2).lower()]
        pos = m.end()
        matched = True
    if not matched or pos != len(compact):
        raise InputError(f"{what} {text!r} is not a duration",
                         hint="write it like 30s, 1.5m, 24h, 2d, 1h30m, 143.36s or bare seconds")
    return _finite(round(total, 6), what, text)


def _finite(seconds: float, what: str, shown) -> float:
    # 400 nines parse as float infinity; no timer goes near 1e15 s, so refuse here, as bad input
    if not math.isfinite(seconds) or seconds > MAX_SECONDS:
        text = str(shown)
        text = text if len(text) <= 24 else text[:20] + "..."
        problem = "is too long to be a timer duration" if seconds > MAX_SECONDS else "is not a finite duration"
        raise InputError(f"{what} {text!r} {problem}",
                         hint="the longest 3GPP timer is the 413-day periodic TAU")
    return seconds


MAX_SECONDS = 1e15
MAX_TEXT = 64


def format_duration(seconds: float | None) -> str:
    """Human form: "5 d 20 h", "1 h 30 min", "30 s", "81.92 s"; "off" for None."""
    if seconds is None:
        return "off"
    if not math.isfinite(seconds):
        return f"{seconds} s"
    if seconds < 60 or seconds != int(seconds):
        return f"{seconds:.2f}".rstrip("0").rstrip(".") + " s"
    s = int(seconds)
    parts = []
    for name, size in (("d", 86400), ("h", 3600), ("min", 60), ("s", 1)):
        if s >= size:
            parts.append(f"{s // size} {name}")
            s %= size
    return " ".join(parts)
