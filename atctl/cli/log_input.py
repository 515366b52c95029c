"""`decode --log` and `diagnose --log`: render what atctl.logs.from_file / atctl.diagnose.run read
from a serial log (never a traceback)."""

from __future__ import annotations

import sys


def decode_log(path: str, vendor: str | None, profile, as_json: bool, show_ids: bool = False) -> None:
    from atctl.logs.from_file import read_log_file

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
    from atctl.cli._common import emit
    from atctl.diagnose.run import LogDiagnoseRequest, run_log_diagnosis

    diagnosis = run_log_diagnosis(LogDiagnoseRequest(log=path, out=out, config_path=config, show_ids=show_ids))
    report = diagnosis.report

    def render() -> None:
        # the live renderer: module text from the log stays plain text (never markup or Markdown)
        from rich.text import Text

        from atctl.cli._common import console
        from atctl.cli.diagnose import _render

        _render(diagnosis)
        log = report.get("log") or {}
        out_console = console()
        out_console.print(Text("What this log cannot show", style="bold"))
        for item in log.get("cannot_show") or []:
            out_console.print(Text(f"  • {item}"))
        s = log.get("summary") or {}
        out_console.print(Text(f"Read from {log.get('file')}: {s.get('lines')} lines, {s.get('exchanges')} exchanges, "
                               f"{s.get('urcs')} URCs, {s.get('unparsed')} other lines."))

    emit(report, as_json, render)
    if diagnosis.warnings:
        from atctl.cli._common import console

        for warning in diagnosis.warnings:
            console(stderr=True).print(f"warning: {warning}", markup=False, soft_wrap=True)
    if diagnosis.exit_code:
        raise typer.Exit(diagnosis.exit_code)
