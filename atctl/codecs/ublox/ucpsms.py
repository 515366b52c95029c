"""u-blox +UCPSMS: the PSM timers the network assigned (SARA-R4/R5 AT manuals)."""

from __future__ import annotations

from atctl.codecs.fields import opt_bits, opt_int, quoted, split_fields
from atctl.codecs.standard.cpsms import Psm, _mode
from atctl.timers.psm import seconds_of


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
    tau_s = seconds_of(tau, "legacy-tau" if fmt == "t3412" else "tau")
    return Psm(type="UCPSMS", mode=_mode(values, p), periodic_tau_bits=tau, periodic_tau_s=tau_s,
               active_time_bits=active, active_time_s=seconds_of(active, "active"),
               periodic_rau_bits=opt_bits(values, 1, 8, p, "periodic_rau"),
               gprs_ready_bits=opt_bits(values, 2, 8, p, "gprs_ready"), tau_format=fmt)


def format_ucpsms(mode: int, tau_bits: str | None = None, active_bits: str | None = None) -> str:
    """`+UCPSMS: 1,,,"<TAU>","<Active>"` while the network grants PSM, `+UCPSMS: 0` otherwise."""
    if tau_bits is None and active_bits is None:
        return f"+UCPSMS: {mode}"
    return f'+UCPSMS: {mode},,,{quoted(tau_bits)},{quoted(active_bits)}'
