"""Reading back a set command the host sent (AT+CPSMS=, AT+CEDRXS=, AT+QPTWEDRXS=): what it
asked the network for. The inverse of build_cpsms / build_cedrxs / build_qptwedrxs.

After <mode>, a set command carries the fields of its read reply (27.007 7.38 and 7.40; the
BG95/BG96 AT manual for +QPTWEDRXS), so the read parsers decode them: one codec both ways.
The log reader and the console use this to compare a grant with the request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from atctl.codecs.fields import split_fields
from atctl.codecs.model import Model
from atctl.errors import InputError

# (?a): ASCII digits only; <mode> 0-2 for +CPSMS (27.007 7.38), 0-3 for the eDRX commands (7.40)
_SET = re.compile(r"(?ai)^\s*(?:AT)?\+(CPSMS|CEDRXS|QPTWEDRXS)\s*=\s*(\d+)\s*(?:,(.*))?$")
_MODES = {"CPSMS": range(3), "CEDRXS": range(4), "QPTWEDRXS": range(4)}


@dataclass(frozen=True, slots=True)
class SetCommand:
    command: str   # CPSMS | CEDRXS | QPTWEDRXS
    mode: int
    reply: Model   # the requested values as the read reply would carry them (Psm or Edrx)


def _psm(mode: int, rest: str | None) -> Model:
    from atctl.codecs.standard.cpsms import parse_cpsms

    fields = split_fields(rest) if rest is not None else []
    # <RAU> and <GPRS-READY> are GERAN/UTRAN timers: a malformed one must not hide the LTE ones
    tau, active = (fields + ["", "", "", ""])[2:4]
    return parse_cpsms(f"{mode},,,{tau},{active}")


def _edrx(rest: str | None) -> Model:
    from atctl.codecs.standard.edrx import parse_edrx

    return parse_edrx("CEDRXS", rest or "")


def _quectel_edrx(rest: str | None) -> Model:
    """<AcT>[,<PTW>[,<eDRX>]]: PTW first; a PTW alone asks for no eDRX cycle."""
    from atctl.codecs.standard.edrx import parse_edrx

    act, ptw, cycle = (split_fields(rest or "") + ["", "", ""])[:3]
    return parse_edrx("CEDRXS", f"{act},{cycle},{ptw}")


_READERS = {"CPSMS": None, "CEDRXS": _edrx, "QPTWEDRXS": _quectel_edrx}


def parse_set_command(command: str) -> SetCommand | None:
    """The request a set command carries; None for any other command or one that cannot be read
    (a malformed command in a log says nothing reliable about the request)."""
    m = _SET.match(command or "")
    if not m:
        return None
    name, mode, rest = m.group(1).upper(), int(m.group(2)), m.group(3)
    if mode not in _MODES[name]:
        return None
    try:
        reply = _psm(mode, rest) if name == "CPSMS" else _READERS[name](rest)
    except InputError:
        return None
    return SetCommand(name, mode, reply)


def _chained(line: str) -> list[str]:
    """The commands of one line, split on ';' outside quotes (V.250 5.2.1 concatenation)."""
    out, start, quoted = [], 0, False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            out.append(line[start:i])
            start = i + 1
    return out + [line[start:]]


def parse_set_commands(line: str) -> list[SetCommand]:
    """Every request of a command line, chained ones included (`AT+CPSMS=...;+CEDRXS=...`)."""
    found = (parse_set_command(c) for c in _chained(line or ""))
    return [asked for asked in found if asked is not None]
