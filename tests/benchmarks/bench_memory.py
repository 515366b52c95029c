"""Peak memory of the engine under a hostile port (#13, #20): a pty streams, as fast as it
can for `seconds`, one of
- noise: random bytes with no line end (a wrong baud rate),
- endless: printable text with no line end (a stuck UART / binary dump),
- storm: a URC line storm (+QIND: "csq" reports, BG95 AT+QINDCFG="csq"),
while the engine waits (a command that gets no final result, or wait_urc for a URC that
never comes). Each case runs in a fresh interpreter; peak RSS from resource.getrusage.
Target: peak RSS grows by less than 50 MB over the idle session whatever was streamed.

    python tests/benchmarks/bench_memory.py [--seconds S]
"""

from __future__ import annotations

import json
import subprocess
import sys

TARGET_MB = 50

CHILD = r"""
import json, os, random, resource, sys, threading, time, tty
from atctl.at.session import AtSession
from atctl.at.transport import open_port
from atctl.errors import ModemTimeout

case, seconds = sys.argv[1], float(sys.argv[2])
master, slave = os.openpty()
tty.setraw(slave)
port = open_port(os.ttyname(slave))
session = AtSession(port, port_name="pty")
idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
rng = random.Random(1)
chunks = {
    "noise": bytes(rng.choice([b for b in range(256) if b not in (10, 13)]) for _ in range(65536)),
    "endless": b"A" * 65536,
    "storm": b'\r\n+QIND: "csq",20,99\r\n' * 3000,
}
chunk = chunks[case]
sent = 0
stop = threading.Event()

def writer():
    global sent
    while not stop.is_set():
        try:
            sent += os.write(master, chunk)
        except OSError:
            return

threading.Thread(target=writer, daemon=True).start()
start = time.monotonic()
if case == "storm":
    session.wait_urc("+NEVER:", timeout=seconds)
else:
    try:
        session.command("AT+CGMM", timeout=seconds)
    except ModemTimeout:
        pass
stop.set()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"idle_kb": idle, "peak_kb": peak, "sent": sent, "elapsed": time.monotonic() - start,
                  "stats": session.stats(), "urcs": len(session.urcs)}))
"""


def run(seconds: float = 10.0) -> list[dict]:
    results = []
    for case in ("noise", "endless", "storm"):
        out = subprocess.run([sys.executable, "-c", CHILD, case, str(seconds)], capture_output=True, text=True,
                             timeout=seconds * 3 + 30)
        if out.returncode != 0:
            raise RuntimeError(out.stderr)
        doc = json.loads(out.stdout)
        grown_mb = (doc["peak_kb"] - doc["idle_kb"]) / 1024
        stats = {k: v for k, v in doc["stats"].items() if v}
        results.append({
            "name": f"peak RSS, {case} stream",
            "value": round(doc["peak_kb"] / 1024, 1), "unit": "MB", "target": f"+< {TARGET_MB} MB",
            "ok": grown_mb < TARGET_MB,
            "detail": f"+{grown_mb:.1f} MB over idle after {doc['sent'] / 1e6:.0f} MB in {doc['elapsed']:.1f} s; "
                      f"kept {doc['urcs']} URCs; counted {stats}",
        })
    return results


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    for row in run(parser.parse_args().seconds):
        print(row)
