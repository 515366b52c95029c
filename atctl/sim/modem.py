"""A simulated module: power and boot, the registration timeline, command dispatch and URCs.

Transport-agnostic: `handle(command, now)` returns the reply (info lines and a final result,
or None for "no answer"); registration steps and reboots are scheduled on a timeline run by
`advance(now)`, and the URCs they raise collect in `urc_out` (atctl.sim.protocol_sim sends them). The commands themselves live in atctl.sim.handlers, one module per command
family; which ones a module has comes from its profile's facts (handlers.command_table), never
from the host's dialect names. Syntax errors answer like the module.
"""

from __future__ import annotations

import random
import re

from atctl.codecs.cme import CME
from atctl.codecs.hints import hints_from_profile, quirk
from atctl.codecs.standard.act import RAT_ACT_27007
from atctl.codecs.standard.edrx import format_cedrxp
from atctl.codecs.standard.registration import format_registration
from atctl.sim import handlers, network
from atctl.sim.handlers import standard
from atctl.sim.module_memory import Nvm, Volatile
from atctl.sim.reply import CmeError, Reply, split_args
from atctl.sim.scenarios import Scenario
from atctl.timers import edrx as edrx_codec

_KINDS = {"=?": "test", "?": "read", None: "exec"}


def _luhn_digit(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 0:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return str((10 - total % 10) % 10)


class SimModem:
    def __init__(self, profile, scenario: Scenario, *, seed: int = 1, sim_card: str = "ready",
                 pin: str = "1234", cmee: int = 1, echo: bool = True, now: float = 0.0):
        self.profile = profile
        self.hints = hints_from_profile(profile)            # what the module reports (its <AcT> numbers)
        self.family = handlers.family_of(profile)          # vendor handler module, or None
        self.commands = handlers.command_table(profile, self.family)
        self.scenario = scenario
        self.rng = random.Random(seed)
        self.sim_card = sim_card                            # ready | absent | pin
        self.pin = pin
        rng = random.Random(f"ids-{seed}")
        body = "86" + "".join(str(rng.randrange(10)) for _ in range(12))
        self.imei = body + _luhn_digit(body)
        home = scenario.home_mcc_mnc or scenario.mcc_mnc
        self.imsi = home + "".join(str(rng.randrange(10)) for _ in range(15 - len(home)))
        iccid = "8949" + "".join(str(rng.randrange(10)) for _ in range(14))
        self.iccid = iccid + _luhn_digit(iccid)
        self.tac = f"{rng.randrange(0x1000, 0xFFFF):04X}"
        self.ci = f"{rng.randrange(0x1000000, 0xFFFFFFF):07X}"
        self.nvm = Nvm(bands={rat: set(fact.bands) for rat, fact in profile.bands.items()},
                       rat_order=list(profile.rats))
        self.power_on_defaults = {"cmee": cmee, "echo": echo}
        self.v = Volatile(cmee=cmee, echo=echo)
        self.applied_psm = (0, None, None)
        self.timeline: list[tuple[float, int, object]] = []
        self._seq = 0
        self.urc_out: list[tuple[float, str]] = []
        self.booting_until = 0.0
        self.reboot_s = 0.3                                 # how long a reboot takes (sim:// reboot_time=)
        self.answer_after_boot: str | None = None           # final result of a command that answers once back (AT+NRB)
        self.power_on(now, banner=False)

    # ---- scheduling --------------------------------------------------------------
    def at(self, when: float, action) -> None:
        self._seq += 1
        self.timeline.append((when, self._seq, action))
        self.timeline.sort(key=lambda t: (t[0], t[1]))

    def next_due(self) -> float | None:
        return self.timeline[0][0] if self.timeline else None

    def advance(self, now: float) -> None:
        while self.timeline and self.timeline[0][0] <= now:
            when, _, action = self.timeline.pop(0)
            action(when)

    def urc(self, when: float, text: str) -> None:
        self.urc_out.append((when, text))

    # ---- power ---------------------------------------------------------------------
    def power_on(self, now: float, banner: bool = True) -> None:
        self.timeline.clear()
        self.v = Volatile(cmee=self.power_on_defaults["cmee"], echo=self.power_on_defaults["echo"])
        if hasattr(self.family, "boot_cfun"):
            self.v.cfun = self.family.boot_cfun(self)  # SARA-N2 with AUTOCONNECT FALSE boots radio off
        self.applied_psm = (self.nvm.psm_mode, self.nvm.psm_tau_bits, self.nvm.psm_active_bits)
        if banner and hasattr(self.family, "boot_urcs"):
            for line in self.family.boot_urcs(self):
                self.urc(now, line)
        self.attach(now)

    def reboot(self, now: float, delay: float | None = None) -> None:
        delay = self.reboot_s if delay is None else delay
        self.booting_until = now + delay
        self.timeline.clear()
        self.at(now + delay, lambda t: self.power_on(t))

    # ---- SIM card, signal (what handlers ask of the module) ---------------------------
    def need_sim_card(self) -> None:
        if self.sim_card == "absent":
            raise CmeError(10)
        if self.sim_card == "pin" and not self.v.pin_entered:
            raise CmeError(11)

    def signal(self):
        """The scenario's radio figures while registered, else None."""
        return self.scenario if self.v.stat in (1, 5) else None

    # ---- registration ----------------------------------------------------------------
    def _set_stat(self, when: float, stat: int) -> None:
        self.v.stat = stat
        self._emit_registration(when)

    def attach(self, now: float) -> None:
        v = self.v
        if v.cfun != 1 or v.cops_mode == 2 or self.sim_card == "absent" or \
                (self.sim_card == "pin" and not v.pin_entered):
            v.stat, v.rat, v.band = 0, None, None
            return
        self._set_stat(now, 2)
        self.at(now + self.scenario.reg_delay_s, self._complete_registration)

    def _rat_order(self) -> list[str]:
        order = [r for r in self.nvm.rat_order if r in self.profile.rats]
        if hasattr(self.family, "scan_order"):
            order = self.family.scan_order(self, order)
        return order

    def _complete_registration(self, when: float) -> None:
        v, sc = self.v, self.scenario
        if v.cfun != 1 or v.cops_mode == 2:
            return
        if sc.reject_cause is not None:
            v.reject_cause = sc.reject_cause
            self._set_stat(when, 3)
            return
        cell = network.choose_cell(sc, self._rat_order(), self.nvm.bands)
        if cell is None:
            return  # keeps searching
        v.rat, v.band = cell
        v.registered_at = when
        self._grant(when)
        self._set_stat(when, 5 if sc.roaming else 1)
        self._emit_edrx(when)

    def _grant(self, when: float) -> None:
        v = self.v
        mode, tau, active = self.applied_psm
        v.granted_tau_bits, v.granted_active_bits = network.grant_psm(self.scenario, mode, tau, active)
        act = edrx_codec.RAT_ACT.get(v.rat or "")
        mode_e, req, ptw = self.nvm.edrx.get(act, (0, None, None)) if act else (0, None, None)
        if mode_e in (1, 2) and v.rat:
            v.granted_edrx, v.granted_ptw = network.grant_edrx(self.scenario, v.rat, req, ptw)
        else:
            v.granted_edrx = v.granted_ptw = None

    def tracking_area_update(self, when: float) -> None:
        """Timers changed while registered: the next TAU carries the new grant."""
        if self.v.stat in (1, 5):
            self._grant(when)
            self._emit_registration(when)
            self._emit_edrx(when)

    def detach(self, now: float) -> None:
        self.v.stat, self.v.rat, self.v.band = 0, None, None
        self.v.granted_tau_bits = self.v.granted_active_bits = self.v.granted_edrx = None
        self.timeline = [t for t in self.timeline if t[2] != self._complete_registration]
        self._emit_registration(now)

    def reattach(self, now: float) -> None:
        """A setting that takes effect at once: detach and search again (radio on only)."""
        if self.v.cfun == 1 and self.v.cops_mode != 2:
            self.detach(now)
            self.attach(now)

    def act_number(self, rat: str | None) -> int | None:
        """The 27.007 <AcT> this module prints for a RAT: its own LTE-M / NB-IoT numbers where
        the profile gives them (quirks act_emtc / act_nbiot), else the 27.007 one."""
        if rat is None:
            return None
        own = {"lte-m": self.hints.act_emtc, "nb-iot": self.hints.act_nbiot}.get(rat)
        return RAT_ACT_27007[rat] if own is None else int(own)

    def registration_line(self, name: str, n: int, *, read: bool) -> str:
        """The +CREG/+CGREG/+CEREG line for mode n (27.007 7.2, 10.1.20, 10.1.22): the read reply
        (with <n>) or the URC. Cell fields while registered from n=2, the reject cause while
        denied in n=3/5, the granted PSM timers in +CEREG n>=4; the codecs place each field."""
        v = self.v
        registered = v.stat in (1, 5)
        values: dict[str, object] = {}
        if n >= 2 and registered:
            values.update({"tac" if name == "CEREG" else "lac": self.tac, "ci": self.ci,
                           "act": self.act_number(v.rat)})
        if n in (3, 5) and v.stat == 3:
            values.update(cause_type=0, reject_cause=v.reject_cause)  # 0: an EMM cause
        if n >= 4 and name == "CEREG" and registered:
            values.update(active_time=v.granted_active_bits or None, periodic_tau=v.granted_tau_bits or None)
        # SARA-R410M-02B: an extra parameter after <tac> in +CEREG mode 4 (DOMAIN.md 3)
        extra = name == "CEREG" and n == 4 and self.hints.cereg_extra_param
        return format_registration(name, v.stat, n=n if read else None, extra_after_tac=extra, **values)

    # ---- URCs --------------------------------------------------------------------------
    def _emit_registration(self, when: float) -> None:
        for name in ("CREG", "CGREG", "CEREG"):
            n = self.v.reg_n.get(name, 0)
            if n >= 1:
                self.urc(when, self.registration_line(name, n, read=False))

    def _emit_edrx(self, when: float) -> None:
        v = self.v
        act = edrx_codec.RAT_ACT.get(v.rat or "")
        if not act:
            return
        mode, req, _ = self.nvm.edrx.get(act, (0, None, None))
        if mode == 2 and req:
            self.urc(when, format_cedrxp(act, req, v.granted_edrx or req, v.granted_ptw or "0000"))

    # ---- commands --------------------------------------------------------------------
    def handle(self, command: str, now: float) -> Reply:
        self.advance(now)
        text = command.strip()
        upper = text.upper()
        if now < self.booting_until:
            return Reply(final=None)
        try:
            if not upper.startswith("AT"):
                return Reply(final="ERROR")
            return self._dispatch(text[2:], now)
        except CmeError as exc:
            return Reply(final=self.cme(exc.code))

    def cme(self, code: int) -> str:
        if self.v.cmee == 0:
            return "ERROR"
        if self.v.cmee == 1:
            return f"+CME ERROR: {code}"
        return f"+CME ERROR: {CME.get(code, 'unknown')}"

    def unknown(self) -> Reply:
        if quirk(self.profile, "unknown_command", "ERROR") == "CME4":
            return Reply(final=self.cme(4))
        return Reply(final="ERROR")

    def _dispatch(self, body: str, now: float) -> Reply:
        if body == "":
            return Reply()
        basic = re.fullmatch(r"([EVQZI&][W0-9]?)", body.upper())
        if basic:
            return standard.basic(self, basic.group(1))
        m = re.fullmatch(r"\+([A-Za-z]+)(=\?|\?|=(.*))?", body, re.S)
        if not m:
            return self.unknown()
        handler = self.commands.get(m.group(1).upper())
        if handler is None:
            return self.unknown()
        kind = _KINDS.get(m.group(2), "set")
        args = split_args(m.group(3)) if kind == "set" else []
        return handler(self, kind, args, now)
