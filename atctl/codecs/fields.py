"""Splitting a response body into fields and reading typed values out of them.

Modules differ in small ways: values quoted or not (`"71F6"` / `71F6`), spaces
after commas, `-` for "not available" (Quectel), empty fields. Every helper
here accepts all of those.

A field that cannot be read is a *field issue*. Inside `lenient()` (what
`parse_line` uses) an optional field's issue is recorded (`unparsed` + a
warning, DESIGN.md) and the field reads as None, so a line decodes whatever it
can. Outside it (the typed helpers) the first issue raises InputError. The
messages describe what the module sent; they never carry hints meant for
user input.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator, TypeVar

from atctl.errors import InputError

EMPTY = ("", "-", '"-"', '""')
# bounds on what one line can make us keep: raw text per field, recorded issues per line
MAX_RAW_CHARS = 120
MAX_ISSUES = 16
MAX_DIGITS = 30  # no 27.007 number field is longer; int() of 4300+ digits is a ValueError anyway
_INT = re.compile(r"^[+-]?[0-9]+$")
T = TypeVar("T")


def clip(text: str, limit: int = MAX_RAW_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


class FieldIssues:
    """Fields of one line that could not be read: `unparsed` {name: raw text} and `warnings`."""

    __slots__ = ("unparsed", "warnings", "dropped")

    def __init__(self) -> None:
        self.unparsed: dict[str, str] = {}
        self.warnings: list[str] = []
        self.dropped = 0

    def __len__(self) -> int:
        return len(self.unparsed) + self.dropped

    def add(self, name: str, raw: str, warning: str) -> None:
        if len(self.unparsed) >= MAX_ISSUES:
            self.dropped += 1
            return
        key, n = name, 2
        while key in self.unparsed:
            key, n = f"{name} ({n})", n + 1
        self.unparsed[key] = clip(str(raw))
        self.warnings.append(warning)

    def as_fields(self) -> dict:
        warnings = list(self.warnings)
        if self.dropped:
            warnings.append(f"{self.dropped} more unreadable fields were left out")
        return {"unparsed": dict(self.unparsed), "warnings": warnings}


_ISSUES: ContextVar[FieldIssues | None] = ContextVar("atctl_response_field_issues", default=None)


@contextmanager
def lenient(issues: FieldIssues | None = None) -> Iterator[FieldIssues]:
    """Record field issues instead of raising them, for the duration of the block."""
    issues = FieldIssues() if issues is None else issues
    token = _ISSUES.set(issues)
    try:
        yield issues
    finally:
        _ISSUES.reset(token)


def report(name: str, raw: str, message: str) -> None:
    """A field could not be read: record it when lenient, raise InputError otherwise."""
    issues = _ISSUES.get()
    if issues is None:
        raise InputError(message)
    issues.add(name, raw, message)


def soft(name: str, raw: str, read: Callable[[], T]) -> T | None:
    """`read()`, or None with the field recorded as unparsed when it raises InputError."""
    try:
        return read()
    except InputError as exc:
        report(name, raw, exc.message)
        return None


def extra_fields(values: list[str], start: int, prefix: str) -> None:
    """Fields past the last one a layout knows: kept raw as unparsed ("field N", 1-based)."""
    for i in range(start, len(values)):
        if not is_empty(values[i]):
            report(f"field {i + 1}", values[i], f"{prefix} has an unexpected field {i + 1} {clip(values[i], 40)!r}")


def split_fields(body: str) -> list[str]:
    """Split on commas that are outside quotes and parentheses; strip blanks around each field."""
    if '"' not in body and "(" not in body:  # the common case, in C: no character loop
        return [part.strip() for part in body.split(",")]
    out: list[str] = []
    depth = 0
    quoted = False
    start = 0
    for i, ch in enumerate(body):
        if ch == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(body[start:i].strip())
            start = i + 1
    out.append(body[start:].strip())
    return out


def unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        return text[1:-1].strip()
    return text.strip('"').strip()


def is_empty(text: str | None) -> bool:
    return text is None or text.strip() in EMPTY


def field(values: list[str], index: int) -> str | None:
    """The raw field at `index`, or None when the line is shorter or the field is empty."""
    if index >= len(values) or is_empty(values[index]):
        return None
    return values[index]


def opt_str(values: list[str], index: int) -> str | None:
    raw = field(values, index)
    return None if raw is None else unquote(raw)


def to_int(raw: str, prefix: str, name: str) -> int:
    text = unquote(raw)
    if len(text) > MAX_DIGITS or not _INT.match(text):
        raise InputError(f"{prefix} field {name} {clip(raw, 40)!r} is not a whole number")
    return int(text, 10)


def opt_int(values: list[str], index: int, prefix: str, name: str) -> int | None:
    raw = field(values, index)
    if raw is None:
        return None
    return soft(name, raw, lambda: to_int(raw, prefix, name))


def req_int(values: list[str], index: int, prefix: str, name: str) -> int:
    raw = field(values, index)
    if raw is None:
        raise InputError(f"{prefix} field {name} is missing", hint="check that the line was copied completely")
    return to_int(raw, prefix, name)


def opt_hex(values: list[str], index: int, prefix: str, name: str) -> str | None:
    """A hex identifier (TAC, LAC, cell id) normalised to upper case without 0x; None when empty."""
    raw = field(values, index)
    if raw is None:
        return None
    text = unquote(raw).replace(" ", "")
    if text.lower().startswith("0x"):
        text = text[2:]
    if not text or len(text) > MAX_DIGITS or any(c not in "0123456789abcdefABCDEF" for c in text):
        report(name, raw, f"{prefix} field {name} {clip(raw, 40)!r} is not a hexadecimal value")
        return None
    return text.upper()


def opt_bits(values: list[str], index: int, width: int, prefix: str, name: str) -> str | None:
    raw = field(values, index)
    if raw is None:
        return None
    text = unquote(raw)
    if len(text) != width or any(c not in "01" for c in text):
        report(name, raw, f"{prefix} field {name} {clip(raw, 40)!r} is not a {width}-bit timer value")
        return None
    return text


def parse_number(raw: str, prefix: str, name: str) -> int:
    """Decimal or 0x-hex number; Quectel band masks come with or without 0x (always hex)."""
    text = unquote(raw)
    try:
        if len(text) > MAX_DIGITS + 2:
            raise ValueError
        return int(text, 16) if text.lower().startswith("0x") else to_int(text, prefix, name)
    except (ValueError, InputError):
        raise InputError(f"{prefix} field {name} {clip(raw, 40)!r} is not a number") from None


# a group may not contain "(": with [^)]* every "(" of "((((..." rescanned to the end (quadratic)
TEST_GROUP = re.compile(r"\(([^()]*)\)")
_RANGE_SPAN_MAX = 64  # "(0-6)" expands; a wider range is junk, not 10^9 list items
_TEST_VALUES_MAX = 128  # per parameter


def whole_numbers(values: list[str], prefix: str, what: str) -> list[int]:
    """Non-negative whole numbers from a list of fields; one that cannot be read is unparsed and skipped."""
    out = []
    for i, raw in enumerate(values):
        name = f"{what} {i + 1}"
        number = soft(name, raw, lambda raw=raw, name=name: to_int(raw, prefix, name))
        if number is not None and number < 0:
            report(name, raw, f"{prefix} {name} {number} is negative")
        elif number is not None:
            out.append(number)
    return out


def group_values(group: str, prefix: str, name: str) -> list[int]:
    """The values of one test-reply group: "0-6" or "0,2,3" -> [0, ...]; bounded."""
    out: list[int] = []
    for part in (p.strip() for p in group.split(",") if p.strip()):
        low, dash, high = part.partition("-")
        first = soft(name, part, lambda low=low: to_int(low, prefix, name))
        last = soft(name, part, lambda high=high: to_int(high, prefix, name)) if dash else first
        if first is None or last is None:
            continue
        if not 0 <= last - first <= _RANGE_SPAN_MAX:
            report(name, part, f"{prefix} {name} range {clip(part, 40)!r} is not a short ascending range")
            continue
        if len(out) + last - first + 1 > _TEST_VALUES_MAX:
            report(name, part, f"{prefix} {name} lists more than {_TEST_VALUES_MAX} values; the rest is left out")
            break
        out.extend(range(first, last + 1))
    return out


def operator_name(numeric: str | None, names: Callable[[str], str | None] | None) -> str | None:
    """Name of a numeric PLMN by the caller's lookup (codecs load no data: the layers above pass
    atctl.data.plmn_name); None when there is no lookup or the code is unknown."""
    if names is None or not numeric or not numeric.isdigit() or len(numeric) not in (5, 6):
        return None
    try:
        return names(numeric)
    except Exception:  # noqa: BLE001 - a name is decoration; never fail a decode over it
        return None


def quoted(value: object | None) -> str:
    """A reply field as modules print strings: `"value"`; None -> an empty field."""
    return "" if value is None else f'"{value}"'


def plain(value: object | None) -> str:
    """A reply field printed bare (numbers); None -> an empty field."""
    return "" if value is None else str(value)


def reply_line(prefix: str, fields: list[str]) -> str:
    """`+PREFIX: f1,f2,...` with trailing empty fields dropped, as 27.007 replies leave them out."""
    while len(fields) > 1 and fields[-1] == "":
        fields = fields[:-1]
    return f"+{prefix}: " + ",".join(fields)
