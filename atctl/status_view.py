"""The words `status`, `verify` and `diagnose` all print for a network state: which PSM timers the
network granted, PSM / eDRX asked versus used, signal, SIM card, radio (pure).

Each takes the typed value (atctl.network_values) or its JSON document (a status document, a
diagnose bundle), which is read into the typed value first."""

from __future__ import annotations

from atctl.network_values import EdrxState, NetworkState, PsmState, RadioState, Signal
from atctl.sim_card import SimCard
from atctl.timers.duration import format_duration

_SIGNAL_LABELS = {"rssi_dbm": ("RSSI", "dBm"), "rsrp_dbm": ("RSRP", "dBm"), "rsrq_db": ("RSRQ", "dB"),
                  "sinr_db": ("SINR", "dB")}


def _typed(value, cls):
    """A typed value from a typed value or its JSON document."""
    return cls.from_dict(value) if value is None or isinstance(value, dict) else value


def psm_text(psm: PsmState | dict) -> str:
    psm = _typed(psm, PsmState)
    asked = psm.requested
    if asked is None or asked.mode != 1:
        return "not requested"
    got = psm.granted_timers()
    granted = f"TAU {format_duration(got.tau_s)}, active {format_duration(got.active_s)}" if got else "nothing"
    return f"asked TAU {format_duration(asked.tau_s)}, active {format_duration(asked.active_s)}; " \
           f"granted {granted}"


def edrx_text(edrx: EdrxState | dict) -> str:
    edrx = _typed(edrx, EdrxState)
    asked = ", ".join(f"{rat} {format_duration(s)}" for rat, s in (edrx.requested or {}).items())
    got = edrx.granted
    used = f"cycle {format_duration(got.cycle_s)}, PTW {format_duration(got.ptw_s)}" \
        if got is not None and got.used else "not in use"
    return f"asked {asked}; {used}" if asked else f"not requested ({used})"


def signal_text(signal: Signal | dict) -> str:
    """Every level known; a document may carry more than the four of Signal (RSCP, Ec/No)."""
    levels = signal.as_dict() if isinstance(signal, Signal) else signal
    parts = [f"{_SIGNAL_LABELS[k][0]} {v:g} {_SIGNAL_LABELS[k][1]}" if k in _SIGNAL_LABELS else f"{k} {v}"
             for k, v in levels.items() if v is not None]
    return ", ".join(parts) or "unknown"


def sim_text(sim: SimCard | dict | None) -> str:
    """'ready', 'pin-required: the SIM asks for its PIN', 'unknown (not read)'."""
    if isinstance(sim, dict):
        sim = SimCard(sim["state"], sim.get("detail") or "") if sim.get("state") else None
    if sim is None or not sim.state:
        return "unknown (not read)"
    return sim.state if sim.state == "ready" or not sim.detail else f"{sim.state}: {sim.detail}"


def radio_text(radio: RadioState | dict | None) -> str:
    radio = radio.as_dict() if isinstance(radio, RadioState) else radio  # a document may be partial
    if not radio:
        return "unknown (not read)"
    text = radio.get("detail") or radio.get("state") or "unknown"
    return f"{text}: {radio['next_step']}" if radio.get("next_step") else text


def status_document(port: str, module: str | None, state: NetworkState) -> dict:
    """The `status --json` document (DESIGN.md contract: registration, operator, rat, band, signal,
    psm, edrx; plus sim and radio, the first things to check when nothing registers)."""
    net = state.as_dict()
    return {"port": port, "module": module,
            **{key: net[key] for key in ("sim", "radio", "registration", "operator", "rat", "band", "signal", "psm",
                                         "edrx", "apn", "errors")}}


def status_warnings(doc: dict) -> list[str]:
    """What `status` must say even to a reader who skims: a SIM or a radio that keeps the module off the network."""
    state = NetworkState.from_dict(doc)
    out = []
    if state.sim_card is not None and state.sim_card.state not in ("ready", "unknown"):
        out.append(f"SIM {sim_text(state.sim_card)}")
    if state.radio is not None and state.radio.off:
        out.append(radio_text(state.radio))
    return out


def can_still_register(state: NetworkState) -> bool:
    """Is waiting for registration worth it? Not when denied, without a usable SIM, or with the radio off."""
    if state.registered or state.registration.denied:
        return False
    if state.sim_card is not None and state.sim_card.blocking:
        return False
    return state.radio is None or not state.radio.off

