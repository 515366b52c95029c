"""Standard 27.007 behaviour shared by every dialect; vendors override the pieces that differ.

A dialect knows: which commands read the current settings and how to turn their
replies into Settings; which commands change a setting, in which order, and
whether a deregistration or a reboot is needed for them to take effect.
"""

from __future__ import annotations

from atctl.codecs.edrx_request import edrx_commands
from atctl.codecs.standard.cfun import build_cfun
from atctl.codecs.standard.cgdcont import build_cgdcont
from atctl.codecs.standard.cpsms import build_cpsms
from atctl.codecs.standard.edrx import build_cedrxs
from atctl.dialects.state import Apn, Edrx, Psm, Settings, Step, canonical_pdp_type, psm_seconds, timer_seconds
from atctl.errors import AtctlError, ModemTimeout
from atctl.timers.edrx import RAT_ACT


def radio_state(session) -> int | None:
    """AT+CFUN? as a number (1 full, 0 minimum, 4 airplane), None when unreadable."""
    try:
        response = session.command("AT+CFUN?")
    except ModemTimeout:
        if not session.answers():
            raise
        return None
    line = response.first("+CFUN:") if response.ok else None
    if line is None:
        return None
    from atctl.codecs import parse_line

    try:
        return parse_line(line).fields["fun"]
    except AtctlError:
        return None


class Dialect:
    name = "standard"
    vendor_for_commands = "standard"   # edrx_commands() vendor form
    # (read command, the setting it reports): a read that fails leaves that setting unknown
    read_commands: tuple[tuple[str, str], ...] = (("AT+CPSMS?", "psm"), ("AT+CEDRXS?", "edrx"), ("AT+CGDCONT?", "apn"))
    band_rats: tuple[str, ...] = ()   # RATs whose bands this dialect can restrict
    couples_rats = False              # one band value enables several RATs (u-blox +UBANDSEL)
    rat_settable = False              # the dialect plans a RAT selection / order command

    def __init__(self, profile):
        self.profile = profile
        self.quirks = profile.quirks if profile is not None else {}

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
        settings.radio = radio_state(session)
        return settings

    def absorb(self, settings: Settings, kind: str, f: dict) -> None:
        if kind == "CPSMS":
            settings.psm = Psm(f.get("mode") or 0, f.get("periodic_tau_bits"), f.get("active_time_bits"))
        elif kind in ("CEDRXS", "QPTWEDRXS") and f.get("rat") in RAT_ACT:
            old = settings.edrx.get(f["rat"])
            settings.edrx[f["rat"]] = Edrx(2, f.get("requested_bits"), f.get("ptw_bits") or (old.ptw_bits if old else None))
        elif kind == "CGDCONT" and f.get("cid") is not None:
            settings.apns[f["cid"]] = Apn(f["cid"], canonical_pdp_type(f.get("pdp_type") or "IP"), f.get("apn") or "")

    # ---- planning (pure) ------------------------------------------------------------
    def plan(self, current: Settings, desired: Settings) -> list[Step]:
        steps = self.radio_steps(current, desired)
        steps += self.psm_steps(current, desired)
        steps += self.edrx_steps(current, desired)
        steps += self.apn_steps(current, desired)
        steps = self.finish(steps, current, desired)
        return steps + self.radio_on_steps(current, desired, steps)

    def radio_on_steps(self, current: Settings, desired: Settings, steps: list[Step]) -> list[Step]:
        """The radio as desired (on, for a config that must register): a radio found off was most
        likely left so by an interrupted apply (u-blox: AT+CFUN=0 before the reboot step)."""
        want, have = desired.radio, current.radio
        if want is None or have is None or have == want:
            return []
        if want == 1 and any(step.kind == "reboot" for step in steps):
            return []  # the module boots with its radio on
        if steps and steps[-1].command == build_cfun(want):
            return []
        why = "radio on: the radio is off (left so by an interrupted apply?)" if want == 1 else \
            f"radio back to AT+CFUN={want}, as before apply"
        return [Step(build_cfun(want), why, setting="radio")]

    def radio_steps(self, current: Settings, desired: Settings) -> list[Step]:
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
            ptw_settable = self.quirks.get("ptw_command", "none") != "none"
            same = have is not None and have.mode != 0 and have.cycle_bits == want.cycle_bits and \
                (not ptw_settable or want.ptw_bits is None or have.ptw_bits == want.ptw_bits)
            if not same:
                ptw = want.ptw_bits if ptw_settable else None
                for command in edrx_commands(rat, want.cycle_bits, ptw, self.vendor_for_commands):
                    steps.append(Step(command, f"request eDRX on {rat}", setting="edrx"))
        return steps

    def apn_steps(self, current: Settings, desired: Settings) -> list[Step]:
        want = desired.apn
        if want is None or current.apns.get(want.cid) == want:
            return []
        return [Step(build_cgdcont(want.cid, want.pdp_type, want.name), "set the APN", setting="apn")]

    def finish(self, steps: list[Step], current: Settings, desired: Settings) -> list[Step]:
        return steps

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
