"""Quectel +QCSQ: signal per system mode (BG95/BG96, EC2x AT manuals)."""

from __future__ import annotations

from dataclasses import dataclass

from atctl.codecs.fields import opt_int, opt_str, plain, quoted, reply_line, split_fields
from atctl.codecs.model import Model
from atctl.codecs.quectel.act_names import QENG_ACT, act_rat
from atctl.errors import InputError


# +QCSQ: "<sysmode>"[,<value1>...]: which values follow depends on the system mode (BG95/BG96, EC2x
# manuals); the RAT of a sysmode is the one Quectel name table's (atctl.codecs.quectel.act_names)
_LTE_VALUES = ("rssi_dbm", "rsrp_dbm", "sinr", "rsrq_db")
QCSQ_VALUES: dict[str, tuple[str, ...]] = {
    "NOSERVICE": (), "GSM": ("rssi_dbm",), "WCDMA": ("rssi_dbm", "rscp_dbm", "ecio_db"),
    "TDSCDMA": ("rssi_dbm", "rscp_dbm", "ecio_db"), "LTE": _LTE_VALUES, "EMTC": _LTE_VALUES, "CAT-M": _LTE_VALUES,
    "NBIOT": _LTE_VALUES, "CAT-NB": _LTE_VALUES,
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
    names = QCSQ_VALUES.get(sysmode.upper())
    if names is None:
        raise InputError(f"+QCSQ system mode {sysmode!r} is not known",
                         hint="expected NOSERVICE, GSM, WCDMA, LTE, eMTC or NBIoT")
    rat = act_rat(sysmode)
    got = {name: opt_int(values, i + 1, "+QCSQ", name) for i, name in enumerate(names)}
    sinr = got.get("sinr")
    return Qcsq(sysmode=sysmode, rat=rat or None, rssi_dbm=got.get("rssi_dbm"), rsrp_dbm=got.get("rsrp_dbm"),
                rsrq_db=got.get("rsrq_db"), sinr=sinr, sinr_db=None if sinr is None else round(sinr / 5 - 20, 1),
                rscp_dbm=got.get("rscp_dbm"), ecio_db=got.get("ecio_db"))


# ---------------------------------------------------------------- replies (the simulator's side)

def qcsq_sinr(sinr_db: float) -> int:
    """<SINR> as +QCSQ prints it for LTE: 1/5 dB steps from -20 dB (0-250), the inverse of parse_qcsq."""
    return int(round((sinr_db + 20) * 5))


def format_qcsq(rat: str | None, **values: int | None) -> str:
    """The AT+QCSQ reply: the system mode of `rat` (the name +QENG prints: act_names.QENG_ACT),
    then the values that mode carries, by name (QCSQ_VALUES: LTE family rssi_dbm, rsrp_dbm, sinr,
    rsrq_db; GSM rssi_dbm; WCDMA rssi_dbm, rscp_dbm, ecio_db). No RAT: `+QCSQ: "NOSERVICE"`."""
    if rat is None:
        return '+QCSQ: "NOSERVICE"'
    sysmode = QENG_ACT.get(rat)
    if sysmode is None:
        raise InputError(f"+QCSQ has no system mode for RAT {rat!r}", hint=f"use one of {', '.join(QENG_ACT)}")
    names = QCSQ_VALUES[sysmode.upper()]
    unknown = set(values) - set(names)
    if unknown:
        raise InputError(f"+QCSQ {sysmode} has no value {', '.join(sorted(unknown))}", hint=f"values: {', '.join(names)}")
    return reply_line("QCSQ", [quoted(sysmode)] + [plain(values.get(name)) for name in names])
