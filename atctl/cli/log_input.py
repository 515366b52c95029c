"""Shared by `decode --log`, `diagnose --log` and `capture import`: open the log,
stream it through the pure reader, and report warnings (never a traceback)."""

from __future__ import annotations

import sys


def read_log_file(path: str, vendor: str | None = None, profile=None):
    """LogResult of a file path or '-' (stdin); InputError (exit 2) for what is not a log."""
    from atctl.logs import read_log
    from atctl.logs.stream import open_log, text_lines

    warnings: list[str] = []
    fh = open_log(path)
    name = "stdin" if path == "-" else path
    try:
        result = read_log(text_lines(fh, name, warnings), vendor=vendor, profile=profile)
    finally:
        if fh is not sys.stdin.buffer:
            fh.close()
    result.warnings[:0] = warnings
    return result


def decode_log(path: str, vendor: str | None, profile, as_json: bool) -> None:
    from atctl.cli._common import emit

    result = read_log_file(path, vendor, profile)
    if as_json:
        emit(result.to_dict(), True, lambda: None)
        return
    from atctl.logs.timeline import summary_lines, timeline

    out = sys.stdout
    write = out.write
    for row in timeline(result):
        write(row + "\n")
    for row in summary_lines(result):
        write(row + "\n")
