"""3GPP TS 27.007 commands every simulated module has: identity, SIM card, error reporting,
functionality, operator selection, registration, PDP contexts, signal, PSM and eDRX.

A handler is `handler(modem, kind, args, now) -> Reply`; kind is exec / read / test / set.
Reply lines are printed by the codecs' `format_X` functions (atctl.codecs.standard), the same
module that parses them on the host; what stays here is the module's behaviour.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from atctl.codecs.standard.cfun import format_cfun
from atctl.codecs.standard.cgdcont import format_cgdcont
from atctl.codecs.standard.cops import format_cops, format_cops_list
from atctl.codecs.standard.cpin import format_cpin
from atctl.codecs.standard.cpsms import format_cpsms
from atctl.codecs.standard.edrx import format_cedrxrdp, format_cedrxs
from atctl.codecs.standard.signal import cesq_rsrp, cesq_rsrq, csq_rssi, format_cesq, format_csq
from atctl.codecs.hints import quirk
from atctl.sim.reply import CmeError, Reply
from atctl.timers import edrx as edrx_codec

if TYPE_CHECKING:
    from atctl.sim.modem import SimModem


# ---- V.250 basic commands (ATE0, ATV1, ATI, ATZ, AT&W ...) ------------------------------------
def basic(m: SimModem, cmd: str) -> Reply:
    if cmd in ("E0", "E1", "E"):
        m.v.echo = cmd == "E1"
    elif cmd in ("V0", "V1", "V"):
        m.v.verbose = cmd == "V1"
    elif cmd == "I" or cmd == "I0":
        ident = m.profile.identity
        return Reply(lines=list(ident.ati or [ident.manufacturer, ident.model, f"Revision: {ident.revision}"]))
    elif cmd not in ("Z", "&W", "Q0", "&F"):
        return m.unknown()
    return Reply()


# ---- NB-IoT-only band commands (AT+NBAND, AT+QBAND) ------------------------------------------
def nb_iot_band_query(m, kind, format_read, format_test) -> Reply | None:
    """The read answer (the bands set, the module's own when none was) or the test answer (the
    bands it supports) of an NB-IoT-only band command; None for a set, which each vendor checks
    its own way."""
    supported = sorted(m.profile.bands_for("nb-iot"))
    if kind == "test":
        return Reply([format_test(supported)])
    if kind == "read":
        return Reply([format_read(m.nvm.bands.get("nb-iot") or supported)])
    return None


# ---- identity ---------------------------------------------------------------------------------
def cgmi(m, kind, args, now): return Reply([m.profile.identity.manufacturer])
def cgmm(m, kind, args, now): return Reply([m.profile.identity.model])
def cgmr(m, kind, args, now): return Reply([m.profile.identity.revision])
def cgsn(m, kind, args, now, snt_form: str = '+CGSN: "{}"'):
    """27.007 5.4: the bare form and <snt>=0 answer the serial number (the IMEI here) alone; <snt>=1
    answers `+CGSN: "<imei>"` (27.007's string, as Nordic's nRF91 writes it). No read form."""
    if kind == "test":
        return Reply(["+CGSN: (0,1)"])
    if kind == "read":
        raise CmeError(50)
    snt = [a.strip() for a in args] if kind == "set" else ["0"]
    if snt not in (["0"], ["1"]):
        raise CmeError(50)   # IMEISV / SVN: not modelled
    return Reply([snt_form.format(m.imei) if snt == ["1"] else m.imei])


def cimi(m, kind, args, now):
    m.need_sim_card()
    return Reply([m.imsi])


def cpin(m, kind, args, now):
    if kind == "test":
        return Reply()
    if m.sim_card == "absent":
        raise CmeError(10)
    if kind == "read":
        return Reply([format_cpin("READY" if m.sim_card != "pin" or m.v.pin_entered else "SIM PIN")])
    if kind == "set":
        if m.sim_card != "pin" or m.v.pin_entered:
            raise CmeError(3)
        if args and args[0] == m.pin:
            m.v.pin_entered = True
            m.urc(now, format_cpin("READY"))
            m.attach(now)
            return Reply()
        raise CmeError(16)
    raise CmeError(50)


# ---- error reporting, functionality --------------------------------------------------------------
def cmee(m, kind, args, now):
    if kind == "read":
        return Reply([f"+CMEE: {m.v.cmee}"])
    if kind == "test":
        return Reply(["+CMEE: (0-2)"])
    if kind == "set" and args and args[0] in ("0", "1", "2"):
        m.v.cmee = int(args[0])
        return Reply()
    raise CmeError(50)


def cfun(m, kind, args, now):
    if kind == "read":
        return Reply([format_cfun(m.v.cfun)])
    if kind == "test":
        return Reply(["+CFUN: (0,1,4),(0,1)"])
    if kind != "set" or not args or not args[0].isdigit():
        raise CmeError(50)
    fun = int(args[0])
    if len(args) > 1 and args[1] == "1":  # <rst>=1: reset before changing functionality
        return Reply(reboot=True)
    if fun not in (0, 1, 4):
        raise CmeError(50)
    old = m.v.cfun
    m.v.cfun = fun
    if fun != 1:
        m.v.deregistered = True
        if old == 1:
            m.detach(now)
    elif old != 1:
        m.attach(now)
    return Reply()


# ---- operator selection, registration -------------------------------------------------------------
def _cops_test(m) -> str:
    """The network list: the scenario's operator (current) on its first RAT, none without coverage."""
    sc = m.scenario
    networks = [(2, sc.operator, sc.operator[:16], sc.mcc_mnc, m.act_number(next(iter(sc.bands))))] if sc.bands else []
    return format_cops_list(networks)


