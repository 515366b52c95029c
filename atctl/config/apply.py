"""plan / apply / verify against a live module.

apply: read and save the current settings, run only the steps that change
something (in the dialect's order), wait for registration, verify. If a step
fails or the module reboots mid-way, the saved settings are written back and
the error says which step failed and what state each setting is in now.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from atctl.config.desired import Desired, desired_state
from atctl.config.verify import Check, configured_check, verify_state
from atctl.dialects import get_dialect
from atctl.dialects.base import radio_state
from atctl.dialects.state import Edrx, Settings, Step, psm_seconds
from atctl.errors import AtctlError, ModemUnreachable, OperationFailed

Progress = Callable[[str], None]
BOOT_LINES = ("RDY", "APP RDY", "+CPIN: READY", "+CFUN: 1")


class ApplyFailed(OperationFailed):
    """A step failed; `restore` says what was done about it."""

    def __init__(self, message: str, *, results: list, restore: dict, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.results = results
        self.restore = restore


@dataclass
class StepResult:
    step: Step
    ok: bool
    response: str
    lines: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {**self.step.as_dict(), "response": self.response, "ok": self.ok, "lines": self.lines}


@dataclass
class Outcome:
    module: str
    plan: list[Step]
    results: list[StepResult]
    checks: list[Check]
    warnings: list[str]

    @property
    def changed(self) -> bool:
        return bool(self.results)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)


def resolve_profile(session, config, module: str | None, profiles: str | None):
    """--module, then the config's module, then what the module says it is."""
    from atctl.errors import InputError
    from atctl.profiles import load_profile

    wanted = module or config.module
    if wanted:
        profile = load_profile(wanted, profiles)
    else:
        from atctl.at.identify import identify

        identify(session, profiles)
        profile = session.profile
        if profile is None:
            raise InputError("could not tell which module this is", hint="add `module:` to the config or pass --module")
    session.profile = profile
    return profile


def prepare(session, config, profile, *, need_sim: bool = False) -> tuple[object, Desired, Settings, list[Step]]:
    from atctl.sim_card import SimNotReady, read_sim_state

    sim = read_sim_state(session)  # first: without a usable SIM no network wait can succeed
    if sim.blocking and need_sim:
        raise SimNotReady(sim)  # nothing written
    dialect = get_dialect(profile)
    desired = desired_state(config, profile, dialect)
    if sim.blocking:
        desired.warnings.append(SimNotReady(sim).message)
    current = dialect.read(session)
    return dialect, desired, current, dialect.plan(current, desired.settings)


def _wait_until_back(session, progress: Progress | None, boot_timeout: float) -> None:
    """After a reboot command: wait for the module to go down and come back, on data and deadlines.

    Modules that print a boot banner (Quectel: RDY; profile quirk `boot_banner`) are waited for on
    it; silent ones (u-blox) are probed until a probe goes unanswered, then until they answer again.
    """
    from atctl.errors import ModemTimeout

    if progress:
        progress("waiting for the module to reboot")
    profile = session.profile
    quirks = getattr(profile, "quirks", {}) or {}
    banner = quirks.get("boot_banner", "RDY" if getattr(profile, "vendor", None) == "quectel" else None)
    if banner:
        session.wait_urc(banner, 10.0)
    else:
        went_down = time.monotonic() + 10.0
        while time.monotonic() < went_down:
            try:
                session.command("AT", timeout=0.3, expect_reboot=True)
            except ModemTimeout:
                break
            session.wait_urc("", 0.2, lambda line: line in BOOT_LINES)  # a quiet gap between probes
    session.start(boot_timeout=boot_timeout)


def run_steps(session, steps: list[Step], progress: Progress | None = None, boot_timeout: float = 60.0) -> list[StepResult]:
    results: list[StepResult] = []
    for index, step in enumerate(steps, 1):
        if progress:
            progress(f"step {index}/{len(steps)}: {step.purpose}")
        try:
            response = session.command(step.command, expect_reboot=step.kind == "reboot")
        except AtctlError as exc:
            results.append(StepResult(step, False, exc.one_line()))
            raise _StepError(index, step, exc.one_line(), results, exc) from None
        results.append(StepResult(step, response.ok, response.final if response.ok
                                  else f"{response.final} ({response.error_text})", response.lines))
        if not response.ok:
            raise _StepError(index, step, response.error_text or response.final, results, None)
        if step.kind == "reboot":
            _wait_until_back(session, progress, boot_timeout)
    return results


