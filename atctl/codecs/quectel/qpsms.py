"""Quectel +QPSMS: PSM timers as decimal seconds (BG95/BG96 AT manual; some firmware answers
+CPSMS-style bit strings instead)."""

from __future__ import annotations

import math

from atctl.codecs.fields import clip, field, report, split_fields, unquote
from atctl.codecs.standard.cpsms import Psm, _mode
from atctl.timers.psm import seconds_of


def _qpsms_value(values: list[str], index: int, kind: str, name: str) -> tuple[str | None, float | None]:
    """Quectel documents decimal seconds; some firmware answers bit strings like +CPSMS.

    Rule: exactly 8 characters of 0/1 -> a bit string; otherwise decimal seconds.
    """
    raw = field(values, index)
    if raw is None:
        return None, None
    text = unquote(raw)
    if len(text) == 8 and set(text) <= {"0", "1"}:
        return text, seconds_of(text, kind)
    try:
        seconds = float(text) if len(text) <= 30 else float("nan")
    except ValueError:
        seconds = float("nan")
    if not math.isfinite(seconds):
        report(name, raw, f"+QPSMS field {name} {clip(raw, 40)!r} is neither seconds nor an 8-bit string")
        return None, None
    if seconds < 0:
        report(name, raw, f"+QPSMS field {name} {clip(raw, 40)!r} is negative")
        return None, None
    return None, int(seconds) if seconds.is_integer() else seconds


def parse_qpsms(body: str) -> Psm:
    values = split_fields(body)
    tau_bits, tau_s = _qpsms_value(values, 3, "tau", "periodic_tau")
    active_bits, active_s = _qpsms_value(values, 4, "active", "active_time")
    return Psm(type="QPSMS", mode=_mode(values, "+QPSMS"), periodic_tau_bits=tau_bits, periodic_tau_s=tau_s,
               active_time_bits=active_bits, active_time_s=active_s)


def format_qpsms(mode: int, tau_s: float | None, active_s: float | None) -> str:
    """The AT+QPSMS? reply with the timers in seconds, both always quoted (BG95/BG96 AT manual)."""
    return f'+QPSMS: {mode},,,"{"" if tau_s is None else tau_s}","{"" if active_s is None else active_s}"'