def _cops_read(m) -> str:
    v, sc = m.v, m.scenario
    if v.stat in (1, 5):
        oper = sc.mcc_mnc if v.cops_format == 2 else sc.operator
        return format_cops(v.cops_mode, v.cops_format, oper, m.act_number(v.rat))
    return format_cops(v.cops_mode)


def cops(m, kind, args, now):
    v, sc = m.v, m.scenario
    if kind == "test":
        m.need_sim_card()
        return Reply([_cops_test(m)])
    if kind == "read":
        return Reply([_cops_read(m)])
    if kind != "set" or not args:
        raise CmeError(50)
    mode = int(args[0]) if args[0].isdigit() else -1
    if mode == 3:
        v.cops_format = int(args[1]) if len(args) > 1 and args[1].isdigit() else 0
        return Reply()
    if mode == 2:
        v.cops_mode = 2
        v.deregistered = True
        m.detach(now)
        return Reply()
    if mode in (0, 1, 4):
        m.need_sim_card()
        if mode in (1, 4) and len(args) > 2 and args[2] != sc.mcc_mnc and args[2] != sc.operator:
            if mode == 1:
                raise CmeError(30)
        v.cops_mode = 0 if mode == 4 else mode
        if v.stat not in (1, 2, 5):
            m.attach(now)
        return Reply()
    raise CmeError(50)


def _registration(name: str):
    """+CREG / +CGREG / +CEREG: the <n> setting; the fields are the core's (its URCs carry them too)."""
    def handler(m, kind, args, now):
        if kind == "test":
            return Reply([f"+{name}: (0-5)"])
        if kind == "read":
            n = m.v.reg_n[name]
            return Reply([m.registration_line(name, n, read=True)])
        if kind == "set" and args and args[0].isdigit() and int(args[0]) <= 5:
            m.v.reg_n[name] = int(args[0])
            return Reply()
        raise CmeError(50)
    handler.__name__ = name.lower()
    return handler


def cgatt(m, kind, args, now):
    if kind == "read":
        return Reply([f"+CGATT: {1 if m.v.stat in (1, 5) else 0}"])
    return Reply()


# ---- PDP contexts -------------------------------------------------------------------------------
def cgdcont(m, kind, args, now):
    if kind == "read":
        return Reply([format_cgdcont(cid, t, apn, "0.0.0.0", (0, 0, 0, 0)) for cid, (t, apn) in sorted(m.nvm.contexts.items())])
    if kind == "test":
        return Reply(['+CGDCONT: (1-15),"IP",,,(0-2),(0-4),(0,1),(0,1)'])
    if kind == "set" and args and args[0].isdigit():
        cid = int(args[0])
        if len(args) == 1:
            m.nvm.contexts.pop(cid, None)
        else:
            if args[1] not in ("IP", "IPV6", "IPV4V6", "Non-IP", "NONIP"):
                raise CmeError(50)
            m.nvm.contexts[cid] = (args[1], args[2] if len(args) > 2 else "")
        return Reply()
    raise CmeError(50)


# ---- signal ---------------------------------------------------------------------------------------
def csq(m, kind, args, now):
    sc = m.signal()
    return Reply([format_csq(csq_rssi(None if sc is None else sc.rssi_dbm))])


def cesq(m, kind, args, now):
    sc = m.signal() if m.v.rat in ("lte", "lte-m", "nb-iot") else None  # E-UTRA values only
    if sc is None:
        return Reply([format_cesq()])
    return Reply([format_cesq(rsrq=cesq_rsrq(sc.rsrq_db), rsrp=cesq_rsrp(sc.rsrp_dbm))])


