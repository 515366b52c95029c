"""Bytes -> events, for any fragmentation of the input.

Events: ("line", str) for every non-empty line, ("prompt", "> ") for a data
prompt that has no line end, ("raw", bytes) for the N bytes announced by a
"+QIRD: N"-style line. Splitting uses C-level bytes operations (one regex split
per chunk) so URC-heavy streams frame at tens of MB/s; only chunks that contain
a raw-data prefix take the line-by-line path.

V0 results ("0\\r") end with CR only: since CR alone ends a line, they come out
as the line "0" and the engine maps them. Garbage (NULs, binary junk, other
control bytes) is dropped from lines; a line of nothing but junk vanishes.
"""

from __future__ import annotations

import re
from typing import Callable

_LINE_ENDS = re.compile(rb"[\r\n]+")
_ONE_LINE_END = re.compile(rb"\r\n|\r|\n")
# control bytes other than CR/LF, DEL, and 0xFE/0xFF (never in AT text)
_JUNK = bytes(range(0, 10)) + bytes(range(11, 13)) + bytes(range(14, 32)) + b"\x7f\xfe\xff"
_PROMPTS = (b"> ", b">")

LINE = "line"
PROMPT = "prompt"
RAW = "raw"

Event = tuple[str, object]


def clean_text(part: bytes) -> str:
    clean = part.translate(None, _JUNK)
    if clean.isascii():
        return clean.decode("ascii").strip()
    return clean.decode("utf-8", errors="ignore").strip()


class Framer:
    """Incremental framer.

    `raw_prefixes` are line starts that may announce raw data (b"+QIRD:"); for such
    a line `raw_length(line)` returns how many raw bytes follow it (or None).
    """

    def __init__(self, raw_length: Callable[[str], int | None] | None = None,
                 raw_prefixes: tuple[bytes, ...] = ()):
        self._buf = b""
        self._raw_needed = 0
        self._raw_acc = bytearray()
        self.raw_length = raw_length
        self.raw_prefixes = raw_prefixes
        self.bytes_seen = 0

    def reset(self) -> None:
        self._buf = b""
        self._raw_needed = 0
        self._raw_acc.clear()

    @property
    def pending(self) -> bytes:
        """Bytes of a line not yet terminated."""
        return self._buf

    def feed(self, data: bytes) -> list[Event]:
        self.bytes_seen += len(data)
        events: list[Event] = []
        buf = self._buf + data if self._buf else bytes(data)
        self._buf = b""
        while buf:
            if self._raw_needed:
                buf = self._take_raw(buf, events)
            elif self.raw_prefixes and self.raw_length and any(p in buf for p in self.raw_prefixes):
                buf = self._one_line(buf, events)
                if buf is None:
                    return events
            else:
                self._all_lines(buf, events)
                return events
        return events

    def _take_raw(self, buf: bytes, events: list[Event]) -> bytes:
        take = buf[: self._raw_needed]
        self._raw_acc += take
        self._raw_needed -= len(take)
        if not self._raw_needed:
            events.append((RAW, bytes(self._raw_acc)))
            self._raw_acc.clear()
        return buf[len(take):]

    def _all_lines(self, buf: bytes, events: list[Event]) -> None:
        parts = _LINE_ENDS.split(buf)
        rest = parts.pop()
        append = events.append
        for part in parts:
            if part:
                text = clean_text(part)
                if text:
                    append((LINE, text))
        self._keep(rest, events)

    def _one_line(self, buf: bytes, events: list[Event]) -> bytes | None:
        """Slow path: one line at a time, so raw data right after a line is not split."""
        m = _ONE_LINE_END.search(buf)
        if m is None:
            self._keep(buf, events)
            return None
        part, rest = buf[: m.start()], buf[m.end():]
        announces_raw = part.lstrip(_JUNK).startswith(self.raw_prefixes)
        if announces_raw and m.group() == b"\r" and not rest:
            self._buf = buf  # a lone CR may be the first half of CRLF: wait before raw data starts
            return None
        text = clean_text(part) if part else ""
        if text:
            events.append((LINE, text))
            if announces_raw:
                count = self.raw_length(text)
                if count:
                    self._raw_needed = count
        return rest

    def _keep(self, rest: bytes, events: list[Event]) -> None:
        if rest and rest.translate(None, _JUNK) in _PROMPTS:
            events.append((PROMPT, "> "))
            return
        self._buf = rest
