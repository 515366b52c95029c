"""Signal replies: +CSQ (27.007 8.5), +CESQ (27.007 8.69), Quectel +QCSQ.

Level -> dB(m) conversions give the lower edge of the 27.007 interval (level 0,
"below X", is reported one step under X), as ModemManager does: CSQ -113 + 2n;
CESQ rxlev -111 + n, rscp -121 + n, ecno -24.5 + n/2, rsrq -20 + n/2, rsrp -141 + n.
"""

from __future__ import annotations

from dataclasses import dataclass

from atctl.errors import InputError
from atctl.codecs.fields import opt_int, opt_str, req_int, split_fields
from atctl.codecs.model import Model


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


# +QCSQ: "<sysmode>"[,<value1>...]: which values follow depends on the system mode (BG95/BG96, EC2x manuals)
QCSQ_LAYOUT = {
    "NOSERVICE": ("", ()), "GSM": ("gsm", ("rssi_dbm",)), "WCDMA": ("umts", ("rssi_dbm", "rscp_dbm", "ecio_db")),
    "TDSCDMA": ("tdscdma", ("rssi_dbm", "rscp_dbm", "ecio_db")),
    "LTE": ("lte", ("rssi_dbm", "rsrp_dbm", "sinr", "rsrq_db")),
    "EMTC": ("lte-m", ("rssi_dbm", "rsrp_dbm", "sinr", "rsrq_db")),
    "CAT-M": ("lte-m", ("rssi_dbm", "rsrp_dbm", "sinr", "rsrq_db")),
    "NBIOT": ("nb-iot", ("rssi_dbm", "rsrp_dbm", "sinr", "rsrq_db")),
    "CAT-NB": ("nb-iot", ("rssi_dbm", "rsrp_dbm", "sinr", "rsrq_db")),
}


@dataclass(frozen=True, slots=True)
class Qcsq(Model):
    sysmode: str
    rat: str | None
    rssi_dbm: int | None
    rsrp_dbm: int | None
    rsrq_db: int | None
    sinr: int | None        # as reported: 1/5 dB steps, 0-250
    sinr_db: float | None   # sinr / 5 - 20
    rscp_dbm: int | None
    ecio_db: int | None


def parse_qcsq(body: str) -> Qcsq:
    values = split_fields(body)
    sysmode = opt_str(values, 0) or ""
    layout = QCSQ_LAYOUT.get(sysmode.upper())
    if layout is None:
        raise InputError(f"+QCSQ system mode {sysmode!r} is not known",
                         hint="expected NOSERVICE, GSM, WCDMA, LTE, eMTC or NBIoT")
    rat, names = layout
    got = {name: opt_int(values, i + 1, "+QCSQ", name) for i, name in enumerate(names)}
    sinr = got.get("sinr")
    return Qcsq(sysmode=sysmode, rat=rat or None, rssi_dbm=got.get("rssi_dbm"), rsrp_dbm=got.get("rsrp_dbm"),
                rsrq_db=got.get("rsrq_db"), sinr=sinr, sinr_db=None if sinr is None else round(sinr / 5 - 20, 1),
                rscp_dbm=got.get("rscp_dbm"), ecio_db=got.get("ecio_db"))
