"""Standard 27.007 behaviour shared by every dialect; vendors override the pieces that differ.

A dialect knows: which commands read the current settings and how to turn their
replies into Settings; which commands change a setting, in which order, and
whether a deregistration or a reboot is needed for them to take effect.
"""

from __future__ import annotations

from atctl.codecs.standard.cfun import build_cfun
from atctl.codecs.standard.cgdcont import build_cgdcont
from atctl.codecs.standard.cpsms import build_cpsms
from atctl.codecs.standard.edrx import build_cedrxs
from atctl.dialects.settings import ApnSetting, EdrxSetting, PsmSetting, Settings, Step, canonical_pdp_type, psm_seconds, timer_seconds
from atctl.errors import AtctlError, ModemTimeout
from atctl.timers.edrx import RAT_ACT


class Dialect:
    name = "standard"
    # (read command, the setting it reports): a read that fails leaves that setting unknown
    read_commands: tuple[tuple[str, str], ...] = (("AT+CPSMS?", "psm"), ("AT+CEDRXS?", "edrx"), ("AT+CGDCONT?", "apn"))
    band_rats: tuple[str, ...] = ()   # RATs whose bands this dialect can restrict
    couples_rats = False              # one band value enables several RATs (u-blox +UBANDSEL)
    rat_settable = False              # the dialect plans a RAT selection / order command
    band_layout: str | None = None    # +QCFG "band" mask layout (lpwa | lte) where the dialect uses +QCFG
    reboot_command: str | None = None  # the command that reboots the module to apply settings
    reboot_answers_when_back = False   # the reboot command's final result comes once the module is back (AT+NRB)
    band_change_notes: tuple[str, ...] = ()  # what a user sending `bands mask` commands by hand must know
    # vendor commands this dialect speaks beyond 27.007, with what each does (console completion)
    vendor_commands: dict[str, str] = {}
    # the profile's ptw_command quirk -> the atctl.timers.edrx form that carries the PTW

    def __init__(self, profile):
        self.profile = profile
        from atctl.profiles.model import Quirks

        self.quirks: Quirks = profile.quirks if profile is not None else Quirks()

    # ---- reading ------------------------------------------------------------------
    def read(self, session) -> Settings:
        """Run the read commands and build Settings; unreadable parts stay None."""
        from atctl.codecs import parse_line

        settings = Settings()
        hints = self.parse_context()
        for command, unread in self.read_commands:
            try:
                response = session.command(command)
            except ModemTimeout:
                if not session.answers():
                    raise
                settings.unread.add(unread)  # this read stalls; the module itself answers
                continue
            if not response.ok:
                settings.unread.add(unread)
                continue
            for line in response.lines:
                try:
                    parsed = parse_line(line, pending=command, profile=self.profile, hints=hints)
                except AtctlError:
                    settings.unread.add(unread)  # a reply atctl cannot read is not an empty setting
                    continue
                if parsed.fields.get("unparsed"):
                    settings.unread.add(unread)  # partly unreadable: the setting's value is unknown
                    continue
                self.absorb(settings, parsed.type, parsed.fields)
        return settings

    def absorb(self, settings: Settings, kind: str, f: dict) -> None:
        if kind == "CPSMS":
            settings.psm = PsmSetting(f.get("mode") or 0, f.get("periodic_tau_bits"), f.get("active_time_bits"))
        elif kind in ("CEDRXS", "QPTWEDRXS") and f.get("rat") in RAT_ACT:
            old = settings.edrx.get(f["rat"])
            settings.edrx[f["rat"]] = EdrxSetting(2, f.get("requested_bits"), f.get("ptw_bits") or (old.ptw_bits if old else None))
        elif kind == "CGDCONT" and f.get("cid") is not None:
            settings.apns[f["cid"]] = ApnSetting(f["cid"], canonical_pdp_type(f.get("pdp_type") or "IP"), f.get("apn") or "")

    # ---- planning (pure) ------------------------------------------------------------
    def plan(self, current: Settings, desired: Settings) -> list[Step]:
        steps = self.rat_and_band_steps(current, desired)
        steps += self.psm_steps(current, desired)
        steps += self.edrx_steps(current, desired)
        steps += self.apn_steps(current, desired)
        steps = self.finish(steps, current, desired)
        return steps + self.radio_on_steps(current, desired, steps)

    def radio_on_steps(self, current: Settings, desired: Settings, steps: list[Step]) -> list[Step]:
        """The radio as desired (on, for a config that must register): a radio found off was most
        likely left so by an interrupted apply (u-blox: AT+CFUN=0 before the reboot step)."""
        want, have = desired.cfun, current.cfun
        if want is None or have is None or have == want:
            return []
        if want == 1 and any(step.kind == "reboot" for step in steps):
            return []  # the module boots with its radio on
        wanted = build_cfun(want)
        prefix = wanted.split("=")[0] + "="
        last_cfun = next((step.command for step in reversed(steps) if step.command.startswith(prefix)), None)
        if last_cfun == wanted:
            return []  # the plan already leaves the radio so (u-blox SARA-U2's band change ends in AT+CFUN=1)
        why = "radio on: the radio is off (left so by an interrupted apply?)" if want == 1 else \
            f"radio back to AT+CFUN={want}, as before apply"
        return [Step(build_cfun(want), why, setting="radio")]

    def rat_and_band_steps(self, current: Settings, desired: Settings) -> list[Step]:
        return []

    def psm_steps(self, current: Settings, desired: Settings) -> list[Step]:
        want = desired.psm
        if want is not None and want.mode != 1 and (want.tau_bits or want.active_bits):
            # a restore: PSM off with the timers it had (AT+CPSMS=0 alone keeps the timers apply
            # wrote, and a later AT+CPSMS=1 would bring them back); 27.007 10.1.23 takes timers
            # with mode 0
            have = current.psm
            if have is not None and have.mode == want.mode and timer_seconds(have) == timer_seconds(want):
                return []
            return [Step(build_cpsms(want.mode, want.tau_bits or "", want.active_bits or ""),
                         "turn PSM off and put its timers back", setting="psm")]
        if want is None or psm_seconds(current.psm) == psm_seconds(want):
            return []
        if want.mode != 1:
            return [Step(build_cpsms(0), "turn PSM off", setting="psm")]
        return [Step(build_cpsms(1, desired.psm.tau_bits, desired.psm.active_bits), "request PSM timers",
                     setting="psm")]

    def edrx_steps(self, current: Settings, desired: Settings) -> list[Step]:
        steps = []
        for rat, want in desired.edrx.items():
            have = current.edrx.get(rat)
            if want.mode == 0:
                if have is not None and have.mode != 0:
                    steps.append(Step(build_cedrxs(0, RAT_ACT[rat]), f"turn eDRX off on {rat}", setting="edrx"))
                continue
            ptw_settable = self.ptw_settable
            same = have is not None and have.mode != 0 and have.cycle_bits == want.cycle_bits and \
                (not ptw_settable or want.ptw_bits is None or have.ptw_bits == want.ptw_bits)
            if not same:
                ptw = want.ptw_bits if ptw_settable else None
                for command in self.edrx_commands(rat, want.cycle_bits, ptw):
                    steps.append(Step(command, f"request eDRX on {rat}", setting="edrx"))
        return steps

    def apn_steps(self, current: Settings, desired: Settings) -> list[Step]:
        want = desired.apn
        if want is None or current.apns.get(want.cid) == want:
            return []
        return [Step(build_cgdcont(want.cid, want.pdp_type, want.name), "set the APN", setting="apn")]

    def finish(self, steps: list[Step], current: Settings, desired: Settings) -> list[Step]:
        return steps

    # ---- eDRX / PTW form -----------------------------------------------------------------
    @property
    def ptw_form(self) -> str:
        """Where the paging time window goes (profile quirk ptw_command): none | qptwedrxs | cedrxs4."""
        return self.quirks.ptw_command

    @property
    def ptw_settable(self) -> bool:
        return self.ptw_form != "none"

    def edrx_commands(self, rat: str, cycle_bits: str, ptw_bits: str | None = None) -> list[str]:
        """The commands that request this eDRX cycle, with the PTW where the module can set it."""
        from atctl.codecs.edrx_request import build_edrx_request

        return build_edrx_request(rat, cycle_bits, ptw_bits if self.ptw_settable else None, self.ptw_form)

    def ptw_warnings(self, ptw_bits: str | None) -> tuple[str, ...]:
        """Why a requested paging time window will not be sent."""
        if ptw_bits is None or self.ptw_settable:
            return ()
        who = self.profile.id if self.profile is not None else "the standard AT+CEDRXS"
        return (f"{who} cannot set the paging time window: only the eDRX cycle is requested.",)

    # ---- desired state ----------------------------------------------------------------
    def settable_band_rats(self) -> set[str]:
        return set(self.band_rats)

    def normalize_bands(self, bands: dict[str, frozenset[int]]) -> dict[str, frozenset[int]]:
        """The per-RAT bands the module will report once `bands` are written (identity
        unless the vendor command couples RATs, as u-blox +UBANDSEL does)."""
        return bands

    def rat_settings(self, rats: list[str]) -> dict[str, object]:
        return {}

    # ---- codecs: what the parsers need to know about this module --------------------------
    def parse_context(self):
        """ModuleHints for atctl.codecs.parse_line: the AcT numbers the module reports (profile
        quirks act_emtc / act_nbiot), its RATs, its +QCFG "band" layout (from the RATs this
        dialect sets bands for), its +UBANDMASK RAT numbers, the +CEREG vendor field quirk."""
        from dataclasses import replace

        from atctl.codecs.hints import ModuleHints, band_layout_for, hints_from_profile

        hints = hints_from_profile(self.profile) if self.profile is not None else ModuleHints()
        return replace(hints, band_layout=band_layout_for(self.band_rats))

    # ---- a band change alone (atctl bands mask, the console's :bands) ----------------------
    def band_steps(self, bands: dict[str, frozenset[int]]) -> list[Step]:
        """The steps `plan` takes to enable exactly these bands, radio-off and reboot included:
        planned by plan() itself, so both print the same commands. The planned RATs' current bands
        count as unknown (always written); the other RATs as the module's every band."""
        wanted = {rat: frozenset(b) for rat, b in bands.items() if b and rat in self.settable_band_rats()}
        if not wanted:
            return []
        every = {rat: frozenset(self.profile.bands_for(rat)) for rat in self.profile.rats} if self.profile else {}
        current = Settings(bands={rat: b for rat, b in every.items() if rat not in wanted})
        return self.plan(current, Settings(bands=self.normalize_bands(wanted)))

    # ---- device procedures: forms device/ asks for ----
    # ICCID reads tried in order (command, reply prefix); vendors that have one answer only that one
    iccid_reads: tuple[tuple[str, str], ...] = (("AT+QCCID", "+QCCID:"), ("AT+CCID", "+CCID:"), ("AT+ICCID", "+ICCID:"))
    serving_cell_default: str | None = None   # how band and channel in use are read: qnwinfo | qeng0 | None
    qcsq_on_lte_m = False                     # AT+QCSQ (RSRP, RSRQ, SINR) before AT+CESQ on a module with LTE-M
    boot_banner_default: str | None = None    # the line the module prints once it has booted (None: silent)

    def parse_reply(self, line: str, pending=None, names=None):
        """One reply line decoded as this dialect's modules write it (`names`: PLMN -> operator name)."""
        from atctl.codecs import parse_line

        return parse_line(line, pending=pending, profile=self.profile, names=names, hints=self.parse_context())

    def serving_cell_read(self) -> tuple[str, str] | None:
        """(command, reply prefix) that gives the band and channel in use (profile quirk
        serving_cell_read refines it); None: the module has no such read."""
        how = self.quirks.serving_cell_read or self.serving_cell_default
        return {"qnwinfo": ("AT+QNWINFO", "+QNWINFO:"), "qeng0": ("AT+QENG=0", "+QENG: 0,")}.get(how)

    def signal_reads(self) -> tuple[tuple[str, str], ...]:
        """Signal reads, best first: each fills what the ones before it left unknown."""
        rats = getattr(self.profile, "rats", None) or []
        qcsq = self.quirks.signal_read == "qcsq" or (self.qcsq_on_lte_m and "lte-m" in rats)
        return ((("AT+QCSQ", "+QCSQ:"),) if qcsq else ()) + (("AT+CESQ", "+CESQ:"), ("AT+CSQ", "+CSQ:"))

    def granted_psm_reads(self) -> tuple[tuple[str, str], ...]:
        """Reads of the network-granted PSM timers besides +CEREG n=4/5 (profile quirk psm_granted_read)."""
        return (("AT+UCPSMS?", "+UCPSMS:"),) if self.quirks.psm_granted_read == "ucpsms" else ()

    def boot_banner(self) -> str | None:
        """The line to wait for after a reboot (profile quirk boot_banner refines it); None: probe."""
        return self.quirks.boot_banner or self.boot_banner_default
