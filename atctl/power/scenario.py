"""Turn user-level inputs (durations, sizes, rates, signal) into a model Scenario.

Timers are snapped to what 3GPP can carry, through the same codecs `psm encode` and
`edrx encode` use (rounding up, as atctl requests them); every rounding is reported.
"""

from __future__ import annotations

import re

from atctl.errors import InputError
from atctl.power.model import DAY_S, SIGNAL_DBM, Scenario

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|bytes?|kb|kib|mb|mib|gb|gib)?\s*$", re.IGNORECASE)
_SIZE_UNITS = {"": 1, "b": 1, "byte": 1, "bytes": 1, "kb": 1000, "kib": 1024, "mb": 1e6, "mib": 1048576, "gb": 1e9,
               "gib": 1073741824}


def parse_size(text: str | int | float, what: str = "size") -> float:
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        if text < 0:
            raise InputError(f"{what} {text} is negative", hint="give a size like 200B or 1kB")
        return float(text)
    m = _SIZE.match(str(text))
    if not m:
        raise InputError(f"{what} {text!r} is not a size", hint="write it like 200B, 1.5kB, 2KiB or bare bytes")
    return float(m.group(1)) * _SIZE_UNITS[(m.group(2) or "").lower()]


def per_day(every_s: float | None, count: float | None, what: str) -> float:
    if every_s is not None and count is not None:
        raise InputError(f"give either an interval or a count per day for {what}, not both")
    if count is not None:
        if not (0 <= count <= 86400):
            raise InputError(f"{what} {count:g} a day is out of range", hint="give 0 to 86400 a day")
        return float(count)
    if every_s is not None:
        if every_s < 1:
            raise InputError(f"{what} every {every_s:g} s is too often for this model", hint="give 1 s or more")
        return DAY_S / every_s
    return 0.0


def snap_timers(rat: str, psm: bool, tau_s: float | None, active_s: float | None,
                edrx_s: float | None, ptw_s: float | None) -> tuple[dict, list[str]]:
    """Representable (tau, active, edrx, ptw) and the sentences saying what was rounded."""
    from atctl.timers.edrx import check_rat, encode_edrx, encode_ptw
    from atctl.timers.psm import encode_t3324, encode_t3412_ext

    rat = check_rat(rat)
    notes: list[str] = []
    out = {"tau": None, "active": 0.0, "edrx": None, "ptw": None}
    if psm:
        if tau_s is None or active_s is None:
            raise InputError("PSM needs both --tau and --active", hint="give both, or --no-psm")
        tau = encode_t3412_ext(tau_s)
        active = encode_t3324(active_s)
        notes += list(tau.warnings) + list(active.warnings)
        out["tau"], out["active"] = float(tau.seconds), float(active.seconds)
    elif tau_s is not None:  # periodic TAU without PSM: the legacy T3412 (GPRS Timer) carries it
        from atctl.timers.psm import encode_t3412

        tau = encode_t3412(tau_s)
        notes += list(tau.warnings)
        out["tau"] = float(tau.seconds)
    if edrx_s is not None:
        cycle = encode_edrx(rat, edrx_s)
        notes += list(cycle.warnings)
        out["edrx"] = float(cycle.seconds)
        if ptw_s is not None:
            ptw = encode_ptw(rat, ptw_s)
            notes += list(ptw.warnings)
            out["ptw"] = float(ptw.seconds)
    elif ptw_s is not None:
        raise InputError("--ptw needs --edrx-cycle", hint="the paging time window only exists with eDRX")
    return out, notes


def build(rat: str, *, psm: bool, tau_s=None, active_s=None, edrx_s=None, ptw_s=None,
          uplink_bytes=0.0, uplinks_per_day=0.0, downlink_bytes=0.0, downlinks_per_day=0.0,
          signal: str | None = None, tx_dbm: float | None = None) -> tuple[Scenario, list[str]]:
    timers, notes = snap_timers(rat, psm, tau_s, active_s, edrx_s, ptw_s)
    if signal is not None and tx_dbm is not None:
        raise InputError("give --signal or --tx-dbm, not both")
    if tx_dbm is not None:
        if not -60 <= tx_dbm <= 33:
            raise InputError(f"TX power {tx_dbm:g} dBm is out of range", hint="give -60 to 33 dBm")
        level, dbm = None, float(tx_dbm)
    else:
        level = (signal or "medium").lower()
        if level not in SIGNAL_DBM:
            raise InputError(f"signal {signal!r} is not known", hint=f"use one of {', '.join(SIGNAL_DBM)}")
        dbm = SIGNAL_DBM[level]
    from atctl.timers.edrx import check_rat

    sc = Scenario(rat=check_rat(rat), psm=psm, tau_s=timers["tau"], active_s=timers["active"],
                  edrx_s=timers["edrx"], ptw_s=timers["ptw"], uplink_bytes=uplink_bytes,
                  uplinks_per_day=uplinks_per_day, downlink_bytes=downlink_bytes,
                  downlinks_per_day=downlinks_per_day, tx_dbm=dbm, signal=level)
    return sc, notes
