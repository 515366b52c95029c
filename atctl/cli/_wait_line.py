"""Feedback while atctl waits on the network (diagnose, status --timeout): never a blank screen.

On a terminal: one live line on stderr (what is awaited, elapsed / limit, the registration state
in words, the last URC), redrawn by rich's own refresh thread. Otherwise (CI logs, pipes): a plain
line when the state changes and at most every few seconds. Used as the library's `progress`
callback (Callable[[str], None]); `urc` is a session subscriber.
"""

from __future__ import annotations

import sys
import time


class WaitLine:
    def __init__(self, limit_s: float, *, stream=None, every_s: float = 5.0):
        self.limit_s = limit_s
        self.stream = stream if stream is not None else sys.stderr
        self.every_s = every_s
        self.text = ""
        self.last_urc = ""
        self._started = None
        self._printed_at = None
        self._printed_text = None
        self._live = None

    # ---- callbacks -------------------------------------------------------------------
    def __call__(self, text: str) -> None:
        if text.startswith("gave up") or text.startswith("registered"):
            self._finish(text)
            return
        if self._started is None:
            self._started = time.monotonic()
            self._open()
        self.text = text
        if self._live is None:
            self._plain()

    def urc(self, line: str) -> None:
        self.last_urc = line

    def close(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None

    # ---- rendering -------------------------------------------------------------------
    def line(self) -> str:
        elapsed = 0.0 if self._started is None else time.monotonic() - self._started
        text = f"… {self.text}, {elapsed:.0f} s of {self.limit_s:g} s"
        return text + (f"; last URC {self.last_urc}" if self.last_urc else "")

    def __rich__(self):
        from rich.text import Text

        return Text(self.line(), style="dim")  # modem text (the URC) stays plain text

    def _open(self) -> None:
        if not getattr(self.stream, "isatty", lambda: False)():
            return
        from rich.console import Console
        from rich.live import Live

        self._live = Live(self, console=Console(file=self.stream, highlight=False), refresh_per_second=4,
                          transient=True)
        self._live.start()

    def _plain(self) -> None:
        now = time.monotonic()
        if self._printed_text == self.text and self._printed_at is not None and now - self._printed_at < self.every_s:
            return
        self._printed_at, self._printed_text = now, self.text
        self.stream.write(self.line() + "\n")
        self.stream.flush()

    def _finish(self, text: str) -> None:
        self.close()
        if self._started is not None:  # only after a wait the user saw
            self.stream.write(f"atctl: {text}\n")
            self.stream.flush()


def parse_timeout(text: str | None, option: str = "--timeout") -> float | None:
    """`--timeout 30s` -> 30.0; refused (exit 2, before the modem is touched) unless a finite duration > 0."""
    if text is None:
        return None
    import math

    from atctl.errors import InputError
    from atctl.timers.duration import parse_duration

    seconds = parse_duration(text, what=option)
    if not math.isfinite(seconds) or seconds <= 0:
        raise InputError(f"{option} {text!r} must be a duration above 0", hint="write it like 30s, 2m or 120")
    return seconds
