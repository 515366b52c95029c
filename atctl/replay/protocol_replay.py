"""pyserial URL handler for `replay://PATH.jsonl` (see atctl.replay)."""

from __future__ import annotations

import threading
import time
import urllib.parse

from serial.serialutil import PortNotOpenError, SerialBase, SerialException

from atctl.replay import Recording, build_recording, record_divergence

_ENDS = b"\r\n"


def path_of(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "replay":
        raise SerialException(f"expected a replay:// URL, got {url!r}")
    path = urllib.parse.unquote(parts.netloc + parts.path)
    if not path:
        raise SerialException("replay:// needs a file: replay://session.jsonl or replay:///abs/path.jsonl")
    return path


def load(path: str) -> Recording:
    import os

    if os.path.isdir(path):
        raise SerialException(f"replay file {path} is a directory")
    try:
        with open(path, "rb") as fh:
            from atctl.logs.stream import text_lines

            return build_recording(text_lines(fh, path, []))
    except FileNotFoundError:
        raise SerialException(f"could not open port {path}: [Errno 2] No such file or directory: {path!r}") from None
    except OSError as exc:
        raise SerialException(f"cannot read replay file {path}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - InputError for an empty/binary file
        message = getattr(exc, "one_line", None)
        raise ValueError(message() if message else str(exc)) from None


class Serial(SerialBase):
    """Answers each complete command line from the recording."""

    def open(self):
        if self._port is None:
            raise SerialException("port must be configured before it can be used")
        if self.is_open:
            raise SerialException("port already open")
        self.path = path_of(self.portstr)
        self.recording = load(self.path)
        self.cond = threading.Condition()
        self.out = bytearray()
        self.inbuf = b""
        self.sent: dict[str, int] = {}
        self.echo = self.recording.echo
        self.prompt_wait = False
        for line in self.recording.leading:
            self.out += _ENDS + line.encode("latin-1", "replace") + _ENDS
        self.is_open = True

    def close(self):
        self.is_open = False

    def _reconfigure_port(self, force_update=False):
        pass

    # ---- the modem side -----------------------------------------------------------
    def _answer(self, command: str) -> None:
        text = command.strip()
        if not text:
            return
        occurrence = self.sent.get(text.upper(), 0)
        self.sent[text.upper()] = occurrence + 1
        if self.echo:
            self.out += text.encode("latin-1", "replace") + b"\r"
        replies = self.recording.lookup(text)
        if not replies:
            record_divergence(self.path, text, occurrence + 1)
            self.out += _ENDS + b"ERROR" + _ENDS
            return
        reply = replies[min(occurrence, len(replies) - 1)]
        for line in reply.lines:
            self.out += _ENDS + line.encode("latin-1", "replace") + _ENDS
        if reply.final is not None:
            self.out += _ENDS + reply.final.encode("latin-1", "replace") + _ENDS
            upper = text.upper()
            if upper in ("ATE0", "ATE1", "ATE") and reply.final == "OK":
                self.echo = upper == "ATE1"
        for line in reply.urcs_after:
            self.out += _ENDS + line.encode("latin-1", "replace") + _ENDS

    def write(self, data):
        if not self.is_open:
            raise PortNotOpenError()
        data = bytes(data)
        with self.cond:
            self.inbuf += data
            while True:
                cut = min((i for i in (self.inbuf.find(b"\r"), self.inbuf.find(b"\n"), self.inbuf.find(b"\x1a"),
                                       self.inbuf.find(b"\x1b")) if i >= 0), default=-1)
                if cut < 0:
                    break
                line, self.inbuf = self.inbuf[:cut], self.inbuf[cut + 1:]
                self._answer(line.decode("latin-1"))
            self.cond.notify_all()
        return len(data)

    def read(self, size=1):
        if not self.is_open:
            raise PortNotOpenError()
        deadline = None if self._timeout is None else time.monotonic() + self._timeout
        with self.cond:
            while not self.out:
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return b""
                self.cond.wait(remaining)
            data = bytes(self.out[:size])
            del self.out[:size]
            return data

    @property
    def in_waiting(self):
        return len(self.out)

    def reset_input_buffer(self):
        with self.cond:
            self.out.clear()

    def reset_output_buffer(self):
        pass

    def flush(self):
        pass

    @property
    def cts(self):
        return True

    @property
    def dsr(self):
        return True

    @property
    def ri(self):
        return False

    @property
    def cd(self):
        return True

    def _update_rts_state(self):
        pass

    def _update_dtr_state(self):
        pass

    def _update_break_state(self):
        pass
