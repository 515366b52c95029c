"""+CEDRXS / +CEDRXP / +CEDRXRDP: eDRX (TS 27.007 7.40-7.41).

Bit strings are decoded with atctl.timers (never re-implemented here). eDRX
values of GSM/UTRAN AcT types (1-3) use other tables: bits are kept, seconds null.
"""

from __future__ import annotations

from dataclasses import dataclass

from atctl.codecs.fields import opt_bits, req_int, split_fields
from atctl.codecs.model import Model
from atctl.codecs.standard.act import edrx_act_to_rat
from atctl.errors import InputError


@dataclass(frozen=True, slots=True)
class Edrx(Model):
    """One +CEDRXS / +CEDRXP / +CEDRXRDP line. act 0 (+CEDRXRDP: 0) = the cell does not use eDRX."""

    type: str
    act: int
    rat: str | None
    edrx_used: bool
    requested_bits: str | None
    requested_s: float | None
    granted_bits: str | None
    granted_s: float | None
    ptw_bits: str | None
    ptw_s: float | None
    note: str | None = None


def _edrx_seconds(rat: str | None, bits: str | None, effective: bool) -> tuple[float | None, str | None]:
    """Requested values keep their nominal length (with a note when the RAT reinterprets
    them); network-provided ones are what the network uses."""
    if bits is None or rat not in ("lte-m", "nb-iot"):
        return None, None
    from atctl.timers.edrx import decode_edrx

    value = decode_edrx(rat, bits)
    return (value.effective_seconds if effective else value.seconds), value.note


def _ptw_seconds(rat: str | None, bits: str | None) -> float | None:
    if bits is None or rat not in ("lte-m", "nb-iot"):
        return None
    from atctl.timers.edrx import decode_ptw

    return decode_ptw(rat, bits).seconds


def parse_edrx(prefix: str, body: str) -> Edrx:
    """+CEDRXP/+CEDRXRDP: <AcT>[,<requested>[,<nw-provided>[,<ptw>]]];
    +CEDRXS read: <AcT>,<requested>[,<ptw>] (SARA-R5 adds the PTW)."""
    values = split_fields(body)
    p = f"+{prefix}"
    act = req_int(values, 0, p, "act")
    if act not in range(6):
        raise InputError(f"{p} field act {act} is not an eDRX AcT-type 0-5",
                         hint="4 = LTE-M (WB-S1), 5 = NB-IoT (NB-S1), 0 = eDRX not used")
    rat = edrx_act_to_rat(act)
    requested = opt_bits(values, 1, 4, p, "requested")
    if prefix == "CEDRXS":
        granted, ptw = None, opt_bits(values, 2, 4, p, "ptw")
    else:
        granted, ptw = opt_bits(values, 2, 4, p, "granted"), opt_bits(values, 3, 4, p, "ptw")
    requested_s, req_note = _edrx_seconds(rat, requested, effective=False)
    granted_s, _ = _edrx_seconds(rat, granted, effective=True)
    note = req_note
    if act in (1, 2, 3) and (requested or granted):
        note = f"eDRX values for {rat} use another table: bits kept, seconds not decoded"
    return Edrx(type=prefix, act=act, rat=rat, edrx_used=act != 0 and (granted is not None or prefix == "CEDRXS"),
                requested_bits=requested, requested_s=requested_s, granted_bits=granted, granted_s=granted_s,
                ptw_bits=ptw, ptw_s=_ptw_seconds(rat, ptw), note=note)


def build_cedrxs(mode: int, act: int, edrx_bits: str | None = None) -> str:
    """AT+CEDRXS=<mode>,<AcT-type>[,"<Requested_eDRX_value>"] (27.007 7.40); mode 0 = eDRX off."""
    if edrx_bits is None:
        return f"AT+CEDRXS={mode},{act}"
    return f'AT+CEDRXS={mode},{act},"{edrx_bits}"'


def format_cedrxs(act: int, requested_bits: str, ptw_bits: str | None = None) -> str:
    """One AT+CEDRXS? reply line `+CEDRXS: <AcT-type>,"<eDRX>"` (SARA-R5 adds `,"<PTW>"`)."""
    return f'+CEDRXS: {act},"{requested_bits}"' + (f',"{ptw_bits}"' if ptw_bits else "")


def format_cedrxp(act: int, requested_bits: str, granted_bits: str, ptw_bits: str) -> str:
    """The +CEDRXP URC (27.007 7.41): requested, network-provided value and PTW."""
    return f'+CEDRXP: {act},"{requested_bits}","{granted_bits}","{ptw_bits}"'


def format_cedrxrdp(act: int, requested_bits: str | None = None, granted_bits: str | None = None,
                    ptw_bits: str | None = None) -> str:
    """The AT+CEDRXRDP reply (27.007 7.41); act 0 = the cell does not use eDRX."""
    if act == 0:
        return "+CEDRXRDP: 0"
    return f'+CEDRXRDP: {act},"{requested_bits}","{granted_bits}","{ptw_bits}"'
