"""One thread owns the AT session for `console` and `monitor`.

AtSession is synchronous and not thread-safe, so a single worker thread runs every
command and, between commands, keeps reading so URCs are shown the moment they
arrive. The port is wrapped so that a blocked read can be woken (a new job was
queued) or cancelled (Ctrl-C): pyserial backends with `cancel_read()` (POSIX
ports, sim://) wake at once; the others within one engine read slice (READ_SLICE).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Callable

class Woken(Exception):
    """A blocked idle read was interrupted because a job is waiting."""


class Cancelled(Exception):
    """The user cancelled the command (Ctrl-C); `sent`: False when it was cancelled before it went out."""

    def __init__(self, sent: bool = True):
        super().__init__("not sent" if not sent else "cancelled")
        self.sent = sent


class WakeablePort:
    """Wraps a pyserial port: read() gives up early when woken or cancelled."""

    def __init__(self, inner):
        self.inner = inner
        self._wake = threading.Event()
        self._cancel = threading.Event()
        self.idle = False   # only idle reads are woken by new jobs; commands are cancelled only by Ctrl-C

    def __getattr__(self, name):
        return getattr(self.inner, name)

    @property
    def in_waiting(self) -> int:
        return self.inner.in_waiting

    def _interrupt(self, event: threading.Event) -> None:
        event.set()
        cancel_read = getattr(self.inner, "cancel_read", None)
        if cancel_read is not None:
            try:
                cancel_read()
            except Exception:  # noqa: BLE001 - a backend without it: the slice bounds the delay
                pass

    def wake(self) -> None:
        self._interrupt(self._wake)

    def cancel(self) -> None:
        self._interrupt(self._cancel)

    @property
    def timeout(self):
        return self.inner.timeout

    @timeout.setter
    def timeout(self, value) -> None:
        if self.inner.timeout != value:   # on RFC 2217 a timeout change is a renegotiation: only on change
            self.inner.timeout = value

    def read(self, size: int = 1) -> bytes:
        """One read of the inner port (its timeout is the engine's short slice, set once at open),
        after looking at the flags: the engine loops on its own deadline, so the flags are seen
        at least once per slice, and at once where cancel_read() interrupts the read."""
        if self._cancel.is_set():
            self._cancel.clear()
            raise Cancelled()
        if self.idle and self._wake.is_set():
            self._wake.clear()
            raise Woken()
        return self.inner.read(size)

    def write(self, data) -> int:
        return self.inner.write(data)

    def close(self) -> None:
        self.inner.close()


@dataclass
class Job:
    kind: str                      # "command" | "call"
    payload: Any                   # command text, or callable(session)
    done: Callable[[Any, BaseException | None], None] | None = None
    cancelled: bool = False        # Ctrl-C came before the modem thread took it: never sent


class ModemLink:
    """Opens the port, starts the session, identifies the module, then serves jobs."""

    def __init__(self, port: str, *, baud: int = 115200, transcript: str | None = None, show_ids: bool = False,
                 force: bool = False, profile=None, on_urc: Callable[[str], None] | None = None,
                 on_dead: Callable[[BaseException], None] | None = None,
                 on_busy: Callable[[str | None], None] | None = None):
        self.port_name = port
        self.baud = baud
        self.transcript = transcript
        self.show_ids = show_ids
        self.force = force
        self.profile = profile
        self.on_urc = on_urc or (lambda line: None)
        self.on_dead = on_dead or (lambda exc: None)
        # called on the modem thread when a job starts (its masked text) and ends (None): the UI redraws
        # then, since a redraw asked for when the job was queued can come before the job is marked running
        self.on_busy = on_busy or (lambda busy: None)
        self.busy: str | None = None      # the command running now (masked), for the prompt
        self._queued: list[Job] = []      # submitted, not yet taken by the modem thread, oldest first
        self._lock = threading.Lock()     # busy and _queued change together: Ctrl-C sees one or the other
        self.session = None
        self.port = None
        self._thread: threading.Thread | None = None
        self._stop = False
        self.dead: BaseException | None = None

    # ---- life cycle ---------------------------------------------------------------
    def open(self) -> None:
        """In the caller's thread, so a bad port or a silent module is an error before the UI starts."""
        from atctl.at.session import AtSession
        from atctl.at.transcript import Transcript
        from atctl.at.transport import open_port

        transcript = Transcript(self.transcript, show_ids=self.show_ids, force=self.force)  # refused before the port
        try:
            self.port = WakeablePort(open_port(self.port_name, baud=self.baud))
        except BaseException:
            transcript.close()
            raise
        self.session = AtSession(self.port, profile=self.profile, transcript=transcript, port_name=self.port_name)
        try:
            self.session.start()
            if self.profile is None:
                from atctl.device.identify import identify

                identify(self.session)   # also teaches the transcript the IDs to redact
                self.profile = self.session.profile
        except BaseException:
            self.session.close()
            raise
        self.session.subscribe("", self._urc)
        self._thread = threading.Thread(target=self._serve, name="atctl-modem", daemon=True)
        self._thread.start()

    def close(self, timeout: float = 5.0) -> None:
        self._stop = True
        if self.port is not None:
            self.port.wake()
        if self._thread is not None:
            self._thread.join(timeout)
        if self.session is not None:
            self.session.close()

    # ---- jobs ---------------------------------------------------------------------
    def submit(self, kind: str, payload, done=None) -> None:
        job = Job(kind, payload, done)
        with self._lock:
            self._queued.append(job)
        self.port.wake()

    def cancel(self) -> str | None:
        """Cancel the running command, else the last one queued (it is then never sent); what was
        cancelled (masked), or None when nothing runs or waits."""
        with self._lock:
            if self.busy is not None:
                self.port.cancel()
                return self.busy
            waiting = [job for job in self._queued if not job.cancelled]
            if not waiting:
                return None
            waiting[-1].cancelled = True
            return _shown(waiting[-1])

    def _tell_busy(self) -> None:
        try:
            self.on_busy(self.busy)
        except Exception:  # noqa: BLE001 - a display problem must not stop the modem thread
            pass

    def _urc(self, line: str) -> None:
        try:
            self.on_urc(line)
        except Exception:  # noqa: BLE001 - a display problem must not stop the reader
            pass

    def _serve(self) -> None:
        session = self.session
        while not self._stop:
            job = self._take()
            if job is None:
                self._idle_read()
                continue
            if not job.cancelled:
                self._run(job)
            session.take_urcs()           # shown through the subscriber already (the engine bounds urcs and log)

    def _idle_read(self) -> None:
        self.port.idle = True
        try:
            self.session.wait_urc("", 3600.0)   # returns on the first URC; the subscriber showed it
        except Woken:
            pass
        except Cancelled:
            pass
        except Exception as exc:  # noqa: BLE001 - the port went away: tell the UI once
            self.dead = exc
            self._stop = True
            self.on_dead(exc)
        finally:
            self.port.idle = False

    def _take(self) -> Job | None:
        """The oldest waiting job, None when none waits. Unless Ctrl-C cancelled it while it waited (it is
        then answered Cancelled(sent=False) and never sent), it is marked running before the lock is let go."""
        with self._lock:
            if not self._queued:
                return None
            job = self._queued.pop(0)
            if not job.cancelled:
                self.port._cancel.clear()
                self.busy = _shown(job)
        if not job.cancelled:
            self._tell_busy()
        elif job.done is not None:
            job.done(None, Cancelled(sent=False))
        return job

    def _run(self, job: Job) -> None:
        result, error = None, None
        try:
            if job.kind == "command":
                result = self.session.command(job.payload)
            else:
                result = job.payload(self.session)
        except BaseException as exc:  # noqa: BLE001 - handed to the UI, which words it
            error = exc
        finally:
            with self._lock:
                self.busy = None
            self._tell_busy()
        if job.done is not None:
            job.done(result, error)


def _shown(job: Job) -> str:
    """A job as the console's toolbar and messages name it: the command masked, or "reading"."""
    from atctl.redact import mask_secrets

    return mask_secrets(job.payload) if job.kind == "command" else "reading"


def error_text(exc: BaseException) -> str:
    """One line for an error met on the modem thread (atctl errors carry their own wording)."""
    return exc.one_line() if hasattr(exc, "one_line") else f"{type(exc).__name__}: {exc}"


def raise_lost(lost: BaseException | None) -> None:
    """The link died under the console or monitor: leave through the error hierarchy (exit 3)."""
    if lost is None:
        return
    from atctl.errors import AtctlError, ModemUnreachable

    if isinstance(lost, AtctlError):
        raise lost
    raise ModemUnreachable(f"lost the link to the module: {error_text(lost)}")
