"""Power saving replies: +CEDRXS / +CEDRXP / +CEDRXRDP (eDRX, 27.007 7.40-7.41),
+CPSMS (27.007 7.38), Quectel +QPSMS, u-blox +UCPSMS.

Bit strings are decoded with atctl.timers (never re-implemented here). eDRX
values of GSM/UTRAN AcT types (1-3) use other tables: bits are kept, seconds null.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from atctl.errors import InputError
from atctl.codecs.act import edrx_act_to_rat
from atctl.codecs.fields import clip, field, opt_bits, opt_int, report, req_int, split_fields, unquote
from atctl.codecs.model import Model


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


def parse_qptwedrxs(body: str) -> Edrx:
    """Quectel read `+QPTWEDRXS: <AcT>,"<ptw>","<edrx>"` (BG95/BG96 AT manual: PTW first)."""
    values = split_fields(body)
    if len(values) >= 3:
        values = [values[0], values[2], values[1]]
    return parse_edrx("CEDRXS", ",".join(values))


@dataclass(frozen=True, slots=True)
class Psm(Model):
    """+CPSMS (requested), +QPSMS (requested, Quectel), +UCPSMS (network-assigned, u-blox)."""

    type: str
    mode: int
    periodic_tau_bits: str | None
    periodic_tau_s: float | None
    active_time_bits: str | None
    active_time_s: float | None
    periodic_rau_bits: str | None = None
    gprs_ready_bits: str | None = None
    tau_format: str | None = None  # UCPSMS: "t3412-ext" or "t3412" (legacy coding)


def _decode_timer(bits: str | None, kind: str) -> float | None:
    if bits is None:
        return None
    from atctl.timers import psm

    decoder = {"tau": psm.decode_t3412_ext, "legacy-tau": psm.decode_t3412, "active": psm.decode_t3324}[kind]
    value = decoder(bits)
    return None if value.deactivated else value.seconds


def _mode(values: list[str], p: str) -> int:
    mode = req_int(values, 0, p, "mode")
    if mode not in (0, 1, 2):
        raise InputError(f"{p} field mode {mode} is not 0 (off), 1 (on) or 2 (off and reset)")
    return mode


def parse_cpsms(body: str) -> Psm:
    values = split_fields(body)
    p = "+CPSMS"
    tau = opt_bits(values, 3, 8, p, "periodic_tau")
    active = opt_bits(values, 4, 8, p, "active_time")
    return Psm(type="CPSMS", mode=_mode(values, p), periodic_tau_bits=tau, periodic_tau_s=_decode_timer(tau, "tau"),
               active_time_bits=active, active_time_s=_decode_timer(active, "active"),
               periodic_rau_bits=opt_bits(values, 1, 8, p, "periodic_rau"),
               gprs_ready_bits=opt_bits(values, 2, 8, p, "gprs_ready"))


def _qpsms_value(values: list[str], index: int, kind: str, name: str) -> tuple[str | None, float | None]:
    """Quectel documents decimal seconds; some firmware answers bit strings like +CPSMS.

    Rule: exactly 8 characters of 0/1 -> a bit string; otherwise decimal seconds.
    """
    raw = field(values, index)
    if raw is None:
        return None, None
    text = unquote(raw)
    if len(text) == 8 and set(text) <= {"0", "1"}:
        return text, _decode_timer(text, kind)
    try:
        seconds = float(text) if len(text) <= 30 else float("nan")
    except ValueError:
        seconds = float("nan")
    if not math.isfinite(seconds):
        report(name, raw, f"+QPSMS field {name} {clip(raw, 40)!r} is neither seconds nor an 8-bit string")
        return None, None
    if seconds < 0:
        report(name, raw, f"+QPSMS field {name} {clip(raw, 40)!r} is negative")
        return None, None
    return None, int(seconds) if seconds.is_integer() else seconds


def parse_qpsms(body: str) -> Psm:
    values = split_fields(body)
    tau_bits, tau_s = _qpsms_value(values, 3, "tau", "periodic_tau")
    active_bits, active_s = _qpsms_value(values, 4, "active", "active_time")
    return Psm(type="QPSMS", mode=_mode(values, "+QPSMS"), periodic_tau_bits=tau_bits, periodic_tau_s=tau_s,
               active_time_bits=active_bits, active_time_s=active_s)


# <Assigned_Periodic_TAU_Format_Type> (SARA-R4 AT manual R16, 15.3): which coding the TAU uses.
# unverified: 0 = legacy T3412 (GPRS Timer), 1 = T3412 extended (GPRS Timer 3); absent -> extended.
UCPSMS_TAU_FORMAT = {0: "t3412", 1: "t3412-ext"}


def parse_ucpsms(body: str) -> Psm:
    values = split_fields(body)
    p = "+UCPSMS"
    fmt_code = opt_int(values, 5, p, "tau_format")
    fmt = UCPSMS_TAU_FORMAT.get(fmt_code, "t3412-ext") if fmt_code is not None else None
    tau = opt_bits(values, 3, 8, p, "periodic_tau")
    active = opt_bits(values, 4, 8, p, "active_time")
    tau_s = _decode_timer(tau, "legacy-tau" if fmt == "t3412" else "tau")
    return Psm(type="UCPSMS", mode=_mode(values, p), periodic_tau_bits=tau, periodic_tau_s=tau_s,
               active_time_bits=active, active_time_s=_decode_timer(active, "active"),
               periodic_rau_bits=opt_bits(values, 1, 8, p, "periodic_rau"),
               gprs_ready_bits=opt_bits(values, 2, 8, p, "gprs_ready"), tau_format=fmt)
