"""Feedback during a registration wait (apply, verify; reusable by status and diagnose).

On a terminal: one status line on stderr, rewritten in place (elapsed / limit, the registration
state in words, the last URC). Otherwise (a log, CI): a plain line every `interval` seconds, so
a log shows progress without 24 copies of the same words. Never on stdout (--json owns it).
Usage: `feedback = WaitFeedback()`; pass `feedback` as `on_wait=`; then `feedback.done(result)`.
"""

from __future__ import annotations

import sys
import time


class WaitFeedback:
    def __init__(self, stream=None, interval: float = 5.0, live: bool | None = None):
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.interval = interval
        self._last_plain = None
        self._width = 0
        self.shown = False

    def __call__(self, status) -> None:
        line = status.line()
        if self.live:
            # modem text is written as is: nothing here goes through rich markup
            pad = max(0, self._width - len(line))
            self.stream.write("\r" + line + " " * pad)
            self.stream.flush()
            self._width = len(line)
            self.shown = True
        else:
            now = time.monotonic()
            if self._last_plain is None or now - self._last_plain >= self.interval:
                self.stream.write(f"atctl: {line}\n")
                self.stream.flush()
                self._last_plain = now
                self.shown = True

    def done(self, result) -> None:
        """End the live line; when atctl gave up, say after how long and what the module last reported."""
        if self.live and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
        if result is None:
            return
        if result.gave_up or (self.shown and not self.live):
            self.stream.write(f"atctl: {result.summary()}\n")
            self.stream.flush()
