"""Quectel +QNWINFO: access technology, operator, band and channel (BG95/BG96, EC2x/EG2x AT manuals)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from atctl.codecs.fields import opt_int, opt_str, operator_name, split_fields, unquote
from atctl.codecs.model import Model
from atctl.codecs.quectel.act_names import QNWINFO_ACT, act_rat
from atctl.errors import InputError
from atctl.network_values import CellInUse


_BAND_NUMBER = re.compile(r"(\d+)\s*$")


@dataclass(frozen=True, slots=True)
class Qnwinfo(Model):
    service: bool
    act: str | None
    rat: str | None
    operator: str | None
    operator_name: str | None
    band: str | None
    band_number: int | None
    channel: int | None

    def cell_in_use(self) -> CellInUse | None:
        return CellInUse(self.band_number, self.channel, self.rat) if self.service else None


def parse_qnwinfo(body: str, names: Callable[[str], str | None] | None = None) -> Qnwinfo:
    text = unquote(body)
    if text.replace(" ", "").lower() == "noservice":
        return Qnwinfo(False, None, None, None, None, None, None, None)
    values = split_fields(body)
    act = opt_str(values, 0)
    if act is None:
        raise InputError("+QNWINFO has no access technology", hint='a reply looks like +QNWINFO: "eMTC","24701","LTE BAND 20",6300')
    band = opt_str(values, 2)
    number = _BAND_NUMBER.search(band[-12:]) if band else None  # the tail only: a search is quadratic
    oper = opt_str(values, 1)
    return Qnwinfo(service=True, act=act, rat=act_rat(act), operator=oper,
                   operator_name=operator_name(oper, names), band=band,
                   band_number=int(number.group(1)) if number else None,
                   channel=opt_int(values, 3, "+QNWINFO", "channel"))


def format_qnwinfo(rat: str | None, operator: str | None = None, band: str | None = None,
                   channel: int | None = None) -> str:
    """The AT+QNWINFO reply: `"<Act>","<oper>","<band>",<channel>` with the Act name Quectel
    prints for `rat` (act_names.QNWINFO_ACT); `No Service` without a RAT."""
    if rat is None:
        return "+QNWINFO: No Service"
    return f'+QNWINFO: "{QNWINFO_ACT[rat]}","{operator}","{band}",{channel}'
