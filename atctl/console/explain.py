"""One line from the module -> one line of meaning (pure).

Built on `atctl.codecs.parse_line` (the typed parsers) and `atctl.logs.describe`
(the words the log timeline uses), so the console, the monitor and `decode --log`
say the same thing about the same line. On top of that the explainer remembers
what this session *asked for* (an AT+CPSMS= / AT+CEDRXS= it saw sent, or a
+CPSMS / +CEDRXS read reply), so a +CEREG carrying granted timers can say how
the grant compares with the request: that gap is what users miss most (DOMAIN.md 7.2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from atctl.errors import InputError
from atctl.timers.duration import format_duration

# Lines without a "+PREFIX:" that modules print on their own (Quectel BG95 / u-blox manuals).
PLAIN_LINES = {
    "OK": "",
    "RDY": "the module has booted (UART ready)",
    "APP RDY": "the module's application is ready",
    "POWERED DOWN": "the module has powered down",
    "NORMAL POWER DOWN": "the module is powering down",
    "PSM POWER DOWN": "the module is entering PSM deep sleep: it will not answer until it wakes",
    "ERROR": "the module refused the command without a reason (AT+CMEE=2 makes it give one)",
    "NO CARRIER": "no connection (or the connection ended)",
    "ABORTED": "the command was aborted",
}
# +CSCON: [<n>,]<mode> (3GPP TS 27.007 10.1.30): radio (RRC) connection state
_CSCON = re.compile(r"^\+CSCON:\s*(?:(\d+)\s*,\s*)?(\d+)")
_CSCON_MODE = {0: "radio idle (RRC released): the module may sleep", 1: "radio connected (RRC connected)"}
_QPSMTIMER = re.compile(r'^\+QPSMTIMER:\s*(\d+)\s*,\s*(\d+)')


@dataclass
class Requested:
    """What this session knows the module asked the network for (seconds)."""
    psm: tuple[float | None, float | None] | None = None   # (tau_s, active_s); None = unknown
    psm_off: bool = False
    edrx: dict[str, float] = field(default_factory=dict)    # rat -> cycle seconds


class Explainer:
    def __init__(self, profile=None):
        self.profile = profile
        self.hints = _hints(profile)  # what the module's dialect knows that a bare line does not say
        self.requested = Requested()

    # ---- what was asked -----------------------------------------------------------
    def sent(self, command: str) -> None:
        """Note a request carried by a command the user sent (the grant comes later)."""
        from atctl.codecs.set_commands import parse_set_commands

        for asked in parse_set_commands(command):  # AT+CPSMS=...;+CEDRXS=... sends both
            r = asked.reply
            if asked.command == "CPSMS":
                if asked.mode != 1:
                    self.requested.psm, self.requested.psm_off = None, True
                elif r.periodic_tau_bits or r.active_time_bits:  # deactivated timers are asked for too
                    self.requested.psm, self.requested.psm_off = (r.periodic_tau_s, r.active_time_s), False
            elif r.rat in ("lte-m", "nb-iot"):
                if asked.mode in (0, 3):
                    self.requested.edrx.pop(r.rat, None)
                elif r.requested_s is not None:
                    self.requested.edrx[r.rat] = r.requested_s

    def _absorb(self, kind: str, f: dict) -> None:
        if kind == "CPSMS" or kind == "QPSMS":
            if f.get("mode") == 1:
                self.requested.psm = (f.get("periodic_tau_s"), f.get("active_time_s"))
                self.requested.psm_off = False
            elif f.get("mode") == 0:
                self.requested.psm, self.requested.psm_off = None, True
        elif kind == "CEDRXS" and f.get("rat") and f.get("requested_s") is not None:
            self.requested.edrx[f["rat"]] = f["requested_s"]

    # ---- what a line means ----------------------------------------------------------
    def parse(self, line: str, pending: str | None = None, is_urc: bool | None = None):
        from atctl.codecs import parse_line
        from atctl.data import plmn_name

        try:
            return parse_line(line, pending=pending, profile=self.profile, is_urc=is_urc, names=plmn_name,
                              hints=self.hints)
        except InputError:
            return None

    def explain(self, line: str, pending: str | None = None, is_urc: bool | None = None) -> str:
        """The meaning of one line ('' when there is nothing to add, e.g. OK or an echo)."""
        text = line.strip()
        if not text:
            return ""
        if text.upper() in PLAIN_LINES:
            return PLAIN_LINES[text.upper()]
        special = _special(text)
        if special is not None:
            return special
        parsed = self.parse(text, pending, is_urc)
        if parsed is None:
            return ""
        from atctl.logs.describe import describe

        fields = parsed.fields
        meaning = describe({"type": parsed.type, "fields": fields})
        meaning += self._versus(parsed.type, fields)
        self._absorb(parsed.type, fields)
        return meaning

    def _versus(self, kind: str, f: dict) -> str:
        """' (asked ...)' after a grant, when the request is known."""
        asked = self.requested
        if kind == "CEREG" and (f.get("periodic_tau_bits") or f.get("active_time_bits")):
            if asked.psm_off:
                return " (PSM was turned off: this grant is from before)"
            if asked.psm is None:
                return ""
            tau, active = asked.psm
            got_tau, got_active = f.get("periodic_tau_s"), f.get("active_time_s")
            verdict = "as asked" if (tau, active) == (got_tau, got_active) else "differs from the request"
            return f"; asked TAU {_d(tau)}, active {_d(active)}: {verdict}"
        if kind == "CEDRXRDP" and f.get("edrx_used") and f.get("rat") in asked.edrx and f.get("requested_s") is None:
            return f"; asked {_d(asked.edrx[f['rat']])}"
        if kind in ("CEDRXP", "CEDRXRDP") and f.get("requested_s") is not None and f.get("granted_s") is not None:
            return "" if f["requested_s"] == f["granted_s"] else ": the network gave a different cycle"
        return ""


def _d(seconds) -> str:
    return format_duration(seconds) if seconds is not None else "?"


def _special(text: str) -> str | None:
    """Lines parse_line has no parser for but whose meaning is short and fixed."""
    m = _CSCON.match(text)
    if m:
        mode = int(m.group(2))
        return _CSCON_MODE.get(mode, f"radio connection state {mode}")
    m = _QPSMTIMER.match(text)
    if m:  # Quectel BG95 AT manual: +QPSMTIMER: <TAU>,<T3324> in seconds, with AT+QCFG="psm/urc",1
        return f"PSM timers in force: TAU {_d(int(m.group(1)))}, active {_d(int(m.group(2)))}"
    return None


def _hints(profile):
    if profile is None:
        return None
    from atctl.dialects import get_dialect
    from atctl.errors import DataError

    try:
        return get_dialect(profile).parse_context()
    except DataError:  # a user profile naming a dialect atctl does not have: decode from the profile alone
        return None

