"""u-blox SARA-N2 (NB-IoT only; Huawei/Neul firmware, the command set of Quectel BC95).

Bands with AT+NBAND (not +UBANDSEL, which ModemManager's table claims but no SARA-N2 driver
sends: SodaqMoja/Sodaq_nbIOT, ARMmbed ublox-cellular-base-n2xx, ExploratoryEngineering/ArduinoNBIoT).
A band change is made with the radio off (AT+CFUN=0) and applied by AT+NRB, the way the Huawei
family is driven (Sodaq_nbIOT: set the band, then AT+NRB). AT+NRB answers its OK only once the
module is back (ArduinoNBIoT reads OK as the last line of the reboot; Sodaq_nbIOT waits for it).
With +NCONFIG "AUTOCONNECT" FALSE the module boots with its radio off and does not attach by
itself: after the reboot the plan turns the radio on and attaches (AT+CFUN=1, AT+CGATT=1).
The ICCID is read with AT+NCCID (ublox-cellular-base-n2xx); the band in use from the EARFCN of
AT+NUESTATS=CELL (the module reports no band).

u-blox's own AT manual (UBX-16014887 R21) confirms +NBAND as the SARA-N2 band command (+UBANDSEL
is SARA-N3 only there), gives AT+NRB's answer as "REBOOTING" alone (a boot line for the engine,
so a module that sends no OK once back still counts as rebooted), and lists +NBAND under
"Settings saved: No" where +NCONFIG says NVM. The drivers above set the band and then reboot;
if a module drops the band at AT+NRB, the read-back after apply shows it (verify's "configured"
check fails) instead of passing it.
"""

from __future__ import annotations

from atctl.codecs.standard.cfun import build_cfun
from atctl.codecs.ublox.nband import build_nband
from atctl.dialects.base import Dialect
from atctl.dialects.settings import Settings, Step


class UbloxN2(Dialect):
    name = "ublox-n2"
    vendor_commands = {"AT+NBAND?": "enabled bands", "AT+NBAND=": "set bands (radio off, then AT+NRB)",
                       "AT+NBAND=?": "supported bands", "AT+NCONFIG?": "behaviour switches (AUTOCONNECT ...)",
                       "AT+NCONFIG=": "set a switch (then AT+NRB)", "AT+NRB": "reboot (applies bands and switches)",
                       "AT+NUESTATS": "radio statistics (EARFCN, signal)", "AT+NCCID": "ICCID"}
    read_commands = (("AT+NBAND?", "bands"), ("AT+NCONFIG?", "autoconnect")) + Dialect.read_commands
    band_rats = ("nb-iot",)
    rat_settable = True                 # one RAT: nothing to order
    reboot_command = "AT+NRB"
    reboot_answers_when_back = True     # AT+NRB's OK comes after the boot
    iccid_reads = (("AT+NCCID", "+NCCID:"),)
    band_change_notes = ("if AT+NCONFIG? shows AUTOCONNECT FALSE, the module comes back from AT+NRB with its radio "
                         "off and detached: send AT+CFUN=1 and AT+CGATT=1 after it (atctl apply does)",)

    def serving_cell_read(self):
        """AT+NUESTATS=CELL (the iotcreators N211 guide's form): the serving cell's EARFCN, from which
        atctl.bands.earfcn gives the band; written with or without the leading "+"."""
        return ("AT+NUESTATS=CELL", ("+NUESTATS:", "NUESTATS:"))

    def absorb(self, settings: Settings, kind: str, f: dict) -> None:
        if kind == "NBAND" and not f.get("test"):
            settings.bands["nb-iot"] = frozenset(f.get("bands") or ())
        elif kind == "NCONFIG" and f.get("name") == "AUTOCONNECT":
            settings.rat_config["autoconnect"] = f.get("enabled")
        else:
            super().absorb(settings, kind, f)

    def rat_and_band_steps(self, current: Settings, desired: Settings) -> list[Step]:
        want = desired.bands.get("nb-iot")
        if not want or current.bands.get("nb-iot") == want:
            return []
        return [Step(build_cfun(0), "radio off to change bands", kind="deregister"),
                Step(build_nband(want), "enable only the planned bands", setting="bands"),
                Step(self.reboot_command, "reboot to apply the bands", kind="reboot")]

    def radio_on_steps(self, current: Settings, desired: Settings, steps: list[Step]) -> list[Step]:
        """With AUTOCONNECT FALSE the module comes out of AT+NRB (or a power cycle) off and detached,
        and AT+CFUN=1 alone does not attach it: turn the radio on and attach."""
        rebooted = any(step.kind == "reboot" for step in steps)
        radio_off = rebooted or current.cfun not in (None, 1)
        if desired.cfun == 1 and radio_off and current.rat_config.get("autoconnect") is False:
            return [Step(build_cfun(1), "radio on: AUTOCONNECT is FALSE, the module does not turn it on by itself",
                         setting="radio"),
                    Step("AT+CGATT=1", "attach: AUTOCONNECT is FALSE, the module does not attach by itself",
                         setting="radio")]
        return super().radio_on_steps(current, desired, steps)
