"""decode --log throughput: a 100k-line serial log through the real CLI (fresh process).

The log mixes what real pastes have (tests/fixtures/logs): serial-monitor timestamps,
echo, app prints, URCs, PSM/eDRX/registration replies, errors, and varying values
drawn from pools the size a real device sees (a few cells, a few granted timer values,
every CSQ level), so lines repeat as in a real poll loop but not one line 100k times.
`unique=True` makes every registration/PSM line different (the parser's worst case).
Target: under 2 s.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_S = 2.0


def make_log(path: str, lines: int = 100_000, seed: int = 1, unique: bool = False) -> int:
    rng = random.Random(seed)
    cells = [(rng.randrange(0x10000), rng.randrange(1 << 28)) for _ in range(6)]
    timers = [(f"{rng.randrange(256):08b}", f"{rng.randrange(256):08b}") for _ in range(4)]

    def cell():
        return (rng.randrange(0x10000), rng.randrange(1 << 28)) if unique else rng.choice(cells)

    def timer():
        return (f"{rng.randrange(256):08b}", f"{rng.randrange(256):08b}") if unique else rng.choice(timers)

    out = []
    n = 0
    clock = 0.0
    while n < lines:
        clock += rng.random()
        stamp = f"{int(clock // 3600) % 24:02d}:{int(clock // 60) % 60:02d}:{clock % 60:06.3f} -> "
        kind = rng.random()
        if kind < 0.3:
            (tac, ci), (active, tau) = cell(), timer()
            block = ["AT+CEREG?", "AT+CEREG?", f'+CEREG: 5,{rng.choice((1, 2, 5))},"{tac:04X}","{ci:07X}",{rng.choice((7, 9))},,,'
                     f'"{active}","{tau}"', "OK"]
        elif kind < 0.45:
            block = ["AT+CSQ", f"+CSQ: {rng.randrange(32)},99", "OK"]
        elif kind < 0.55:
            block = ["AT+CPSMS?", '+CPSMS: 1,,,"{}","{}"'.format(*timer()), "OK"]
        elif kind < 0.62:
            block = ["AT+CEDRXRDP", f'+CEDRXRDP: 4,"{rng.randrange(16):04b}","{rng.randrange(16):04b}","{rng.randrange(16):04b}"', "OK"]
        elif kind < 0.7:
            block = ["AT+QNWINFO", f'+QNWINFO: "eMTC","26201","LTE BAND {rng.choice((3, 8, 20))}",{rng.randrange(9000)}', "OK"]
        elif kind < 0.76:
            block = ["AT+CPIN?", "+CME ERROR: 10"]
        elif kind < 0.86:
            tac, ci = cell()
            block = [f'+CEREG: {rng.choice((1, 2, 5))},"{tac:04X}","{ci:07X}",7']
        else:
            block = [rng.choice(["Waiting for network...", "[OK]", "app: sending telemetry", f"heap {rng.randrange(99999)}"])]
        for line in block:
            out.append(stamp + line + "\r\n")
            n += 1
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.writelines(out[:lines])
    return lines


def _time(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def run(lines: int = 100_000, runs: int = 3) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.log")
        make_log(path, lines)
        worst = os.path.join(tmp, "unique.log")
        make_log(worst, lines, unique=True)
        size_mb = os.path.getsize(path) / 1e6
        for label, extra, log in (("--json", ["--json"], path), ("timeline", [], path),
                                  ("--json, every line unique", ["--json"], worst)):
            path = log
            args = [sys.executable, "-m", "atctl", "decode", "--log", path, *extra]
            times = [_time(args) for _ in range(runs)]
            median = statistics.median(times)
            worst_case = "unique" in label
            results.append({"name": f"decode --log {lines // 1000}k lines ({label})", "value": round(median, 2),
                            "unit": "s", "target": "recorded" if worst_case else f"< {TARGET_S} s",
                            "ok": worst_case or median < TARGET_S,
                            "detail": f"{size_mb:.1f} MB, {lines / median / 1000:.0f}k lines/s, runs {', '.join(f'{t:.2f}' for t in times)}"})
        return results


if __name__ == "__main__":
    for row in run():
        print(row)
