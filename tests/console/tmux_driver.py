"""Drive a real terminal program through tmux: send-keys to type, capture-pane to read.

Each driver runs its own tmux server (-L <unique socket>) so a developer's tmux sessions
are never touched, and kills only that server at the end. Every wait polls the pane
against a deadline; nothing waits a fixed time.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid

TMUX = shutil.which("tmux")


class Tmux:
    def __init__(self, argv: list[str], *, env: dict[str, str] | None = None, width: int = 200, height: int = 50,
                 cwd: str | None = None):
        self.socket = f"atctl-test-{uuid.uuid4().hex[:10]}"
        # the program's exit code stays readable: the shell prints it, then waits for a key
        # (the shell catches Ctrl-C's SIGINT so it lives on to print it; the program gets the default handler)
        script = f"trap true INT; {shlex.join(argv)}; echo \"EXIT=$?\"; read -r _"
        full_env = {**os.environ, **(env or {}), "TERM": "xterm-256color"}
        self._tmux("new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height),
                   "sh", "-c", script, env=full_env, cwd=cwd)

    def _tmux(self, *args: str, env=None, cwd=None) -> str:
        done = subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True, env=env, cwd=cwd,
                              timeout=10)
        if done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def send(self, *keys: str, literal: bool = False) -> float:
        """Type keys (tmux key names such as Enter, Tab, C-c unless literal); returns the time sent."""
        args = ["send-keys", "-t", "main"] + (["-l"] if literal else []) + list(keys)
        self._tmux(*args)
        return time.monotonic()

    def type(self, text: str) -> float:
        return self.send(text, literal=True)

    def screen(self) -> str:
        """The visible pane plus its scrollback, wrapped lines joined."""
        return self._tmux("capture-pane", "-p", "-J", "-t", "main", "-S", "-500")

    def wait_for(self, predicate, timeout: float = 20.0, what: str = "") -> str:
        """Poll the pane until predicate(screen) (or a substring) holds; the screen on failure."""
        check = (lambda s: predicate in s) if isinstance(predicate, str) else predicate
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            if check(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what or predicate!r}; screen:\n{text}")
            time.sleep(0.01)   # polling cadence against the deadline, not a wait for an event

    def close(self) -> None:
        subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True, timeout=10)


def atctl_argv(*args: str) -> list[str]:
    return [sys.executable, "-m", "atctl", *args]
