"""`atctl plan | apply | verify CONFIG --port P`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import BaudOpt, JsonOpt, PortOpt, ProfilesOpt, TranscriptOpt, emit

ConfigArg = Annotated[str, typer.Argument(help="Device config YAML (see examples/).")]
ModuleOpt = Annotated[Optional[str], typer.Option("--module", help="Module profile id (overrides the config; detected when absent).")]
NoObservationsOpt = Annotated[bool, typer.Option(
    "--no-observations", help="Do not record the serving network's band in your local observations.")]

plan_app = typer.Typer(add_completion=False)
apply_app = typer.Typer(add_completion=False)
verify_app = typer.Typer(add_completion=False)


def _session(port, baud, transcript):
    from atctl.at import open_session

    return open_session(port, baud=baud, transcript=transcript)


def _progress(json: bool):
    import sys

    if json or not sys.stderr.isatty():
        return None
    from atctl.cli._common import console

    err = console(stderr=True)
    return lambda text: err.print(f"[dim]… {text}[/dim]")


def _checks_table(checks: list[dict]) -> None:
    from rich.table import Table

    from atctl.cli._common import console

    table = Table(title="Verify", title_justify="left")
    for col in ("check", "result", "reason"):
        table.add_column(col)
    for check in checks:
        mark = "[green]ok[/green]" if check["ok"] else "[red]FAIL[/red]"
        table.add_row(check["name"], mark, check["reason"])
    console().print(table)


def _warnings(warnings: list[str]) -> None:
    from atctl.cli._common import console

    for warning in warnings:
        console().print(f"[yellow]warning:[/yellow] {warning}")


@plan_app.command("plan")
def plan(config: ConfigArg, port: PortOpt, module: ModuleOpt = None, baud: BaudOpt = 115200,
         profiles: ProfilesOpt = None, transcript: TranscriptOpt = None, json: JsonOpt = False) -> None:
    """List the commands apply would send: only those that change something, in order."""
    from atctl.config.apply import prepare, resolve_profile
    from atctl.config.loader import load_config

    cfg = load_config(config)
    with _session(port, baud, transcript) as session:
        profile = resolve_profile(session, cfg, module, profiles)
        _, desired, _, steps = prepare(session, cfg, profile)
    doc = {"module": profile.id, "steps": [s.as_dict() for s in steps], "changes": bool(steps),
           "warnings": desired.warnings}

    def render() -> None:
        from atctl.cli._common import console

        out = console()
        if not steps:
            out.print(f"{profile.id}: already configured as {config} asks; nothing to send.")
        for i, step in enumerate(steps, 1):
            tag = {"reboot": " [magenta](reboot)[/magenta]", "deregister": " [magenta](deregister)[/magenta]"}.get(step.kind, "")
            out.print(f"{i:>2}. [bold]{step.command}[/bold]{tag}  [dim]{step.purpose}[/dim]")
        _warnings(desired.warnings)

    emit(doc, json, render)


@apply_app.command("apply")
def apply(config: ConfigArg, port: PortOpt, module: ModuleOpt = None, baud: BaudOpt = 115200,
          profiles: ProfilesOpt = None, transcript: TranscriptOpt = None,
          no_wait: Annotated[bool, typer.Option("--no-wait", help="Do not wait for registration before verifying.")] = False,
          no_observations: NoObservationsOpt = False, json: JsonOpt = False) -> None:
    """Apply a config, wait for the network, and verify what it granted."""
    from atctl.config.apply import ApplyFailed, apply_config, resolve_profile
    from atctl.config.loader import load_config

    cfg = load_config(config)
    from atctl.observations import suppressed

    with suppressed(no_observations), _session(port, baud, transcript) as session:
        profile = resolve_profile(session, cfg, module, profiles)
        try:
            outcome = apply_config(session, cfg, profile, wait=not no_wait, progress=_progress(json))
        except ApplyFailed as exc:
            if json:
                from atctl.cli._common import print_json

                print_json({"module": profile.id, "steps": [r.as_dict() for r in exc.results], "changed": True,
                            "ok": False, "error": exc.one_line(), "restore": exc.restore})
                typer.echo(f"atctl: error: {exc.one_line()}", err=True)
                raise typer.Exit(1) from None
            raise
    checks = [c.as_dict() for c in outcome.checks]
    doc = {"module": outcome.module, "steps": [r.as_dict() for r in outcome.results], "changed": outcome.changed,
           "verify": {"ok": outcome.ok, "checks": checks}, "ok": outcome.ok, "warnings": outcome.warnings}

    def render() -> None:
        from atctl.cli._common import console

        out = console()
        if not outcome.changed:
            out.print(f"{outcome.module}: nothing to change.")
        for result in outcome.results:
            out.print(f"  {'[green]OK[/green]' if result.ok else '[red]ERR[/red]'} {result.step.command}")
        _checks_table(checks)
        _warnings(outcome.warnings)

    emit(doc, json, render)
    if not outcome.ok:
        raise typer.Exit(1)


@verify_app.command("verify")
def verify(config: ConfigArg, port: PortOpt, module: ModuleOpt = None, baud: BaudOpt = 115200,
           profiles: ProfilesOpt = None, transcript: TranscriptOpt = None,
           no_observations: NoObservationsOpt = False, json: JsonOpt = False) -> None:
    """Check the module and what its network granted against a config (exit 1 on any failed check)."""
    from atctl.config.apply import resolve_profile, verify_now
    from atctl.config.desired import desired_state
    from atctl.config.loader import load_config
    from atctl.dialects import get_dialect

    cfg = load_config(config)
    from atctl.observations import suppressed

    with suppressed(no_observations), _session(port, baud, transcript) as session:
        profile = resolve_profile(session, cfg, module, profiles)
        desired = desired_state(cfg, profile, get_dialect(profile))
        checks = [c.as_dict() for c in verify_now(session, cfg, desired, profile, settle=True)]
    ok = all(c["ok"] for c in checks)
    emit({"module": profile.id, "ok": ok, "checks": checks}, json, lambda: _checks_table(checks))
    if not ok:
        raise typer.Exit(1)
