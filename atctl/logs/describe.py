"""The plain words shown beside each decoded line in the `decode --log` timeline (pure)."""

from __future__ import annotations

from atctl.timers.duration import format_duration

_REG_WORDS = {
    "not-registered": "not registered, not searching", "home": "registered, home network",
    "searching": "not registered, searching", "denied": "registration denied", "unknown": "registration unknown",
    "roaming": "registered, roaming", "home-sms-only": "registered for SMS only (home)",
    "roaming-sms-only": "registered for SMS only (roaming)", "emergency-only": "emergency bearer services only",
    "home-csfb-not-preferred": "registered, home network (CSFB not preferred)",
    "roaming-csfb-not-preferred": "registered, roaming (CSFB not preferred)",
    "emergency-bearer-only": "attached for emergency bearer services only",
    "sim-failure": "SIM (UICC) failure",
}


def _d(seconds, bits: str | None = None) -> str:
    if seconds is None and bits and bits[:3] == "111":  # TS 24.008 10.5.7.4 / 10.5.7.4a: unit 111 = deactivated
        return "deactivated"
    return format_duration(seconds) if seconds is not None else "?"


def describe(decoded: dict | None) -> str:
    """One short phrase for a decoded line, or '' when there is nothing to add."""
    if not decoded:
        return ""
    kind, f = decoded.get("type"), decoded.get("fields") or {}
    if f.get("warnings") and f.get("unparsed"):
        return f"could not decode: {f['warnings'][0]}"
    if kind in ("CEREG", "CGREG", "CREG", "C5GREG"):
        if f.get("stat") is None:
            return "registration URCs: " + str(f.get("n"))
        parts = [_REG_WORDS.get(f.get("stat_text"), str(f.get("stat_text")))]
        if f.get("rat"):
            parts.append(f["rat"])
        if f.get("tac") or f.get("lac"):
            parts.append(f"area {f.get('tac') or f.get('lac')}")
        if f.get("reject_cause") is not None and (f.get("reject_cause") or f.get("stat") == 3):  # nRF9160 sends 0,0
            from atctl.causes import emm_cause

            parts.append(f"cause {f['reject_cause']}: {emm_cause(f['reject_cause'])}")
        if f.get("active_time_bits") or f.get("periodic_tau_bits"):
            parts.append(f"PSM granted: active {_d(f.get('active_time_s'), f.get('active_time_bits'))}, "
                         f"TAU {_d(f.get('periodic_tau_s'), f.get('periodic_tau_bits'))}")
        return "; ".join(parts)
    if kind in ("CPSMS", "QPSMS", "UCPSMS"):
        if f.get("mode") != 1:
            return "PSM off" if kind != "UCPSMS" else "PSM not granted"
        verb = "granted" if kind == "UCPSMS" else "requested"
        return f"PSM {verb}: TAU {_d(f.get('periodic_tau_s'))}, active {_d(f.get('active_time_s'))}"
    if kind in ("CEDRXS", "CEDRXP", "CEDRXRDP"):
        rat = f.get("rat") or f.get("act")
        if kind == "CEDRXRDP" and not f.get("edrx_used"):
            return f"eDRX not used by the cell ({rat})"
        parts = [f"eDRX {rat}"]
        if f.get("requested_s") is not None:
            parts.append(f"requested {_d(f['requested_s'])}")
        if f.get("granted_s") is not None:
            parts.append(f"granted {_d(f['granted_s'])}")
        if f.get("ptw_s") is not None:
            parts.append(f"PTW {_d(f['ptw_s'])}")
        return ", ".join(parts)
    if kind in ("CME ERROR", "CMS ERROR"):
        return f"{f.get('kind', kind[:3])} error {f.get('code')}: {f.get('message')}"
    if kind in ("CSQ", "CESQ", "QCSQ"):
        from atctl.status_view import signal_text

        return "signal " + signal_text({k: v for k, v in f.items() if k.endswith(("_dbm", "_db")) and v is not None})
    if kind == "COPS":
        if f.get("networks"):
            return f"{len(f['networks'])} networks: " + ", ".join(
                f"{n.get('long') or n.get('numeric')} ({n.get('stat_text')}{', ' + n['rat'] if n.get('rat') else ''})"
                for n in f["networks"][:6])
        if f.get("operator_name") or f.get("operator"):
            return f"operator {f.get('operator_name') or f.get('operator')}" + (f", {f['rat']}" if f.get("rat") else "")
        return f"operator selection {f.get('mode_text') or f.get('mode')}"
    if kind == "QNWINFO":
        if not f.get("service"):
            return "no service"
        return f"{f.get('rat') or f.get('act')} {f.get('band') or ''} on {f.get('operator_name') or f.get('operator')}".strip()
    if (kind == "QCFG" and f.get("key") == "band") or kind == "UBANDMASK":
        parts = [f"{rat.replace('_', '-')} {', '.join(map(str, f[rat]))}" for rat in ("lte_m", "nb_iot", "lte", "umts")
                 if f.get(rat)]
        if f.get("gsm"):
            parts.append("gsm " + ", ".join(f"{mhz} MHz" for mhz in f["gsm"]))
        return "bands: " + "; ".join(parts) if parts else "no bands"
    if kind == "CGDCONT" and f.get("cid") is not None:
        return f"context {f['cid']}: {f.get('pdp_type') or ''} APN {f.get('apn')!r}".replace("  ", " ")
    if kind == "CPIN":
        return "SIM ready" if f.get("ready") else f"SIM needs {f.get('needs') or f.get('code')}"
    if kind == "CFUN":
        return {0: "radio off (minimum functionality)", 1: "full functionality", 4: "flight mode"}.get(
            f.get("fun"), f"functionality {f.get('fun')}")
    return _generic(f)


def _generic(fields: dict, limit: int = 4) -> str:
    parts = []
    for key, value in fields.items():
        if value is None or isinstance(value, (dict, list)) or key in ("type", "is_urc"):
            continue
        if key.endswith("_s") and isinstance(value, (int, float)):
            value = format_duration(value)
        parts.append(f"{key} {value}")
        if len(parts) == limit:
            break
    return ", ".join(parts)
