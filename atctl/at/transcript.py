"""`--transcript FILE`: every byte both ways as JSON lines, and the `-v` live trace.

{"t": seconds since open (monotonic), "dir": "tx"|"rx"|"note", "data": text[, "hex": raw bytes]}

Records are whole lines: what we send is one record per command (or data block);
what we receive is held back until its line ends (CRLF, LF or a lone CR), or until
the next send, or close. Redaction runs on those reassembled lines, so no read
fragmentation can split an identifier or a PIN over records where no pattern sees it.
In every record, both ways: PINs and passwords are masked (echoes included:
`mask_secrets` on rx lines too); IMEI/IMSI/ICCID are redacted unless show_ids.

`data` is UTF-8 with U+FFFD for bytes that are not; such a record also carries
`hex`, the raw bytes (after masking and redaction), so nothing is lost.

The file is created 0600, never through a symbolic link, and never replaces an
existing file unless force=True (a device such as /dev/null is written, not replaced).
"""

from __future__ import annotations

import json
import os
import re
import stat
import time
from typing import TextIO

from atctl.at.framing import MAX_LINE
from atctl.errors import InputError
from atctl.redact import mask_secrets, redact_text

# a line ends after CRLF, LF, or a CR not followed by LF (a CR at the very end waits for the next read)
_LINE_END = re.compile(rb"\r\n|\n|\r(?=[^\n])")
_BODY_END = re.compile(r"(\r\n|\n|\r)$")
_ESCAPED = re.compile("[\udc80-\udcff]")


def private_file(path: str, *, force: bool = False, what: str = "transcript") -> int:
    """A file descriptor for writing `path`: created 0600, never through a symlink, an existing
    regular file only when force=True (then truncated and made 0600). InputError (exit 2) otherwise."""
    nofollow = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | nofollow, 0o600)
    except FileExistsError:
        pass
    except OSError as exc:
        raise _unwritable(path, exc, what) from None
    if os.path.islink(path):
        raise InputError(f"the {what} path {path} is a symbolic link; atctl does not write through links",
                         hint="choose another path")
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            if stat.S_ISDIR(mode):
                raise IsADirectoryError(21, "Is a directory")
            return os.open(path, os.O_WRONLY | os.O_APPEND | nofollow)  # /dev/null, a fifo: nothing replaced
        if not force:
            raise InputError(f"the {what} file {path} already exists", hint="pass --force or choose another path")
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC | nofollow)
        os.fchmod(fd, 0o600)
        return fd
    except InputError:
        raise
    except OSError as exc:
        raise _unwritable(path, exc, what) from None


def _unwritable(path: str, exc: OSError, what: str) -> InputError:
    if getattr(exc, "errno", None) == getattr(os, "ELOOP", -1) or os.path.islink(path):
        return InputError(f"the {what} path {path} is a symbolic link; atctl does not write through links",
                          hint="choose another path")
    return InputError(f"cannot write the {what} {path}: {exc.strerror or exc}",
                      hint="choose a path in a directory you can write to")


class Transcript:
    def __init__(self, path: str | None = None, *, show_ids: bool = False, keep: bool = False,
                 force: bool = False, trace: TextIO | None = None):
        self._fh = os.fdopen(private_file(path, force=force), "w", encoding="utf-8") if path else None
        self._t0 = time.monotonic()
        self.show_ids = show_ids
        self.known_ids: list[str] = []
        self.records: list[dict] | None = [] if keep else None
        self.trace = trace
        self._rx_tail = b""

    @property
    def _active(self) -> bool:
        return self._fh is not None or self.records is not None or self.trace is not None

    def _write(self, direction: str, data: bytes) -> None:
        # surrogateescape: undecodable bytes survive masking and redaction as themselves
        text = data.decode("utf-8", "surrogateescape")
        if direction != "note":
            m = _BODY_END.search(text)
            body, end = (text[: m.start()], m.group()) if m else (text, "")
            text = "\r".join(mask_secrets(part) for part in body.split("\r")) + end
        if not self.show_ids:
            text = redact_text(text, self.known_ids)
        record = {"t": round(time.monotonic() - self._t0, 6), "dir": direction,
                  "data": _ESCAPED.sub("\ufffd", text)}
        if _ESCAPED.search(text):
            record["hex"] = text.encode("utf-8", "surrogateescape").hex()
        if self.records is not None:
            self.records.append(record)
        if self._fh:
            self._fh.write(json.dumps(record) + "\n")
            self._fh.flush()
        if self.trace is not None:
            self._trace(record)

    def _trace(self, record: dict) -> None:
        """One line per record, control characters escaped; the empty lines around replies are left out."""
        shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in record["data"].strip("\r\n"))
        if shown:
            arrow = {"tx": "->", "rx": "<-"}.get(record["dir"], "--")
            self.trace.write(f"atctl {record['t']:9.3f} {arrow} {shown}\n")
            self.trace.flush()

    def tx(self, data: bytes) -> None:
        if not self._active:
            return
        self._flush_rx()  # what arrived before we sent is complete as far as it will ever be
        self._write("tx", data)

    def rx(self, data: bytes) -> None:
        if not self._active:
            return
        buf = self._rx_tail + data
        start = 0
        for m in _LINE_END.finditer(buf):
            self._write("rx", buf[start:m.end()])
            start = m.end()
        self._rx_tail = buf[start:]
        if len(self._rx_tail) > MAX_LINE:  # no line end in sight (noise): do not hold it forever
            self._flush_rx()

    def _flush_rx(self) -> None:
        if self._rx_tail:
            tail, self._rx_tail = self._rx_tail, b""
            self._write("rx", tail)

    def note(self, text: str) -> None:
        if self._active:
            self._write("note", text.encode("utf-8", "replace"))

    def add_known_id(self, value: str | None) -> None:
        if value and len(value) > 4 and value not in self.known_ids:
            self.known_ids.append(value)

    def close(self) -> None:
        if self._active:
            self._flush_rx()
        if self._fh:
            self._fh.close()
            self._fh = None
