"""The monitor's picture of the module (pure): fed by status polls and by URCs as they
arrive, it keeps registration, operator, RAT/band, signal with a short history, PSM/eDRX
requested vs granted, the last URCs with their meaning and the errors seen.
`snapshot()` is the `monitor --json` document (one per update). The picture is kept as the typed
values of atctl.network_values; only the signal levels stay a plain map (a URC may carry levels,
such as RSCP, that a status read does not)."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import replace

from atctl.console.explain import Explainer
from atctl.network_values import (EdrxGrant, EdrxState, NetworkState, Operator, PsmGrant, PsmTimers,
                                  RegistrationStatus)

HISTORY = 20      # signal samples kept (one per poll or signal URC)
LAST_URCS = 8
LAST_ERRORS = 5


class Dashboard:
    def __init__(self, port: str, profile=None, interval_s: float = 300.0, clock=time.time):
        self.port = port
        self.profile = profile
        self.module = getattr(profile, "id", None)
        self.interval_s = interval_s
        self.clock = clock
        self.explainer = Explainer(profile)
        self.registration = RegistrationStatus()     # the read that counts (its per-command reads are not kept)
        self.operator = Operator()
        self.rat: str | None = None
        self.band: int | None = None
        self.signal: dict = {}                       # level name (rsrp_dbm ...) -> value
        self.signal_history: deque[dict] = deque(maxlen=HISTORY)
        self.psm_requested: PsmTimers | None = None
        self.psm_granted: PsmGrant | PsmTimers | None = None
        self.edrx = EdrxState()
        self.connection: str | None = None
        self.urcs: deque[dict] = deque(maxlen=LAST_URCS)
        self.errors: deque[str] = deque(maxlen=LAST_ERRORS)
        self.urc_settings: list[str] = []   # what the monitor turned on, restored on exit
        self.polls = 0
        self.updated_at: float | None = None
        self.event = "start"

    # ---- inputs -------------------------------------------------------------------
    def apply_status(self, doc: dict) -> None:
        """A status read (the atctl.status_view.status_document document, read back into a NetworkState)."""
        state = NetworkState.from_dict(doc)
        self.registration = replace(state.registration, reads={})
        self.operator = state.operator
        self.rat, self.band = state.rat, state.band
        if doc.get("module"):
            self.module = doc["module"]
        self._signal(state.signal.as_dict())
        self.psm_requested, self.psm_granted = state.psm.requested, state.psm.granted_timers()
        asked = self.psm_requested
        if asked is not None and asked.mode == 1:   # so a later +CEREG URC is explained against the request
            self.explainer.requested.psm = (asked.tau_s, asked.active_s)
        self.explainer.requested.edrx.update(state.edrx.requested or {})
        self.edrx = state.edrx
        for error in state.errors:
            self.error(error)
        self.polls += 1
        self._touch("poll")

    def apply_urc(self, line: str) -> str:
        """A URC as it arrives; returns its meaning."""
        meaning = self.explainer.explain(line, is_urc=True)
        parsed = self.explainer.parse(line, is_urc=True)
        self.urcs.append({"t": round(self.clock(), 3), "line": line, "meaning": meaning})
        if parsed is not None:
            self._absorb(parsed.type, parsed.fields)
        elif line.startswith("+CSCON:"):
            self.connection = meaning
        self._touch("urc")
        return meaning

    def error(self, text: str) -> None:
        if text and (not self.errors or self.errors[-1] != text):
            self.errors.append(text)

    def _absorb(self, kind: str, f: dict) -> None:
        if kind == "CEREG" and f.get("stat") is not None:
            keys = ("stat", "stat_text", "tac", "ci", "act", "rat", "reject_cause")
            self.registration = replace(self.registration, **{k: f[k] for k in keys if k in f}, via="CEREG URC")
            if self.registration.registered:
                if f.get("rat"):
                    self.rat = f["rat"]
                if f.get("periodic_tau_bits") or f.get("active_time_bits"):
                    self.psm_granted = PsmGrant(f.get("periodic_tau_s"), f.get("active_time_s"),
                                                f.get("periodic_tau_bits"), f.get("active_time_bits"), "+CEREG URC")
            else:
                self.psm_granted = None  # no grant outside a registration (DOMAIN.md 3)
                self.band = None
        elif kind == "CEDRXP":
            self.edrx = replace(self.edrx, granted=EdrxGrant(f.get("rat"), True, f.get("granted_s"), f.get("ptw_s"),
                                                             f.get("requested_s")))
        elif kind in ("CESQ", "CSQ", "QCSQ"):
            self._signal({k: v for k, v in f.items() if k.endswith(("_dbm", "_db")) and v is not None})
        elif kind in ("CME ERROR", "CMS ERROR"):
            self.error(f"{kind} {f.get('code')}: {f.get('message')}")

    def _signal(self, signal: dict) -> None:
        if not signal:
            return
        self.signal = dict(signal)
        self.signal_history.append({"t": round(self.clock(), 3), **signal})

    def _touch(self, event: str) -> None:
        self.updated_at = self.clock()
        self.event = event

    # ---- outputs ------------------------------------------------------------------
    def snapshot(self) -> dict:
        return {
            "port": self.port, "module": self.module, "event": self.event,
            "updated_at": round(self.updated_at, 3) if self.updated_at else None,
            "registration": self.registration.as_dict(), "operator": self.operator.as_dict(),
            "rat": self.rat, "band": self.band, "connection": self.connection,
            "signal": self.signal, "signal_history": list(self.signal_history),
            "psm": {"requested": _doc(self.psm_requested), "granted": _doc(self.psm_granted)},
            "edrx": {"requested": self.edrx.requested, "granted": _doc(self.edrx.granted)},
            "urcs": list(self.urcs), "errors": list(self.errors),
            "polling": {"interval_s": self.interval_s, "polls": self.polls},
            "urc_settings": self.urc_settings,
        }

    def rows(self) -> list[tuple[str, str]]:
        """(label, plain text) rows for the screen; the renderer wraps them in rich Text."""
        from atctl.timers.duration import format_duration

        reg = self.registration
        words = reg.stat_text or "unknown"
        if reg.reject_cause is not None:
            from atctl.causes import emm_cause

            words += f" (cause {reg.reject_cause}: {emm_cause(reg.reject_cause)})"
        op = self.operator
        operator = " ".join(str(x) for x in (op.name, op.mcc_mnc, op.country) if x) or "-"
        rows = [("registration", words), ("operator", operator),
                ("RAT / band", f"{self.rat or '-'} / {('B' + str(self.band)) if self.band else '-'}"),
                ("signal", _signal_text(self.signal)), ("history", _history(self.signal_history))]
        if self.connection:
            rows.append(("radio", self.connection))
        asked, got = self.psm_requested, self.psm_granted
        requested = (f"TAU {format_duration(asked.tau_s)}, active {format_duration(asked.active_s)}"
                     if asked is not None and asked.mode == 1 else ("off" if asked is not None else "unknown"))
        granted = (f"TAU {format_duration(got.tau_s)}, active {format_duration(got.active_s)}"
                   if got is not None and got.tau_s is not None else "nothing")
        rows += [("PSM requested", requested), ("PSM granted", granted)]
        e_asked, e_got = self.edrx.requested, self.edrx.granted
        rows.append(("eDRX requested", ", ".join(f"{r} {format_duration(s)}" for r, s in e_asked.items()) or "off"
                     if e_asked is not None else "unknown"))
        rows.append(("eDRX granted", f"{e_got.rat or ''} cycle {format_duration(e_got.cycle_s)}, "
                     f"PTW {format_duration(e_got.ptw_s)}".strip() if e_got is not None and e_got.used else "not in use"))
        return rows


def _doc(value) -> dict | None:
    return value.as_dict() if value is not None else None


def _signal_text(signal: dict) -> str:
    from atctl.status_view import signal_text

    return signal_text(signal) if signal else "unknown"


_BARS = "▁▂▃▄▅▆▇█"


def _history(samples) -> str:
    """RSRP (else RSSI) history as a small bar chart, -140 .. -44 dBm (TS 36.133 9.1.4 range)."""
    label = "RSRP" if any(s.get("rsrp_dbm") is not None for s in samples) else "RSSI"
    values = [s.get(label.lower() + "_dbm") for s in samples]
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    low, high = -140, -44
    bars = "".join(_BARS[max(0, min(7, int((v - low) * 8 / (high - low))))] for v in values)
    return f"{bars}  {label} {values[-1]:g} dBm (min {min(values):g}, max {max(values):g})"
