"""Reading back a set command the host sent (AT+CPSMS=, AT+CEDRXS=, AT+QPTWEDRXS=): what it
asked the network for. The inverse of build_cpsms / build_cedrxs / build_qptwedrxs.

After <mode>, a set command carries the fields of its read reply (27.007 7.38 and 7.40; the
BG95/BG96 AT manual for +QPTWEDRXS), so the read parsers decode them: one codec both ways.
The log reader and the console use this to compare a grant with the request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from atctl.codecs.model import Model
from atctl.errors import InputError

_SET = re.compile(r"(?i)^\s*AT\+(CPSMS|CEDRXS|QPTWEDRXS)\s*=\s*(\d+)\s*(?:,(.*))?$")


@dataclass(frozen=True, slots=True)
class SetCommand:
    command: str   # CPSMS | CEDRXS | QPTWEDRXS
    mode: int
    reply: Model   # the requested values as the read reply would carry them (Psm or Edrx)


def _psm(mode: int, rest: str | None) -> Model:
    from atctl.codecs.standard.cpsms import parse_cpsms

    return parse_cpsms(f"{mode},{rest}" if rest is not None else str(mode))


def _edrx(rest: str | None) -> Model:
    from atctl.codecs.standard.edrx import parse_edrx

    return parse_edrx("CEDRXS", rest or "")


def _quectel_edrx(rest: str | None) -> Model:
    from atctl.codecs.quectel.qptwedrxs import parse_qptwedrxs

    return parse_qptwedrxs(rest or "")


def parse_set_command(command: str) -> SetCommand | None:
    """The request a set command carries; None for any other command or one that cannot be read
    (a malformed command in a log says nothing reliable about the request)."""
    m = _SET.match(command or "")
    if not m:
        return None
    name, mode, rest = m.group(1).upper(), int(m.group(2)), m.group(3)
    try:
        reply = _psm(mode, rest) if name == "CPSMS" else _edrx(rest) if name == "CEDRXS" else _quectel_edrx(rest)
    except InputError:
        return None
    return SetCommand(name, mode, reply)
