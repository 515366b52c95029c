"""Stream a log file as text lines with bounded memory (the only I/O of atctl.logs).

Lines longer than MAX_LINE are cut (the rest up to the next newline is skipped and
counted); bytes that are not UTF-8 become U+FFFD, so the JSON output stays valid.
A file whose first block is mostly binary is refused: it is not a serial log.
"""

from __future__ import annotations

import os
from typing import BinaryIO, Iterator

from atctl.errors import InputError

MAX_LINE = 64 * 1024
CHUNK = 1 << 20
_TEXT_BYTES = set(range(32, 127)) | {9, 10, 13, 27}


def check_path(path: str) -> None:
    """Refuse, before reading, what cannot be a log: a missing path or a directory."""
    if path == "-":
        return
    if os.path.isdir(path):
        raise InputError(f"{path} is a directory, not a log file", hint="give the log file itself, or - for stdin")
    if not os.path.exists(path):
        raise InputError(f"log file {path} does not exist", hint="check the path; use - to read the log from stdin")


def looks_binary(head: bytes) -> bool:
    if not head:
        return False
    if b"\x00" in head[:4096] and head.count(b"\x00") > len(head) // 100:
        return True
    try:
        head.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 4:   # a UTF-8 sequence cut by the block end
            return False
    odd = sum(1 for b in head if b not in _TEXT_BYTES and b < 128)
    return odd > len(head) // 10


def text_lines(fh: BinaryIO, name: str, warnings: list[str], max_line: int = MAX_LINE) -> Iterator[str]:
    """Decoded lines of a binary file object; warnings get one entry per cut line (capped)."""
    first = True
    buf = b""
    skipping = False
    line_no = 0
    cut = 0
    while True:
        chunk = fh.read(CHUNK)
        if first:
            first = False
            if not chunk:
                raise InputError(f"{name} is empty: there is nothing to decode",
                                 hint="paste the serial log into the file (or pipe it to - )")
            if looks_binary(chunk[:8192]):
                raise InputError(f"{name} looks like a binary file, not a serial log",
                                 hint="give the text log (minicom/picocom capture, serial monitor output) "
                                      "or an atctl --transcript file")
        if not chunk:
            break
        start = 0
        while True:
            nl = chunk.find(b"\n", start)
            if nl < 0:
                piece = chunk[start:]
                if skipping:
                    break
                if len(buf) + len(piece) > max_line:
                    line_no += 1
                    yield (buf + piece)[:max_line].decode("utf-8", "replace")
                    cut += 1
                    if cut <= 20:
                        warnings.append(f"line {line_no} of {name} is longer than {max_line // 1024} KiB; cut there")
                    buf, skipping = b"", True
                else:
                    buf += piece
                break
            piece = chunk[start:nl]
            start = nl + 1
            if skipping:
                skipping = False
                continue
            line_no += 1
            line = buf + piece
            buf = b""
            if len(line) > max_line:
                cut += 1
                if cut <= 20:
                    warnings.append(f"line {line_no} of {name} is longer than {max_line // 1024} KiB; cut there")
                line = line[:max_line]
            yield line.decode("utf-8", "replace") if not line.isascii() else line.decode("ascii")
    if buf and not skipping:
        yield buf.decode("utf-8", "replace")


def open_log(path: str):
    """A binary file object for path, or stdin's buffer for '-'."""
    import sys

    check_path(path)
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}", hint="check the path and its permissions") from None
