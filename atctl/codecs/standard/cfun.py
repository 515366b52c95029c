"""+CFUN: phone functionality (TS 27.007 9.2.x AT+CFUN: 0 minimum, 1 full, 4 radio off)."""

from __future__ import annotations

from dataclasses import dataclass

from atctl.codecs.fields import req_int, split_fields
from atctl.codecs.model import Model


@dataclass(frozen=True, slots=True)
class Cfun(Model):
    fun: int                   # 27.007 <fun>: 0 minimum, 1 full, 4 radio off (airplane)


def parse_cfun(body: str) -> Cfun:
    """+CFUN: 1 (27.007 read; u-blox adds a <STK_mode> field, ignored)."""
    return Cfun(fun=req_int(split_fields(body), 0, "+CFUN", "fun"))


def build_cfun(fun: int) -> str:
    """AT+CFUN=<fun> (27.007 8.2): 0 minimum, 1 full, 4 radio off; vendors add reboots (u-blox 15/16)."""
    return f"AT+CFUN={int(fun)}"


def format_cfun(fun: int) -> str:
    return f"+CFUN: {int(fun)}"
