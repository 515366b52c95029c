"""u-blox +UBANDSEL (SARA-U2 / SARA-G3 / LISA-U): bands by frequency in MHz.

The MHz <-> band mapping is atctl.bands.ubandsel's (pure values).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from atctl.codecs.fields import TEST_GROUP, report, split_fields, whole_numbers
from atctl.codecs.model import Model
from atctl.errors import InputError


@dataclass(frozen=True, slots=True)
class UBandSel(Model):
    mhz: list[int]             # 0 alone: the module's default (every band); ascending, each once
    default: bool
    test: bool = False         # the =? form: the values the module accepts (0 = its default)


def parse_ubandsel(body: str) -> UBandSel:
    """u-blox +UBANDSEL read (SARA-U2/G3): `+UBANDSEL: 850,900,1800,1900` (MHz), or the test form
    `+UBANDSEL: (0,850,900,1800,1900)` (u-blox SARA-N2/N3 AT manual UBX-16014887 R21, 5.9)."""
    groups = TEST_GROUP.findall(body)
    if groups:
        values = [v for group in groups for v in split_fields(group) if v.strip()]
    else:
        values = [v.strip() for v in split_fields(body) if v.strip()]
    mhz = whole_numbers(values, "+UBANDSEL", "value")
    if not mhz:
        raise InputError("+UBANDSEL holds no band", hint="a read looks like +UBANDSEL: 850,900,1800,1900")
    if groups:
        return UBandSel(mhz=sorted(set(mhz) - {0}), default=False, test=True)
    if 0 in mhz and len(set(mhz)) > 1:
        report("value", "0", "+UBANDSEL value 0 (the module's default) stands alone; it is ignored beside other values")
    chosen = sorted(set(mhz) - {0})
    return UBandSel(mhz=chosen, default=not chosen)


def build_ubandsel(mhz: Iterable[int]) -> str:
    """AT+UBANDSEL=<MHz>[,<MHz>...] (SARA-U2 AT manual); no value = 0, the module's default (every band)."""
    values = sorted(mhz)
    return "AT+UBANDSEL=" + (",".join(map(str, values)) if values else "0")


def format_ubandsel(mhz: Iterable[int]) -> str:
    """The AT+UBANDSEL? reply in MHz; no value = 0 (the module's default)."""
    return "+UBANDSEL: " + ",".join(map(str, list(mhz) or [0]))