class _StepError(Exception):
    def __init__(self, index: int, step: Step, reason: str, results: list, cause):
        self.index, self.step, self.reason, self.results, self.cause = index, step, reason, results, cause


def _restore_target(saved: Settings, now: Settings, apn_cid: int | None) -> Settings:
    target = Settings(rat_order=saved.rat_order, rat_config=dict(saved.rat_config), bands=dict(saved.bands),
                      psm=saved.psm, edrx=dict(saved.edrx), mno_profile=saved.mno_profile, apns=saved.apns)
    for rat in now.edrx:
        target.edrx.setdefault(rat, Edrx(0))
    if apn_cid is not None and apn_cid in saved.apns:
        target.apn = saved.apns[apn_cid]
    return target


def differences(a: Settings, b: Settings) -> list[str]:
    """Names of settings that differ between two readings."""
    diffs = []
    if a.bands != b.bands:
        diffs.append("bands")
    if a.rat_order != b.rat_order or a.rat_config != b.rat_config:
        diffs.append("rat")
    if psm_seconds(a.psm) != psm_seconds(b.psm):
        diffs.append("psm")
    if {r: e for r, e in a.edrx.items() if e.mode} != {r: e for r, e in b.edrx.items() if e.mode}:
        diffs.append("edrx")
    if a.apns != b.apns:
        diffs.append("apn")
    if a.mno_profile != b.mno_profile:
        diffs.append("mno_profile")
    return diffs


def restore(session, dialect, saved: Settings, apn_cid: int | None, progress: Progress | None,
            written: set[str] = frozenset()) -> dict:
    """Write the saved settings back; report what state each setting is in afterwards.
    `written`: settings apply changed before failing; those whose read failed before apply
    cannot be put back and are named."""
    if progress:
        progress("restoring the saved settings")
    try:
        session.start(boot_timeout=30)
        now = dialect.read(session)
        steps = dialect.plan(now, _restore_target(saved, now, apn_cid))
        errors = []
        try:
            run_steps(session, steps, progress)
        except _StepError as err:
            errors.append(f"{err.step.command}: {err.reason}")
        # a step that switched the radio off (AT+CFUN=0/4 before a write) must not leave it off
        radio_before, radio_now = saved.radio, radio_state(session)
        if radio_before is not None and radio_now is not None and radio_now != radio_before:
            response = session.command(f"AT+CFUN={radio_before}")
            if not response.ok:
                errors.append(f"AT+CFUN={radio_before}: {response.error_text or response.final}")
        after = dialect.read(session)
        radio_now = after.radio
    except ModemUnreachable as exc:
        return {"restored": False, "differs": None, "detail": f"the module does not answer ({exc.one_line()}): "
                "its settings are unknown; run `atctl plan` when it is back"}
    unknown = sorted(set(written) & saved.unread)
    differs = sorted(set(differences(after, saved)) | set(unknown))
    if radio_before is not None and radio_now != radio_before:
        differs.append("radio")
        errors.append(f"the radio is at AT+CFUN={radio_now}, was {radio_before}: send AT+CFUN={radio_before}")
    if not differs:
        return {"restored": True, "differs": [], "detail": "all settings are back as they were before apply"}
    detail = f"still different from before apply: {', '.join(differs)}" + (f" ({'; '.join(errors)})" if errors else "")
    if unknown:
        detail += (f"; {', '.join(unknown)} could not be read before apply, so their earlier value is unknown "
                   "and they keep the value apply wrote")
    return {"restored": False, "differs": differs, "unknown_before": unknown, "detail": detail}


