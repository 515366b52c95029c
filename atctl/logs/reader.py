"""A serial log -> exchanges (command, reply lines, final result), URCs and
unparsed lines, each decoded where atctl knows the response (pure: the caller
passes the lines; nothing here opens a file).

Pairing rules, in the engine's own terms (atctl.at.classify):
- a line that is an AT command opens an exchange; the same text again before any
  reply is its echo (echo on, or a library that prints what it sends as well);
- while a command is pending, a final result (OK, ERROR, +CME ERROR ...) closes it;
  lines with its prefix are its reply (the read-vs-URC rule for +CEREG etc. is the
  engine's); other +lines and boot lines are URCs; plain text is reply text only
  for commands that answer in plain text (ATI, AT+CGMM, AT+CGSN ...), else an app print;
- +lines with no command pending are held: if a final result follows, they were
  the reply to a command the log does not show (echo off, host prints only what
  it receives); otherwise they are URCs;
- a new command while one is pending closes the old one without a result
  (truncated, timed out or interleaved), and says so in warnings.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from atctl.at.classify import ALWAYS_URC_LINES, ALWAYS_URC_PREFIXES, BOOT_LINES, ReplyMatcher, command_name, final_of
from atctl.logs.normalize import Piece, normalize
from atctl.redact import mask_secrets, redact_text

# commands whose reply is plain text rather than +PREFIX: lines
TEXT_REPLY = {"I", "GMI", "GMM", "GMR", "GSN", "CGMI", "CGMM", "CGMR", "CGSN", "CIMI", "CCID", "QCCID", "ICCID",
              "CLAC", "QGMR", "UGSN", "Z", "V"}
BOOT_MARKERS = BOOT_LINES | {"Ready", "READY", "SMS Ready", "Call Ready"}
MAX_WARNINGS = 100
MAX_PARTIAL = 64 * 1024
_DIGIT_RUN = re.compile(r"\d{14}")  # cheap test before the full identifier redaction
_DECODE_CACHE_MAX = 20000


def is_command(text: str) -> bool:
    """'AT', 'ATI', 'AT+CEREG?', 'at+cfun=1', 'AT%XSYSTEMMODE=1,0,0,0' - not 'AT command failed'."""
    if len(text) < 2 or text[0] not in "Aa" or text[1] not in "Tt":
        return False
    if len(text) == 2:
        return True
    third = text[2]
    if third in "+%#$^&*\\?=" or third.isdigit():
        return True
    if not third.isalpha():
        return False
    # basic commands: ATI, ATE0, ATZ, ATS0=1, ATE0V1, ATD*99#; not "ATParser:", "ATTENTION"
    return len(text) == 3 or third in "Dd" or text[3].isdigit() or text[3] in "=?&;+"


@dataclass
class Exchange:
    line_no: int
    command: str | None
    lines: list[str] = field(default_factory=list)
    result: str | None = None
    decoded: list[dict] = field(default_factory=list)
    echoed: bool = False
    urcs_during: list[int] = field(default_factory=list)   # indexes into LogResult.urcs
    line_nos: list[int] = field(default_factory=list)       # line number of each reply line
    result_line_no: int | None = None
    rx: list[str] = field(default_factory=list)             # every line received while pending, in order
    matcher: Any = None
    direction: str | None = None                            # "tx" when the log says the host sent it

    def to_dict(self) -> dict:
        return {"line_no": self.line_no, "command": self.command, "lines": self.lines, "result": self.result,
                "decoded": self.decoded, "echo": self.echoed}


@dataclass
class LogResult:
    exchanges: list[Exchange] = field(default_factory=list)
    urcs: list[dict] = field(default_factory=list)       # {line_no, line, decoded, after}
    unparsed: list[dict] = field(default_factory=list)   # {line_no, line}
    warnings: list[str] = field(default_factory=list)
    lines_read: int = 0
    source: str = "text"                                  # text | transcript
    vendor: str | None = None
    reboots: list[int] = field(default_factory=list)      # line numbers of boot banners
    _warned: int = 0

    def warn(self, text: str) -> None:
        self._warned += 1
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(text)
        elif len(self.warnings) == MAX_WARNINGS:
            self.warnings.append("more warnings left out")

    def summary(self) -> dict:
        errors = sum(1 for e in self.exchanges if e.result is not None and not _ok(e.result))
        return {"lines": self.lines_read, "exchanges": len(self.exchanges), "urcs": len(self.urcs),
                "unparsed": len(self.unparsed), "errors": errors,
                "no_result": sum(1 for e in self.exchanges if e.result is None),
                "decoded": sum(len(e.decoded) for e in self.exchanges) + sum(1 for u in self.urcs if u["decoded"]),
                "reboots": len(self.reboots), "source": self.source, "vendor": self.vendor,
                "warnings": self._warned}

    def to_dict(self) -> dict:
        return {"exchanges": [e.to_dict() for e in self.exchanges],
                "urcs": [{k: u[k] for k in ("line_no", "line", "decoded")} for u in self.urcs],
                "unparsed": self.unparsed, "summary": self.summary(), "warnings": self.warnings}


def _ok(result: str) -> bool:
    return result in ("OK", "SEND OK") or result.startswith("CONNECT")


class _Decoder:
    """parse_line with a cache: logs repeat the same lines (polls) thousands of times."""

    def __init__(self, vendor: str | None, profile: Any):
        from atctl.codecs.dispatch import PARSERS

        self.vendor, self.profile = vendor, profile
        self.parsers = PARSERS
        self.cache: dict[tuple, dict | None] = {}

    def __call__(self, line: str, pending: str | None, is_urc: bool | None) -> dict | None:
        key = (line, pending if pending and pending.endswith("?") else bool(pending), is_urc, self.vendor)
        hit = self.cache.get(key, False)
        if hit is not False:
            return hit
        value = self._decode(line, pending, is_urc)
        if len(self.cache) < _DECODE_CACHE_MAX:
            self.cache[key] = value
        return value

    def _decode(self, line: str, pending: str | None, is_urc: bool | None) -> dict | None:
        from atctl.errors import InputError
        from atctl.codecs import parse_line
        from atctl.data import plmn_name
        from atctl.codecs.dispatch import split_line

        if ":" not in line:
            return None
        try:
            prefix, _ = split_line(line)
        except InputError:
            return None
        if prefix not in self.parsers:
            return None
        try:
            return parse_line(line, vendor=self.vendor, pending=pending, profile=self.profile, is_urc=is_urc,
                              names=plmn_name).to_dict()
        except InputError as exc:
            return {"type": prefix, "fields": {"unparsed": [line], "warnings": [exc.message]}}
        except Exception as exc:  # noqa: BLE001 - a parser bug must not stop a whole log
            return {"type": prefix, "fields": {"unparsed": [line], "warnings": [f"{type(exc).__name__}: {exc}"]}}


class LogReader:
    """Feed pieces in line order; `finish()` returns the LogResult."""

    def __init__(self, vendor: str | None = None, profile: Any = None, show_ids: bool = False):
        self.result = LogResult(vendor=vendor)
        self.show_ids = show_ids
        self.decode = _Decoder(vendor, profile)
        self.vendor_fixed = vendor is not None
        self.pending: Exchange | None = None
        self.held: list[tuple[int, str]] = []
        self.partial: dict[str | None, tuple[int, str]] = {}

    # ---- input ---------------------------------------------------------------------
    def feed_piece(self, line_no: int, piece: Piece) -> None:
        if piece.chunk:
            self._feed_chunk(line_no, piece)
            return
        self._line(line_no, piece.direction, piece.text)

    def _feed_chunk(self, line_no: int, piece: Piece) -> None:
        start, buf = self.partial.pop(piece.direction, (line_no, ""))
        buf += piece.text
        parts = buf.replace("\r", "\n").split("\n")
        rest = parts.pop()
        for part in parts:
            if part.strip():
                self._line(start, piece.direction, part.strip())
            start = line_no
        if len(rest) > MAX_PARTIAL:  # a stream that never ends a line: bounded, like the file reader
            self.result.warn(f"line {start}: {len(rest)} characters without a line end; cut there")
            self._line(start, piece.direction, rest[:MAX_PARTIAL].strip())
        elif rest:
            self.partial[piece.direction] = (start, rest)

    def _line(self, line_no: int, direction: str | None, text: str) -> None:
        if not text:
            return
        if not self.show_ids and len(text) >= 14 and _DIGIT_RUN.search(text):
            text = redact_text(text)  # IMEI / IMSI / ICCID keep their last 4 digits (band masks stay)
        if is_command(text) and direction != "rx":
            self._command(line_no, text, direction)
        elif direction == "rx" and is_command(text):
            self._echo_or_command(line_no, text)
        elif direction == "tx":
            self._unparsed(line_no, text)  # payload typed after a prompt, Ctrl-Z data ...
        else:
            self._received(line_no, text)

    # ---- commands ----------------------------------------------------------------
    def _echo_or_command(self, line_no: int, text: str) -> None:
        text = mask_secrets(text)
        if self.pending is not None and not self.pending.rx and self.pending.command \
                and text.upper() == self.pending.command.upper():
            self.pending.echoed = True
            return
        self._command(line_no, text)

    def _command(self, line_no: int, text: str, direction: str | None = None) -> None:
        text = mask_secrets(text)  # never keep a SIM PIN from a log
        pending = self.pending
        resent = direction == "tx" and pending is not None and pending.direction == "tx"
        if pending is not None and not resent and not pending.rx and pending.command \
                and text.upper() == pending.command.upper():
            pending.echoed = True
            return
        if pending is not None:
            self._close(pending, None)
            self.result.warn(f"line {pending.line_no}: {pending.command} has no final result in the log")
        self._flush_held()
        self.pending = Exchange(line_no, text, matcher=ReplyMatcher(text), direction=direction)

    # ---- received lines ------------------------------------------------------------
    def _received(self, line_no: int, text: str) -> None:
        final = final_of(text, v0=False)
        pending = self.pending
        if final is not None:
            if pending is not None:
                pending.result_line_no = line_no
                self._close(pending, final)
            else:
                orphan = Exchange(self.held[0][0] if self.held else line_no, None, result_line_no=line_no)
                for held_no, held in self.held:
                    orphan.lines.append(held)
                    orphan.line_nos.append(held_no)
                self.held = []
                self._close(orphan, final)
                if not orphan.lines:
                    self.result.warn(f"line {line_no}: {final} without a command before it")
            return
        if text in BOOT_MARKERS:
            self.result.reboots.append(line_no)
        if pending is not None:
            if self._belongs(pending, text):
                pending.rx.append(text)
                pending.lines.append(text)
                pending.line_nos.append(line_no)
            elif _urc_like(text):
                pending.rx.append(text)
                pending.urcs_during.append(len(self.result.urcs))
                self._urc(line_no, text, during=pending)
            else:
                if self.result.source == "transcript":
                    pending.rx.append(text)  # the module sent it; a text log's stray line is the host's print
                self._unparsed(line_no, text)
            return
        if text.startswith(("+", "%", "^", "#", "$")) and ":" in text and text not in ALWAYS_URC_LINES \
                and not text.startswith(ALWAYS_URC_PREFIXES):
            self.held.append((line_no, text))
            return
        self._flush_held()
        if _urc_like(text):
            self._urc(line_no, text)
        else:
            self._unparsed(line_no, text)

    @staticmethod
    def _belongs(pending: Exchange, text: str) -> bool:
        matcher = pending.matcher
        if text[0] in "+^%#$" and ":" in text:
            return matcher.belongs(text)
        if text in ALWAYS_URC_LINES or text in BOOT_MARKERS:
            return False
        return (matcher.name in TEXT_REPLY or pending.command.upper().startswith("ATI")) and matcher.belongs(text)

    def _flush_held(self) -> None:
        if self.held:
            held, self.held = self.held, []
            for line_no, text in held:
                self._urc(line_no, text)

    def _urc(self, line_no: int, text: str, during: Exchange | None = None) -> None:
        after = len(self.result.exchanges) - 1  # index of the exchange this URC followed (-1: none yet)
        self.result.urcs.append({"line_no": line_no, "line": text, "decoded": self.decode(text, None, True),
                                 "after": after, "during": during is not None})

    def _unparsed(self, line_no: int, text: str) -> None:
        self.result.unparsed.append({"line_no": line_no, "line": text})

    def _close(self, exchange: Exchange, final: str | None) -> None:
        exchange.result = final
        command = exchange.command
        for line in exchange.lines:
            decoded = self.decode(line, command, None if command else False)
            if decoded is not None:
                exchange.decoded.append(decoded)
        if final is not None and final.startswith(("+CME ERROR", "+CMS ERROR")):
            decoded = self.decode(final, command, None)
            if decoded is not None:
                exchange.decoded.append(decoded)
        exchange.matcher = None
        self.result.exchanges.append(exchange)
        if self.pending is exchange:
            self.pending = None
        if not self.vendor_fixed and command and exchange.lines and command_name(command) in ("I", "GMI", "CGMI"):
            self._detect_vendor(" ".join(exchange.lines))

    def _detect_vendor(self, text: str) -> None:
        from atctl.codecs.hints import vendor_named_in

        vendor = vendor_named_in(text)
        if vendor and vendor != self.result.vendor:
            self.result.vendor = vendor
            self.decode = _Decoder(vendor, self.decode.profile)

    def finish(self, lines_read: int) -> LogResult:
        for direction, (line_no, rest) in list(self.partial.items()):
            if rest.strip():
                self._line(line_no, direction, rest.strip())
                self.result.warn(f"line {line_no}: the log ends in the middle of a line")
        self.partial.clear()
        if self.pending is not None:
            pending = self.pending
            self._close(pending, None)
            self.result.warn(f"line {pending.line_no}: the log ends before {pending.command} got its final result")
        self._flush_held()
        self.result.lines_read = lines_read
        return self.result


def _urc_like(text: str) -> bool:
    return (text[0] in "+^%#$" and ":" in text) or text in ALWAYS_URC_LINES or text in BOOT_MARKERS \
        or text.startswith(ALWAYS_URC_PREFIXES)


# ---- entry points ----------------------------------------------------------------------
def looks_like_transcript(first_line: str) -> bool:
    text = first_line.strip()
    if not text.startswith("{"):
        return False
    try:
        record = json.loads(text)
    except ValueError:
        return False
    return isinstance(record, dict) and "dir" in record and "data" in record


def transcript_pieces(records: Iterable[tuple[int, dict]]) -> Iterator[tuple[int, Piece]]:
    """atctl --transcript records (t, dir, data) -> pieces (tx/rx stream fragments)."""
    for line_no, record in records:
        direction = record.get("dir")
        data = record.get("data")
        if direction not in ("tx", "rx") or not isinstance(data, str):
            continue
        yield line_no, Piece(direction, data, True)


def read_log(lines: Iterable[str], *, vendor: str | None = None, profile: Any = None,
             show_ids: bool = False) -> LogResult:
    """Every exchange, URC and unparsed line of a text log or an atctl transcript (JSON lines).
    IMEI/IMSI/ICCID are redacted (last 4 digits kept) unless show_ids."""
    reader = LogReader(vendor=vendor, profile=profile, show_ids=show_ids)
    count = 0
    mode = None
    for count, raw in enumerate(lines, 1):
        if mode is None:
            if not raw.strip():
                continue
            mode = "transcript" if looks_like_transcript(raw) else "text"
            reader.result.source = mode
        if mode == "transcript":
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except ValueError:
                reader.result.warn(f"line {count}: not a JSON record; skipped")
                continue
            if isinstance(record, dict):
                for line_no, piece in transcript_pieces([(count, record)]):
                    reader.feed_piece(line_no, piece)
            continue
        for piece in normalize(raw):
            reader.feed_piece(count, piece)
    return reader.finish(count)
