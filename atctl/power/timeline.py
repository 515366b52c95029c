"""A one-cycle current-over-time chart as plain text lines (log time, log current).

Pure: returns strings; the CLI prints them. Fits 80 columns with the default width.
"""

from __future__ import annotations

import math

_LEVELS = [(1e6, "1 A"), (1e5, "100 mA"), (1e4, "10 mA"), (1e3, "1 mA"), (1e2, "100 uA"), (1e1, "10 uA"),
           (1e0, "1 uA")]


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.3g} s"
    if seconds < 3600:
        return f"{seconds / 60:.3g} min"
    if seconds < 86400 * 2:
        return f"{seconds / 3600:.3g} h"
    return f"{seconds / 86400:.3g} d"


def render(phases: list[tuple[str, float, float]], width: int = 70) -> list[str]:
    """phases: (name, seconds, mA). Widths grow with log(duration); bar height with log(current)."""
    phases = [(n, s, ma) for n, s, ma in phases if s > 0]
    if not phases:
        return []
    labels = [(n, _duration(s), f"{ma:.3g} mA" if ma >= 1 else f"{ma * 1000:.3g} uA") for n, s, ma in phases]
    minimum = [max(len(a), len(b), len(c)) + 1 for a, b, c in labels]
    weight = [math.log10(1 + s) + 0.3 for _, s, _ in phases]
    spare = max(width - sum(minimum), 0)
    widths = [m + int(spare * w / sum(weight)) for m, w in zip(minimum, weight)]
    heights = [sum(1 for floor, _ in _LEVELS if ma * 1000 >= floor * 0.999) for _, _, ma in phases]
    top = max(heights)
    rows = []
    for level in range(len(_LEVELS), 0, -1):
        if level > top:
            continue
        axis = _LEVELS[len(_LEVELS) - level][1]
        bar = "".join(("█" if h >= level else " ") * w for h, w in zip(heights, widths))
        rows.append(f"{axis:>7} ┤{bar}")
    rows.append(" " * 8 + "└" + "┴".join("─" * (w - 1) for w in widths) + "─")
    for i in range(3):
        rows.append(" " * 9 + "".join(lab[i].ljust(w) for lab, w in zip(labels, widths)))
    return rows
