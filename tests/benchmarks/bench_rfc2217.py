"""`atctl status` over a pty vs over RFC 2217, side by side (#13).

One `atctl sim serve --module quectel-bg95-m3 --rfc2217 0` serves both paths: its pty
(the baseline) and its RFC 2217 port; when ser2net is installed, ser2net in front of
the same pty is measured as a third path. Each path: `runs` fresh `atctl status`
processes, interleaved, median wall time. Target: RFC 2217 within 1.5 x the pty.

Also reported: the engine's own time on each path (the session from the first sent
command to the last received byte, from a transcript), which shows where the rest
goes: pyserial's RFC 2217 client sleeps in open() (0.1 s per SET_CONTROL with
ign_set_control, three of them, plus 50 ms polls; atctl caps these at 2 ms, see
atctl.at.transport) and 0.3 s in close() (atctl does not wait it out).

    python tests/benchmarks/bench_rfc2217.py [--runs N]
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ATCTL = [sys.executable, "-m", "atctl"]
TARGET = 1.5


def _status(port: str, transcript: str | None = None) -> float:
    args = [*ATCTL, "status", "--port", port, "--json"] + (["--transcript", transcript] if transcript else [])
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"status over {port} exited {result.returncode}: {result.stderr.strip()}")
    return elapsed


def _engine_time(port: str) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "t.jsonl")
        _status(port, path)
        records = [json.loads(line) for line in open(path, encoding="utf-8")]
    sent = [r["t"] for r in records if r["dir"] == "tx"]
    return records[-1]["t"] - sent[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_listening(port: int) -> None:
    for _ in range(250):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.02)


def run(runs: int = 7) -> list[dict]:
    server = subprocess.Popen([*ATCTL, "sim", "serve", "--module", "quectel-bg95-m3", "--rfc2217", "0"],
                              stdout=subprocess.PIPE, text=True)
    relays: list = []
    try:
        pty = re.search(r"on (/dev/\S+)", server.stdout.readline()).group(1)
        rfc = re.search(r"(rfc2217://\S+)", server.stdout.readline()).group(1)
        paths = {"pty": pty, "rfc2217 (atctl sim serve)": rfc}
        binary = shutil.which("ser2net") or ("/usr/sbin/ser2net" if os.path.exists("/usr/sbin/ser2net") else None)
        # ser2net as installed, and as README.md recommends: `chardelay: false` sends each reply at
        # once instead of waiting up to 20 ms for more characters (ser2net.yaml(5))
        for name, options in (("rfc2217 (ser2net)", []),
                              ("rfc2217 (ser2net, chardelay: false)", ["-Y", "  options:", "-Y", "    chardelay: false"])):
            if not binary:
                break
            port = _free_port()
            relays.append(subprocess.Popen(
                [binary, "-n", "-Y", f"connection: &sim{len(relays)}",
                 "-Y", f"  accepter: telnet(rfc2217),tcp,127.0.0.1,{port}",
                 "-Y", f"  connector: serialdev,{pty},115200n81,local", *options],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            _wait_listening(port)
            paths[name] = f"rfc2217://127.0.0.1:{port}"
        times: dict[str, list[float]] = {name: [] for name in paths}
        for _ in range(runs):
            for name, port in paths.items():  # interleaved: machine noise hits every path alike
                times[name].append(_status(port))
        engine = {name: _engine_time(port) for name, port in paths.items()}
    finally:
        for relay in relays:
            relay.terminate()
            relay.wait(timeout=5)
        server.terminate()
        server.wait(timeout=5)
    base = statistics.median(times["pty"])
    results = []
    for name, values in times.items():
        median = statistics.median(values)
        ratio = median / base
        results.append({
            "name": f"status over {name}",
            "value": round(ratio, 2), "unit": "x pty", "target": f"<= {TARGET}" if name != "pty" else "1",
            "ok": name == "pty" or ratio <= TARGET,
            "detail": f"median {median:.3f} s of {runs} runs; engine {engine[name]:.3f} s from first command "
                      f"to last byte",
        })
    return results


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    for row in run(parser.parse_args().runs):
        print(row)
