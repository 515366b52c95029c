"""The AT engine: one command at a time, each with its own deadline; URCs routed
to subscribers and a queue, never mixed into a reply; no fixed sleeps (every wait
is a serial read bounded by the remaining deadline).

Waiting: the port's read timeout is a fixed short slice (READ_SLICE), set once,
and the engine loops on its own deadline. Changing `port.timeout` per read is
free on a local tty but on pyserial's RFC 2217 client every change is a
renegotiation that sleeps; a read returns as soon as a byte arrives, so the
slice costs no latency, only up to READ_SLICE past a deadline.

Late replies: after a command times out, its reply may still come and would pass
for the next command's. The engine marks itself out of step and, before the next
command, resynchronises: it sends RESYNC_PROBE and drains until the probe's own
marker line and final result, keeping what came before as stray lines. Lines
that do not fit the pending command (classify.ReplyMatcher) are strays too; a
final result right after strays closes the late reply, not the pending one.

Bounds: every list the engine keeps is capped (URCs, the URC queue, reply
lines, the command log); what was dropped is counted in `stats()`.
"""

from __future__ import annotations

import logging
import re
import time
from collections import deque
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO

from atctl.codecs import cme
from atctl.at.classify import (ALWAYS_URC_LINES, ALWAYS_URC_PREFIXES, RAW_DATA_PREFIXES, ReplyMatcher, is_boot_line,
                               final_of, is_ok)
from atctl.at.framing import LINE, PROMPT, RAW, Framer
from atctl.at.timeouts import timeout_for
from atctl.at.transcript import Transcript
from atctl.at.transport import READ_SLICE  # seconds one port read may block; the engine loops to its deadline
from atctl.at.types import Response
from atctl.errors import ModemError, ModemTimeout, ModemUnreachable, OperationFailed

READ_MAX = 65536    # bytes taken from the port per read
MAX_URCS = 1000     # URCs kept in `urcs` and in `urc_queue` (oldest dropped first)
MAX_REPLY_LINES = 2000  # information lines of one reply (AT+CLAC lists ~300)
MAX_LOG = 1000      # responses kept in `log`
# 27.007 9.1: every module answers the read with a "+CMEE: <n>" line, which no other
# command's late reply contains: the marker that tells the probe's OK from a late one
RESYNC_PROBE, RESYNC_MARKER = "AT+CMEE?", "+CMEE:"

_log = logging.getLogger("atctl.at")
_RAW_COUNT = re.compile(r"^\+(?:QIRD|USORD|USORF|QFREAD):\s*(?:\d+\s*,\s*)?(\d+)")


class ModemRebooted(OperationFailed):
    """The module printed its boot banner while a command was running."""


class LinkLost(ModemUnreachable):
    """The serial link went away mid-session (USB unplugged, pty server killed, ser2net kicked us)."""


