"""Feedback while atctl waits on the network (apply, verify, status --timeout, diagnose): never a blank
screen, never on stdout (--json owns it).

On a terminal: one status line on stderr, rewritten in place (the registration state in words,
elapsed / limit, the last URC). Otherwise (a log, CI, a fleet table): a plain line when the state
changes and at most every `interval` seconds otherwise, so a log shows progress without 24 copies of
the same words. Usage: pass `feedback = WaitFeedback()` as the library's `on_wait=` (it hears an
atctl.device.registration.WaitStatus on every poll and URC); then `feedback.done(result)` (a WaitResult, or
None when the wait did not end normally).
"""

from __future__ import annotations

import sys
import time


class WaitFeedback:
    def __init__(self, stream=None, interval: float = 5.0, live: bool | None = None):
        self.stream = stream or sys.stderr
        self.live = getattr(self.stream, "isatty", lambda: False)() if live is None else live
        self.interval = interval
        self._last_plain = None
        self._last_state = None
        self._width = 0
        self.shown = False

    def __call__(self, status) -> None:
        from atctl.cli._fleet import fleet_registration

        fleet_registration(status.state)  # one port of several: the table's column, as a value
        line = status.line()
        if self.live:
            # modem text is written as is: nothing here goes through rich markup
            pad = max(0, self._width - len(line))
            self.stream.write("\r" + line + " " * pad)
            self.stream.flush()
            self._width = len(line)
            self.shown = True
            return
        now = time.monotonic()
        changed = status.state != self._last_state
        if self._last_plain is None or changed or now - self._last_plain >= self.interval:
            self.stream.write(f"atctl: {line}\n")
            self.stream.flush()
            self._last_plain, self._last_state = now, status.state
            self.shown = True

    def done(self, result) -> None:
        """End the live line; when atctl gave up, say after how long and what the module last reported."""
        if self.live and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
        if result is None:
            return
        from atctl.cli._fleet import fleet_registration

        fleet_registration(result.state if result.registered else "denied" if result.denied else "not registered")
        if result.gave_up or (self.shown and not self.live):
            self.stream.write(f"atctl: {result.summary()}\n")
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
