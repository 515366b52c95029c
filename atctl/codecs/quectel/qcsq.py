"""Quectel +QCSQ: signal per system mode (BG95/BG96, EC2x AT manuals)."""

from __future__ import annotations

from dataclasses import dataclass

from atctl.codecs.fields import opt_int, opt_str, split_fields
from atctl.codecs.model import Model
from atctl.errors import InputError


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
