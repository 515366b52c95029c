"""Quectel NB-IoT +QBAND (BC660K-GL AT manual V1.4 7.5; BC66 uses the same form)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from atctl.codecs.fields import TEST_GROUP, split_fields, whole_numbers
from atctl.codecs.model import Model
from atctl.errors import InputError


@dataclass(frozen=True, slots=True)
class QBand(Model):
    bands: list[int]           # read: the bands set; test: the bands the module supports
    all_bands: bool            # read answered 0: no restriction
    test: bool                 # the =? form: (range of band counts),(supported bands)


def parse_qband(body: str) -> QBand:
    """Quectel NB-IoT +QBAND (BC660K-GL AT manual V1.4 7.5; BC66 uses the same form):
    read `+QBAND: 8,20`, test `+QBAND: (0-17),(1,2,3,...)`."""
    groups = TEST_GROUP.findall(body)
    if groups:
        supported = groups[1] if len(groups) > 1 else ""
        bands = whole_numbers([v for v in supported.split(",") if v.strip()], "+QBAND", "band")
        return QBand(bands=bands, all_bands=False, test=True)
    values = [v for v in split_fields(body) if v]
    bands = whole_numbers(values, "+QBAND", "band")
    if not bands:
        raise InputError("+QBAND holds no band", hint="a read looks like +QBAND: 8,20")
    if bands == [0]:
        return QBand(bands=[], all_bands=True, test=False)
    return QBand(bands=bands, all_bands=False, test=False)


def build_qband(bands: Iterable[int] | None) -> str:
    """AT+QBAND=<band_number>,<band>... (BC660K-GL AT manual V1.4 7.5); None = every band (`AT+QBAND=0`)."""
    if bands is None:
        return "AT+QBAND=0"
    bands = sorted(bands)
    return f"AT+QBAND={len(bands)},{','.join(map(str, bands))}"


def format_qband(bands: Iterable[int]) -> str:
    """The AT+QBAND? reply: the bands set, ascending (BC660K-GL AT manual V1.4 7.5)."""
    return "+QBAND: " + ",".join(map(str, sorted(bands)))


def format_qband_test(supported: Iterable[int]) -> str:
    """The AT+QBAND=? reply: `(0-<count>),(<band>,...)`."""
    supported = sorted(supported)
    return f"+QBAND: (0-{len(supported)}),({','.join(map(str, supported))})"
