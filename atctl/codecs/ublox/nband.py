"""+NBAND: the NB-IoT band list of u-blox SARA-N2 (the Huawei/Neul command set it shares with
Quectel BC95): read `+NBAND:8,20`, test `+NBAND:(8,20)`, set `AT+NBAND=8,20`.

Firmware writes the read with or without a space after the colon and in no fixed order; the
parser takes every form and reports the bands ascending.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from atctl.codecs.fields import TEST_GROUP, split_fields, whole_numbers
from atctl.codecs.model import Model
from atctl.errors import InputError


@dataclass(frozen=True, slots=True)
class NBand(Model):
    bands: list[int]           # read: the bands enabled; test: the bands the module supports
    test: bool                 # the =? form, bands in parentheses


def parse_nband(body: str) -> NBand:
    """`+NBAND:8,20` (read) or `+NBAND:(8,20)` (test); spaces and order as the module sends them."""
    groups = TEST_GROUP.findall(body)
    if groups:
        values = [v for group in groups for v in group.split(",") if v.strip()]
        return NBand(bands=sorted(set(whole_numbers(values, "+NBAND", "band"))), test=True)
    values = [v for v in split_fields(body) if v]
    bands = whole_numbers(values, "+NBAND", "band")
    if not bands:
        raise InputError("+NBAND holds no band", hint="a read looks like +NBAND:8,20")
    return NBand(bands=sorted(set(bands)), test=False)


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
