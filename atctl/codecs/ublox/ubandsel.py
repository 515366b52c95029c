"""u-blox +UBANDSEL (SARA-U2 / SARA-G3 / LISA-U): bands by frequency in MHz.

The MHz <-> band mapping is atctl.bands.ubandsel's (pure values).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from atctl.codecs.fields import split_fields, whole_numbers
from atctl.codecs.model import Model
from atctl.errors import InputError


@dataclass(frozen=True, slots=True)
class UBandSel(Model):
    mhz: list[int]             # 0 alone: the module's default (every band)
    default: bool


def parse_ubandsel(body: str) -> UBandSel:
    """u-blox +UBANDSEL read (SARA-U2/G3): `+UBANDSEL: 850,900,1800,1900` (MHz)."""
    values = [v.strip().strip("()") for v in split_fields(body) if v.strip()]
    mhz = whole_numbers([v for v in values if v], "+UBANDSEL", "value")
    if not mhz:
        raise InputError("+UBANDSEL holds no band", hint="a read looks like +UBANDSEL: 850,900,1800,1900")
    return UBandSel(mhz=[] if mhz == [0] else mhz, default=mhz == [0])


def build_ubandsel(mhz: Iterable[int]) -> str:
    """AT+UBANDSEL=<MHz>[,<MHz>...] (SARA-U2 AT manual); no value = 0, the module's default (every band)."""
    values = sorted(mhz)
    return "AT+UBANDSEL=" + (",".join(map(str, values)) if values else "0")


def format_ubandsel(mhz: Iterable[int]) -> str:
    """The AT+UBANDSEL? reply in MHz; no value = 0 (the module's default)."""
    return "+UBANDSEL: " + ",".join(map(str, list(mhz) or [0]))
