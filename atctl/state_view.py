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


def sim_text(sim: dict) -> str:
    """'ready', 'pin-required: the SIM asks for its PIN', 'unknown (not read)'."""
    state = (sim or {}).get("state")
    if not state:
        return "unknown (not read)"
    return state if state == "ready" or not sim.get("detail") else f"{state}: {sim['detail']}"


def radio_text(radio: dict) -> str:
    if not radio:
        return "unknown (not read)"
    text = radio.get("detail") or radio.get("state") or "unknown"
    return f"{text}: {radio['next_step']}" if radio.get("next_step") else text


def status_document(port: str, module: str | None, state) -> dict:
    """The `status --json` document (DESIGN.md contract: registration, operator, rat, band, signal,
    psm, edrx; plus sim and radio, the first things to check when nothing registers)."""
    return {
        "port": port, "module": module,
        "sim": state.sim, "radio": state.radio,
        "registration": state.registration, "operator": state.operator, "rat": state.rat, "band": state.band,
        "signal": state.signal, "psm": state.psm, "edrx": state.edrx,
        "apn": {str(k): v for k, v in state.apn.items()},
        "errors": state.errors,
    }


def status_warnings(doc: dict) -> list[str]:
    """What `status` must say even to a reader who skims: a SIM or a radio that keeps the module off the network."""
    out = []
    sim = doc.get("sim") or {}
    if sim.get("state") not in (None, "ready", "unknown"):
        out.append(f"SIM {sim_text(sim)}")
    radio = doc.get("radio") or {}
    if radio.get("state") == "off":
        out.append(radio_text(radio))
    return out


def can_still_register(state) -> bool:
    """Is waiting for registration worth it? Not when denied, without a usable SIM, or with the radio off."""
    if state.registered or state.registration.get("stat") == 3:
        return False
    if (state.sim or {}).get("state") in ("absent", "pin-required", "puk-required", "failure"):
        return False
    return (state.radio or {}).get("state") != "off"


def wait_outcome(waited_s: float, registration: dict) -> str:
    """The last word after a registration wait: how long, and what the module last reported."""
    stat = registration.get("stat")
    words = registration.get("stat_text") or "unknown"
    if stat in (1, 5):
        return f"registered after {format_duration(round(waited_s, 1))} ({words})"
    return f"gave up waiting for the network after {format_duration(round(waited_s, 1))}; the module last reported: {words}"
