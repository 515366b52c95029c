"""+CPSMS: PSM timers requested (TS 27.007 7.38). The `Psm` model is shared with the vendor
reads of the same timers (Quectel +QPSMS, u-blox +UCPSMS).

Bit strings are decoded with atctl.timers (never re-implemented here).
"""

from __future__ import annotations

from dataclasses import dataclass

from atctl.codecs.fields import opt_bits, quoted, req_int, split_fields
from atctl.codecs.model import Model
from atctl.errors import InputError
from atctl.timers.psm import Encoded, encode_psm, seconds_of


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
    return Psm(type="CPSMS", mode=_mode(values, p), periodic_tau_bits=tau, periodic_tau_s=seconds_of(tau, "tau"),
               active_time_bits=active, active_time_s=seconds_of(active, "active"),
               periodic_rau_bits=opt_bits(values, 1, 8, p, "periodic_rau"),
               gprs_ready_bits=opt_bits(values, 2, 8, p, "gprs_ready"))


def build_cpsms(mode: int, tau_bits: str | None = None, active_bits: str | None = None) -> str:
    """AT+CPSMS=<mode>[,,,"<Requested_Periodic-TAU>","<Requested_Active-Time>"] (27.007 7.38).

    The GPRS timers (RAU, READY) are left empty; the bit strings are always quoted. With no
    timer the command is the bare mode; 27.007 10.1.23 accepts timers with mode 0 too (a restore).
    """
    if mode not in (0, 1, 2):
        raise InputError(f"AT+CPSMS mode {mode!r} is not 0 (off), 1 (on) or 2 (off and reset)")
    if tau_bits is None and active_bits is None:
        return f"AT+CPSMS={mode}"
    return f'AT+CPSMS={mode},,,"{tau_bits or ""}","{active_bits or ""}"'


@dataclass(frozen=True)
class CpsmsRequest:
    """Encoded PSM timers with the command that requests them (`atctl psm encode`)."""

    tau: Encoded
    active: Encoded
    command: str
    warnings: tuple[str, ...] = ()


def encode_cpsms(tau_s: float, active_s: float, rounding: str = "up") -> CpsmsRequest:
    """Both timers encoded (atctl.timers.psm) and the AT+CPSMS=1 command carrying them."""
    enc = encode_psm(tau_s, active_s, rounding)
    return CpsmsRequest(enc.tau, enc.active, build_cpsms(1, enc.tau.bits, enc.active.bits), enc.warnings)


def format_cpsms(mode: int, tau_bits: str | None = None, active_bits: str | None = None,
                 rau_bits: str | None = None, ready_bits: str | None = None) -> str:
    """The AT+CPSMS? reply `+CPSMS: <mode>,[<RAU>],[<READY>],[<TAU>],[<Active>]` (27.007 7.38)."""
    return f"+CPSMS: {mode},{quoted(rau_bits)},{quoted(ready_bits)},{quoted(tau_bits)},{quoted(active_bits)}"
