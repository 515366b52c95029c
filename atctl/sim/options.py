"""The simulator's options: one table, one validation used by every way in
(sim:// URLs, `atctl sim serve -o`, the pytest fixtures and `atctl.testing.sim_url`).

A typo must never fall back to the default network silently, so an unknown option or a
value outside its range is an InputError (exit 2) naming the option and what it accepts.
"""

from __future__ import annotations

import difflib
import math
import urllib.parse
from dataclasses import dataclass
from typing import Any, Callable

from atctl.errors import InputError


class _Bad(Exception):
    """A value that does not fit; the table entry supplies the accepted form."""


def _number(low: float, high: float) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = float(text)
        if not (math.isfinite(value) and low <= value <= high):
            raise _Bad
        return value
    return parse


def _integer(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise _Bad
        return value
    return parse


def _seconds(high: float) -> Callable[[str], float]:
    def parse(text: str) -> float:
        from atctl.timers.duration import parse_duration

        try:
            value = parse_duration(text)
        except InputError:
            raise _Bad from None
        if not (math.isfinite(value) and value <= high):
            raise _Bad
        return value
    return parse


def _choice(*names: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in names:
            raise _Bad
        return text
    return parse


def _network(text: str) -> str:
    from atctl.sim.scenarios import SCENARIOS

    if text.strip().lower() not in SCENARIOS:
        raise _Bad
    return text


def _command_prefix(text: str) -> str:
    if not text.upper().startswith("AT"):
        raise _Bad
    return text


def _cme(text: str) -> str:
    prefix, sep, code = text.partition(":")
    _command_prefix(prefix)
    if sep and not (code.isdigit() and int(code) <= 65535):
        raise _Bad
    return text


def _psm(text: str) -> str:
    kind, *times = text.split(":")
    if kind not in ("grant", "refuse", "round", "clamp") or (times and kind != "clamp") or len(times) > 2:
        raise _Bad
    for value in times:
        _seconds(float("inf"))(value)
    return text


def _edrx(text: str) -> str:
    if text not in ("grant", "refuse"):
        _number(0.01, 10485.76)(text)  # a cycle the network imposes, in seconds
    return text


def _pin(text: str) -> str:
    if not (text.isdigit() and 4 <= len(text) <= 8):  # ETSI TS 102 221 9.5.1: PINs are 4..8 digits
        raise _Bad
    return text


def _path(text: str) -> str:
    if not text:
        raise _Bad
    return text


@dataclass(frozen=True)
class Option:
    parse: Callable[[str], Any]
    accepts: str | Callable[[], str]  # what the value may be, in the words of the error message

    def accepted(self) -> str:
        return self.accepts() if callable(self.accepts) else self.accepts


def _scenario_names() -> str:
    from atctl.sim.scenarios import SCENARIOS

    return "one of " + ", ".join(SCENARIOS) + " (atctl sim serve --list)"


OPTIONS: dict[str, Option] = {
    "network": Option(_network, _scenario_names),
    "latency": Option(_seconds(60), "a delay from 0 to 60 s, e.g. 0.05 or 50ms"),
    "echo": Option(_integer(0, 1), "0 or 1"),
    "seed": Option(_integer(-(2**63), 2**63 - 1), "an integer"),
    "fragment": Option(_integer(0, 65536), "a byte count from 0 (off) to 65536"),
    "garbage": Option(_number(0, 1), "a probability from 0 to 1"),
    "drop_urc": Option(_number(0, 1), "a probability from 0 to 1"),
    "urc_storm": Option(_number(0, 1), "a probability from 0 to 1"),
    "reboot_after": Option(_integer(1, 10**9), "a command count of 1 or more"),
    "die_after": Option(_integer(0, 10**9), "a command count of 0 or more"),
    "stall": Option(_command_prefix, "a command prefix such as AT+COPS (a + is taken literally)"),
    "ignore": Option(_command_prefix, "a command prefix such as AT+CPSMS"),
    "late": Option(_command_prefix, "a command prefix whose reply arrives after the next command is sent"),
    "cme": Option(_cme, "a command prefix with an optional error code, e.g. AT+COPS or AT+COPS:30"),
    "boot": Option(_seconds(600), "a boot time from 0 to 600 s"),
    "reboot_time": Option(_seconds(600), "a reboot time from 0 to 600 s"),
    "sim": Option(_choice("ready", "absent", "pin"), "ready, absent or pin"),
    "pin": Option(_pin, "4 to 8 digits"),
    "reg_delay": Option(_seconds(3600), "a delay from 0 to 3600 s, e.g. 0.3 or 2s"),
    "psm": Option(_psm, "grant, refuse, round or clamp:<tau>[:<active>]"),
    "edrx": Option(_edrx, "grant, refuse or an imposed cycle in seconds (0.01 to 10485.76)"),
    "reject": Option(_integer(1, 255), "an EMM cause from 1 to 255 (3GPP TS 24.301 9.9.3.9)"),
    "cmee": Option(_integer(0, 2), "0, 1 or 2"),
    "nvm": Option(_path, "a file path"),
}


def validate_options(options: dict[str, Any]) -> dict[str, Any]:
    """Typed values of the given options (strings, as from a URL); InputError on the first
    unknown option or bad value, naming it and what is accepted."""
    typed: dict[str, Any] = {}
    for key, value in options.items():
        spec = OPTIONS.get(key)
        if spec is None:
            close = difflib.get_close_matches(key, OPTIONS, n=1)
            raise InputError(f"unknown sim:// option {key!r}" + (f" (did you mean {close[0]}?)" if close else ""),
                             hint=f"known options: {', '.join(OPTIONS)}")
        text = str(value).strip()
        try:
            typed[key] = spec.parse(text)
        except (_Bad, ValueError):
            raise InputError(f"sim:// option {key}={text!r} is not valid",
                             hint=f"{key} takes {spec.accepted()}") from None
    return typed


def option_text(value: Any) -> str:
    """The URL text of a Python value given to sim_url() or a marker (True -> 1, like echo=1)."""
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def parse_query(query: str) -> dict[str, str]:
    """Options of a sim:// query. A '+' is taken literally (stall=AT+CPSMS), not as a space:
    this is a device URL, not an HTML form, so only %XX escapes are decoded."""
    pairs = urllib.parse.parse_qsl(query.replace("+", "%2B"), keep_blank_values=True)
    return dict(pairs)  # a repeated option: the last one wins


def build_url(module: str, options: dict[str, Any]) -> str:
    """sim://<module>?<options>, escaping with %XX only (so parse_query gives the same values back)."""
    items = {k: option_text(v) for k, v in options.items() if v is not None}
    query = urllib.parse.urlencode(items, quote_via=urllib.parse.quote)
    return f"sim://{module}" + (f"?{query}" if query else "")
