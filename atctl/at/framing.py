"""Bytes -> events, for any fragmentation of the input.

Events: ("line", str) for every non-empty line, ("prompt", "> ") for a data
prompt that has no line end, ("raw", bytes) for the N bytes announced by a
"+QIRD: N"-style line. Splitting uses C-level bytes operations (one regex split
per chunk) so URC-heavy streams frame at tens of MB/s; only chunks that contain
a raw-data prefix take the line-by-line path.

V0 results ("0\\r") end with CR only: since CR alone ends a line, they come out
as the line "0" and the engine maps them. Garbage (NULs, binary junk, other
control bytes) is dropped from lines and counted (`noise_bytes`), never stored;
a line of nothing but junk vanishes.

Bounds: a port that streams noise or a line that never ends must not grow memory.
A line longer than MAX_LINE is dropped up to its line end and counted
(`overlong_lines`, `dropped_bytes`). 8 KiB is four times the longest real reply
we know of (an `AT+COPS=?` scan listing ~30 operators is ~2 KiB on one line;
band masks, +QENG and ATI lines are far shorter). Raw blocks (+QIRD: N) are not
lines and may be longer, up to MAX_RAW; an announced length beyond it is not
trusted and the bytes stay lines.

Text is UTF-8; bytes that are not UTF-8 (a Latin-1 operator name) become U+FFFD,
one per byte, and are counted (`undecodable_bytes`): a line is never silenced.
"""

from __future__ import annotations

import re
from typing import Callable

_LINE_ENDS = re.compile(rb"[\r\n]+")
_ONE_LINE_END = re.compile(rb"\r\n|\r|\n")
# control bytes other than CR/LF, DEL, and 0xFE/0xFF (never in AT text)
_JUNK = bytes(range(0, 10)) + bytes(range(11, 13)) + bytes(range(14, 32)) + b"\x7f\xfe\xff"
_PROMPTS = (b"> ", b">")
_ESCAPED = re.compile("[\udc80-\udcff]")

MAX_LINE = 8 * 1024
MAX_RAW = 1024 * 1024

LINE = "line"
PROMPT = "prompt"
RAW = "raw"

Event = tuple[str, object]


def decode_text(clean: bytes) -> tuple[str, int]:
    """UTF-8 text with U+FFFD for each byte that is not UTF-8, and how many there were."""
    if clean.isascii():
        return clean.decode("ascii"), 0
    text = clean.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(text))
    return (_ESCAPED.sub("\ufffd", text) if bad else text), bad


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
        self._discarding = False  # inside an overlong line: drop up to its line end
        self.noise_bytes = 0
        self.undecodable_bytes = 0
        self.overlong_lines = 0
        self.dropped_bytes = 0
        self.raw_refused = 0

    def reset(self) -> None:
        self._buf = b""
        self._raw_needed = 0
        self._raw_acc.clear()
        self._discarding = False

    def stats(self) -> dict[str, int]:
        """What the framer dropped or replaced, for reports (all counts since the framer was made)."""
        return {"noise_bytes": self.noise_bytes, "undecodable_bytes": self.undecodable_bytes,
                "overlong_lines": self.overlong_lines, "dropped_bytes": self.dropped_bytes,
                "raw_refused": self.raw_refused}

    def _text(self, part: bytes) -> str | None:
        """A complete line's text (junk removed and counted), or None for an empty or overlong one."""
        clean = part.translate(None, _JUNK)
        self.noise_bytes += len(part) - len(clean)
        if len(clean) > MAX_LINE:
            self.overlong_lines += 1
            self.dropped_bytes += len(clean)
            return None
        text, bad = decode_text(clean)
        self.undecodable_bytes += bad
        return text.strip() or None

    @property
    def pending(self) -> bytes:
        """Bytes of a line not yet terminated."""
        return self._buf

    def feed(self, data: bytes) -> list[Event]:
        self.bytes_seen += len(data)
        events: list[Event] = []
        buf = self._buf + data if self._buf else bytes(data)
        self._buf = b""
        if self._discarding:
            buf = self._discard(buf)
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

    def _discard(self, buf: bytes) -> bytes:
        m = _ONE_LINE_END.search(buf)
        cut = m.start() if m else len(buf)
        self.dropped_bytes += cut
        if m:
            self._discarding = False
        return buf[cut:]

    def _take_raw(self, buf: bytes, events: list[Event]) -> bytes:
        take = buf[: self._raw_needed]
        self._raw_acc += take
        self._raw_needed -= len(take)
        if not self._raw_needed:
            events.append((RAW, bytes(self._raw_acc)))
            self._raw_acc.clear()
        return buf[len(take):]

    def _all_lines(self, buf: bytes, events: list[Event]) -> None:
        clean = buf.translate(None, _JUNK)  # junk never holds a line end: remove it once, before splitting
        self.noise_bytes += len(buf) - len(clean)
        parts = _LINE_ENDS.split(clean)
        rest = parts.pop()
        append = events.append
        for part in parts:
            if not part:
                continue
            if len(part) > MAX_LINE:
                self.overlong_lines += 1
                self.dropped_bytes += len(part)
                continue
            if part.isascii():
                text = part.decode("ascii").strip()
            else:
                text, bad = decode_text(part)
                self.undecodable_bytes += bad
                text = text.strip()
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
        text = self._text(part) if part else None
        if text:
            events.append((LINE, text))
            if announces_raw:
                count = self.raw_length(text)
                if count and count > MAX_RAW:
                    self.raw_refused += 1  # no module sends that much in one block: keep framing lines
                elif count:
                    self._raw_needed = count
        return rest

    def _keep(self, rest: bytes, events: list[Event]) -> None:
        """Hold an unterminated tail: junk is removed (and counted) now, an overlong tail is dropped."""
        if not rest:
            return
        clean = rest.translate(None, _JUNK)
        self.noise_bytes += len(rest) - len(clean)
        if clean in _PROMPTS:
            events.append((PROMPT, "> "))
            return
        if len(clean) > MAX_LINE:
            self.overlong_lines += 1
            self.dropped_bytes += len(clean)
            self._discarding = True
            return
        self._buf = clean
