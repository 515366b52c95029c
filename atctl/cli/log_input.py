"""Shared by `decode --log`, `diagnose --log` and `capture import`: open the log,
stream it through the pure reader, and report warnings (never a traceback)."""

from __future__ import annotations

import sys


def read_log_file(path: str, vendor: str | None = None, profile=None, show_ids: bool = False):
    """LogResult of a file path or '-' (stdin); InputError (exit 2) for what is not a log."""
    from atctl.logs import read_log
    from atctl.logs.stream import open_log, text_lines

    warnings: list[str] = []
    fh = open_log(path)
    name = "stdin" if path == "-" else path
    try:
        result = read_log(text_lines(fh, name, warnings), vendor=vendor, profile=profile, show_ids=show_ids)
    finally:
        if fh is not sys.stdin.buffer:
            fh.close()
    result.warnings[:0] = warnings
    return result


def decode_log(path: str, vendor: str | None, profile, as_json: bool, show_ids: bool = False) -> None:
    result = read_log_file(path, vendor, profile, show_ids)
    if as_json:
        import json

        # one compact document: a 100k-line log is ~12 MB of JSON, and indenting it costs more than reading the log
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        return
    from atctl.logs.timeline import summary_lines, timeline

    out = sys.stdout
    write = out.write
    for row in timeline(result):
        write(row + "\n")
    for row in summary_lines(result):
        write(row + "\n")


def diagnose_log(path: str | None, port: str, out: str | None, config: str | None, show_ids: bool,
                 as_json: bool) -> None:
    import typer

    from atctl.errors import InputError

    if path is None:
        raise InputError("give --port P for a live module or --log FILE for a serial log",
                         hint="atctl diagnose --port /dev/ttyUSB2 | atctl diagnose --log serial.log")
    # a port (from --port or ATCTL_PORT) is not touched when a log is given: the log is what is diagnosed
    cfg = None
    if config:
        from atctl.config.loader import load_config

        cfg = load_config(config)
    if out:
        _check_out(out, path)
    from atctl.cli._common import emit
    from atctl.diagnose.from_log import diagnose_log as build, render_log_markdown
    from atctl.diagnose.report import redact_report, write_bundle
    from atctl.logs.capture import to_transcript

    result = read_log_file(path, show_ids=show_ids)
    name = "stdin" if path == "-" else path
    report, ids = build(result, name, cfg)
    if not show_ids:
        report = redact_report(report, ids)
    markdown = render_log_markdown(report)
    if out:
        write_bundle(out, report, markdown, to_transcript(result, name), None if show_ids else ids)

    def render() -> None:
        from rich.markdown import Markdown
        from rich.panel import Panel

        from atctl.cli._common import console

        style = {"ok": "green", "major": "yellow", "critical": "red"}[report["summary"]["severity"]]
        console().print(Panel(Markdown(markdown), border_style=style, title="atctl diagnose (from a log)"))
        if out:
            console().print(f"Bundle written to {out}")

    emit(report, as_json, render)
    if report["summary"]["severity"] in ("critical", "major"):
        raise typer.Exit(1)


def _check_out(out: str, source: str) -> None:
    import os

    from atctl.errors import InputError

    if source != "-" and os.path.exists(out) and os.path.samefile(out, source):
        raise InputError(f"{out} is the log itself", hint="write the output to another file")
    if os.path.isdir(out):
        raise InputError(f"{out} is a directory", hint="give a file name, e.g. -o session.jsonl")
    parent = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(parent):
        raise InputError(f"the folder of {out} does not exist", hint=f"create {parent} first")