def wait_for_registration(session, timeout: float, want_timers: bool, progress: Progress | None,
                          grant_wait: float = 20.0) -> None:
    """Wait on +CEREG URCs (n=5 while waiting, restored after) until registered. When PSM was
    requested, also wait for the network's answer: a registration URC after our writes (attach or
    TAU accept) carries the granted timers, or their absence (PSM refused)."""
    from atctl.responses import parse_line

    def fields_of(line: str, pending) -> dict:
        try:
            return parse_line(line, pending=pending, profile=session.profile).fields
        except AtctlError:
            return {}

    first = session.command("AT+CEREG?")
    old_n = fields_of(first.lines[0], "AT+CEREG?").get("n") if first.ok and first.lines else None
    changed = old_n not in (4, 5) and (session.command("AT+CEREG=5").ok or session.command("AT+CEREG=4").ok)
    deadline = time.monotonic() + timeout
    registered_at = None
    answer_seen = False
    try:
        while time.monotonic() < deadline:
            response = session.command("AT+CEREG?")
            fields = fields_of(response.lines[0], "AT+CEREG?") if response.ok and response.lines else {}
            stat = fields.get("stat")
            if stat == 3:
                return  # denied: verify explains it with the cause
            if stat in (1, 5):
                registered_at = registered_at or time.monotonic()
                if not want_timers or fields.get("periodic_tau_bits") or answer_seen or \
                        time.monotonic() - registered_at > grant_wait:
                    return
            if progress:
                progress(f"waiting for the network ({fields.get('stat_text', 'unknown')})")
            urc = session.wait_urc("+CEREG:", min(5.0, max(0.0, deadline - time.monotonic())))
            if urc is not None and fields_of(urc, False).get("stat") in (1, 5):
                answer_seen = True
    finally:
        if changed and old_n is not None:
            session.command(f"AT+CEREG={old_n}")


def verify_now(session, config, desired: Desired, profile, *, settle: bool = False,
               after_apply: bool = False, observe: bool = True) -> list[Check]:
    """Read the network state and check it. With settle, a module still searching gets up to
    the config's registration timeout first (a verify right after power-on)."""
    from atctl.network_state import read_network_state

    if settle:
        from atctl.network_state import require_radio_on
        from atctl.sim_card import require_sim_ready

        require_sim_ready(session)  # no SIM or a locked one: say so now, not after the registration timeout
        require_radio_on(session)   # a radio left off (#20) likewise
        wait_for_registration(session, config.expect.timeout, False, None)
    dialect = get_dialect(profile)
    current = dialect.read(session)
    configured = configured_check(current, dialect.plan(current, desired.settings), after_apply)
    state = read_network_state(session)
    if observe:
        from atctl.observations import record_state

        record_state(state, session.port_name)  # the band this network served (atctl.observations)
    return [configured] + verify_state(config, desired, state)


def apply_config(session, config, profile, *, wait: bool = True, progress: Progress | None = None) -> Outcome:
    dialect, desired, saved, steps = prepare(session, config, profile, need_sim=wait)
    try:
        results = run_steps(session, steps, progress)
    except _StepError as err:
        written = {r.step.setting for r in err.results if r.ok and r.step.setting}
        report = restore(session, dialect, saved, config.apn.cid if config.apn else None, progress, written)
        raise ApplyFailed(
            f"step {err.index}/{len(steps)} `{err.step.command}` ({err.step.purpose}) failed: {err.reason}; "
            f"{report['detail']}",
            results=err.results, restore=report,
            hint=None if report["restored"] else "run `atctl plan` to see what differs") from None
    if wait:
        # a PSM change answered by a TAU comes later; after a reboot the attach already carried it
        psm_at = [i for i, step in enumerate(steps) if step.setting == "psm"]
        want_timers = bool(config.psm) and bool(psm_at) and not any(
            step.kind == "reboot" for step in steps[psm_at[-1]:])
        wait_for_registration(session, config.expect.timeout, want_timers, progress)
    checks = verify_now(session, config, desired, profile, after_apply=True)
    return Outcome(profile.id, steps, results, checks, desired.warnings)