# ---- PSM -----------------------------------------------------------------------------------------
def cpsms(m, kind, args, now):
    if kind == "read":
        return Reply([format_cpsms(m.nvm.psm_mode, m.nvm.psm_tau_bits or "00000000", m.nvm.psm_active_bits or "00000000")])
    if kind == "test":
        return Reply(['+CPSMS: (0-2),,,("00000000"-"11111111"),("00000000"-"11111111")'])
    if kind != "set":
        raise CmeError(50)
    return set_psm(m, args, now)


def set_psm(m, args: list[str], now: float) -> Reply:
    """AT+CPSMS=<mode>,,,<T3412 ext>,<T3324> (also the set form of vendor PSM commands)."""
    mode = int(args[0]) if args and args[0].isdigit() else 0
    if mode not in (0, 1, 2):
        raise CmeError(50)
    tau = args[3] if len(args) > 3 and args[3] else m.nvm.psm_tau_bits
    active = args[4] if len(args) > 4 and args[4] else m.nvm.psm_active_bits
    for bits in (tau, active):
        if bits is not None and not re.fullmatch(r"[01]{8}", bits):
            raise CmeError(50)
    m.nvm.psm_mode = 0 if mode == 2 else mode
    m.nvm.psm_tau_bits, m.nvm.psm_active_bits = tau, active
    if quirk(m.profile, "psm_requires_deregister"):
        m.v.psm_pending = True   # applied only at the next reboot after deregistering
        return Reply()
    m.applied_psm = (m.nvm.psm_mode, tau, active)
    m.at(now + m.scenario.reg_delay_s, m.tracking_area_update)
    return Reply()


# ---- eDRX -------------------------------------------------------------------------------------------
def set_edrx(m, args: list[str], now: float, ptw_first: bool, allow_ptw: bool) -> Reply:
    """27.007 +CEDRXS set (value, then PTW where the module takes one) or a vendor form with the PTW first."""
    if not args or not args[0].isdigit():
        raise CmeError(50)
    mode = int(args[0])
    if mode == 3:
        m.nvm.edrx.clear()
        m.at(now, m.tracking_area_update)
        return Reply()
    if mode not in (0, 1, 2) or len(args) < 2 or not args[1].isdigit():
        raise CmeError(50)
    act = int(args[1])
    if act not in (4, 5) or (act == 4 and "lte-m" not in m.profile.rats) or \
            (act == 5 and "nb-iot" not in m.profile.rats):
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
    old = m.nvm.edrx.get(act, (0, None, None))
    m.nvm.edrx[act] = (mode, value or old[1], ptw or old[2])
    m.at(now + m.scenario.reg_delay_s, m.tracking_area_update)
    return Reply()


def cedrxs(m, kind, args, now):
    with_ptw = quirk(m.profile, "ptw_command") == "cedrxs4"  # SARA-R5: the PTW as 4th parameter, read back too
    if kind == "read":
        return Reply([format_cedrxs(act, value, ptw if with_ptw else None)
                      for act, (mode, value, ptw) in sorted(m.nvm.edrx.items()) if mode in (1, 2) and value])
    if kind == "test":
        return Reply(['+CEDRXS: (0-3),(4,5),("0000"-"1111")'])
    if kind != "set":
        raise CmeError(50)
    return set_edrx(m, args, now, ptw_first=False, allow_ptw=with_ptw)


def cedrxrdp(m, kind, args, now):
    v = m.v
    act = edrx_codec.RAT_ACT.get(v.rat or "")
    if v.stat not in (1, 5) or not act or not v.granted_edrx:
        return Reply([format_cedrxrdp(0)])
    return Reply([format_cedrxrdp(act, m.nvm.edrx.get(act, (0, None, None))[1], v.granted_edrx, v.granted_ptw)])


# name after "AT+" -> handler; a vendor family may add commands or replace one of these
COMMANDS = {
    "CGMI": cgmi, "CGMM": cgmm, "CGMR": cgmr, "GMR": cgmr, "CGSN": cgsn, "GSN": cgsn, "CIMI": cimi,
    "CPIN": cpin, "CMEE": cmee, "CFUN": cfun, "COPS": cops,
    "CREG": _registration("CREG"), "CGREG": _registration("CGREG"), "CEREG": _registration("CEREG"),
    "CGATT": cgatt, "CGDCONT": cgdcont, "CSQ": csq, "CESQ": cesq,
    "CPSMS": cpsms, "CEDRXS": cedrxs, "CEDRXRDP": cedrxrdp,
}
