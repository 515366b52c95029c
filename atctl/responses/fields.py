"""Splitting a response body into fields and reading typed values out of them.

Modules differ in small ways: values quoted or not (`"71F6"` / `71F6`), spaces
after commas, `-` for "not available" (Quectel), empty fields. Every helper
here accepts all of those and raises InputError naming the field otherwise.
"""

from __future__ import annotations

from atctl.errors import InputError

EMPTY = ("", "-", '"-"', '""')


def split_fields(body: str) -> list[str]:
    """Split on commas that are outside quotes and parentheses; strip blanks around each field."""
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
    try:
        return int(text, 10)
    except ValueError:
        raise InputError(f"{prefix} field {name} {raw!r} is not a whole number",
                         hint="check that the line was copied completely") from None


def opt_int(values: list[str], index: int, prefix: str, name: str) -> int | None:
    raw = field(values, index)
    return None if raw is None else to_int(raw, prefix, name)


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
    if not text or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise InputError(f"{prefix} field {name} {raw!r} is not a hexadecimal value",
                         hint="TAC, LAC and cell ids are hex strings such as \"71F6\"")
    return text.upper()


def opt_bits(values: list[str], index: int, width: int, prefix: str, name: str) -> str | None:
    raw = field(values, index)
    if raw is None:
        return None
    text = unquote(raw)
    if len(text) != width or any(c not in "01" for c in text):
        raise InputError(f"{prefix} field {name} {raw!r} is not a {width}-bit string",
                         hint=f"write {width} characters of 0 and 1")
    return text


def parse_number(raw: str, prefix: str, name: str) -> int:
    """Decimal or 0x-hex number; Quectel band masks come with or without 0x (always hex)."""
    text = unquote(raw)
    try:
        return int(text, 16) if text.lower().startswith("0x") else int(text, 10)
    except ValueError:
        raise InputError(f"{prefix} field {name} {raw!r} is not a number") from None
