"""u-blox dialects: SARA-R4 (R410M/R412M), SARA-R5 (R510S, R422), LARA-R6, SARA-U2 / TOBY-L2.

Sources: u-blox SARA-R4 / SARA-R5 AT commands manuals and application notes:
AT+UMNOPROF is set first with the radio off (AT+CFUN=0), then AT+URAT and
AT+UBANDMASK, then a reboot (AT+CFUN=15 on R4, 16 on R5) applies them.
SARA-R4 applies +CPSMS only after deregistering and rebooting.
"""

from __future__ import annotations

from atctl.bands import urat
from atctl.bands.ubandsel import ALL_MHZ, bands_from_ubandsel, ubandsel_values
from atctl.codecs.standard.cfun import build_cfun
from atctl.codecs.ublox.ubandmask import build_ubandmask
from atctl.codecs.ublox.ubandsel import build_ubandsel
from atctl.codecs.ublox.umnoprof import build_umnoprof
from atctl.codecs.ublox.urat import build_urat_priority, build_urat_set
from atctl.dialects.base import Dialect
from atctl.dialects.settings import Settings, Step

# what the console offers on Tab (u-blox SARA-R4/R5 AT manuals)
UBANDMASK_COMMANDS: dict[str, str] = {
    "AT+UBANDMASK?": "enabled bands", "AT+UBANDMASK=": "set bands (decimal masks)", "AT+URAT?": "RAT order",
    "AT+URAT=": "set the RAT order", "AT+UMNOPROF?": "operator profile", "AT+UMNOPROF=": "set the operator profile",
    "AT+UCPSMS?": "PSM timers the network granted", "AT+CCID": "ICCID",
}


class UbloxR5(Dialect):
    """SARA-R5 (R500S/R510S/R422); SARA-R4 and LARA-R6 differ from it in the reboot and +URAT form."""

    name = "ublox-r5"
    read_commands = (("AT+UMNOPROF?", "mno_profile"), ("AT+URAT?", "rat"), ("AT+UBANDMASK?", "bands")) \
        + Dialect.read_commands
    needs_reboot_for = ("mno_profile", "rat", "bands")
    reboot_command = "AT+CFUN=16"   # reset with detach and NVM save (SARA-R5 / LARA-R6 AT manuals, +CFUN)
    vendor_commands = {**UBANDMASK_COMMANDS, "AT+CFUN=16": "reboot (applies bands and PSM)"}
    rat_settable = True

    def absorb(self, settings: Settings, kind: str, f: dict) -> None:
        if kind == "UMNOPROF":
            settings.mno_profile = f.get("profile")
        elif kind == "URAT":
            settings.rat_order = self.rat_order_from_urat(f.get("acts") or [])
        elif kind == "UBANDMASK":
            for rat in self.profile.ubandmask_rats or {}:
                settings.bands[rat] = frozenset(f.get(rat.replace("-", "_")) or ())
        else:
            super().absorb(settings, kind, f)

    def settable_band_rats(self) -> set[str]:
        return set(self.profile.ubandmask_rats or {})  # the RAT numbers +UBANDMASK accepts on this module

    def rat_and_band_steps(self, current: Settings, desired: Settings) -> list[Step]:
        steps = []
        if desired.mno_profile is not None and current.mno_profile != desired.mno_profile:
            steps.append(Step(build_umnoprof(desired.mno_profile), "set the MNO profile (resets bands and RATs)",
                              setting="mno_profile"))
        mno_changes = bool(steps)
        if desired.rat_order and (mno_changes or current.rat_order != desired.rat_order):
            steps.append(Step(self.urat_command(desired.rat_order), "RAT priority order", setting="rat"))
        numbers = self.profile.ubandmask_rats or {}
        for rat, bands in desired.bands.items():
            if rat in numbers and (mno_changes or current.bands.get(rat) != bands):
                for command in build_ubandmask(numbers[rat], sorted(bands)):
                    steps.append(Step(command, f"enable only the planned {rat} bands", setting="bands"))
        return steps

    # SARA-R4/R5: +URAT lists the RATs in priority order (atctl.bands.urat)
    def urat_command(self, rats: tuple[str, ...]) -> str:
        return build_urat_priority(rats)

    def rat_order_from_urat(self, acts: list[int]) -> tuple[str, ...]:
        return urat.priority_order(acts)

    def finish(self, steps: list[Step], current: Settings, desired: Settings) -> list[Step]:
        reboot_settings = set(self.needs_reboot_for)
        if self.quirks.psm_requires_deregister:
            reboot_settings.add("psm")
        if not any(step.setting in reboot_settings for step in steps):
            return steps
        reboot = self.reboot_command
        return ([Step(build_cfun(0), "radio off: u-blox takes these settings only deregistered", kind="deregister")]
                + steps + [Step(reboot, "reboot to apply MNO profile, RAT, bands or PSM", kind="reboot")])


    def radio_on_steps(self, current: Settings, desired: Settings, steps: list[Step]) -> list[Step]:
        """Radio found off on SARA-R4/R5/LARA-R6: most likely an apply was stopped between its
        AT+CFUN=0 and its reboot, so settings written then still wait for the reboot: the radio
        comes back on with the reboot, not with AT+CFUN=1."""
        if desired.cfun != 1 or current.cfun in (None, 1) or any(step.kind == "reboot" for step in steps):
            return super().radio_on_steps(current, desired, steps)
        reboot = self.reboot_command
        return [Step(reboot, "reboot, radio on: the radio is off (left so by an interrupted apply?); "
                     "settings written before it take effect with the reboot", kind="reboot", setting="radio")]


