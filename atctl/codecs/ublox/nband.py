"""+NBAND: the NB-IoT band list of u-blox SARA-N2 (the Huawei/Neul command set it shares with
Quectel BC95): read `+NBAND:8,20`, test `+NBAND:(8,20)`, set `AT+NBAND=8,20`.

Firmware writes the read with or without a space after the colon and in no fixed order; the
parser takes every form and reports the bands ascending.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from atctl.codecs.fields import TEST_GROUP, clip, group_values, report, split_fields, whole_numbers
from atctl.codecs.model import Model
from atctl.errors import InputError


@dataclass(frozen=True, slots=True)
class NBand(Model):
    bands: list[int]           # read: the bands enabled; test: the bands the module supports
    test: bool                 # the =? form, bands in parentheses


MAX_BAND = 256  # E-UTRA band numbers (3GPP TS 36.101 names bands up to the low hundreds)


def parse_nband(body: str) -> NBand:
    """`+NBAND:8,20` (read) or `+NBAND:(8,20)` / `(1-5)` (test); spaces and order as the module sends
    them. A band number outside 1-256 is listed as unparsed, not taken."""
    groups = TEST_GROUP.findall(body)
    if groups:
        rest = TEST_GROUP.sub("", body).replace(",", "").strip()
        if rest:
            report("band", rest, f"+NBAND mixes a read ({clip(rest, 20)!r}) and a test form; the test form is read")
        values = [v for group in groups for v in group_values(group, "+NBAND", "band")]
    else:
        values = whole_numbers([v for v in split_fields(body) if v], "+NBAND", "band")
    bands = sorted({b for b in values if _in_range(b)})
    if not bands:
        raise InputError("+NBAND holds no band", hint="a read looks like +NBAND:8,20")
    return NBand(bands=bands, test=bool(groups))


def _in_range(band: int) -> bool:
    if 1 <= band <= MAX_BAND:
        return True
    report("band", str(band), f"+NBAND band {band} is not an LTE band number (1-{MAX_BAND})")
    return False


def build_nband(bands: Iterable[int]) -> str:
    """AT+NBAND=<n>[,<n>...]: the bands to enable, ascending (at least one: there is no "all")."""
    values = sorted(set(bands))
    if not values:
        raise InputError("AT+NBAND needs at least one band", hint="name the NB-IoT bands to enable, e.g. 8,20")
    return "AT+NBAND=" + ",".join(map(str, values))


def format_nband(bands: Iterable[int]) -> str:
    """The AT+NBAND? reply as SARA-N2 writes it: no space after the colon."""
    return "+NBAND:" + ",".join(map(str, sorted(bands)))


def format_nband_test(supported: Iterable[int]) -> str:
    """The AT+NBAND=? reply: the supported bands in parentheses."""
    return "+NBAND:(" + ",".join(map(str, sorted(supported))) + ")"
