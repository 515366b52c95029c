"""Quectel +QPTWEDRXS: eDRX cycle with its paging time window (BG95/BG96 AT manual: PTW first)."""

from __future__ import annotations

from atctl.codecs.fields import split_fields
from atctl.codecs.standard.edrx import Edrx, parse_edrx


def parse_qptwedrxs(body: str) -> Edrx:
    """Quectel read `+QPTWEDRXS: <AcT>,"<ptw>","<edrx>"` (BG95/BG96 AT manual: PTW first)."""
    values = split_fields(body)
    if len(values) >= 3:
        values = [values[0], values[2], values[1]]
    return parse_edrx("CEDRXS", ",".join(values))


def build_qptwedrxs(mode: int, act: int, ptw_bits: str, edrx_bits: str) -> str:
    """AT+QPTWEDRXS=<mode>,<AcT-type>,"<Requested_PTW>","<Requested_eDRX>" (BG95/BG96 AT manual:
    PTW first, unlike +CEDRXS)."""
    return f'AT+QPTWEDRXS={mode},{act},"{ptw_bits}","{edrx_bits}"'


def format_qptwedrxs(act: int, ptw_bits: str | None, edrx_bits: str) -> str:
    """One AT+QPTWEDRXS? reply line, PTW first (empty when not set)."""
    return f'+QPTWEDRXS: {act},"{ptw_bits or ""}","{edrx_bits}"'
