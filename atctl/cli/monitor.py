"""`atctl monitor --port P`: a live dashboard of what the module and the network are doing.

Updates come from URCs the moment the module sends them (the monitor turns on +CEREG=5
and +CSCON=1 where the module has them, and puts the old values back on exit), plus a
status poll at a low rate: every poll is a burst of UART traffic, and an LTE-M/NB-IoT
module that is kept talking between its active time and PSM sleep never sleeps.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import (BaudOpt, DetectedModuleOpt, ForceOpt, JsonOpt, PortOpt, ProfilesOpt, TranscriptIdsOpt,
                               TranscriptOpt)
from atctl.cli._modem_link import error_text as exc_text
from atctl.cli._modem_link import raise_lost

app = typer.Typer(add_completion=False)

DEFAULT_INTERVAL = "5m"
# (read command, set format, values to try in order): URCs the dashboard lives on
URC_SETTINGS = (
    ("AT+CEREG?", "AT+CEREG={}", ("5", "4", "2")),   # registration + reject cause + granted PSM timers
    ("AT+CSCON?", "AT+CSCON={}", ("1",)),           # radio connected / idle (not every module has it)
)


@app.command()
def monitor(
    port: PortOpt,
    interval: Annotated[str, typer.Option(
        "--interval", help="Status poll interval (30s, 5m); URCs update at once. Short intervals keep a module awake.")]
    = DEFAULT_INTERVAL,
    duration: Annotated[Optional[str], typer.Option(
        "--for", help="Stop after this long (for scripts); default: until q or Ctrl-C.")] = None,
    baud: BaudOpt = 115200,
    module: DetectedModuleOpt = None,
    profiles: ProfilesOpt = None,
    transcript: TranscriptOpt = None,
    force: ForceOpt = False,
    show_ids: TranscriptIdsOpt = False,
    json: JsonOpt = False,
) -> None:
    """Registration, operator, RAT/band, signal history, PSM/eDRX requested vs granted, URCs, errors."""
    from atctl.errors import InputError
    from atctl.timers.duration import parse_duration

    interval_s = parse_duration(interval, what="--interval")
    if interval_s < 1:
        raise InputError(f"--interval {interval} is too short", hint="use 1s or more (the default is 5m)")
    stop_after = parse_duration(duration, what="--for") if duration else None
    from atctl.profiles import load_profile

    profile = load_profile(module, profiles) if module else None
    Monitor(port, baud=baud, profile=profile, transcript=transcript, show_ids=show_ids, force=force,
            interval_s=interval_s, stop_after=stop_after, as_json=json).run()


class Monitor:
    def __init__(self, port, *, baud, profile, transcript, show_ids, force, interval_s, stop_after, as_json):
        import queue

        from atctl.cli._modem_link import ModemLink

        self.port = port
        self.events: queue.Queue = queue.Queue()
        self.link = ModemLink(port, baud=baud, transcript=transcript, show_ids=show_ids, force=force, profile=profile,
                              on_urc=lambda line: self.events.put(("urc", line)),
                              on_dead=lambda exc: self.events.put(("dead", exc)))
        self.interval_s = interval_s
        self.stop_after = stop_after
        self.as_json = as_json
        self.restore: list[str] = []
        self.polling = False

    def run(self) -> None:
        import time

        from atctl.console.dashboard import Dashboard

        self.link.open()
        self.board = Dashboard(self.port, self.link.profile, self.interval_s)
        keys = _KeyReader(self.events) if not self.as_json else None
        live = None
        lost: BaseException | None = None
        try:
            self._call(self._enable_urcs, "urcs")
            self._poll()
            if not self.as_json:
                from rich.live import Live

                from atctl.cli._common import console

                live = Live(self._render(), console=console(), auto_refresh=False, transient=False)
                live.start()
            if keys is not None:
                keys.start()
            started = time.monotonic()
            next_poll = time.monotonic() + self.interval_s
            while True:
                now = time.monotonic()
                if self.stop_after is not None and now - started >= self.stop_after:
                    break
                wait = next_poll - now
                if self.stop_after is not None:
                    wait = min(wait, self.stop_after - (now - started))
                try:
                    kind, value = self.events.get(timeout=max(0.0, wait))
                except Exception:  # queue.Empty: a poll is due (or --for ran out)
                    if time.monotonic() >= next_poll:
                        next_poll = time.monotonic() + self.interval_s
                        self._poll()
                    continue
                if kind == "dead":
                    self.board.error(exc_text(value))
                    self._show(live)
                    lost = value
                    break
                if kind == "key":
                    if value in ("q", "Q", "\x03", "\x04"):
                        break
                    continue
                self._handle(kind, value)
                self._show(live)
        except KeyboardInterrupt:
            pass
        finally:
            if keys is not None:
                keys.stop()
            restored = self._restore()
            if live is not None:
                if restored:
                    self.board.urc_settings = [f"restored {c}" for c in restored]
                live.update(self._render(final=True), refresh=True)
                live.stop()
            self.link.close()
        raise_lost(lost)

    # ---- modem work (runs on the link's thread) -------------------------------------
    def _call(self, func, tag: str) -> None:
        self.link.submit("call", func, done=lambda result, error: self.events.put((tag, (result, error))))

    def _enable_urcs(self, session) -> list[str]:
        """Turn on the URCs the dashboard needs; remember how to put each one back."""
        changed = []
        for read, set_fmt, wanted in URC_SETTINGS:
            response = session.command(read)
            if not response.ok:
                continue   # the module has no such command: nothing to change or restore
            line = next((ln for ln in response.lines if ln.startswith(read[2:-1] + ":")), None)
            # a read reply starts with the URC setting <n> (27.007 +CEREG?, +CSCON?)
            current = line.split(":", 1)[1].split(",")[0].strip() if line else None
            if current is None or current in wanted[:1]:
                continue
            for value in wanted:
                if value == current:
                    break
                if session.command(set_fmt.format(value)).ok:
                    self.restore.append(set_fmt.format(current))
                    changed.append(set_fmt.format(value))
                    break
        return changed

    def _poll(self) -> None:
        if self.polling:
            return
        self.polling = True

        def read(session):
            from atctl.device.network import read_network_state
            from atctl.status_view import status_document

            return status_document(self.port, getattr(session.profile, "id", None), read_network_state(session))

        self._call(read, "status")

    def _restore(self) -> list[str]:
        """Put back every URC setting the monitor changed (before the port closes)."""
        import threading

        if not self.restore or self.link.dead is not None:
            return []
        done = threading.Event()
        result: list[str] = []

        def put_back(session):
            session.port._cancel.clear()
            for command in reversed(self.restore):
                if session.command(command).ok:
                    result.append(command)

        self.link.cancel()   # a poll still running is abandoned: leaving matters more
        self.link.submit("call", put_back, done=lambda r, e: done.set())
        done.wait(10.0)
        return result

    # ---- events -------------------------------------------------------------------
    def _handle(self, kind: str, value) -> None:
        board = self.board
        if kind == "urc":
            before = board.registration.stat
            board.apply_urc(value)
            if value.startswith("+CEREG:") and board.registration.stat != before:
                self._poll()   # a new registration: read operator, band and signal once (rare, so cheap)
        elif kind == "status":
            self.polling = False
            doc, error = value
            if error is not None:
                board.error(exc_text(error))
            else:
                board.apply_status(doc)
        elif kind == "urcs":
            changed, error = value
            if error is not None:
                board.error(exc_text(error))
            board.urc_settings = [f"turned on {c} (restored on exit)" for c in changed or []]

    def _show(self, live) -> None:
        if self.as_json:
            import json
            import sys

            sys.stdout.write(json.dumps(self.board.snapshot(), default=str) + "\n")
            sys.stdout.flush()
        elif live is not None:
            live.update(self._render(), refresh=True)

    def _render(self, final: bool = False):
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        from atctl.timers.duration import format_duration

        board = self.board
        title = Text(f"{board.module or 'module'} on {self.port}", style="bold")   # Text: the URL is not markup
        table = Table(show_header=False, box=None, padding=(0, 2))
        for label, value in board.rows():
            table.add_row(Text(label, style="bold"), Text(value))
        urcs = Table(show_header=False, box=None, padding=(0, 1), title=Text("last URCs", style="bold"),
                     title_justify="left")
        for urc in list(board.urcs)[-6:]:
            urcs.add_row(Text(urc["line"]), Text(urc["meaning"] or "", style="dim"))
        parts = [title, table, urcs]
        if board.errors:
            parts.append(Text("errors: " + "; ".join(board.errors), style="red"))
        for note in board.urc_settings:
            parts.append(Text(note, style="dim"))
        if not final:
            parts.append(Text(f"polling every {format_duration(self.interval_s)} (URCs update at once): a short "
                              "interval keeps an LTE-M module awake; q or Ctrl-C quits", style="dim"))
        return Group(*parts)


class _KeyReader:
    """Single keys from the terminal (cbreak mode) into the event queue; no-op without a tty."""

    def __init__(self, events):
        self.events = events
        self.saved = None

    def start(self) -> None:
        import os
        import sys
        import threading

        if not sys.stdin.isatty():
            return
        try:
            import termios
            import tty
        except ImportError:  # Windows: Ctrl-C still quits
            return
        fd = sys.stdin.fileno()
        self.saved = termios.tcgetattr(fd)
        tty.setcbreak(fd)   # keys without Enter; Ctrl-C still raises KeyboardInterrupt

        def read() -> None:
            while True:
                try:
                    data = os.read(fd, 1)
                except OSError:
                    return
                if not data:
                    return
                self.events.put(("key", data.decode("latin-1")))

        threading.Thread(target=read, name="atctl-keys", daemon=True).start()

    def stop(self) -> None:
        if self.saved is not None:
            import sys
            import termios

            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, self.saved)
            self.saved = None