class UbloxU2(Dialect):
    """SARA-U2 (3G/2G) and TOBY-L2 (LTE Cat 4 with 3G/2G): bands by frequency with +UBANDSEL,
    where one MHz value covers every RAT on it; changed with the radio in airplane mode
    (AT+CFUN=4), as ModemManager's u-blox plugin does for both (SETTINGS_UPDATE_METHOD_CFUN),
    then AT+CFUN=1. The RATs whose bands it sets are the profile's (gsm, umts, lte).
    RAT selection (URAT 0-6) is not configured here."""

    name = "ublox-u2"
    vendor_commands = {"AT+UBANDSEL?": "enabled frequencies", "AT+UBANDSEL=": "set frequencies (MHz)",
                       "AT+CCID": "ICCID"}
    read_commands = (("AT+UBANDSEL?", "bands"), ("AT+CGDCONT?", "apn"))
    band_rats = ("gsm", "umts")
    couples_rats = True

    def __init__(self, profile):
        super().__init__(profile)
        if profile is not None and "lte" in profile.rats:  # TOBY-L2: +UBANDSEL values cover LTE too
            self.band_rats = tuple(rat for rat in ("gsm", "umts", "lte") if rat in profile.rats)

    def _enabled(self, values) -> dict[str, frozenset[int]]:
        """What these +UBANDSEL values enable on this module, per RAT."""
        p = self.profile
        lte = p.bands_for("lte") if "lte" in self.band_rats else None
        return bands_from_ubandsel(values, p.bands_for("gsm"), p.bands_for("umts"), lte)

    def _values(self, bands: dict) -> list[int]:
        return ubandsel_values(bands.get("gsm", ()), bands.get("umts", ()), bands.get("lte", ()))

    def absorb(self, settings: Settings, kind: str, f: dict) -> None:
        if kind == "UBANDSEL" and not f.get("test"):
            values = list(ALL_MHZ) if f.get("default") else f.get("mhz") or []
            settings.bands.update(self._enabled(values))
        else:
            super().absorb(settings, kind, f)

    def normalize_bands(self, bands: dict[str, frozenset[int]]) -> dict[str, frozenset[int]]:
        # what the module will report after the write: a frequency enables every RAT on it
        return {**bands, **self._enabled(self._values(bands))} if bands else bands

    def rat_and_band_steps(self, current: Settings, desired: Settings) -> list[Step]:
        if not desired.bands:
            return []
        merged = {rat: desired.bands.get(rat, current.bands.get(rat, frozenset())) for rat in self.band_rats}
        want = self._values(merged)
        have = self._values(current.bands)
        if want == have and current.bands:
            return []
        return [Step(build_cfun(4), "radio off (airplane mode) to change bands", kind="deregister"),
                Step(build_ubandsel(want), "enable only the planned frequencies (all RATs on them)",
                     setting="bands"),
                Step(build_cfun(1), "radio back on")]


class UbloxLaraR6(UbloxR5):
    """LARA-R6: +URAT names a set of RATs, then preferences (atctl.bands.urat)."""

    name = "ublox-lara-r6"

    def urat_command(self, rats: tuple[str, ...]) -> str:
        return build_urat_set(rats)

    def rat_order_from_urat(self, acts: list[int]) -> tuple[str, ...]:
        return urat.set_order(acts)


class UbloxR4(UbloxR5):
    name = "ublox-r4"
    reboot_command = "AT+CFUN=15"   # reset with detach and NVM save (SARA-R4 AT manual, +CFUN)
    vendor_commands = {**UBANDMASK_COMMANDS, "AT+CFUN=15": "reboot (applies bands and PSM)"}
