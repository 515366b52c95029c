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
from atctl.dialects.settings import EdrxSetting, Settings, Step
from atctl.device.radio import radio_state
from atctl.device.registration import WaitCallback, WaitResult, wait_for_registration
from atctl.device.settings import read_settings
from atctl.at.session import LinkLost
from atctl.errors import AtctlError, Interrupted, ModemTimeout, ModemUnreachable, OperationFailed

Progress = Callable[[str], None]
BOOT_LINES = ("RDY", "APP RDY", "+CPIN: READY", "+CFUN: 1")
MAX_REBOOTS = 2        # unexpected reboots apply recovers from (re-read, re-plan, continue) before restoring
REBOOT_WAIT_S = 30.0
EDRX_ANSWER_S = 5.0    # how long the network gets to answer an eDRX request (+CEDRXP) before verify reads it
REBOOT_ANSWER_S = 10.0  # how long a reboot command (AT+CFUN=15/16, AT+CFUN=1,1) gets to answer before it resets


class ApplyLinkLost(LinkLost):
    """The link to the module went mid-apply (exit 3): the session's LinkLost, plus the steps sent
    (`results`) and what was written before (`written`)."""

    def __init__(self, message: str, *, results: list, written: list[str], hint: str | None = None):
        super().__init__(message, hint=hint)
        self.results = results
        self.written = written