class AtSession:
    def __init__(self, port, *, profile=None, transcript: Transcript | None = None, port_name: str = ""):
        self.port = port
        self.port_name = port_name or getattr(port, "name", "") or getattr(port, "port", "") or "the port"
        self.profile = profile
        self.transcript = transcript or Transcript(None)
        self.framer = Framer(raw_length=self._raw_length, raw_prefixes=RAW_DATA_PREFIXES)
        self._events: deque = deque()
        self.urcs: list[str] = []   # the latest MAX_URCS URCs seen, in order (a list: callers slice it)
        self.urc_queue: deque[str] = deque(maxlen=MAX_URCS)  # URCs not yet taken by wait_urc
        self._subscribers: list[tuple[str, Callable[[str], None]]] = []
        self.rebooted = False
        self.echo = None  # True when the last command was echoed
        self.log: deque[Response] = deque(maxlen=MAX_LOG)
        self._last_rx = 0
        self.timeouts: dict[str, float] = {}  # per-session deadline overrides: command prefix -> seconds
        self._dropped = {"urcs_dropped": 0, "urc_queue_dropped": 0, "reply_lines_dropped": 0, "stray_lines": 0,
                         "resyncs": 0}
        self.strays: list[str] = []  # lines that fit no pending command (late replies), the latest MAX_URCS
        self._desynced = False       # a command timed out: its reply may still arrive
        self._warned: set[str] = set()
        # a fixed short read timeout, set once (see the module docstring)
        if getattr(port, "timeout", None) is None or port.timeout > READ_SLICE:
            port.timeout = READ_SLICE

    def stats(self) -> dict[str, int]:
        """What was dropped or replaced so far: noise and undecodable bytes, overlong lines,
        URCs and reply lines beyond the bounds. All zero on a healthy link."""
        return {**self.framer.stats(), **self._dropped}

    def _count(self, key: str, what: str) -> None:
        self._dropped[key] += 1
        self._warn_once(key, what)

    def _warn_once(self, key: str, what: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            _log.warning("%s: %s (counted in stats())", self.port_name, what)
            self.transcript.note(f"warning: {what}")

    # ---- reading -----------------------------------------------------------------
    def _raw_length(self, line: str) -> int | None:
        m = _RAW_COUNT.match(line)
        return int(m.group(1)) if m else None

    def _read(self, deadline: float) -> bool:
        if time.monotonic() >= deadline:
            return False
        try:
            data = self.port.read(1)
            if not data:
                return False
            waiting = self.port.in_waiting
            if waiting:
                data += self.port.read(min(waiting, READ_MAX))
        except OSError as exc:  # SerialException is an OSError too
            raise self._link_lost("reading from", exc) from None
        self.transcript.rx(data)
        self._last_rx += len(data)
        overlong = self.framer.overlong_lines
        self._events.extend(self.framer.feed(data))
        if self.framer.overlong_lines != overlong:
            self._warn_once("overlong_lines", "dropped a line longer than any AT reply (8 KiB)")
        return True

    def _link_lost(self, doing: str, exc: Exception) -> LinkLost:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return LinkLost(f"lost the link to {self.port_name} while {doing} it ({reason})",
                        hint="the port was closed, the cable unplugged or the serial server stopped; "
                             "check the connection and run the command again")

    def _next_event(self, deadline: float):
        while not self._events:
            if not self._read(deadline) and time.monotonic() >= deadline:
                return None
        return self._events.popleft()

    def _pump_waiting(self) -> None:
        """Process bytes already received (URCs) without waiting."""
        try:
            waiting = self.port.in_waiting
        except (NotImplementedError, AttributeError):  # some URL backends cannot tell
            waiting = 0
        except OSError as exc:
            raise self._link_lost("reading from", exc) from None
        if waiting:
            self._read(time.monotonic() + 0.001)
        while self._events:
            kind, value = self._events.popleft()
            if kind == LINE:
                self._urc(value, None)

    # ---- URCs ------------------------------------------------------------------
    def _urc(self, line: str, response: Response | None) -> None:
        if is_boot_line(line):
            self.rebooted = True
        if len(self.urcs) >= MAX_URCS:
            del self.urcs[: len(self.urcs) - MAX_URCS + 1]  # memmove of <= 1000 pointers
            self._count("urcs_dropped", f"more than {MAX_URCS} URCs: the oldest are dropped")
        self.urcs.append(line)
        if len(self.urc_queue) == MAX_URCS:
            self._count("urc_queue_dropped", f"more than {MAX_URCS} URCs not taken: the oldest are dropped")
        self.urc_queue.append(line)
        if response is not None and len(response.urcs) < MAX_URCS:
            response.urcs.append(line)
        for prefix, callback in list(self._subscribers):
            if line.startswith(prefix):
                callback(line)

    def subscribe(self, prefix: str, callback: Callable[[str], None]) -> Callable[[], None]:
        entry = (prefix, callback)
        self._subscribers.append(entry)
        return lambda: self._subscribers.remove(entry)

    def take_urcs(self, prefix: str = "") -> list[str]:
        taken = [u for u in self.urc_queue if u.startswith(prefix)]
        self.urc_queue = deque((u for u in self.urc_queue if not u.startswith(prefix)), maxlen=MAX_URCS)
        return taken

    def wait_urc(self, prefix: str | tuple[str, ...], timeout: float,
                 predicate: Callable[[str], bool] | None = None) -> str | None:
        """The first queued or arriving URC starting with `prefix` (and passing predicate), or None."""
        deadline = time.monotonic() + timeout

        def match(line: str) -> bool:
            return line.startswith(prefix) and (predicate is None or predicate(line))

        for index, line in enumerate(self.urc_queue):
            if match(line):
                del self.urc_queue[index]
                return line
        while True:  # only the newest line can match now: no rescan of the queue per line
            event = self._next_event(deadline)
            if event is None:
                return None
            kind, value = event
            if kind == LINE:
                self._urc(value, None)
                if match(value) and self.urc_queue and self.urc_queue[-1] == value:
                    self.urc_queue.pop()
                    return value

    # ---- commands --------------------------------------------------------------
    def answers(self, timeout: float | None = None) -> bool:
        """Does the module still answer? Tells a stalled command from a module that went silent,
        so callers stop at once instead of each later command waiting out its deadline. The probe
        also resynchronises: a late reply to the stalled command is drained, not taken as the answer.
        The deadline is the session's for a bare AT unless given."""
        answered, _ = self._resync(timeout_for("AT", self.profile, self.timeouts) if timeout is None else timeout)
        return answered

    def _stray(self, line: str) -> None:
        if len(self.strays) >= MAX_URCS:
            del self.strays[0]
        self.strays.append(line)
        self._count("stray_lines", "lines that fit no pending command (late replies) were set aside")

    def _resync(self, timeout: float = 1.0) -> tuple[bool, bool]:
        """Send RESYNC_PROBE, drain up to its marker and final: (module answered, back in step)."""
        self._desynced = False  # one attempt per timeout; reply-fit checks guard the rest
        self._dropped["resyncs"] += 1
        deadline = time.monotonic() + timeout
        self.write(RESYNC_PROBE.encode() + b"\r")
        answered = marker = False
        while True:
            event = self._next_event(deadline)
            if event is None:
                return answered, False
            kind, line = event
            if kind != LINE:
                continue
            if line.upper() == RESYNC_PROBE:
                continue  # echo
            if line.startswith(RESYNC_MARKER):
                marker = answered = True
                continue
            if final_of(line) is not None:
                answered = True
                if marker:
                    return True, True
                continue  # the final of a late reply (or ERROR from a module without CMEE read)
            if line in ALWAYS_URC_LINES or line.startswith(ALWAYS_URC_PREFIXES):
                self._urc(line, None)
            else:
                self._stray(line)

    def write(self, data: bytes) -> None:
        self.transcript.tx(data)
        try:
            self.port.write(data)
        except OSError as exc:  # SerialException, SerialTimeoutException and EIO alike
            raise self._link_lost("writing to", exc) from None

    def command(self, command: str, timeout: float | None = None, *, expect_reboot: bool = False,
                data: bytes | None = None, resync: bool = True) -> Response:
        """Send one command and collect its reply until a final result or the deadline.
        After a timeout the next command first resynchronises (resync=False skips that)."""
        command = command.strip()
        if self._desynced and resync:
            self._resync(timeout_for("AT", self.profile, self.timeouts))
        self._pump_waiting()
        if timeout is None:
            timeout = timeout_for(command, self.profile, self.timeouts)
        response = Response(command)
        matcher = ReplyMatcher(command)
        start = time.monotonic()
        deadline = start + timeout
        rx_before = self._last_rx
        self.echo = False
        self.write(command.encode("ascii", "replace") + b"\r")
        after_stray = False   # strays seen and nothing of ours since: the next final closes the late reply
        held: str | None = None  # such a final, used if ours never comes
        while True:
            event = self._next_event(deadline)
            if event is None:
                response.elapsed_s = time.monotonic() - start
                self.log.append(response)
                if held is not None:
                    return self._finish(response, held)
                self._desynced = True
                raise self._timeout(command, timeout, got_bytes=self._last_rx > rx_before)
            kind, value = event
            if kind == RAW:
                response.raw.append(value)
                continue
            if kind == PROMPT:
                self.write((data + b"\x1a") if data is not None else b"\x1b")  # payload + Ctrl-Z, or ESC to cancel
                continue
            line = value
            if not response.lines and line.upper() == command.upper():
                self.echo = True
                continue
            final = final_of(line)
            if final is not None and not (final == line and line.isdigit() and matcher.name in ("CGSN", "CIMI", "GSN")):
                if after_stray and not response.lines and matcher.expects_info:
                    held, after_stray = final, False
                    self._stray(line)
                    continue
                response.elapsed_s = time.monotonic() - start
                self.log.append(response)
                return self._finish(response, final)
            if is_boot_line(line):
                self._urc(line, response)
                if not expect_reboot:
                    response.elapsed_s = time.monotonic() - start
                    self.log.append(response)
                    raise ModemRebooted(f"the module rebooted while running {command}",
                                        hint="settings not saved to NVM are lost; run the operation again")
                continue
            if matcher.is_stray(line):
                self._stray(line)
                after_stray = True
            elif matcher.belongs(line):
                if len(response.lines) < MAX_REPLY_LINES:
                    response.lines.append(line)
                else:
                    self._count("reply_lines_dropped", f"a reply longer than {MAX_REPLY_LINES} lines was cut")
            else:
                self._urc(line, response)

    @staticmethod
    def _finish(response: Response, final: str) -> Response:
        response.final = final
        response.ok = is_ok(final)
        if not response.ok:
            response.error_code, response.error_text = _error_of(final)
        return response

    def check(self, command: str, timeout: float | None = None, **kwargs) -> Response:
        response = self.command(command, timeout, **kwargs)
        if not response.ok:
            from atctl.redact import mask_secrets

            shown = mask_secrets(command)
            raise ModemError(f"{shown} failed: {response.error_text or response.final}", command=shown,
                             code=response.error_code, final=response.final)
        return response

    def _timeout(self, command: str, timeout: float, got_bytes: bool) -> ModemTimeout:
        from atctl.redact import mask_secrets

        shown = mask_secrets(command)
        if got_bytes:
            return ModemTimeout(f"{shown} got no final result within {timeout:g} s", command=shown, timeout_s=timeout,
                                hint="the module answered partly; it may be busy or the deadline too short (--timeout)")
        return ModemTimeout(f"no answer to {shown} within {timeout:g} s", command=shown, timeout_s=timeout,
                            hint="the module may be busy, asleep (PSM) or rebooting")

    # ---- session start ---------------------------------------------------------
    def start(self, boot_timeout: float = 10.0, probe_timeout: float = 0.5) -> None:
        """Reach a known state: answering, no echo, verbose result codes, verbose CME errors.

        Copes with a module still booting (RDY / APP RDY / silence): `AT` is retried on a
        short cadence until boot_timeout; each try waits on data, never a fixed sleep.
        """
        deadline = time.monotonic() + boot_timeout
        rx_start = self.framer.bytes_seen
        lines_seen: list[str] = []
        while True:
            try:
                if self.command("AT", timeout=min(probe_timeout, max(0.05, deadline - time.monotonic())),
                                expect_reboot=True, resync=False).final:
                    break
            except ModemTimeout:
                lines_seen.extend(self.urcs[-5:])
                if time.monotonic() >= deadline:
                    raise self._first_contact_error(self.framer.bytes_seen - rx_start, lines_seen) from None
        if self._desynced:  # an unanswered probe's OK may still come: drain it before the setup commands
            self._resync(probe_timeout)
        self.command("ATV1")  # answers "0" if the module was in V0; V1 from now on
        response = self.command("ATE0")
        if response.ok and self.command("AT").ok and self.echo:
            self.command("ATE0")  # some modules ignore the first ATE0 right after boot
        if not self.command("AT+CMEE=2").ok:
            self.command("AT+CMEE=1")

    def _first_contact_error(self, received: int, lines: list[str]) -> ModemUnreachable:
        port = self.port_name
        if received == 0:
            return ModemUnreachable(
                f"no answer at all from {port}",
                hint="this may be the wrong port (a USB module has several: try `atctl ports` and another interface), "
                     "or the module is off or asleep in PSM (wake it with its PWRKEY/WAKEUP pin), "
                     "or it runs at another baud rate (SARA-N2: --baud 9600)")
        if any(line.startswith(("CONNECT", "NO CARRIER")) for line in lines):
            return ModemUnreachable(
                f"{port} is in data mode (a data connection is open)",
                hint="send +++ after one second of silence, or toggle DTR, to return to command mode")
        return ModemUnreachable(
            f"{port} sends bytes but no AT replies ({received} bytes of noise)",
            hint="the baud rate is probably wrong: try --baud 115200, 9600 or 921600")

    def close(self) -> None:
        from atctl.at.transport import release_port

        try:
            release_port(self.port)
        except OSError:
            pass  # the link is already gone; nothing to release
        finally:
            self.transcript.close()


def _error_of(final: str) -> tuple[int | None, str]:
    if final.startswith("+CME ERROR:"):
        return cme.describe("CME", final.split(":", 1)[1])
    if final.startswith("+CMS ERROR:"):
        return cme.describe("CMS", final.split(":", 1)[1])
    return None, final


@contextmanager
def open_session(port: str, *, baud: int = 115200, profile=None, transcript: str | Transcript | None = None,
                 show_ids: bool = False, start: bool = True, boot_timeout: float = 10.0, force: bool = False,
                 trace: TextIO | None = None) -> Iterator[AtSession]:
    """Open `port` (device path or pyserial URL), start a session, close it afterwards.

    `transcript`: a path (created 0600; an existing file is an InputError unless force=True) or a
    Transcript. `trace`: a text stream (sys.stderr for -v) that gets every exchange live, redacted
    exactly like the transcript. Transcript problems are raised before the port is opened."""
    from atctl.at.transport import open_port

    if not isinstance(transcript, Transcript):
        transcript = Transcript(transcript, show_ids=show_ids, force=force, trace=trace)
    elif trace is not None and transcript.trace is None:
        transcript.trace = trace
    serial_port = open_port(port, baud=baud)
    session = AtSession(serial_port, profile=profile, transcript=transcript, port_name=port)
    try:
        if start:
            session.start(boot_timeout=boot_timeout)
        yield session
    finally:
        session.close()
