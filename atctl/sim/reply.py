"""What a command handler of the simulator returns, and how it reads its arguments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ARG = re.compile(r'\s*("(?:[^"]*)"|[^,]*)\s*(?:,|$)')


def split_args(text: str) -> list[str]:
    """The comma-separated parameters of a set command, quotes removed."""
    if text == "":
        return []
    out = [m.group(1) for m in _ARG.finditer(text)]
    if out and out[-1] == "" and not text.rstrip().endswith(","):
        out.pop()
    return [a.strip('"') if a.startswith('"') else a for a in out]


@dataclass
class Reply:
    lines: list[str] = field(default_factory=list)
    final: str | None = "OK"          # None: the module does not answer
    reboot: bool = False               # the module reboots after answering


def set_numbers(kind: str, args: list[str], at_least: int = 1) -> list[int]:
    """The whole numbers of a set command (band lists, RAT numbers); anything else is +CME ERROR: 50,
    as the modules answer a malformed parameter."""
    if kind != "set" or len(args) < at_least or not all(a.strip().isdigit() for a in args):
        raise CmeError(50)
    try:
        return [int(a) for a in args]
    except ValueError:  # thousands of digits: past int()'s limit, and no module takes it either
        raise CmeError(50) from None


class CmeError(Exception):
    """Raised by a handler: the module answers +CME ERROR: <code> (in the form AT+CMEE chose)."""

    def __init__(self, code: int):
        self.code = code
