"""+CGDCONT: PDP context definitions (TS 27.007 10.1.1)."""

from __future__ import annotations

from dataclasses import dataclass

from atctl.codecs.fields import opt_str, req_int, split_fields
from atctl.codecs.model import Model


@dataclass(frozen=True, slots=True)
class PdpContext(Model):
    cid: int | str | None
    pdp_type: str | None
    apn: str | None
    address: str | None


def parse_cgdcont(body: str) -> PdpContext:
    values = split_fields(body)
    first = values[0] if values else ""
    if first.startswith("("):  # test reply: (1-10),"IP",,,(0,1),(0,1)
        return PdpContext(cid=first.replace(" ", "").strip("()"), pdp_type=opt_str(values, 1), apn=None, address=None)
    if first == "" and len(values) > 1:  # test reply continuation without a range (Thuraya: , "PPP" ,,,)
        return PdpContext(cid=None, pdp_type=opt_str(values, 1), apn=None, address=None)
    return PdpContext(cid=req_int(values, 0, "+CGDCONT", "cid"), pdp_type=opt_str(values, 1),
                      apn=opt_str(values, 2), address=opt_str(values, 3))


def build_cgdcont(cid: int, pdp_type: str, apn: str) -> str:
    """AT+CGDCONT=<cid>,"<PDP_type>","<APN>" (27.007 10.1.1)."""
    return f'AT+CGDCONT={cid},"{pdp_type}","{apn}"'


def format_cgdcont(cid: int, pdp_type: str, apn: str, address: str = "", trailing: tuple[int, ...] = (0, 0)) -> str:
    """One AT+CGDCONT? reply line `<cid>,"<PDP_type>","<APN>","<PDP_addr>",<d_comp>,<h_comp>[,...]`
    (27.007 10.1.1; modules print 2 to 4 numbers after the address)."""
    return f'+CGDCONT: {cid},"{pdp_type}","{apn}","{address}"' + "".join(f",{v}" for v in trailing)
