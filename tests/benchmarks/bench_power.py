"""Start-up of `atctl power estimate` against `atctl psm encode` (#17: "starts as fast as psm encode").

Both are fresh processes of the real CLI, interleaved so machine noise hits both alike; the figure is
the ratio of medians. `power estimate` does more work than `psm encode` (it reads one profile's YAML
and validates its power: section, then runs the model), so the target allows 10 %.
Target: ratio <= 1.10.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time

TARGET = 1.10
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # see bench_startup


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def run(runs: int = 25) -> dict:
    atctl = shutil.which("atctl")
    base = [atctl] if atctl else [sys.executable, "-m", "atctl"]
    psm = base + ["psm", "encode", "--tau", "24h", "--active", "30s", "--json"]
    power = base + ["power", "estimate", "--module", "quectel-bg96", "--tau", "24h", "--active", "30s",
                    "--uplink", "200B", "--every", "1h", "--json"]
    for _ in range(3):  # warm the page cache and .pyc files
        _time(psm)
        _time(power)
    a, b = [], []
    for _ in range(runs):
        a.append(_time(psm))
        b.append(_time(power))
    ratio = statistics.median(b) / statistics.median(a)
    return {
        "name": "start-up (power estimate --json vs psm encode --json)",
        "value": round(ratio, 3),
        "unit": "ratio",
        "target": f"<= {TARGET}",
        "ok": ratio <= TARGET,
        "detail": f"median {statistics.median(b)*1000:.0f} ms vs {statistics.median(a)*1000:.0f} ms, {runs} runs each, interleaved",
    }


if __name__ == "__main__":
    print(run())
