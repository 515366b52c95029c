"""`atctl diagnose --port P [--out bundle.zip]`: everything a support desk asks for, ranked by severity."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import BaudOpt, JsonOpt, PortOpt, TranscriptOpt, emit

app = typer.Typer(add_completion=False)


@app.command()
def diagnose(
    port: PortOpt,
    out: Annotated[Optional[str], typer.Option("--out", "-o", help="Write a zip bundle (report.json, report.md, transcript.jsonl).")] = None,
    config: Annotated[Optional[str], typer.Option("--config", help="Also run every verify check against this config.")] = None,
    show_ids: Annotated[bool, typer.Option("--show-ids", help="Keep IMEI/IMSI/ICCID in full (redacted by default).")] = False,
    wait: Annotated[float, typer.Option("--wait", help="Seconds to wait for registration if the module is still searching.")] = 30.0,
    baud: BaudOpt = 115200,
    transcript: TranscriptOpt = None,
    json: JsonOpt = False,
) -> None:
    """Collect identity, SIM, configuration, registration, signal and power-saving state; rank findings."""
    from atctl.at.session import AtSession
    from atctl.at.transcript import Transcript
    from atctl.at.transport import open_port
    from atctl.diagnose.collect import collect
    from atctl.diagnose.facts import Facts
    from atctl.diagnose.findings import classify
    from atctl.diagnose.report import build_report, known_ids, redact_report, render_markdown, write_bundle
    from atctl.errors import ModemUnreachable

    cfg = None
    if config:
        from atctl.config.loader import load_config

        cfg = load_config(config)
    facts = Facts(port=port)
    record = Transcript(transcript, show_ids=show_ids, keep=True)  # the file is redacted like every transcript
    exit_code = 0
    try:
        serial_port = open_port(port, baud=baud)
    except ModemUnreachable as exc:
        facts.reachable = False
        facts.failures.append(f"opening the port: {exc.one_line()}")
        serial_port = None
        exit_code = 3
    if serial_port is not None:
        session = AtSession(serial_port, transcript=record, port_name=port)
        try:
            collect(session, facts, wait_s=wait, config=cfg)
        finally:
            session.close()
    findings = classify(facts)
    report = build_report(facts, findings)
    ids = known_ids(facts)
    if not show_ids:
        report = redact_report(report, ids)
    markdown = render_markdown(report)
    if out:
        write_bundle(out, report, markdown, record.records or [], None if show_ids else ids)
    if exit_code == 0 and report["summary"]["severity"] in ("critical", "major"):
        exit_code = 1

    def render() -> None:
        from rich.markdown import Markdown
        from rich.panel import Panel

        from atctl.cli._common import console

        style = {"ok": "green", "major": "yellow", "critical": "red"}[report["summary"]["severity"]]
        console().print(Panel(Markdown(markdown), border_style=style, title="atctl diagnose"))
        if out:
            console().print(f"Bundle written to {out}")

    emit(report, json, render)
    if exit_code:
        raise typer.Exit(exit_code)