class ApplyInterrupted(Interrupted):
    """Ctrl-C / SIGTERM during apply (exit 130); `restore` says what was done about it."""

    def __init__(self, message: str, *, results: list, restore: dict | None, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.results = results
        self.restore = restore


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
    reboots: int = 0                 # unexpected reboots apply recovered from
    wait: WaitResult | None = None   # how the registration wait ended

    @property
    def changed(self) -> bool:
        return bool(self.results)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def written(self) -> list[str]:
        """The settings written (sorted names), whatever the steps' order."""
        return sorted({r.step.setting for r in self.results if r.ok and r.step.setting})

    @property
    def summary(self) -> str:
        """One line: what was sent and written, and whether verify passed (and if not, why)."""
        rebooted = f" (the module rebooted {self.reboots} time(s) mid-apply; apply re-read and continued)" \
            if self.reboots else ""
        if not self.results:
            head = "nothing to change"
        else:
            head = (f"all {len(self.results)} step(s) sent and answered OK "
                    f"({', '.join(self.written) or 'no setting'} written){rebooted}")
        if self.ok:
            return f"{head}; verified"
        failing = "; ".join(f"{c.name}: {c.reason}" for c in self.checks if not c.ok)
        return f"{head}; verify failed: {failing}"

    def as_dict(self) -> dict:
        """The `apply --json` document (the CLI adds "battery" when it can estimate one)."""
        checks = [c.as_dict() for c in self.checks]
        return {"module": self.module, "steps": [r.as_dict() for r in self.results], "changed": self.changed,
                "verify": {"ok": self.ok, "checks": checks}, "ok": self.ok, "warnings": self.warnings,
                "written": self.written, "reboots": self.reboots, "summary": self.summary,
                "wait": None if self.wait is None else self.wait.as_dict()}


def failure_document(module: str, exc: ApplyFailed | ApplyInterrupted | ApplyLinkLost) -> dict:
    """The `apply --json` document of an apply that stopped: the steps sent, what was restored."""
    return {"module": module, "steps": [r.as_dict() for r in exc.results], "changed": bool(exc.results),
            "ok": False, "error": exc.one_line(), "restore": getattr(exc, "restore", None)}


def resolve_profile(session, config, module: str | None, profiles: str | None):
    """--module, then the config's module, then what the module says it is. A named module is
    checked against the one on the port before anything is written (sibling variants such as
    BG95-M1 and BG95-M3 count as different modules): a mismatch is an InputError (exit 2)."""
    from atctl.errors import InputError
    from atctl.profiles import load_profile

    wanted = module or config.module
    if wanted:
        profile = load_profile(wanted, profiles)
        check_module(session, profile, "--module is" if module else "config is for", profiles)
    else:
        from atctl.device.identify import identify

        identify(session, profiles)
        profile = session.profile
        if profile is None:
            raise InputError("could not tell which module this is", hint="add `module:` to the config or pass --module")
    session.profile = profile
    return profile


def check_module(session, profile, said_by: str = "config is for", profiles: str | None = None) -> None:
    """Refuse to configure a module other than `profile`. A module atctl cannot identify (no
    matching profile, or no answer to AT+CGMM/ATI) is taken at the config's word."""
    from atctl.device.identify import module_on_port
    from atctl.errors import InputError

    found = module_on_port(session, profiles)
    if found.profile is None or found.profile.id == profile.id:
        return
    model = found.model or found.profile.identity.model
    raise InputError(f"{said_by} {profile.id}, the module on {session.port_name} is a {model} ({found.profile.id})",
                     hint=f"pass --module {found.profile.id} or fix the config; nothing was sent to the module")


def prepare(session, config, profile, *, need_sim: bool = False) -> tuple[object, Desired, Settings, list[Step]]:
    from atctl.sim_card import SimNotReady, read_sim_state

    sim = read_sim_state(session)  # first: without a usable SIM no network wait can succeed
    if sim.blocking and need_sim:
        raise SimNotReady(sim)  # nothing written
    dialect = get_dialect(profile)
    desired = desired_state(config, profile, dialect)
    if sim.blocking:
        desired.warnings.append(SimNotReady(sim).message)
    current = read_settings(session, dialect)
    return dialect, desired, current, dialect.plan(current, desired.settings)


def _wait_until_back(session, progress: Progress | None, boot_timeout: float) -> None:
    """After a reboot command: wait for the module to go down and come back, on data and deadlines.

    Modules that print a boot banner (the dialect's: Quectel RDY) are waited for on it; silent ones
    (u-blox) are probed until a probe goes unanswered, then until they answer again.
    """
    from atctl.errors import ModemTimeout

    if progress:
        progress("waiting for the module to reboot")
    banner = get_dialect(session.profile).boot_banner()
    if banner:
        session.wait_urc(banner, 10.0)
    else:
        went_down = time.monotonic() + 10.0
        while time.monotonic() < went_down:
            try:
                session.command("AT", timeout=0.3, expect_reboot=True)
            except ModemTimeout:
                break
            if session.echo:
                break  # the echo is back on (ATE0 lost): it reset already, faster than a probe
            session.wait_urc("", 0.2, lambda line: line in BOOT_LINES)  # a quiet gap between probes
    session.start(boot_timeout=boot_timeout)


def run_steps(session, steps: list[Step], progress: Progress | None = None, boot_timeout: float = REBOOT_WAIT_S,
              results: list | None = None) -> list[StepResult]:
    """Send `steps` in order; stop at the first failure (_StepError). `results` (appended to in
    place) keeps what was sent even when an interrupt ends the run."""
    results = [] if results is None else results
    first = len(results)
    for index, step in enumerate(steps, 1):
        if progress:
            progress(f"step {index}/{len(steps)}: {step.purpose}")
        reboot = step.kind == "reboot"
        try:
            response = session.command(step.command, _reboot_deadline(session, step) if reboot else None,
                                       expect_reboot=reboot)
        except ModemTimeout as exc:
            if not reboot:
                results.append(StepResult(step, False, exc.one_line()))
                raise _StepError(index, step, exc.one_line(), results[first:], exc) from None
            if get_dialect(session.profile).reboot_answers_when_back and _still_up(session):
                # AT+NRB answers once the module is back: no answer while it goes on answering with
                # its echo still off means it never rebooted, so what the reboot applies is not applied
                why = f"{step.command} got no answer and the module did not reboot: the settings it applies are not applied"
                results.append(StepResult(step, False, why))
                raise _StepError(index, step, why, results[first:], exc) from None
            response = None  # it reset before answering: the wait below tells whether it came back
        except AtctlError as exc:
            results.append(StepResult(step, False, exc.one_line()))
            raise _StepError(index, step, exc.one_line(), results[first:], exc) from None
        except KeyboardInterrupt:
            final = _late_final(session)
            answer = f" (the module then answered {final})" if final else \
                " (no answer yet: the module may still be rebooting)" if reboot else \
                " (no answer: the write may or may not have been kept)"
            results.append(StepResult(step, final == "OK", "interrupted" + answer))
            raise
        if response is None:
            results.append(StepResult(step, True, "no answer (the module reset before answering)"))
        else:
            results.append(StepResult(step, response.ok, response.final if response.ok
                                      else f"{response.final} ({response.error_text})", response.lines))
        if response is not None and not response.ok:
            raise _StepError(index, step, response.error_text or response.final, results[first:], None)
        if step.kind == "reboot":
            try:
                if response is not None and get_dialect(session.profile).reboot_answers_when_back:
                    session.start(boot_timeout=boot_timeout)  # its OK came once it was back (AT+NRB)
                else:
                    _wait_until_back(session, progress, boot_timeout)
            except AtctlError as exc:
                reason = (f"the module did not answer again within {boot_timeout:g} s of the reboot"
                          if isinstance(exc, ModemUnreachable) else f"after the reboot: {exc.one_line()}")
                raise _StepError(index, step, reason, results[first:], exc) from None
    return results[first:]


def _reboot_deadline(session, step: Step) -> float:
    """A reboot command answers OK at once and then resets (or resets first): its deadline is
    the shorter of the command's own and REBOOT_ANSWER_S, not the minutes a u-blox AT+CFUN may
    take to deregister (a 180 s wait per reboot that never answers, seen on SARA-R4/R5)."""
    from atctl.at.timeouts import timeout_for

    own = timeout_for(step.command, session.profile, session.timeouts)
    if get_dialect(session.profile).reboot_answers_when_back:
        return own  # AT+NRB answers once the module is back: its deadline covers the boot
    return min(own, REBOOT_ANSWER_S)


def _late_final(session) -> str | None:
    """After an interrupt mid-command: wait (bounded) for that command's final result, so the
    next command is not answered by it and the report can say whether the write went through."""
    from atctl.at.classify import final_of

    try:
        return session.wait_urc("", 3.0, lambda line: final_of(line) is not None)
    except (AtctlError, KeyboardInterrupt):
        return None


class _StepError(Exception):
    def __init__(self, index: int, step: Step, reason: str, results: list, cause):
        self.index, self.step, self.reason, self.results, self.cause = index, step, reason, results, cause
        self.answering = False  # after a timeout: the module still answers a bare AT

    @property
    def rebooted(self) -> bool:
        from atctl.at.session import ModemRebooted

        return isinstance(self.cause, ModemRebooted)


def _restore_target(saved: Settings, now: Settings, apn_cid: int | None) -> Settings:
    target = Settings(rat_order=saved.rat_order, rat_config=dict(saved.rat_config), bands=dict(saved.bands),
                      psm=saved.psm, edrx=dict(saved.edrx), mno_profile=saved.mno_profile, apns=saved.apns,
                      cfun=saved.cfun)
    for rat in now.edrx:
        target.edrx.setdefault(rat, EdrxSetting(0))
    if apn_cid is not None and apn_cid in saved.apns:
        target.apn = saved.apns[apn_cid]
    return target


def _planned_settings(dialect, current: Settings, target: Settings) -> set[str]:
    return {step.setting for step in dialect.plan(current, target) if step.setting}


def setting_states(dialect, saved: Settings, after: Settings, desired: Settings | None, apn_cid: int | None,
                   written: set[str]) -> dict[str, str]:
    """Per setting apply touched (or that differs now): its state after a restore, proved by the
    read-back (the planner compares it with the saved and with the desired settings)."""
    target = _restore_target(saved, after, apn_cid)
    not_back = _planned_settings(dialect, after, target)
    not_desired = _planned_settings(dialect, after, desired) if desired is not None else set()
    states = {}
    for name in sorted(set(written) | not_back | set(after.unread & set(written))):
        if name in after.unread:
            states[name] = "unknown (it could not be read back)"
        elif name in saved.unread:
            states[name] = ("as apply wrote it (its value before apply is unknown)" if name not in not_desired
                            else "unknown (could not be read before apply)")
        elif name not in not_back:
            states[name] = "as before apply"
        elif desired is not None and name not in not_desired:
            states[name] = "as apply wrote it"
        else:
            states[name] = "changed (neither as before apply nor as planned)"
    return states


def _states_text(states: dict[str, str]) -> str:
    return "; ".join(f"{name}: {state}" for name, state in states.items())


def restore(session, dialect, saved: Settings, apn_cid: int | None, progress: Progress | None,
            written: set[str] = frozenset(), desired: Settings | None = None) -> dict:
    """Write the saved settings back; report what state each setting is in afterwards (from a
    read-back, never assumed). `written`: settings apply changed (or may have) before failing.
    A reboot during the restore is waited out and the restore is run again (bounded); a second
    interrupt (Ctrl-C) aborts it."""
    if progress:
        progress("restoring the saved settings")
    errors: list[str] = []
    reboots = 0
    try:
        while True:
            try:
                session.start(boot_timeout=REBOOT_WAIT_S)
                now = read_settings(session, dialect)
                steps = dialect.plan(now, _restore_target(saved, now, apn_cid))
                try:
                    run_steps(session, steps, progress)
                except _StepError as err:
                    if err.rebooted or isinstance(err.cause, ModemTimeout):
                        raise err.cause from None  # a reboot (seen, or silent): run the restore again
                    errors.append(f"{err.step.command}: {err.reason}")
                # a step that switched the radio off (AT+CFUN=0/4 before a write) must not leave it off
                radio_before, radio_now = saved.cfun, radio_state(session)
                if radio_before is not None and radio_now is not None and radio_now != radio_before:
                    response = session.command(f"AT+CFUN={radio_before}")
                    if not response.ok:
                        errors.append(f"AT+CFUN={radio_before}: {response.error_text or response.final}")
                after = read_settings(session, dialect)
                break
            except (OperationFailed, ModemTimeout) as exc:
                # the module rebooted during the restore (its banner, or a silent u-blox reboot: a
                # timeout after which it answers again): run the restore again, from a fresh read
                from atctl.at.session import ModemRebooted

                again = isinstance(exc, ModemRebooted) or (isinstance(exc, ModemTimeout) and _answers(session))
                if not again or reboots >= MAX_REBOOTS:
                    raise
                reboots += 1
                errors.append("the module rebooted during the restore, which was then run again")
    except KeyboardInterrupt:
        names = ", ".join(sorted(written)) or "none"
        return {"restored": False, "aborted": True, "differs": None, "settings": {n: "unknown" for n in sorted(written)},
                "detail": f"the restore was aborted (second interrupt): settings written before: {names}; "
                          "their state is unknown: run `atctl plan` to see what differs"}
    except AtctlError as exc:
        names = ", ".join(sorted(written)) or "none"
        return {"restored": False, "differs": None, "settings": {n: "unknown" for n in sorted(written)},
                "detail": f"the restore failed ({exc.one_line().rstrip('.')}): settings written before it: {names}; "
                          "their state is unknown; run `atctl plan` when the module answers"}
    states = setting_states(dialect, saved, after, desired, apn_cid, set(written))
    differs = [name for name, state in states.items() if state != "as before apply"]
    if saved.cfun is not None and after.cfun != saved.cfun:
        differs.append("radio")
        states["radio"] = f"AT+CFUN={after.cfun}, was {saved.cfun}"
        errors.append(f"the radio is at AT+CFUN={after.cfun}, was {saved.cfun}: send AT+CFUN={saved.cfun}")
    report = {"restored": not differs, "differs": differs, "settings": states,
              "unknown_before": sorted(set(written) & saved.unread), "reboots": reboots}
    if not differs:
        report["detail"] = ("all settings are back as they were before apply (read back: "
                            f"{', '.join(states) or 'nothing was changed'})")
        if errors:
            report["detail"] += f" ({'; '.join(errors)})"
        return report
    detail = f"not all back as before apply: {_states_text(states)}" + (f" ({'; '.join(errors)})" if errors else "")
    unknown = report["unknown_before"]
    if unknown:
        detail += (f"; {', '.join(unknown)} could not be read before apply, so their earlier value is unknown "
                   "and they keep the value apply wrote")
    report["detail"] = detail
    return report


def verify_now(session, config, desired: Desired, profile, *, settle: bool = False,
               after_apply: bool = False, observe: bool = True, on_wait: WaitCallback | None = None,
               wait: WaitResult | None = None) -> list[Check]:
    """Read the network state and check it. With settle, a module still searching gets up to
    the config's registration timeout first (a verify right after power-on). `wait`: how an
    earlier registration wait ended, named in the registration check when it gave up."""
    from atctl.device.network import read_network_state

    if settle:
        from atctl.device.radio import require_radio_on
        from atctl.sim_card import require_sim_ready

        require_sim_ready(session)  # no SIM or a locked one: say so now, not after the registration timeout
        require_radio_on(session)   # a radio left off (#20) likewise
        wait = wait_for_registration(session, config.expect.timeout, False, None, on_wait=on_wait)
    dialect = get_dialect(profile)
    current = read_settings(session, dialect)
    configured = configured_check(current, dialect.plan(current, desired.settings), after_apply)
    state = read_network_state(session)
    if observe:
        from atctl.observations import record_state

        record_state(state, session.port_name)  # the band this network served (atctl.observations)
    checks = [configured] + verify_state(config, desired, state)
    if wait is not None and wait.gave_up:
        for check in checks:
            if check.name == "registered" and not check.ok:
                check.reason += f": {wait.summary()}"
    return checks


def _written(results: list[StepResult]) -> set[str]:
    """Settings a step may have changed: every write answered OK, and an interrupted one."""
    return {r.step.setting for r in results if r.step.setting and (r.ok or r.response.startswith("interrupted"))}


def _module_back(session, boot_timeout: float) -> bool:
    """Wait (bounded) for a module that rebooted or went silent mid-step to answer again."""
    try:
        session.start(boot_timeout=boot_timeout)
        return True
    except ModemUnreachable:
        return False


def _state_after_interrupt(session, dialect, saved, desired, config, results, progress) -> dict:
    written = _written(results)
    if not written:
        return {"restored": True, "differs": [], "settings": {}, "detail": "nothing had been written"}
    return restore(session, dialect, saved, config.apn.cid if config.apn else None, progress, written,
                   desired.settings)


def _rebooted(session, exc) -> bool:
    """Did `exc` (raised by a command) come from a reboot? A banner says so (ModemRebooted); a
    module that went silent and answers again with its echo back on (ATE0 lost) rebooted without
    one (u-blox)."""
    from atctl.at.session import ModemRebooted

    if isinstance(exc, ModemRebooted):
        return True
    return isinstance(exc, ModemTimeout) and _answers(session) and _echo_back_on(session)


def _still_up(session) -> bool:
    """After an unanswered reboot command: the module answers and its echo is still off (a reset
    turns it back on), and it printed none of the boot lines (SARA-N2: REBOOT_CAUSE_...)."""
    from atctl.at.classify import is_boot_line

    if any(is_boot_line(line) for line in session.urcs[-20:]):
        return False
    return _answers(session) and not _echo_back_on(session)


def _answers(session) -> bool:
    """The engine's "does it still answer" probe (its deadline: the session's for a bare AT)."""
    return session.answers()


def _echo_back_on(session) -> bool:
    """Does a bare AT come back echoed? atctl switched the echo off (ATE0) when the session
    started; a module that echoes again has reset (its power-on default is ATE1)."""
    try:
        session.command("AT", timeout=1.0)
    except ModemTimeout:
        return False
    return bool(session.echo)


def _edrx_answer_due(steps: list[Step]) -> bool:
    """An eDRX request was sent and no reboot after it (an attach after a reboot carries the grant)."""
    edrx_at = [i for i, step in enumerate(steps) if step.setting == "edrx" and "=0," not in step.command]
    return bool(edrx_at) and not any(step.kind == "reboot" for step in steps[edrx_at[-1]:])


def _want_timers(config, steps: list[Step]) -> bool:
    # a PSM change answered by a TAU comes later; after a reboot the attach already carried it
    psm_at = [i for i, step in enumerate(steps) if step.setting == "psm"]
    return bool(config.psm) and bool(psm_at) and not any(step.kind == "reboot" for step in steps[psm_at[-1]:])


def apply_config(session, config, profile, *, wait: bool = True, progress: Progress | None = None,
                 on_wait: WaitCallback | None = None, on_plan: Callable[[list[Step]], None] | None = None) -> Outcome:
    """prepare, run the plan, wait for registration, verify. A module that reboots mid-way (during
    a step or the wait) is waited for, re-read and re-planned (apply is idempotent), up to
    MAX_REBOOTS times; a failed step restores the saved settings (ApplyFailed); a lost link is
    ApplyLinkLost (exit 3); Ctrl-C / SIGTERM restores too (ApplyInterrupted). `on_plan(steps)` is
    called once the plan is known."""
    try:
        dialect, desired, saved, steps = prepare(session, config, profile, need_sim=wait)
    except KeyboardInterrupt:
        raise ApplyInterrupted("interrupted before any write: the module is as it was", results=[],
                               restore=None) from None
    if on_plan:
        on_plan(steps)
    apn_cid = config.apn.cid if config.apn else None
    results: list[StepResult] = []
    reboots = 0
    total = len(steps)
    outcome = Outcome(profile.id, steps, results, [], desired.warnings)
    sending = True  # False once every step of the current plan was answered OK

    def recover(what: str) -> list[Step]:
        nonlocal reboots
        reboots += 1
        if progress:
            progress(f"the module rebooted during {what}: waiting for it, then re-reading and continuing")
        if not _module_back(session, REBOOT_WAIT_S):
            raise ModemUnreachable(f"the module rebooted during {what} and did not answer within {REBOOT_WAIT_S:g} s")
        return dialect.plan(read_settings(session, dialect), desired.settings)

    try:
        while True:
            try:
                sending = True
                session.take_urcs("+CEDRXP:")  # only an answer to this run's request counts
                echo_was_off = not session.echo  # so an echo coming back on means a reset (ATE0 lost)
                run_steps(session, steps, progress, results=results)
                sending = False
            except _StepError as err:
                err.answering = isinstance(err.cause, ModemTimeout) and _answers(session)
                # a module that answers again with its echo back on (ATE0 lost) rebooted without a banner
                silent_reboot = err.answering and echo_was_off and _echo_back_on(session)
                if (err.rebooted or silent_reboot) and reboots < MAX_REBOOTS:
                    steps = recover(f"`{err.step.command}`")
                    continue
                raise
            try:
                outcome.wait = wait_for_registration(session, config.expect.timeout, _want_timers(config, steps),
                                                     progress, on_wait=on_wait) if wait else None
                if wait and outcome.wait.registered and _edrx_answer_due(steps):
                    # +CEDRXS mode 2: the network's answer (TAU accept) comes as +CEDRXP
                    session.wait_urc("+CEDRXP:", EDRX_ANSWER_S)
                outcome.checks = verify_now(session, config, desired, profile, after_apply=True, wait=outcome.wait)
                break
            except AtctlError as exc:
                if _rebooted(session, exc) and reboots < MAX_REBOOTS:
                    steps = recover("the registration wait")
                    continue
                if isinstance(exc, ModemUnreachable):
                    written = sorted(_written(results))
                    raise ApplyLinkLost(f"all {len(results)} step(s) were sent and answered OK ({', '.join(written) or 'nothing'} "
                                   f"written), then the module was lost while checking the result: {exc.one_line()}",
                                   results=list(results), written=written,
                                   hint="when it answers again, run `atctl verify` with this config") from None
                raise
    except _StepError as err:
        written = _written(results)
        where = f"step {err.index}/{len(steps)} `{err.step.command}` ({err.step.purpose})"
        if isinstance(err.cause, ModemUnreachable) and not err.answering:
            names = ", ".join(sorted(written)) or "none"
            raise ApplyLinkLost(f"lost the module at {where}: {err.reason.rstrip('.')}; settings written before the link "
                           f"went: {names} (not restored: the module cannot be reached)",
                           results=list(results), written=sorted(written),
                           hint="when it answers again, run `atctl plan` to see what differs, then `atctl apply` "
                                "again") from None
        report = restore(session, dialect, saved, apn_cid, progress, written, desired.settings)
        raise ApplyFailed(
            f"{where} failed: {err.reason.rstrip('.')}"
            + (f" (after {reboots} reboot(s) of the module, each recovered from)" if reboots else "")
            + f"; {report['detail']}",
            results=list(results), restore=report,
            hint=None if report["restored"] else "run `atctl plan` to see what differs") from None
    except KeyboardInterrupt:
        sent = sum(1 for r in results if r.ok)
        if not sending:
            written = sorted(_written(results))
            raise ApplyInterrupted(
                f"interrupted before verifying: all {len(results)} step(s) were sent and answered OK "
                f"({', '.join(written) or 'nothing'} written, not restored)",
                results=list(results), restore=None, hint="run `atctl verify` with this config") from None
        report = _state_after_interrupt(session, dialect, saved, desired, config, results, progress)
        raise ApplyInterrupted(f"interrupted after {sent} of {total} step(s); {report['detail']}",
                               results=list(results), restore=report) from None
    outcome.plan, outcome.reboots = steps, reboots
    return outcome
