"""Measure the console and the monitor through tmux (not collected by pytest: bench_*.py).

    python tests/console/bench_console.py [--rounds 30] [--idle 30]

- keystroke-to-screen: one character typed (tmux send-keys) until capture-pane shows it;
  a command (AT+CSQ + Enter) until its reply and meaning are on screen. The cost of one
  capture-pane call is measured too and reported beside (it bounds the resolution).
- idle CPU: utime+stime of the console / monitor process (/proc/PID/stat) over --idle seconds
  while nothing is typed, after start-up.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from tmux_driver import TMUX, Tmux, atctl_argv  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def _pid_of(term: Tmux) -> int:
    shell = int(term._tmux("list-panes", "-t", "main", "-F", "#{pane_pid}").split()[0])
    child = subprocess.run(["pgrep", "-P", str(shell)], capture_output=True, text=True).stdout.split()
    return int(child[0])


def _cpu_s(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS   # utime, stime (proc(5) fields 14, 15)


def _prompt_line(screen: str) -> str:
    lines = [line.rstrip() for line in screen.splitlines() if line.strip()]
    return lines[-2] if len(lines) > 1 else ""   # the last non-empty line is the toolbar


def _ms(values: list[float]) -> str:
    values = sorted(v * 1000 for v in values)
    return f"median {statistics.median(values):.1f} ms, p90 {values[int(len(values) * 0.9) - 1]:.1f} ms, " \
           f"max {values[-1]:.1f} ms (n={len(values)})"


def bench_console(rounds: int, idle_s: float) -> None:
    env = {"ATCTL_CONSOLE_HISTORY": "/tmp/atctl-bench-history", "ATCTL_PORT": ""}
    term = Tmux(atctl_argv("console", "--port", "sim://quectel-bg95-m3"), env=env)
    try:
        term.wait_for("Tab completes", what="prompt")
        captures = []
        for _ in range(20):
            t = time.monotonic()
            term.screen()
            captures.append(time.monotonic() - t)
        keys, replies = [], []
        for i in range(rounds):
            sent = term.type("x")
            term.wait_for(lambda s: _prompt_line(s) == "AT> x", what="echo of x")
            keys.append(time.monotonic() - sent)
            term.send("C-u")
            term.wait_for(lambda s: _prompt_line(s) == "AT>", what="line cleared")
            before = term.screen().count("= signal")
            term.type("AT+CSQ")
            sent = term.send("Enter")
            term.wait_for(lambda s: s.count("= signal") > before, what="reply meaning")
            replies.append(time.monotonic() - sent)
        pid = _pid_of(term)
        start = _cpu_s(pid)
        t0 = time.monotonic()
        deadline = t0 + idle_s
        while time.monotonic() < deadline:   # wall-clock measurement window; the console is idle meanwhile
            time.sleep(min(1.0, deadline - time.monotonic()))
        used = _cpu_s(pid) - start
        print(f"capture-pane call:            {_ms(captures)}")
        print(f"console key -> screen:        {_ms(keys)}")
        print(f"console AT+CSQ Enter -> reply+meaning on screen: {_ms(replies)}")
        print(f"console idle CPU:             {used:.2f} s over {idle_s:.0f} s ({100 * used / idle_s:.2f} %)")
    finally:
        term.close()


def bench_monitor(idle_s: float) -> None:
    term = Tmux(atctl_argv("monitor", "--port", "sim://quectel-bg95-m3"), env={"ATCTL_PORT": ""})
    try:
        term.wait_for("registration      home", what="registered")
        pid = _pid_of(term)
        start = _cpu_s(pid)
        deadline = time.monotonic() + idle_s
        while time.monotonic() < deadline:
            time.sleep(min(1.0, deadline - time.monotonic()))
        used = _cpu_s(pid) - start
        print(f"monitor idle CPU (default 5 min poll): {used:.2f} s over {idle_s:.0f} s "
              f"({100 * used / idle_s:.2f} %)")
        term.send("q")
        term.wait_for("EXIT=0", what="monitor quit")
    finally:
        term.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--idle", type=float, default=30.0)
    args = parser.parse_args()
    if TMUX is None:
        sys.exit("tmux is not installed")
    bench_console(args.rounds, args.idle)
    bench_monitor(args.idle)


if __name__ == "__main__":
    main()
