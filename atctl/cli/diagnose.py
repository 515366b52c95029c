"""`atctl diagnose --port P [--out bundle.zip]`: everything a support desk asks for, ranked by severity.

The run itself (checks, collection, exit policy, bundle) is atctl.diagnose.run; this module parses
options and renders.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import BaudOpt, JsonOpt, PortsFileOpt, PortsOpt, TranscriptOpt, emit, single_port

app = typer.Typer(add_completion=False)


@app.command()
def diagnose(
    port: PortsOpt = None,
    out: Annotated[Optional[str], typer.Option(
        "--out", "-o",
        help="Write a zip bundle (report.json, report.md, transcript.jsonl); a folder gets a fresh name inside.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing --out or --transcript file that atctl did not write.")] = False,
    config: Annotated[Optional[str], typer.Option("--config", help="Also run every verify check against this config.")] = None,
    show_ids: Annotated[bool, typer.Option("--show-ids", help="Keep IMEI/IMSI/ICCID in full (redacted by default).")] = False,
    timeout: Annotated[str, typer.Option(
        "--timeout", "--wait", help="How long to wait for registration if the module is still searching (30s, 2m).")] = "30s",
    baud: BaudOpt = 115200,
    transcript: TranscriptOpt = None,
    log: Annotated[Optional[str], typer.Option("--log", help="Diagnose from a serial log or transcript (FILE, or -) instead of a live port.")] = None,
    no_observations: Annotated[bool, typer.Option(
        "--no-observations", help="Do not record the serving network's band in your local observations.")] = False,
    json: JsonOpt = False,
    ports_file: PortsFileOpt = None,
) -> None:
    """Collect identity, SIM, radio, configuration, registration, signal and power-saving state; rank findings."""
    if log is not None or not (port or ports_file):
        from atctl.cli.log_input import diagnose_log

        return diagnose_log(log, (port or [""])[0] if not isinstance(port, str) else port, out, config, show_ids, json)
    port = single_port(port, ports_file, diagnose, dict(locals()),  # several ports: one bundle each
                       {"out": "atctl-diagnose-{slug}.zip", "transcript": None})
    from atctl.cli._wait_feedback import WaitFeedback, parse_timeout
    from atctl.cli._common import session_options
    from atctl.diagnose.run import DiagnoseRequest, run_diagnosis

    wait_s = parse_timeout(timeout)
    feedback, diagnosis = WaitFeedback(), None
    from atctl.observations import suppressed

    try:
        with suppressed(no_observations):
            diagnosis = run_diagnosis(DiagnoseRequest(
                port=port, baud=baud, out=out, force=force, config_path=config, show_ids=show_ids, wait_s=wait_s,
                transcript=transcript, trace=session_options()["trace"], on_wait=feedback))
    finally:
        feedback.done(diagnosis.wait if diagnosis else None)
    report = diagnosis.report
    emit(report, json, lambda: _render(diagnosis))
    err = None
    for warning in diagnosis.warnings:
        from rich.text import Text

        from atctl.cli._common import console

        err = err or console(stderr=True)
        err.print(Text.assemble(("warning: ", "yellow"), warning), soft_wrap=True)  # paths stay whole
    if diagnosis.exit_code:
        raise typer.Exit(diagnosis.exit_code)


_STYLE = {"ok": "green", "major": "yellow", "critical": "red", "minor": "cyan", "info": "dim"}


def _render(diagnosis) -> None:
    """The report for a terminal. Findings quote the module (error texts, model names): all Text,
    never markup or Markdown, so a reply like `[/x]` or `*x*` prints as it is."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from atctl.cli._common import console

    report = diagnosis.report
    worst = report["summary"]["severity"]
    counts = ", ".join(f"{n} {s}" for s, n in report["summary"]["counts"].items() if n)
    ident = report["facts"].get("identity") or {}
    # the port is in the body, where it wraps, not in the title, where rich would cut it
    parts = [Text(f"{ident.get('model') or 'unknown module'} on {report['port']}"),
             Text.assemble("Overall: ", (worst.upper(), f"bold {_STYLE[worst]}"), f" ({counts or 'nothing found'})")]
    for severity in ("critical", "major", "minor", "info"):
        items = [f for f in report["findings"] if f["severity"] == severity]
        if not items:
            continue
        parts.append(Text(f"\n{severity.capitalize()}", style=f"bold {_STYLE[severity]}"))
        grid = Table.grid()  # wrapped lines stay under their finding, not under the bullet
        grid.add_column(width=2)
        grid.add_column()
        for f in items:
            grid.add_row("•", Text.assemble((f["title"], "bold"), " — ", f["detail"]))
            if f.get("next_step"):
                grid.add_row("", Text.assemble(("Next step: ", "italic"), f["next_step"]))
        parts.append(grid)
    out = console()
    out.print(Panel(Group(*parts), border_style=_STYLE[worst], title="atctl diagnose", title_align="left"))
    bundle = diagnosis.bundle
    if bundle is not None and bundle.path:
        out.print(Text(f"Bundle written to {bundle.path}"))
