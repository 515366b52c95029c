"""A simulated module: parses AT commands, keeps state, schedules URCs.

Transport-agnostic: `handle(command, now)` returns the reply (info lines and a
final result, or None for "no answer"); URCs and reboots are scheduled on a
timeline and collected with `due_output(now)`. Which commands exist for which
vendor family is data (COMMAND_FAMILIES); syntax errors answer like the module.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from atctl.codecs.cme import CME
from atctl.bands import masks, ubandsel, urat
from atctl.errors import InputError
from atctl.sim import network
from atctl.sim.scenarios import Scenario
from atctl.sim.state import Nvm, Volatile
from atctl.timers import edrx as edrx_codec
from atctl.timers import psm as psm_codec

QUECTEL = {"quectel-lpwa", "quectel-lte", "quectel-nb"}
UBLOX = {"ublox-r4", "ublox-r5", "ublox-lara-r6", "ublox-u2"}
ALL = QUECTEL | UBLOX

# command name -> dialect families that implement it (27.007 ones: all)
COMMAND_FAMILIES: dict[str, set[str]] = {
    # NB-IoT modules (BC66, BC660K-GL) have neither QNWINFO nor QCSQ: QENG=0 carries the cell
    "QCFG": QUECTEL, "QNWINFO": QUECTEL - {"quectel-nb"}, "QPSMS": {"quectel-lpwa", "quectel-nb"},
    "QPTWEDRXS": {"quectel-lpwa"}, "QCSQ": {"quectel-lpwa"}, "QENG": QUECTEL,
    "QCCID": QUECTEL, "QPOWD": QUECTEL, "UBANDMASK": UBLOX - {"ublox-u2"}, "URAT": UBLOX,
    "UMNOPROF": UBLOX - {"ublox-u2"}, "UCPSMS": UBLOX - {"ublox-u2"}, "CCID": UBLOX,
    "QBAND": {"quectel-nb"}, "UBANDSEL": {"ublox-u2"},
}

ACT_DEFAULT = {"gsm": 0, "umts": 2, "lte": 7, "lte-m": 7, "nb-iot": 9}
QNWINFO_ACT = {"lte-m": "eMTC", "nb-iot": "NBIoT", "lte": "FDD LTE", "gsm": "GSM", "umts": "WCDMA"}
QENG_RAT = {"lte-m": "eMTC", "nb-iot": "NBIoT", "lte": "LTE", "gsm": "GSM", "umts": "WCDMA"}
NWSCAN_CODES = {"01": "gsm", "02": "lte-m", "03": "nb-iot"}
# TS 36.101 table 5.7.3-1: N_Offs-DL per band, to report a plausible EARFCN (+50)
EARFCN_OFFSET = {1: 0, 2: 600, 3: 1200, 4: 1950, 5: 2400, 7: 2750, 8: 3450, 12: 5010, 13: 5180, 14: 5280,
                 17: 5730, 18: 5850, 19: 6000, 20: 6150, 25: 8040, 26: 8690, 28: 9210, 29: 9660, 30: 9770,
                 38: 37750, 39: 38250, 40: 38650, 41: 39650, 66: 66436, 71: 68586, 85: 70366}

_ARG = re.compile(r'\s*("(?:[^"]*)"|[^,]*)\s*(?:,|$)')


def split_args(text: str) -> list[str]:
    if text == "":
        return []
    out = [m.group(1) for m in _ARG.finditer(text)]
    if out and out[-1] == "" and not text.rstrip().endswith(","):
        out.pop()
    return [a.strip('"') if a.startswith('"') else a for a in out]


@dataclass
class Reply:
    lines: list[str] = field(default_factory=list)
    final: str | None = "OK"          # None: the module does not answer
    reboot: bool = False               # the module reboots after answering


class CmeError(Exception):
    def __init__(self, code: int):
        self.code = code


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
    def __init__(self, profile, scenario: Scenario, *, seed: int = 1, sim: str = "ready",
                 pin: str = "1234", cmee: int = 1, echo: bool = True, now: float = 0.0):
        self.profile = profile
        self.family = profile.dialect
        self.scenario = scenario
        self.rng = random.Random(seed)
        self.sim = sim
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
        self._boot(now, banner=False)

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
    def _boot(self, now: float, banner: bool = True) -> None:
        self.timeline.clear()
        self.v = Volatile(cmee=self.power_on_defaults["cmee"], echo=self.power_on_defaults["echo"])
        self.applied_psm = (self.nvm.psm_mode, self.nvm.psm_tau_bits, self.nvm.psm_active_bits)
        if banner and self.family in QUECTEL:
            for line in ("RDY", "+CFUN: 1", "+CPIN: READY" if self.sim == "ready" else "+CPIN: NOT INSERTED",
                         "+QUSIM: 1", "+QIND: SMS DONE", "APP RDY"):
                self.urc(now, line)
        self._attach(now)

    def reboot(self, now: float, delay: float = 0.3) -> None:
        self.booting_until = now + delay
        self.timeline.clear()
        self.at(now + delay, lambda t: self._boot(t))

    # ---- registration ----------------------------------------------------------------
    def _set_stat(self, when: float, stat: int) -> None:
        self.v.stat = stat
        self._emit_registration(when)

    def _attach(self, now: float) -> None:
        v = self.v
        if v.cfun != 1 or v.cops_mode == 2 or self.sim == "absent" or (self.sim == "pin" and not v.pin_entered):
            v.stat, v.rat, v.band = 0, None, None
            return
        self._set_stat(now, 2)
        self.at(now + self.scenario.reg_delay_s, self._complete_registration)

    def _rat_order(self) -> list[str]:
        order = [r for r in self.nvm.rat_order if r in self.profile.rats]
        if self.family == "quectel-lpwa":
            seq = [NWSCAN_CODES.get(self.nvm.nwscanseq[i:i + 2]) for i in range(0, len(self.nvm.nwscanseq), 2)]
            seq = [r for r in seq if r] + [r for r in order if r not in seq]
            allowed = {0: {"lte-m"}, 1: {"nb-iot"}, 2: {"lte-m", "nb-iot"}}.get(self.nvm.iotopmode, set())
            if self.nvm.nwscanmode == 1:
                allowed = {"gsm"}
            elif self.nvm.nwscanmode == 3:
                pass
            else:
                allowed = allowed | {"gsm"}
            order = [r for r in seq if r in allowed and r in self.profile.rats]
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

    def _tracking_area_update(self, when: float) -> None:
        """Timers changed while registered: the next TAU carries the new grant."""
        if self.v.stat in (1, 5):
            self._grant(when)
            self._emit_registration(when)
            self._emit_edrx(when)

    def _detach(self, now: float) -> None:
        self.v.stat, self.v.rat, self.v.band = 0, None, None
        self.v.granted_tau_bits = self.v.granted_active_bits = self.v.granted_edrx = None
        self.timeline = [t for t in self.timeline if t[2] != self._complete_registration]
        self._emit_registration(now)

    def act_number(self, rat: str | None) -> int | None:
        if rat is None:
            return None
        quirks = self.profile.quirks
        if rat == "lte-m":
            return int(quirks.get("act_emtc", 7))
        if rat == "nb-iot":
            return int(quirks.get("act_nbiot", 9))
        return ACT_DEFAULT[rat]

    def _reg_fields(self, name: str, n: int) -> list[str]:
        """27.007 +CxREG fields after <n> for mode n:
        <stat>[,[<tac>],[<ci>],[<AcT>][,[<cause_type>],[<reject_cause>][,[<Active-Time>],[<Periodic-TAU>]]]]"""
        v = self.v
        registered = v.stat in (1, 5)
        fields = [str(v.stat)]
        if n >= 2:
            fields += [f'"{self.tac}"', f'"{self.ci}"', str(self.act_number(v.rat))] if registered else ["", "", ""]
        if n >= 3:
            fields += ["0", str(v.reject_cause)] if v.stat == 3 and n in (3, 5) else ["", ""]
        if n >= 4 and name == "CEREG" and registered:
            fields += [f'"{v.granted_active_bits}"' if v.granted_active_bits else "",
                       f'"{v.granted_tau_bits}"' if v.granted_tau_bits else ""]
        while len(fields) > 1 and fields[-1] == "":
            fields.pop()
        if name == "CEREG" and n == 4 and len(fields) > 2 and self.profile.quirks.get("cereg4_extra_param"):
            fields.insert(2, "")  # SARA-R410M-02B: an extra parameter after <tac> (DOMAIN.md 3)
        return fields

    def _emit_registration(self, when: float) -> None:
        for name in ("CREG", "CGREG", "CEREG"):
            n = self.v.reg_n.get(name, 0)
            if n >= 1:
                self.urc(when, f"+{name}: " + ",".join(self._reg_fields(name, n)))

    def _emit_edrx(self, when: float) -> None:
        v = self.v
        act = edrx_codec.RAT_ACT.get(v.rat or "")
        if not act:
            return
        mode, req, _ = self.nvm.edrx.get(act, (0, None, None))
        if mode == 2 and req:
            self.urc(when, f'+CEDRXP: {act},"{req}","{v.granted_edrx or req}","{v.granted_ptw or "0000"}"')

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
        if self.profile.quirks.get("unknown_command", "ERROR") == "CME4":
            return Reply(final=self.cme(4))
        return Reply(final="ERROR")

    def _dispatch(self, body: str, now: float) -> Reply:
        if body == "":
            return Reply()
        basic = re.fullmatch(r"([EVQZI&][W0-9]?)", body.upper())
        if basic:
            return self._basic(basic.group(1))
        m = re.fullmatch(r"\+([A-Za-z]+)(=\?|\?|=(.*))?", body, re.S)
        if not m:
            return self.unknown()
        name = m.group(1).upper()
        families = COMMAND_FAMILIES.get(name)
        if families is not None and self.family not in families:
            return self.unknown()
        handler = getattr(self, f"cmd_{name.lower()}", None)
        if handler is None:
            return self.unknown()
        kind = {"=?": "test", "?": "read", None: "exec"}.get(m.group(2), "set")
        args = split_args(m.group(3)) if kind == "set" else []
        return handler(kind, args, now)

    def _basic(self, cmd: str) -> Reply:
        if cmd in ("E0", "E1", "E"):
            self.v.echo = cmd == "E1"
        elif cmd in ("V0", "V1", "V"):
            self.v.verbose = cmd == "V1"
        elif cmd == "I" or cmd == "I0":
            ident = self.profile.identity
            return Reply(lines=list(ident.ati or [ident.manufacturer, ident.model, f"Revision: {ident.revision}"]))
        elif cmd not in ("Z", "&W", "Q0", "&F"):
            return self.unknown()
        return Reply()

    # -- identity
    def cmd_cgmi(self, kind, args, now): return Reply([self.profile.identity.manufacturer])
    def cmd_cgmm(self, kind, args, now): return Reply([self.profile.identity.model])
    def cmd_cgmr(self, kind, args, now): return Reply([self.profile.identity.revision])
    def cmd_gmr(self, kind, args, now): return self.cmd_cgmr(kind, args, now)
    def cmd_cgsn(self, kind, args, now): return Reply([self.imei])
    def cmd_gsn(self, kind, args, now): return Reply([self.imei])

    def _need_sim(self) -> None:
        if self.sim == "absent":
            raise CmeError(10)
        if self.sim == "pin" and not self.v.pin_entered:
            raise CmeError(11)

    def cmd_cimi(self, kind, args, now):
        self._need_sim()
        return Reply([self.imsi])

    def cmd_qccid(self, kind, args, now):
        if self.sim == "absent":
            raise CmeError(10)
        return Reply([f"+QCCID: {self.iccid}"])

    def cmd_ccid(self, kind, args, now):
        if self.sim == "absent":
            raise CmeError(10)
        return Reply([f"+CCID: {self.iccid}"])

    def cmd_cpin(self, kind, args, now):
        if kind == "test":
            return Reply()
        if self.sim == "absent":
            raise CmeError(10)
        if kind == "read":
            return Reply(["+CPIN: READY" if self.sim != "pin" or self.v.pin_entered else "+CPIN: SIM PIN"])
        if kind == "set":
            if self.sim != "pin" or self.v.pin_entered:
                raise CmeError(3)
            if args and args[0] == self.pin:
                self.v.pin_entered = True
                self.urc(now, "+CPIN: READY")
                self._attach(now)
                return Reply()
            raise CmeError(16)
        raise CmeError(50)

    # -- error reporting, functionality
    def cmd_cmee(self, kind, args, now):
        if kind == "read":
            return Reply([f"+CMEE: {self.v.cmee}"])
        if kind == "test":
            return Reply(["+CMEE: (0-2)"])
        if kind == "set" and args and args[0] in ("0", "1", "2"):
            self.v.cmee = int(args[0])
            return Reply()
        raise CmeError(50)

    def cmd_cfun(self, kind, args, now):
        if kind == "read":
            return Reply([f"+CFUN: {self.v.cfun}"])
        if kind == "test":
            return Reply(["+CFUN: (0,1,4),(0,1)"])
        if kind != "set" or not args or not args[0].isdigit():
            raise CmeError(50)
        fun = int(args[0])
        reset = len(args) > 1 and args[1] == "1"
        if fun in (15, 16) and self.family in UBLOX or reset:
            return Reply(reboot=True)
        if fun not in (0, 1, 4):
            raise CmeError(50)
        old = self.v.cfun
        self.v.cfun = fun
        if fun != 1:
            self.v.deregistered = True
            if old == 1:
                self._detach(now)
        elif old != 1:
            self._attach(now)
        return Reply()

    def cmd_qpowd(self, kind, args, now):
        self.urc(now, "POWERED DOWN")
        return Reply(reboot=True)

    # -- operator selection
    def cmd_cops(self, kind, args, now):
        v, sc = self.v, self.scenario
        if kind == "test":
            self._need_sim()
            if not sc.bands:
                return Reply(["+COPS: ,,(0-4),(0-2)"])
            act = self.act_number(next(iter(sc.bands)))
            return Reply([f'+COPS: (2,"{sc.operator}","{sc.operator[:16]}","{sc.mcc_mnc}",{act}),,(0-4),(0-2)'])
        if kind == "read":
            if v.stat in (1, 5):
                oper = sc.mcc_mnc if v.cops_format == 2 else sc.operator
                return Reply([f'+COPS: {v.cops_mode},{v.cops_format},"{oper}",{self.act_number(v.rat)}'])
            return Reply([f"+COPS: {v.cops_mode}"])
        if kind != "set" or not args:
            raise CmeError(50)
        mode = int(args[0]) if args[0].isdigit() else -1
        if mode == 3:
            v.cops_format = int(args[1]) if len(args) > 1 and args[1].isdigit() else 0
            return Reply()
        if mode == 2:
            v.cops_mode = 2
            v.deregistered = True
            self._detach(now)
            return Reply()
        if mode in (0, 1, 4):
            self._need_sim()
            if mode in (1, 4) and len(args) > 2 and args[2] != sc.mcc_mnc and args[2] != sc.operator:
                if mode == 1:
                    raise CmeError(30)
            v.cops_mode = 0 if mode == 4 else mode
            if v.stat not in (1, 2, 5):
                self._attach(now)
            return Reply()
        raise CmeError(50)

    def _reg(self, name, kind, args, now):
        if kind == "test":
            return Reply([f"+{name}: (0-5)"])
        if kind == "read":
            n = self.v.reg_n[name]
            return Reply([f"+{name}: {n}," + ",".join(self._reg_fields(name, n))])
        if kind == "set" and args and args[0].isdigit() and int(args[0]) <= 5:
            self.v.reg_n[name] = int(args[0])
            return Reply()
        raise CmeError(50)

    def cmd_creg(self, kind, args, now): return self._reg("CREG", kind, args, now)
    def cmd_cgreg(self, kind, args, now): return self._reg("CGREG", kind, args, now)
    def cmd_cereg(self, kind, args, now): return self._reg("CEREG", kind, args, now)

    def cmd_cgatt(self, kind, args, now):
        if kind == "read":
            return Reply([f"+CGATT: {1 if self.v.stat in (1, 5) else 0}"])
        return Reply()

    # -- PDP contexts
    def cmd_cgdcont(self, kind, args, now):
        if kind == "read":
            return Reply([f'+CGDCONT: {cid},"{t}","{apn}","0.0.0.0",0,0,0,0'
                          for cid, (t, apn) in sorted(self.nvm.contexts.items())])
        if kind == "test":
            return Reply(['+CGDCONT: (1-15),"IP",,,(0-2),(0-4),(0,1),(0,1)'])
        if kind == "set" and args and args[0].isdigit():
            cid = int(args[0])
            if len(args) == 1:
                self.nvm.contexts.pop(cid, None)
            else:
                if args[1] not in ("IP", "IPV6", "IPV4V6", "Non-IP", "NONIP"):
                    raise CmeError(50)
                self.nvm.contexts[cid] = (args[1], args[2] if len(args) > 2 else "")
            return Reply()
        raise CmeError(50)

    # -- signal
    def _signal(self):
        sc = self.scenario
        return sc if self.v.stat in (1, 5) else None

    def cmd_csq(self, kind, args, now):
        sc = self._signal()
        if sc is None:
            return Reply(["+CSQ: 99,99"])
        return Reply([f"+CSQ: {max(0, min(31, (sc.rssi_dbm + 113) // 2))},99"])

    def cmd_cesq(self, kind, args, now):
        sc = self._signal()
        if sc is None or self.v.rat not in ("lte", "lte-m", "nb-iot"):
            return Reply(["+CESQ: 99,99,255,255,255,255"])
        rsrq = max(0, min(34, int((sc.rsrq_db + 20) * 2)))
        rsrp = max(0, min(97, sc.rsrp_dbm + 141))
        return Reply([f"+CESQ: 99,99,255,255,{rsrq},{rsrp}"])

    def cmd_qcsq(self, kind, args, now):
        sc = self._signal()
        if sc is None:
            return Reply(['+QCSQ: "NOSERVICE"'])
        return Reply([f'+QCSQ: "{QNWINFO_ACT[self.v.rat]}",{sc.rssi_dbm},{sc.rsrp_dbm},{(sc.sinr_db + 20) * 5},{sc.rsrq_db}'])

    def _earfcn(self) -> int:
        return EARFCN_OFFSET.get(self.v.band or 0, 0) + 50

    def cmd_qnwinfo(self, kind, args, now):
        v, sc = self.v, self.scenario
        if v.stat not in (1, 5):
            return Reply(["+QNWINFO: No Service"])
        band = f"GSM {v.band}" if v.rat == "gsm" else f"LTE BAND {v.band}"
        return Reply([f'+QNWINFO: "{QNWINFO_ACT[v.rat]}","{sc.mcc_mnc}","{band}",{self._earfcn()}'])

    def cmd_qeng(self, kind, args, now):
        v, sc = self.v, self.scenario
        if self.family == "quectel-nb":
            return self._qeng_nb(kind, args)
        if kind != "set" or not args or args[0].lower() != "servingcell":
            raise CmeError(50)
        if v.stat not in (1, 5):
            return Reply(['+QENG: "servingcell","SEARCH"'])
        mcc, mnc = sc.mcc_mnc[:3], sc.mcc_mnc[3:]
        if v.rat == "gsm":
            return Reply([f'+QENG: "servingcell","NOCONN","GSM",{mcc},{mnc},{self.tac},{self.ci[-4:]},20,1,62,{sc.rssi_dbm}'])
        return Reply([f'+QENG: "servingcell","NOCONN","{QENG_RAT[v.rat]}","FDD",{mcc},{mnc},{self.ci},123,'
                      f'{self._earfcn()},{v.band},3,3,{self.tac},{sc.rsrp_dbm},{sc.rsrq_db},{sc.rssi_dbm},{sc.sinr_db},38'])

    def _qeng_nb(self, kind, args) -> Reply:
        # BC660K-GL AT manual V1.4 4.8, AT+QENG=0 (searching: EARFCN 0, cell "00000000", RSRP -157)
        v, sc = self.v, self.scenario
        if kind != "set" or not args or args[0] != "0":
            raise CmeError(50)
        if v.stat not in (1, 5):
            return Reply(['+QENG: 0,0,0,0,"00000000",-157,,,,0,"0000",,,0'])
        return Reply([f'+QENG: 0,{self._earfcn()},0,123,"{self.ci}",{sc.rsrp_dbm},{sc.rsrq_db},{sc.rssi_dbm},'
                      f'{sc.sinr_db},{v.band},"{self.tac}",0,14,2'])

    # -- PSM
    def cmd_cpsms(self, kind, args, now):
        if kind == "read":
            mode, tau, active = self.nvm.psm_mode, self.nvm.psm_tau_bits, self.nvm.psm_active_bits
            return Reply([f'+CPSMS: {mode},,,"{tau or "00000000"}","{active or "00000000"}"'])
        if kind == "test":
            return Reply(['+CPSMS: (0-2),,,("00000000"-"11111111"),("00000000"-"11111111")'])
        if kind != "set":
            raise CmeError(50)
        mode = int(args[0]) if args and args[0].isdigit() else 0
        if mode not in (0, 1, 2):
            raise CmeError(50)
        tau = args[3] if len(args) > 3 and args[3] else self.nvm.psm_tau_bits
        active = args[4] if len(args) > 4 and args[4] else self.nvm.psm_active_bits
        for bits in (tau, active):
            if bits is not None and not re.fullmatch(r"[01]{8}", bits):
                raise CmeError(50)
        self.nvm.psm_mode = 0 if mode == 2 else mode
        self.nvm.psm_tau_bits, self.nvm.psm_active_bits = tau, active
        if self.profile.quirks.get("psm_requires_deregister"):
            self.v.psm_pending = True   # applied only at the next reboot after deregistering
            return Reply()
        self.applied_psm = (self.nvm.psm_mode, tau, active)
        self.at(now + self.scenario.reg_delay_s, self._tracking_area_update)
        return Reply()

    def cmd_qpsms(self, kind, args, now):
        if kind == "read":
            mode, tau, active = self.nvm.psm_mode, self.nvm.psm_tau_bits, self.nvm.psm_active_bits
            tau_s = psm_codec.decode_t3412_ext(tau).seconds if tau else None
            active_s = psm_codec.decode_t3324(active).seconds if active else None
            return Reply([f'+QPSMS: {mode},,,"{tau_s if tau_s is not None else ""}","{active_s if active_s is not None else ""}"'])
        if kind == "set":
            return self.cmd_cpsms("set", args, now)
        return Reply()

    def cmd_ucpsms(self, kind, args, now):
        v = self.v
        if v.granted_tau_bits and v.stat in (1, 5):
            return Reply([f'+UCPSMS: 1,,,"{v.granted_tau_bits}","{v.granted_active_bits}"'])
        return Reply(["+UCPSMS: 0"])

    # -- eDRX
    def _set_edrx(self, args: list[str], now: float, ptw_first: bool, allow_ptw: bool) -> Reply:
        if not args or not args[0].isdigit():
            raise CmeError(50)
        mode = int(args[0])
        if mode == 3:
            self.nvm.edrx.clear()
            self.at(now, self._tracking_area_update)
            return Reply()
        if mode not in (0, 1, 2) or len(args) < 2 or not args[1].isdigit():
            raise CmeError(50)
        act = int(args[1])
        if act not in (4, 5) or (act == 4 and "lte-m" not in self.profile.rats) or \
                (act == 5 and "nb-iot" not in self.profile.rats):
            raise CmeError(50)
        rest = args[2:]
        if len(rest) > 1 and not allow_ptw:
            raise CmeError(50)
        if ptw_first:
            ptw, value = (rest + [None, None])[:2]
        else:
            value, ptw = (rest + [None, None])[:2]
        for bits in (value, ptw):
            if bits is not None and bits != "" and not re.fullmatch(r"[01]{4}", bits):
                raise CmeError(50)
        old = self.nvm.edrx.get(act, (0, None, None))
        self.nvm.edrx[act] = (mode, value or old[1], ptw or old[2])
        self.at(now + self.scenario.reg_delay_s, self._tracking_area_update)
        return Reply()

    def cmd_cedrxs(self, kind, args, now):
        if kind == "read":
            with_ptw = self.profile.quirks.get("ptw_command") == "cedrxs4"  # SARA-R5 reads the PTW back too
            lines = [f'+CEDRXS: {act},"{value}"' + (f',"{ptw}"' if with_ptw and ptw else "")
                     for act, (mode, value, ptw) in sorted(self.nvm.edrx.items()) if mode in (1, 2) and value]
            return Reply(lines)
        if kind == "test":
            return Reply(['+CEDRXS: (0-3),(4,5),("0000"-"1111")'])
        if kind != "set":
            raise CmeError(50)
        return self._set_edrx(args, now, ptw_first=False,
                              allow_ptw=self.profile.quirks.get("ptw_command") == "cedrxs4")

    def cmd_qptwedrxs(self, kind, args, now):
        if kind == "read":
            return Reply([f'+QPTWEDRXS: {act},"{ptw or ""}","{value}"' for act, (mode, value, ptw)
                          in sorted(self.nvm.edrx.items()) if mode in (1, 2) and value])
        if kind != "set":
            return Reply()
        return self._set_edrx(args, now, ptw_first=True, allow_ptw=True)

    def cmd_cedrxrdp(self, kind, args, now):
        v = self.v
        act = edrx_codec.RAT_ACT.get(v.rat or "")
        if v.stat not in (1, 5) or not act or not v.granted_edrx:
            return Reply(["+CEDRXRDP: 0"])
        req = self.nvm.edrx.get(act, (0, None, None))[1]
        return Reply([f'+CEDRXRDP: {act},"{req}","{v.granted_edrx}","{v.granted_ptw}"'])

    # -- Quectel configuration
    def cmd_qcfg(self, kind, args, now):
        if kind == "test":
            return Reply(['+QCFG: "band",(0-f),(0-400a0e189f),(0-400a0e189f),(0,1)'])
        if kind != "set" or not args:
            raise CmeError(50)
        key, values = args[0].lower(), args[1:]
        if key in ("band", "nwscanmode", "nwscanseq") and self.family == "quectel-nb":
            raise CmeError(50)  # BC66/BC660K set bands with AT+QBAND and have one RAT
        if key == "band":
            return self._qcfg_band(values, now)
        if key == "iotopmode" and self.family == "quectel-lpwa":
            return self._qcfg_int("iotopmode", values, (0, 1, 2), now)
        if key == "nwscanmode":
            return self._qcfg_int("nwscanmode", values, (0, 1, 2, 3), now)
        if key == "nwscanseq":
            if not values:
                return Reply([f'+QCFG: "nwscanseq",{self.nvm.nwscanseq}'])
            if not re.fullmatch(r"(0[0-3])+", values[0]):
                raise CmeError(50)
            self.nvm.nwscanseq = values[0]
            return Reply()
        if not values:
            return Reply([f'+QCFG: "{key}",{self.nvm.qcfg_other.get(key, 0)}'])
        self.nvm.qcfg_other[key] = ",".join(values)
        return Reply()

    def _qcfg_int(self, key: str, values: list[str], allowed: tuple[int, ...], now: float) -> Reply:
        if not values:
            return Reply([f'+QCFG: "{key}",{getattr(self.nvm, key)}'])
        if not values[0].isdigit() or int(values[0]) not in allowed:
            raise CmeError(50)
        setattr(self.nvm, key, int(values[0]))
        if len(values) < 2 or values[1] == "1":
            self._reattach(now)
        return Reply()

    def _reattach(self, now: float) -> None:
        if self.v.cfun == 1 and self.v.cops_mode != 2:
            self._detach(now)
            self._attach(now)

    def _qcfg_band(self, values: list[str], now: float) -> Reply:
        supported = {rat: set(fact.bands) for rat, fact in self.profile.bands.items()}
        layout = "lte" if self.family == "quectel-lte" else "lpwa"
        if not values:
            b = self.nvm.bands
            if layout == "lpwa":
                text = masks.qcfg_band_command("lpwa", {"gsm": b.get("gsm", ()), "lte-m": b.get("lte-m", ()),
                                                         "nb-iot": b.get("nb-iot", ())}, effect=None)
            else:
                text = masks.qcfg_band_command("lte", {"gsm": b.get("gsm", ()), "umts": b.get("umts", ()),
                                                        "lte": b.get("lte", ())}, effect=None)
            return Reply(["+QCFG: " + text.split("=", 1)[1]])
        if len(values) < 3:
            raise CmeError(50)
        try:
            decoded = masks.decode_qcfg_band(values[:3], layout)
        except Exception:  # noqa: BLE001 - bad hex answers like the module: error
            raise CmeError(50) from None
        keys = {"gsm": "gsm", "lte_m": "lte-m", "nb_iot": "nb-iot", "umts": "umts", "lte": "lte"}
        new = dict(self.nvm.bands)
        for key, bands in decoded.items():
            rat = keys.get(key)
            if rat is None or not bands:
                continue  # 0 = no change
            if not set(bands) <= supported.get(rat, set()):
                return Reply(final="ERROR")
            new[rat] = set(bands)
        self.nvm.bands = new
        if len(values) < 4 or values[3] == "1":
            self._reattach(now)
        return Reply()

    def cmd_qband(self, kind, args, now):
        # BC660K-GL AT manual V1.4 section 7.5: AT+QBAND=<band_number>[,<band>...], 0 = all bands;
        # read +QBAND: <band>[,<band>...]; takes effect at once (detach and re-attach), saved in NVRAM
        supported = sorted(self.profile.bands_for("nb-iot"))
        if kind == "test":
            return Reply([f"+QBAND: (0-{len(supported)}),({','.join(map(str, supported))})"])
        if kind == "read":
            return Reply(["+QBAND: " + ",".join(map(str, sorted(self.nvm.bands.get("nb-iot") or supported)))])
        if kind != "set" or not args or not all(a.strip().isdigit() for a in args):
            raise CmeError(50)
        count, bands = int(args[0]), [int(a) for a in args[1:]]
        if count == 0 and not bands:
            new = set(supported)
        elif count != len(bands) or not bands or not set(bands) <= set(supported):
            raise CmeError(50)
        else:
            new = set(bands)
        self.nvm.bands["nb-iot"] = new
        self._reattach(now)
        return Reply()

    # -- u-blox configuration
    def cmd_ubandmask(self, kind, args, now):
        rat_numbers = self.profile.ubandmask_rats or {"lte-m": 0, "nb-iot": 1}
        if kind == "read":
            values: list[str] = []
            wide = any(max(self.nvm.bands.get(r, {0}) or {0}) > 64 for r in rat_numbers)
            for rat, number in sorted(rat_numbers.items(), key=lambda kv: kv[1]):
                mask = masks.bands_to_mask(self.nvm.bands.get(rat, ()))
                values += [str(number), str(mask & ((1 << 64) - 1))] + ([str(mask >> 64)] if wide else [])
            return Reply(["+UBANDMASK: " + ",".join(values)])
        if kind == "test":
            return Reply(["+UBANDMASK: (0,1),(0-18446744073709551615),(0-18446744073709551615)"])
        if kind != "set" or len(args) < 2 or not all(a.isdigit() for a in args):
            raise CmeError(50)
        number = int(args[0])
        rat = next((r for r, n in rat_numbers.items() if n == number), None)
        if rat is None:
            raise CmeError(50)
        try:  # each word is 64 bits on the module; wider is refused like bad hex
            mask = masks.join_ubandmask(int(a) for a in args[1:3])
        except (InputError, ValueError):
            raise CmeError(50) from None
        bands = set(masks.mask_to_bands(mask))
        if not bands or not bands <= set(self.profile.bands_for(rat)):
            raise CmeError(50)
        self.nvm.bands[rat] = bands  # takes effect at the next attach (after AT+CFUN=15)
        return Reply()

    def cmd_ubandsel(self, kind, args, now):
        # SARA-U2: bands by MHz, one value for every RAT on that frequency; 0 = module default
        gsm_ok, umts_ok = self.profile.bands_for("gsm"), self.profile.bands_for("umts")
        supported = ubandsel.ubandsel_values(gsm_ok, umts_ok)
        if kind == "read":
            values = ubandsel.ubandsel_values(self.nvm.bands.get("gsm", ()), self.nvm.bands.get("umts", ()))
            return Reply(["+UBANDSEL: " + ",".join(map(str, values or [0]))])
        if kind == "test":
            return Reply([f"+UBANDSEL: (0,{','.join(map(str, supported))})"])
        if kind != "set" or not args or not all(a.strip().isdigit() for a in args):
            raise CmeError(50)
        values = [int(a) for a in args]
        if values == [0]:
            values = supported
        elif not set(values) <= set(supported):
            raise CmeError(50)
        self.nvm.bands.update({rat: set(b) for rat, b in ubandsel.bands_from_ubandsel(values, gsm_ok, umts_ok).items()})
        self._reattach(now)
        return Reply()

    def cmd_urat(self, kind, args, now):
        # SARA-R4/R5 list RATs by priority (7/8/9); LARA-R6 and SARA-U2 name a set, then preferences
        set_form = self.family in ("ublox-lara-r6", "ublox-u2")
        if kind == "read":
            values = urat.set_values(self.nvm.rat_order) if set_form else urat.priority_values(self.nvm.rat_order)
            return Reply(["+URAT: " + ",".join(map(str, values))])
        if kind == "test":
            return Reply(["+URAT: (0-6),(0,2,3),(0,2,3)" if set_form else "+URAT: (7,8,9),(7,8,9),(7,8,9)"])
        if kind != "set" or not args or not all(a.strip().isdigit() for a in args):
            raise CmeError(50)
        values = [int(a) for a in args]
        rats = urat.set_order(values) if set_form else urat.priority_order(values)
        if not rats or len(set(rats)) != len(rats) or not set(rats) <= set(self.profile.rats) \
                or (not set_form and len(rats) != len(values)):
            raise CmeError(50)
        self.nvm.rat_order = list(rats)
        return Reply()

    def cmd_umnoprof(self, kind, args, now):
        if kind == "read":
            return Reply([f"+UMNOPROF: {self.nvm.umnoprof}"])
        if kind == "test":
            return Reply(["+UMNOPROF: (0,1,2,3,4,5,6,19,21,28,31,39,90,100)"])
        if kind != "set" or not args or not args[0].isdigit():
            raise CmeError(50)
        if self.v.cfun != 0:
            raise CmeError(3)  # u-blox: set the profile with the radio off (AT+CFUN=0)
        profile = int(args[0])
        if profile != self.nvm.umnoprof:
            self.nvm.umnoprof = profile
            # a new MNO profile resets bands and RATs to its defaults (DOMAIN.md 4)
            self.nvm.bands = {rat: set(fact.bands) for rat, fact in self.profile.bands.items()}
            self.nvm.rat_order = list(self.profile.rats)
        return Reply()
