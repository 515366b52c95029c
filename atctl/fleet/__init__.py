"""Run one job per port, all at once: each port its own thread and its own session.

    from atctl.fleet import run_fleet
    result = run_fleet(["sim://quectel-bg95-m3", "labgrid://bench-2"], job)
    result.exit_code, [(r.port, r.exit_code, r.document) for r in result.runs]

`job(port, report)` does one port's work and returns `(document, exit_code)`; it may raise an
AtctlError (its exit code and one-line message become that port's result) or anything else
(exit 1, "internal error"). `report(text)` tells the fleet what the port is doing and
`report.registration(state)` its registration state (both shown in the live table). A
failure, reboot or dead module on one port never touches the others: nothing is shared
between the jobs but this module's bookkeeping, which is guarded by one lock.

Ctrl-C: the main thread delivers KeyboardInterrupt into every job still running (the same
exception a single-port run sees, so apply restores what it wrote), waits for each to finish
its clean-up, and reports every port's state; the exit code is then at least 130.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

Job = Callable[[str, Callable[[str], None]], "tuple[dict, int]"]

INTERRUPTED = 130


@dataclass
class PortRun:
    """One port's row: live while it runs, final once `done`."""

    port: str
    step: str = "waiting to start"
    registration: str = ""
    started: float | None = None
    finished: float | None = None
    document: dict | None = None
    exit_code: int | None = None
    error: str | None = None
    interrupted: bool = False

    @property
    def done(self) -> bool:
        return self.exit_code is not None

    @property
    def elapsed_s(self) -> float:
        if self.started is None:
            return 0.0
        return (self.finished or time.monotonic()) - self.started


@dataclass
class FleetResult:
    runs: list[PortRun]
    interrupted: bool = False
    wall_s: float = 0.0

    @property
    def exit_code(self) -> int:
        """The highest of the per-port codes (0 ok, 1 failed, 2 bad input, 3 unreachable, 130)."""
        return max((r.exit_code or 0) for r in self.runs) if self.runs else 0

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    def documents(self) -> list[dict]:
        return [r.document for r in self.runs]

    def as_dict(self) -> dict:
        return {"ports": self.documents(), "ok": self.ok, "exit_code": self.exit_code,
                "interrupted": self.interrupted}


@dataclass
class _Worker:
    run: PortRun
    thread: threading.Thread | None = None
    in_job: bool = False
    cancel_sent: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)
    finished: threading.Event = field(default_factory=threading.Event)


class Reporter:
    """What a job tells the live table: `report(text)` the step it is on, `report.registration(state)`
    the registration state in words (from the wait itself, never parsed back out of the text)."""

    def __init__(self, run: PortRun):
        self.run = run

    def __call__(self, text: str) -> None:
        text = " ".join(str(text).split())
        if text:
            self.run.step = text

    def registration(self, state: str) -> None:
        if state:
            self.run.registration = state


def run_fleet(ports: list[str], job: Job, *, on_change: Callable[[list[PortRun]], None] | None = None,
              poll_s: float = 0.1) -> FleetResult:
    """Run `job` on every port concurrently; return when every port has finished (or, after Ctrl-C,
    when every port has cleaned up). `on_change(runs)` is called from the calling thread at most
    every `poll_s` while jobs run, and once at the end (for a live display)."""
    if len(set(ports)) != len(ports):
        from atctl.errors import InputError

        seen: set[str] = set()
        twice = next(p for p in ports if p in seen or seen.add(p))
        raise InputError(f"port {twice} is given twice", hint="a port can only be opened once; list each one once")
    workers = [_Worker(PortRun(port)) for port in ports]
    started = time.monotonic()
    for worker in workers:
        worker.thread = threading.Thread(target=_work, args=(worker, job), name=f"atctl-fleet {worker.run.port}",
                                         daemon=True)
        worker.thread.start()
    result = FleetResult([w.run for w in workers])
    try:
        _wait_all(workers, on_change, poll_s)
    except KeyboardInterrupt:
        result.interrupted = True
        for worker in workers:
            _interrupt(worker)
        _wait_all(workers, on_change, poll_s, ignore_interrupts=True)
    result.wall_s = time.monotonic() - started
    if on_change:
        on_change(result.runs)
    return result


def _wait_all(workers: list[_Worker], on_change, poll_s: float, ignore_interrupts: bool = False) -> None:
    # Waits on each worker's own Event, not Thread.join: on Python 3.11 a Ctrl-C that lands inside
    # join() can mark a thread that is still running as stopped (bpo-45274), losing its result.
    while True:
        alive = [w for w in workers if not w.finished.is_set()]
        if not alive:
            return
        try:
            alive[0].finished.wait(poll_s)  # a timeout, so Ctrl-C still reaches this thread
            if on_change:
                on_change([w.run for w in workers])
        except KeyboardInterrupt:
            if not ignore_interrupts:
                raise
            # a second Ctrl-C while ports restore: keep waiting, a half-restored module is worse


def _interrupt(worker: _Worker) -> None:
    """KeyboardInterrupt inside the worker thread, as a single-port run gets it from Ctrl-C."""
    import ctypes

    with worker.lock:
        if not worker.in_job or worker.cancel_sent or worker.finished.is_set():
            return
        worker.cancel_sent = True
        worker.run.interrupted = True
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.thread.ident),
                                                   ctypes.py_object(KeyboardInterrupt))


def _work(worker: _Worker, job: Job) -> None:
    run = worker.run
    run.started = time.monotonic()
    run.step = "starting"

    report = Reporter(run)
    document: Any = None
    code = 1
    error = None
    try:
        document, code, error = _guarded(worker, job, report)
    finally:  # whatever happens, the port gets a result (a late Ctrl-C included)
        _finish(run, document, code, error)
        worker.finished.set()


def _guarded(worker: _Worker, job: Job, report) -> tuple[Any, int, str | None]:
    run = worker.run
    document: Any = None
    code = 1
    error = None
    try:
        try:
            with worker.lock:
                worker.in_job = True
            document, code = job(run.port, report)
        finally:
            with worker.lock:
                worker.in_job = False
    except KeyboardInterrupt:
        code, error = INTERRUPTED, "interrupted"
    except BaseException as exc:  # noqa: BLE001 - one port's failure is that port's result, never the fleet's
        from atctl.errors import AtctlError

        if isinstance(exc, AtctlError):
            code, error = exc.exit_code, exc.one_line()
        else:
            code, error = 1, f"internal error: {type(exc).__name__}: {exc}"
    return document, code, error


def _finish(run: PortRun, document: Any, code: int, error: str | None) -> None:
    if not isinstance(document, dict):
        document = {}
    document = {"port": run.port, **{k: v for k, v in document.items() if k != "port"}}
    if error is not None:
        document.setdefault("ok", False)
        document.setdefault("error", {"message": error, "exit_code": code})
    if run.interrupted and code == 0:
        code = INTERRUPTED  # stopped, even if the job got to its end
    run.document, run.error = document, error
    run.finished = time.monotonic()
    run.step = "done"
    run.exit_code = code
