"""Start-up: `atctl psm encode --json` against a bare typer app with one command.

Both are run as fresh processes, interleaved (floor, atctl, floor, atctl, ...)
so machine noise hits both alike; the figure is the ratio of medians.
Target: ratio <= 1.15.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

FLOOR_APP = '''
import typer
app = typer.Typer(add_completion=False)
@app.command()
def encode(tau: str = "24h", active: str = "30s", json: bool = False):
    print("{}")
if __name__ == "__main__":
    app()
'''

TARGET = 1.15


# Both sides may cache bytecode, as on any normal install (pip compiles .pyc at install
# time). Some sandboxes set PYTHONDONTWRITEBYTECODE, which would make an editable
# checkout recompile every module on every run while typer stays precompiled.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def run(runs: int = 25) -> dict:
    atctl = shutil.which("atctl")
    atctl_cmd = [atctl] if atctl else [sys.executable, "-m", "atctl"]
    atctl_cmd += ["psm", "encode", "--tau", "24h", "--active", "30s", "--json"]
    with tempfile.TemporaryDirectory() as tmp:
        floor_path = os.path.join(tmp, "floor.py")
        with open(floor_path, "w") as fh:
            fh.write(FLOOR_APP)
        floor_cmd = [sys.executable, floor_path, "--tau", "24h", "--active", "30s", "--json"]
        for _ in range(3):  # warm the page cache and .pyc files
            _time(floor_cmd)
            _time(atctl_cmd)
        floor, ours = [], []
        for _ in range(runs):
            floor.append(_time(floor_cmd))
            ours.append(_time(atctl_cmd))
    ratio = statistics.median(ours) / statistics.median(floor)
    return {
        "name": "start-up (psm encode --json vs bare typer app)",
        "value": round(ratio, 3),
        "unit": "ratio",
        "target": f"<= {TARGET}",
        "ok": ratio <= TARGET,
        "detail": f"median {statistics.median(ours)*1000:.0f} ms vs floor {statistics.median(floor)*1000:.0f} ms, {runs} runs each, interleaved",
    }


if __name__ == "__main__":
    print(run())
