"""labgrid:// places end to end: a real coordinator and exporter on 127.0.0.1 (see conftest.py),
driven through the atctl CLI as a user or CI job would."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.slow

CONFIG = "examples/lte-m-tracker-eu-us.yaml"


def test_status_through_a_place_acquires_and_releases_it(lab):
    done = lab.atctl("status", "--port", "labgrid://bench-1", "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["port"] == "labgrid://bench-1" and doc["module"] == "quectel-bg95-m3"
    assert doc["registration"]["stat_text"] == "home"
    assert lab.holder("bench-1") is None


def test_apply_then_verify_through_a_place(lab):
    done = lab.atctl("apply", CONFIG, "--port", "labgrid://bench-2", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verify"]["ok"]
    done = lab.atctl("verify", CONFIG, "--port", "labgrid://bench-2", "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["ok"]
    assert lab.holder("bench-2") is None


def test_fleet_apply_and_verify_over_a_place_glob(lab):
    done = lab.atctl("apply", CONFIG, "--port", "labgrid://bench-*", "--json")
    doc = json.loads(done.stdout)
    assert [p["port"] for p in doc["ports"]] == ["labgrid://bench-1", "labgrid://bench-2", "labgrid://bench-3"]
    assert done.returncode == 0 and doc["ok"], [p.get("error") for p in doc["ports"]]
    done = lab.atctl("verify", CONFIG, "--port", "labgrid://bench-*", "--json")
    doc = json.loads(done.stdout)
    assert done.returncode == 0 and len(doc["ports"]) == 3 and all(p["ok"] for p in doc["ports"])
    assert all(lab.holder(p) is None for p in ("bench-1", "bench-2", "bench-3"))


def test_a_place_held_by_someone_else_is_exit_3_naming_who(lab):
    assert lab.client("-p", "bench-3", "acquire", user="colleague").returncode == 0
    try:
        done = lab.atctl("status", "--port", "labgrid://bench-3")
        assert done.returncode == 3
        assert "labgrid place bench-3 is held by" in done.stderr and "/colleague" in done.stderr
        assert "Traceback" not in done.stderr
        # in a fleet, that port is 3 and the others still run
        done = lab.atctl("status", "--port", "labgrid://bench-1", "--port", "labgrid://bench-3", "--json")
        doc = json.loads(done.stdout)
        assert done.returncode == 3 and [p["exit_code"] for p in doc["ports"]] == [0, 3]
        assert "colleague" in doc["ports"][1]["error"]["message"]
    finally:
        lab.client("-p", "bench-3", "release", user="colleague")
    assert lab.holder("bench-3") is None


def test_a_place_this_user_acquired_is_used_and_left_acquired(lab):
    assert lab.client("-p", "bench-1", "acquire").returncode == 0
    try:
        done = lab.atctl("status", "--port", "labgrid://bench-1")
        assert done.returncode == 0, done.stderr
        assert lab.holder("bench-1") is not None  # still ours: atctl did not acquire it, so it does not release it
    finally:
        lab.client("-p", "bench-1", "release")


def test_ctrl_c_releases_the_place(lab):
    proc = subprocess.Popen([sys.executable, "-m", "atctl", "status", "--port", "labgrid://slow-1", "--timeout", "120s"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=lab.env)
    deadline = time.monotonic() + 60
    while lab.holder("slow-1") is None and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    assert lab.holder("slow-1") is not None, proc.communicate(timeout=5)
    time.sleep(1.0)  # well inside the registration wait
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert lab.holder("slow-1") is None


def test_an_unknown_place_is_exit_3_listing_the_places(lab):
    done = lab.atctl("status", "--port", "labgrid://bench-9")
    assert done.returncode == 3 and "bench-9 is not known" in done.stderr and "bench-1" in done.stderr
    done = lab.atctl("status", "--port", "labgrid://nothing-*")
    assert done.returncode == 3 and "no labgrid place matches nothing-*" in done.stderr


def test_the_pytest_fixture_gives_a_port_atctl_opens(lab, pytester):
    """labgrid's pytest plugin (--lg-env) with a RemotePlace target: `labgrid_port` is its serial port."""
    assert lab.client("-p", "bench-2", "acquire").returncode == 0
    try:
        pytester.makefile(".yaml", env="targets:\n  main:\n    resources:\n      RemotePlace:\n        name: bench-2\n")
        pytester.makepyfile(test_lab="""
            def test_status(labgrid_port):
                from atctl.at import open_session
                assert labgrid_port.startswith("rfc2217://127.0.0.1:")
                with open_session(labgrid_port) as session:
                    assert session.command("AT+CEREG?").ok
        """)
        import os

        os.environ["LG_COORDINATOR"] = lab.address
        try:
            result = pytester.runpytest_subprocess("--lg-env", "env.yaml", "-p", "no:cacheprovider")
        finally:
            os.environ.pop("LG_COORDINATOR", None)
        result.assert_outcomes(passed=1)
    finally:
        lab.client("-p", "bench-2", "release")


def test_an_error_after_the_place_was_acquired_still_releases_it(lab):
    # the port opens (place acquired), then the modem refuses a command: an error result, exit 1
    done = lab.atctl("send", "--port", "labgrid://bench-1", "AT+NOPE")
    assert done.returncode == 1 and "ERROR" in done.stdout and "Traceback" not in done.stderr
    assert lab.holder("bench-1") is None
    # a u-blox config on this Quectel module: found out once the port is open, raised through the session
    done = lab.atctl("apply", "examples/ublox-sara-r4-tracker.yaml", "--port", "labgrid://bench-1")
    assert done.returncode == 2 and "nothing was sent" in done.stderr and "Traceback" not in done.stderr
    assert lab.holder("bench-1") is None
