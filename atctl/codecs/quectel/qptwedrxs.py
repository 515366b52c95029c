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
