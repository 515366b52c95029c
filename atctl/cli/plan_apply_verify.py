"""`atctl plan | apply | verify CONFIG --port P`.

Text atctl did not write (modem replies, commands carrying the user's APN, operator names) is
rendered as rich Text, never as markup; warnings and progress go to stderr; stdout holds the
result (or exactly one JSON document with --json).
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import (BaudOpt, ConfigArg, ForceOpt, JsonOpt, PortsFileOpt, PortsOpt, ProfilesOpt, TranscriptOpt, emit,
                                single_port)

ModuleOpt = Annotated[Optional[str], typer.Option("--module", help="Module profile id (overrides the config; detected when absent).")]
NoObservationsOpt = Annotated[bool, typer.Option(
    "--no-observations", help="Do not record the serving network's band in your local observations.")]
TimeoutOpt = Annotated[Optional[str], typer.Option(
    "--timeout", help="How long to wait for registration (overrides the config's expect.timeout), e.g. 90s, 5m.")]

plan_app = typer.Typer(add_completion=False)
apply_app = typer.Typer(add_completion=False)
verify_app = typer.Typer(add_completion=False)


def _session(port, baud, transcript, force=False):
    from atctl.at import open_session
    from atctl.cli._common import session_options

    return open_session(port, baud=baud, transcript=transcript, **session_options(force))


def _load(config: str, timeout: str | None):
    """The config, with --timeout (validated before the modem is touched) in expect.timeout."""
    from atctl.config.loader import load_config

    seconds = None
    if timeout is not None:
        from atctl.errors import InputError
        from atctl.timers.duration import parse_duration

        seconds = parse_duration(timeout, what="--timeout")
        if not 0 < seconds < float("inf"):
            raise InputError(f"--timeout must be more than 0 s, got {timeout!r}", hint="for example --timeout 90s")
    cfg = load_config(config)
    if seconds is not None:
        cfg = cfg.model_copy(update={"expect": cfg.expect.model_copy(update={"timeout": seconds})})
    return cfg


def _err_console():
    from atctl.cli._common import console

    return console(stderr=True)


def _progress(json: bool):
    import sys

    from atctl.cli._fleet import fleet_progress

    if fleet_progress() is not None:  # one port of several: its steps go to the fleet's table
        return fleet_progress()
    if json or not sys.stderr.isatty():
        return None
    from rich.text import Text

    err = _err_console()
    return lambda text: err.print(Text(f"… {text}", style="dim"))


def _checks_table(checks: list[dict]) -> None:
    from rich.table import Table
    from rich.text import Text

    from atctl.cli._common import console

    table = Table(title="Verify", title_justify="left")
    for col in ("check", "result", "reason"):
        table.add_column(col)
    for check in checks:
        mark = Text("ok", style="green") if check["ok"] else Text("FAIL", style="red")
        table.add_row(Text(check["name"]), mark, Text(str(check["reason"])))
    console().print(table)


def _warnings(warnings: list[str]) -> None:
    from rich.text import Text

    err = _err_console()
    for warning in warnings:
        err.print(Text.assemble(("warning: ", "yellow"), warning))


def _step_line(index: int, step) -> object:
    from rich.text import Text

    tag = {"reboot": " (reboot)", "deregister": " (deregister)"}.get(step.kind, "")
    return Text.assemble(f"{index:>2}. ", (step.command, "bold"), (tag, "magenta"), "  ", (step.purpose, "dim"))


@plan_app.command("plan")
def plan(config: ConfigArg, port: PortsOpt = None, module: ModuleOpt = None, baud: BaudOpt = 115200,
         profiles: ProfilesOpt = None, transcript: TranscriptOpt = None, force: ForceOpt = False,
         json: JsonOpt = False, ports_file: PortsFileOpt = None) -> None:
    """List the commands apply would send: only those that change something, in order."""
    port = single_port(port, ports_file, plan, dict(locals()), {"transcript": None})
    from atctl.config.apply import prepare, resolve_profile

    cfg = _load(config, None)
    with _session(port, baud, transcript, force) as session:
        profile = resolve_profile(session, cfg, module, profiles)
        _, desired, _, steps = prepare(session, cfg, profile)
    doc = {"module": profile.id, "steps": [s.as_dict() for s in steps], "changes": bool(steps),
           "warnings": desired.warnings}
    from atctl.cli import _battery  # power (#17): estimate and what to request, with traffic + battery

    if (battery := _battery.for_plan(cfg, profile, profiles)) is not None:
        doc["battery"] = battery

    def render() -> None:
        from rich.text import Text

        from atctl.cli._common import console

        out = console()
        if not steps:
            out.print(Text(f"{profile.id}: already configured as {config} asks; nothing to send."))
        for i, step in enumerate(steps, 1):
            out.print(_step_line(i, step), soft_wrap=True)  # commands stay copyable: never cut
        _battery.print_line(doc.get("battery"))
        _warnings(desired.warnings)

    emit(doc, json, render)


def _sigterm_as_interrupt():
    """SIGTERM takes the Ctrl-C path (restore, then report); returns the handler to put back."""
    import signal

    try:
        return signal.signal(signal.SIGTERM, signal.default_int_handler)
    except ValueError:  # not the main thread (an embedding program): leave its handlers alone
        return None


@apply_app.command("apply")
def apply(config: ConfigArg, port: PortsOpt = None, module: ModuleOpt = None, baud: BaudOpt = 115200,
          profiles: ProfilesOpt = None, transcript: TranscriptOpt = None,
          no_wait: Annotated[bool, typer.Option("--no-wait", help="Do not wait for registration before verifying.")] = False,
          timeout: TimeoutOpt = None, no_observations: NoObservationsOpt = False, force: ForceOpt = False,
          json: JsonOpt = False, ports_file: PortsFileOpt = None) -> None:
    """Apply a config, wait for the network, and verify what it granted."""
    port = single_port(port, ports_file, apply, dict(locals()), {"transcript": None})
    import signal

    from atctl.cli._wait_feedback import WaitFeedback
    from atctl.config.apply import ApplyFailed, ApplyInterrupted, ApplyLinkLost, apply_config, failure_document, resolve_profile
    from atctl.observations import suppressed

    cfg = _load(config, timeout)
    feedback = WaitFeedback()
    previous = _sigterm_as_interrupt()
    try:
        with suppressed(no_observations), _session(port, baud, transcript, force) as session:
            profile = resolve_profile(session, cfg, module, profiles)
            header = None if json else (lambda steps: _header(profile.id, port, len(steps)))
            try:
                outcome = apply_config(session, cfg, profile, wait=not no_wait, progress=_progress(json),
                                       on_wait=feedback, on_plan=header)
                from atctl.cli import _battery  # power (#17): requested vs granted battery life

                battery = _battery.from_session(cfg, profile, session, profiles)
            except (ApplyFailed, ApplyInterrupted, ApplyLinkLost) as exc:
                feedback.done(None)
                if json:
                    from atctl.cli._common import print_json

                    print_json(failure_document(profile.id, exc))
                    typer.echo(f"atctl: error: {exc.one_line()}", err=True)
                    raise typer.Exit(exc.exit_code) from None
                raise
            feedback.done(outcome.wait)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    doc = outcome.as_dict()
    checks, summary = doc["verify"]["checks"], outcome.summary
    if battery is not None:
        doc["battery"] = battery

    def render() -> None:
        from rich.text import Text

        from atctl.cli._common import console

        out = console()
        for result in outcome.results:
            out.print(Text.assemble("  ", ("OK", "green") if result.ok else ("ERR", "red"), " ", result.step.command),
                      soft_wrap=True)
        _checks_table(checks)
        _battery.print_line(battery)
        _warnings(outcome.warnings)
        out.print(Text(summary, style="bold"), soft_wrap=True)

    emit(doc, json, render)
    if not outcome.ok:
        raise typer.Exit(1)


def _header(module: str, port: str, changes: int) -> None:
    from rich.text import Text

    from atctl.cli._common import console

    what = f"{changes} change(s) to send" if changes else "nothing to change"
    console().print(Text(f"apply: {module} on {port}: {what}", style="bold"), soft_wrap=True)


@verify_app.command("verify")
def verify(config: ConfigArg, port: PortsOpt = None, module: ModuleOpt = None, baud: BaudOpt = 115200,
           profiles: ProfilesOpt = None, transcript: TranscriptOpt = None, timeout: TimeoutOpt = None,
           no_observations: NoObservationsOpt = False, force: ForceOpt = False, json: JsonOpt = False,
           ports_file: PortsFileOpt = None) -> None:
    """Check the module and what its network granted against a config (exit 1 on any failed check)."""
    port = single_port(port, ports_file, verify, dict(locals()), {"transcript": None})
    from atctl.cli._wait_feedback import WaitFeedback
    from atctl.config.apply import resolve_profile, verify_now
    from atctl.config.desired import desired_state
    from atctl.dialects import get_dialect

    cfg = _load(config, timeout)
    feedback = WaitFeedback()
    from atctl.observations import suppressed

    with suppressed(no_observations), _session(port, baud, transcript, force) as session:
        profile = resolve_profile(session, cfg, module, profiles)
        desired = desired_state(cfg, profile, get_dialect(profile))
        try:
            checks = [c.as_dict() for c in verify_now(session, cfg, desired, profile, settle=True, on_wait=feedback)]
        finally:
            feedback.done(None)
        from atctl.cli import _battery  # power (#17): requested vs granted battery life

        battery = _battery.from_session(cfg, profile, session, profiles)
    ok = all(c["ok"] for c in checks)

    def render() -> None:
        _checks_table(checks)
        _battery.print_line(battery)
        _warnings(desired.warnings)

    doc = {"module": profile.id, "ok": ok, "checks": checks, "warnings": desired.warnings,
           **({"battery": battery} if battery else {})}
    emit(doc, json, render)
    if not ok:
        raise typer.Exit(1)
