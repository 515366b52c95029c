"""The monitor's picture of the module (pure): fed by status polls and by URCs as they
arrive, it keeps registration, operator, RAT/band, signal with a short history, PSM/eDRX
requested vs granted, the last URCs with their meaning and the errors seen.
`snapshot()` is the `monitor --json` document (one per update)."""

from __future__ import annotations

import time
from collections import deque

from atctl.console.explain import Explainer

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
        self.registration: dict = {}
        self.operator: dict = {}
        self.rat: str | None = None
        self.band: int | None = None
        self.signal: dict = {}
        self.signal_history: deque[dict] = deque(maxlen=HISTORY)
        self.psm: dict = {"requested": None, "granted": None}
        self.edrx: dict = {"requested": None, "granted": None}
        self.connection: str | None = None
        self.urcs: deque[dict] = deque(maxlen=LAST_URCS)
        self.errors: deque[str] = deque(maxlen=LAST_ERRORS)
        self.urc_settings: list[str] = []   # what the monitor turned on, restored on exit
        self.polls = 0
        self.updated_at: float | None = None
        self.event = "start"

    # ---- inputs -------------------------------------------------------------------
    def apply_status(self, doc: dict) -> None:
        """A status read (atctl.status_view.status_document shape)."""
        self.registration = {k: v for k, v in (doc.get("registration") or {}).items() if k != "all"}
        self.operator = doc.get("operator") or {}
        self.rat, self.band = doc.get("rat"), doc.get("band")
        if doc.get("module"):
            self.module = doc["module"]
        self._signal(doc.get("signal") or {})
        psm = doc.get("psm") or {}
        from atctl.status_view import granted_psm

        self.psm = {"requested": psm.get("requested"), "granted": granted_psm(psm) or None}
        asked = psm.get("requested") or {}
        if asked.get("mode") == 1:   # so a later +CEREG URC is explained against the request
            self.explainer.requested.psm = (asked.get("tau_s"), asked.get("active_s"))
        edrx = doc.get("edrx") or {}
        self.explainer.requested.edrx.update(edrx.get("requested") or {})
        self.edrx = {"requested": edrx.get("requested"), "granted": edrx.get("granted")}
        for error in doc.get("errors") or []:
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
            for key in ("stat", "stat_text", "tac", "ci", "act", "rat", "reject_cause"):
                if key in f:
                    self.registration[key] = f[key]
            self.registration["via"] = "CEREG URC"
            if f.get("stat") in (1, 5):
                if f.get("rat"):
                    self.rat = f["rat"]
                if f.get("periodic_tau_bits") or f.get("active_time_bits"):
                    self.psm["granted"] = {"tau_s": f.get("periodic_tau_s"), "active_s": f.get("active_time_s"),
                                           "source": "+CEREG URC"}
            else:
                self.psm["granted"] = None  # no grant outside a registration (DOMAIN.md 3)
                self.band = None
        elif kind == "CEDRXP":
            self.edrx["granted"] = {"rat": f.get("rat"), "used": True, "cycle_s": f.get("granted_s"),
                                    "ptw_s": f.get("ptw_s"), "requested_s": f.get("requested_s")}
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
            "registration": self.registration, "operator": self.operator, "rat": self.rat, "band": self.band,
            "connection": self.connection,
            "signal": self.signal, "signal_history": list(self.signal_history),
            "psm": self.psm, "edrx": self.edrx,
            "urcs": list(self.urcs), "errors": list(self.errors),
            "polling": {"interval_s": self.interval_s, "polls": self.polls},
            "urc_settings": self.urc_settings,
        }

    def rows(self) -> list[tuple[str, str]]:
        """(label, plain text) rows for the screen; the renderer wraps them in rich Text."""
        from atctl.timers.duration import format_duration

        reg = self.registration
        words = reg.get("stat_text") or "unknown"
        if reg.get("reject_cause") is not None:
            from atctl.causes import emm_cause

            words += f" (cause {reg['reject_cause']}: {emm_cause(reg['reject_cause'])})"
        op = self.operator
        operator = " ".join(str(x) for x in (op.get("name"), op.get("mcc_mnc"), op.get("country")) if x) or "-"
        rows = [("registration", words), ("operator", operator),
                ("RAT / band", f"{self.rat or '-'} / {('B' + str(self.band)) if self.band else '-'}"),
                ("signal", _signal_text(self.signal)), ("history", _history(self.signal_history))]
        if self.connection:
            rows.append(("radio", self.connection))
        asked = self.psm.get("requested") or {}
        got = self.psm.get("granted") or {}
        requested = (f"TAU {format_duration(asked.get('tau_s'))}, active {format_duration(asked.get('active_s'))}"
                     if asked.get("mode") == 1 else ("off" if asked else "unknown"))
        granted = (f"TAU {format_duration(got.get('tau_s'))}, active {format_duration(got.get('active_s'))}"
                   if got.get("tau_s") is not None else "nothing")
        rows += [("PSM requested", requested), ("PSM granted", granted)]
        e_asked = self.edrx.get("requested")
        e_got = self.edrx.get("granted") or {}
        rows.append(("eDRX requested", ", ".join(f"{r} {format_duration(s)}" for r, s in e_asked.items()) or "off"
                     if e_asked is not None else "unknown"))
        rows.append(("eDRX granted", f"{e_got.get('rat') or ''} cycle {format_duration(e_got.get('cycle_s'))}, "
                     f"PTW {format_duration(e_got.get('ptw_s'))}".strip() if e_got.get("used") else "not in use"))
        return rows


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
