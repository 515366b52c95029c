"""u-blox SARA-N2 commands of the simulated modules (NB-IoT only, no +UBANDMASK RAT numbers): the
Huawei/Neul command set atctl.dialects.ublox_n2 speaks. What each handler models, and from where:
- AT+NBAND: read `+NBAND:8,20`, test `+NBAND:(8,20)`, set with the radio off, applied by the
  next attach (the Huawei family's practice: radio off, band, AT+NRB).
- AT+NRB: once the module is back, `REBOOT_CAUSE_APPLICATION_AT`, `u-blox`, then the final OK
  (Exploratory Engineering's SARA-N210 "Interactive terminal" tutorial; ArduinoNBIoT reads OK as
  the reboot's last line; Sodaq_nbIOT waits up to 2 s for it).
- AT+NCONFIG: six switches as ArduinoNBIoT's README captured them, kept in NVM, read at boot:
  with AUTOCONNECT FALSE the module boots with its radio off and AT+CFUN=1 does not attach it
  (AT+CGATT=1 does).
- AT+NUESTATS=CELL: the serving cell (EARFCN 50 channels into its band, 36.101 Table 5.7.3-1) while
  registered, in the N211 guide's form (no "+", tenths of dB).
- AT+NCCID for the ICCID (ublox-cellular-base-n2xx); AT+CPIN? answers ERROR (mbed-os issue
  #8199, SARA-N211 firmware 06.57); AT+CMEE=2 is refused (Sodaq_nbIOT: "2 is not supported on
  the n2"); AT+CFUN takes 0 and 1 only.
"""

from __future__ import annotations

from atctl.codecs.ublox.nband import format_nband, format_nband_test
from atctl.bands.earfcn import first_dl_earfcn
from atctl.codecs.ublox.nconfig import format_nconfig
from atctl.codecs.ublox.nuestats import format_nuestats_cell
from atctl.sim.handlers import standard
from atctl.sim.reply import CmeError, Reply, set_numbers

# ArduinoNBIoT README (commit 9cc496b): AT+NCONFIG? on a SARA-N211, in this order
DEFAULT_NCONFIG = {"AUTOCONNECT": "TRUE", "CR_0354_0338_SCRAMBLING": "TRUE", "CR_0859_SI_AVOID": "TRUE",
                   "COMBINE_ATTACH": "FALSE", "CELL_RESELECTION": "FALSE", "ENABLE_BIP": "FALSE"}


def uses_nband(profile) -> bool:
    """SARA-N2: u-blox, NB-IoT only, no +UBANDMASK RAT numbers (SARA-N4 would name them)."""
    return set(profile.rats) == {"nb-iot"} and not profile.ubandmask_rats


def commands(profile) -> dict:
    return {"CFUN": cfun, "CGATT": cgatt, "CGSN": cgsn, "CMEE": cmee, "CPIN": cpin, "NBAND": nband, "NRB": nrb,
            "NCONFIG": nconfig, "NCCID": nccid, "NUESTATS": nuestats}


def cgsn(m, kind, args, now):
    """AT+CGSN=1 unquoted: "+CGSN: <15-digit IMEI>", the IMEI from column 7 (TelenorNBIoT.cpp)."""
    return standard.cgsn(m, kind, args, now, snt_form="+CGSN: {}")


def _switches(m) -> dict[str, str]:
    return {**DEFAULT_NCONFIG, **m.nvm.nconfig}


def autoconnect(m) -> bool:
    return _switches(m)["AUTOCONNECT"] == "TRUE"


def boot_urcs(m) -> list[str]:
    """The boot text and final OK of the AT+NRB that rebooted it, once back (other resets print
    nothing here: their boot text is not documented)."""
    answer, m.answer_after_boot = m.answer_after_boot, None
    return ["REBOOT_CAUSE_APPLICATION_AT", "u-blox", answer] if answer else []


def boot_cfun(m) -> int:
    return 1 if autoconnect(m) else 0


def cfun(m, kind, args, now):
    if kind == "test":
        return Reply(["+CFUN: (0,1)"])
    if kind == "set" and args and args[0].isdigit() and int(args[0]) not in (0, 1):
        raise CmeError(50)
    if kind == "set" and args == ["1"] and not autoconnect(m):
        m.v.cfun = 1  # radio on, but AUTOCONNECT FALSE: no attach until AT+CGATT=1
        return Reply()
    return standard.cfun(m, kind, args, now)


def cgatt(m, kind, args, now):
    if kind == "set" and args == ["1"]:
        if m.v.cfun != 1:
            raise CmeError(4)
        if m.v.stat not in (1, 2, 5):
            m.attach(now)
        return Reply()
    if kind == "set" and args == ["0"]:
        m.detach(now)
        return Reply()
    return standard.cgatt(m, kind, args, now)


def cmee(m, kind, args, now):
    if kind == "set" and args == ["2"]:
        raise CmeError(50)
    if kind == "test":
        return Reply(["+CMEE: (0,1)"])
    return standard.cmee(m, kind, args, now)


def cpin(m, kind, args, now):
    if kind == "read":
        return Reply(final="ERROR")
    return standard.cpin(m, kind, args, now)


def nband(m, kind, args, now):
    answer = standard.nb_iot_band_query(m, kind, format_nband, format_nband_test)
    if answer is not None:
        return answer
    bands = set(set_numbers(kind, args))
    if not bands <= set(m.profile.bands_for("nb-iot")):
        raise CmeError(50)
    if m.v.cfun != 0:
        raise CmeError(4)  # the radio must be off
    m.nvm.bands["nb-iot"] = bands
    return Reply()


def nrb(m, kind, args, now):
    if kind != "exec":
        raise CmeError(50)
    m.answer_after_boot = "OK"
    return Reply(["REBOOTING"], final=None, reboot=True)  # the notice at once (u-blox manual R21 4.13)


def nconfig(m, kind, args, now):
    switches = _switches(m)
    if kind == "read":
        return Reply([format_nconfig(name, value) for name, value in switches.items()])
    if kind == "test":
        return Reply(['+NCONFIG: ("' + '","'.join(switches) + '"),("TRUE","FALSE")'])
    if kind != "set" or len(args) != 2 or args[0].upper() not in switches or args[1].upper() not in ("TRUE", "FALSE"):
        raise CmeError(50)
    m.nvm.nconfig[args[0].upper()] = args[1].upper()  # takes effect at the next boot (AT+NRB)
    return Reply()


def nccid(m, kind, args, now):
    if m.sim_card == "absent":
        raise CmeError(10)
    return Reply([f"+NCCID:{m.iccid}"])


def nuestats(m, kind, args, now):
    if kind != "set" or not args or args[0].upper() != "CELL":
        raise CmeError(50)  # only the CELL report is modelled
    sc, band = m.signal(), m.v.band
    if sc is None or band is None:
        return Reply()
    earfcn = (first_dl_earfcn(band) or 0) + 50
    return Reply([format_nuestats_cell(earfcn, 186, True, sc.rsrp_dbm, sc.rsrq_db, sc.rssi_dbm, sc.sinr_db)])
