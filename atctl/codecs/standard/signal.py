"""Signal replies: +CSQ (27.007 8.5) and +CESQ (27.007 8.69).

Level -> dB(m) conversions give the lower edge of the 27.007 interval (level 0,
"below X", is reported one step under X), as ModemManager does: CSQ -113 + 2n;
CESQ rxlev -111 + n, rscp -121 + n, ecno -24.5 + n/2, rsrq -20 + n/2, rsrp -141 + n.
"""

from __future__ import annotations

from dataclasses import dataclass

from atctl.codecs.fields import req_int, split_fields
from atctl.codecs.model import Model
from atctl.errors import InputError


@dataclass(frozen=True, slots=True)
class Csq(Model):
    rssi: int
    rssi_dbm: int | None
    ber: int | None


def parse_csq(body: str) -> Csq:
    values = split_fields(body)
    rssi = req_int(values, 0, "+CSQ", "rssi")
    ber = req_int(values, 1, "+CSQ", "ber") if len(values) > 1 else 99
    if not (0 <= rssi <= 31 or rssi == 99):
        raise InputError(f"+CSQ field rssi {rssi} is not 0-31 or 99")
    if not (0 <= ber <= 7 or ber == 99):
        raise InputError(f"+CSQ field ber {ber} is not 0-7 or 99")
    return Csq(rssi=rssi, rssi_dbm=None if rssi == 99 else -113 + 2 * rssi, ber=None if ber == 99 else ber)


@dataclass(frozen=True, slots=True)
class Cesq(Model):
    rxlev: int
    ber: int | None
    rscp: int
    ecno: int
    rsrq: int
    rsrp: int
    rssi_dbm: float | None
    rscp_dbm: float | None
    ecno_db: float | None
    rsrq_db: float | None
    rsrp_dbm: float | None


def _level(value: int, top: int, unknown: int, base: float, step: float) -> float | None:
    if value == unknown or not 0 <= value <= top:
        return None
    return base + value * step


def parse_cesq(body: str) -> Cesq:
    values = split_fields(body)
    if len(values) < 6:
        raise InputError(f"+CESQ needs 6 fields (rxlev,ber,rscp,ecno,rsrq,rsrp), got {len(values)}")
    rxlev, ber, rscp, ecno, rsrq, rsrp = (req_int(values, i, "+CESQ", n) for i, n in
                                          enumerate(("rxlev", "ber", "rscp", "ecno", "rsrq", "rsrp")))
    return Cesq(rxlev=rxlev, ber=None if ber == 99 else ber, rscp=rscp, ecno=ecno, rsrq=rsrq, rsrp=rsrp,
                rssi_dbm=_level(rxlev, 63, 99, -111, 1), rscp_dbm=_level(rscp, 96, 255, -121, 1),
                ecno_db=_level(ecno, 49, 255, -24.5, 0.5), rsrq_db=_level(rsrq, 34, 255, -20, 0.5),
                rsrp_dbm=_level(rsrp, 97, 255, -141, 1))


def csq_rssi(dbm: float | None) -> int:
    """<rssi> 0-31 of a level in dBm (-113 + 2n, clamped); 99 when unknown."""
    return 99 if dbm is None else max(0, min(31, int((dbm + 113) // 2)))


def cesq_rsrq(db: float | None) -> int:
    """<rsrq> 0-34 of a level in dB (-20 + n/2, clamped); 255 when unknown."""
    return 255 if db is None else max(0, min(34, int((db + 20) * 2)))


def cesq_rsrp(dbm: float | None) -> int:
    """<rsrp> 0-97 of a level in dBm (-141 + n, clamped); 255 when unknown."""
    return 255 if dbm is None else max(0, min(97, int(dbm + 141)))


def format_csq(rssi: int, ber: int = 99) -> str:
    return f"+CSQ: {rssi},{ber}"


def format_cesq(rxlev: int = 99, ber: int = 99, rscp: int = 255, ecno: int = 255, rsrq: int = 255,
                rsrp: int = 255) -> str:
    """The AT+CESQ reply; the defaults are the 'not known' values (an LTE-only module: 99,99,255,255)."""
    return f"+CESQ: {rxlev},{ber},{rscp},{ecno},{rsrq},{rsrp}"
