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
    from atctl.diagnose.run import exit_code_for
    from atctl.logs.capture import to_transcript

    result = read_log_file(path, show_ids=show_ids)
    name = "stdin" if path == "-" else path
    report, ids = build(result, name, cfg)
    if not show_ids:
        report = redact_report(report, ids)
    markdown = render_log_markdown(report)
    saved = None
    if out:
        saved = write_bundle(out, report, markdown, to_transcript(result, name), None if show_ids else ids)
    exit_code = exit_code_for(True, report, saved)

    def render() -> None:
        # the live renderer: module text from the log stays plain text (never markup or Markdown)
        from rich.text import Text

        from atctl.cli._common import console
        from atctl.cli.diagnose import _render
        from atctl.diagnose.run import Diagnosis

        _render(Diagnosis(report, markdown, exit_code, bundle=saved))
        log = report.get("log") or {}
        out_console = console()
        out_console.print(Text("What this log cannot show", style="bold"))
        for item in log.get("cannot_show") or []:
            out_console.print(Text(f"  • {item}"))
        s = log.get("summary") or {}
        out_console.print(Text(f"Read from {log.get('file')}: {s.get('lines')} lines, {s.get('exchanges')} exchanges, "
                               f"{s.get('urcs')} URCs, {s.get('unparsed')} other lines."))

    emit(report, as_json, render)
    if saved is not None and saved.moved:
        from atctl.cli._common import console

        console(stderr=True).print(f"warning: the bundle could not be written to {out}: it is at {saved.path}",
                                   markup=False, soft_wrap=True)
    if exit_code:
        raise typer.Exit(exit_code)


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
