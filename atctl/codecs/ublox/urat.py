"""u-blox +URAT: RAT selection (SARA-R4/R5 priority list 7/8/9; LARA-R6 / SARA-U2 set codes 0-6).

The numbering and the priority/set value logic are atctl.bands.urat's (pure values).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from atctl.codecs.fields import TEST_GROUP, extra_fields, group_values, split_fields, whole_numbers
from atctl.codecs.model import Model
from atctl.errors import InputError


@dataclass(frozen=True, slots=True)
class Urat(Model):
    acts: list[int]
    rats: list[str]
    supported: list[list[int]] | None = None  # test form: allowed values per parameter


def parse_urat(body: str) -> Urat:
    groups = TEST_GROUP.findall(body)
    if groups:  # test reply: +URAT: (0-6),(0,2,3)
        from atctl.bands.urat import describe

        supported = [group_values(g, "+URAT", f"parameter {i + 1}") for i, g in enumerate(groups[:4])]
        extra_fields(groups, 4, "+URAT")
        return Urat(acts=[], rats=[describe(a) for a in supported[0]], supported=supported)
    values = [v for v in split_fields(body) if v]
    acts = whole_numbers(values, "+URAT", "AcT")
    if not acts:
        raise InputError("+URAT holds no radio access technology", hint="a read looks like +URAT: 7,8")
    from atctl.bands.urat import describe  # SARA-R4/R5 use 7-9; SARA-U2/LARA use 0-6

    return Urat(acts=acts, rats=[describe(a) for a in acts])


def build_urat(values: Iterable[int]) -> str:
    """AT+URAT=<AcT>[,<AcT>...] from +URAT numbers (atctl.bands.urat picks them)."""
    return "AT+URAT=" + ",".join(map(str, values))


def build_urat_priority(rats: Iterable[str]) -> str:
    """SARA-R4/R5: RATs in priority order, `AT+URAT=7,8` (7 LTE-M, 8 NB-IoT, 9 GSM)."""
    from atctl.bands.urat import priority_values

    return build_urat(priority_values(rats))


def build_urat_set(rats: Iterable[str]) -> str:
    """LARA-R6 / SARA-U2: the set of RATs, then the preferred ones, `AT+URAT=4,3,2`."""
    from atctl.bands.urat import set_values

    return build_urat(set_values(rats))


def format_urat(values: Iterable[int]) -> str:
    """The AT+URAT? reply: `+URAT: 7,8` (priority list) or `+URAT: 4,3,2` (set, preferences)."""
    return "+URAT: " + ",".join(map(str, values))
