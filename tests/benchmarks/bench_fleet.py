"""Fleet wall time: `atctl apply` / `atctl verify` on 8 simulated ports in one call, against the
slowest of the same ports run alone.

    python tests/benchmarks/bench_fleet.py

Each port is sim://quectel-bg95-m3?latency=0.05 (every reply costs 0.05 s) with its own seed and
NVM file; reg_delay=0 so the time is the commands' own. Everything runs through the real CLI in
a subprocess (`atctl apply CONFIG --port P ... --json`), start-up included on both sides. Target
(issue #18): fleet wall time <= 1.2 x the slowest single port alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

LATENCY = 0.05
PORTS = 8
CONFIG = "examples/lte-m-tracker-eu-us.yaml"


def _urls(tmp: str, tag: str, n: int, latency: float) -> list[str]:
    return [f"sim://quectel-bg95-m3?network=de-telekom&reg_delay=0&latency={latency}&seed={i + 1}"
            f"&nvm={tmp}/{tag}-{i}.json" for i in range(n)]


def _atctl(command: str, ports: list[str], config: str) -> tuple[float, int]:
    args = [sys.executable, "-m", "atctl", command, config, "--json"]
    for port in ports:
        args += ["--port", port]
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, timeout=300)
    return time.perf_counter() - start, done.returncode


def measure(command: str, n: int = PORTS, latency: float = LATENCY, config: str = CONFIG) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        alone = []
        for url in _urls(tmp, "alone", n, latency):
            if command == "verify":
                _atctl("apply", [url], config)  # verify a configured module, as after an apply
            alone.append(_atctl(command, [url], config))
        fleet_urls = _urls(tmp, "fleet", n, latency)
        if command == "verify":
            _atctl("apply", fleet_urls, config)
        wall, code = _atctl(command, fleet_urls, config)
    slowest = max(t for t, _ in alone)
    ok_alone = all(c == 0 for _, c in alone)
    ratio = wall / slowest
    return {
        "name": f"fleet {command} of {n} ports at latency {latency:g} s",
        "value": round(ratio, 3),
        "unit": "ratio",
        "target": "<= 1.2",
        "ok": ratio <= 1.2 and code == 0 and ok_alone,
        "detail": f"{n} ports in one call {wall:.2f} s (exit {code}); slowest alone {slowest:.2f} s, "
                  f"fastest alone {min(t for t, _ in alone):.2f} s, sum alone {sum(t for t, _ in alone):.2f} s",
    }


def run(n: int = PORTS, latency: float = LATENCY) -> list[dict]:
    here = os.path.dirname(os.path.abspath(__file__))
    os.chdir(os.path.dirname(os.path.dirname(here)))  # the config path is relative to the repository
    return [measure("apply", n, latency), measure("verify", n, latency)]


if __name__ == "__main__":
    for result in run():
        print(result)
