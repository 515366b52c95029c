"""Pure readings of a network state (NetworkState.psm / .edrx / .signal dicts): which PSM
timers the network granted, and the words `status`, `verify` and `diagnose` all print for them."""

from __future__ import annotations

from atctl.timers.duration import format_duration

_SIGNAL_LABELS = {"rssi_dbm": ("RSSI", "dBm"), "rsrp_dbm": ("RSRP", "dBm"), "rsrq_db": ("RSRQ", "dB"),
                  "sinr_db": ("SINR", "dB")}


def granted_psm(psm: dict) -> dict:
    """The granted timers: from +CEREG n=4/5, else from +UCPSMS (read only on modules whose
    profile says so, quirk psm_granted_read: ucpsms); {} when the network granted none."""
    granted = psm.get("granted") or {}
    if granted.get("tau_s") is None:
        granted = psm.get("granted_ucpsms") or {}
    return granted if granted.get("tau_s") is not None and granted.get("active_s") is not None else {}


def psm_text(psm: dict) -> str:
    asked = psm.get("requested") or {}
    if asked.get("mode") != 1:
        return "not requested"
    got = granted_psm(psm)
    granted = f"TAU {format_duration(got['tau_s'])}, active {format_duration(got['active_s'])}" if got else "nothing"
    return f"asked TAU {format_duration(asked.get('tau_s'))}, active {format_duration(asked.get('active_s'))}; " \
           f"granted {granted}"


def edrx_text(edrx: dict) -> str:
    asked = ", ".join(f"{rat} {format_duration(s)}" for rat, s in (edrx.get("requested") or {}).items())
    got = edrx.get("granted") or {}
    used = f"cycle {format_duration(got.get('cycle_s'))}, PTW {format_duration(got.get('ptw_s'))}" \
        if got.get("used") else "not in use"
    return f"asked {asked}; {used}" if asked else f"not requested ({used})"


def signal_text(signal: dict) -> str:
    parts = [f"{_SIGNAL_LABELS[k][0]} {v:g} {_SIGNAL_LABELS[k][1]}" if k in _SIGNAL_LABELS else f"{k} {v}"
             for k, v in signal.items() if v is not None]
    return ", ".join(parts) or "unknown"
