"""Read a log file (or '-', stdin) into a LogResult, and check an output path beside it.

Shared by `decode --log`, `diagnose --log` (atctl.diagnose.run.run_log_diagnosis) and
`capture import`; bad input is an InputError (exit 2), never a traceback.
"""

from __future__ import annotations

import os
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


def check_output_beside_log(out: str, source: str) -> None:
    """Refuse an output file that is the log itself, a directory, or in a folder that does not exist."""
    from atctl.errors import InputError

    if source != "-" and os.path.exists(out) and os.path.samefile(out, source):
        raise InputError(f"{out} is the log itself", hint="write the output to another file")
    if os.path.isdir(out):
        raise InputError(f"{out} is a directory", hint="give a file name, e.g. -o session.jsonl")
    parent = os.path.dirname(os.path.abspath(out))
    if not os.path.isdir(parent):
        raise InputError(f"the folder of {out} does not exist", hint=f"create {parent} first")
