"""A real labgrid lab on loopback: labgrid-coordinator, `atctl sim serve` ptys exported by
labgrid-exporter (which starts ser2net for each), and places matched to them.

Skipped, with the reason, only when a component is not installed: labgrid comes with the test
extra (pip install -e '.[test]'), ser2net from apt (.ci/run installs it).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
PLACES = {"bench-1": {}, "bench-2": {}, "bench-3": {}, "slow-1": {"reg_delay": "600"}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tool(name: str) -> str | None:
    return shutil.which(name, path=BIN + os.pathsep + os.environ.get("PATH", ""))


def _until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")


class Lab:
    def __init__(self, tmp, address):
        self.tmp, self.address = tmp, address
        self.procs: list[subprocess.Popen] = []
        self.env = {**os.environ, "LG_COORDINATOR": address}
        self.env.pop("ATCTL_PORT", None)

    def start(self, args, log, **kw) -> subprocess.Popen:
        proc = subprocess.Popen(args, stdout=open(self.tmp / log, "w"), stderr=subprocess.STDOUT,
                                env=self.env, cwd=self.tmp, **kw)
        self.procs.append(proc)
        return proc

    def client(self, *args, user: str | None = None) -> subprocess.CompletedProcess:
        env = dict(self.env)
        if user:
            env["LG_USERNAME"] = user
        return subprocess.run([_tool("labgrid-client"), *args], capture_output=True, text=True, env=env,
                              timeout=60, cwd=self.tmp)

    def atctl(self, *args, timeout: float = 180) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "atctl", *args], capture_output=True, text=True, env=self.env,
                              timeout=timeout, cwd=ROOT)

    def holder(self, place: str) -> str | None:
        out = self.client("-p", place, "show").stdout
        for line in out.splitlines():
            if line.strip().startswith("acquired:"):
                value = line.split(":", 1)[1].strip()
                return None if value == "None" else value
        raise AssertionError(out)

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    pytest.importorskip("labgrid", reason="labgrid is not installed: pip install -e '.[test]' brings it")
    if not (shutil.which("ser2net") or os.path.exists("/usr/sbin/ser2net")):
        pytest.skip("ser2net is not installed (apt-get install -y ser2net; .ci/run does it)")
    for tool in ("labgrid-coordinator", "labgrid-exporter", "labgrid-client"):
        if not _tool(tool):
            pytest.skip(f"{tool} is not on PATH (it comes with labgrid)")
    tmp = tmp_path_factory.mktemp("lab")
    address = f"127.0.0.1:{_free_port()}"
    lab = Lab(tmp, address)
    try:
        lab.start([_tool("labgrid-coordinator"), "-l", address], "coordinator.log")
        ptys = {}
        for place, options in PLACES.items():
            args = [sys.executable, "-m", "atctl", "sim", "serve", "--module", "quectel-bg95-m3",
                    "-o", "reg_delay=0" if not options else f"reg_delay={options['reg_delay']}"]
            lab.start(args, f"sim-{place}.log")
            ptys[place] = _until(lambda p=place: _pty_of(tmp / f"sim-{p}.log"), 30, f"the pty of {place}")
        config = "".join(f"{place}:\n  RawSerialPort:\n    port: {path}\n    speed: 115200\n"
                         for place, path in ptys.items())
        (tmp / "exporter.yaml").write_text(config, encoding="utf-8")
        _until(lambda: lab.client("places").returncode == 0, 30, "the coordinator")
        lab.start([_tool("labgrid-exporter"), "-c", address, "-n", "lab", "--hostname", "127.0.0.1",
                   "exporter.yaml"], "exporter.log")
        _until(lambda: all(f"lab/{p}/NetworkSerialPort" in lab.client("resources").stdout for p in PLACES), 60,
               "the exporter's resources")
        for place in PLACES:
            assert lab.client("-p", place, "create").returncode == 0
            assert lab.client("-p", place, "add-match", f"lab/{place}/*").returncode == 0
        yield lab
    finally:
        lab.stop()


def _pty_of(log) -> str | None:
    try:
        text = log.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    for word in text.split():
        if word.startswith("/dev/pts/") or word.startswith("/dev/ttys"):
            return word
    return None
