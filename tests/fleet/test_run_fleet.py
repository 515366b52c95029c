"""atctl.fleet.run_fleet: concurrency, per-port isolation, exit codes, Ctrl-C (library level)."""

from __future__ import annotations

import threading
import time

import pytest

from atctl.errors import InputError, ModemUnreachable
from atctl.fleet import INTERRUPTED, run_fleet


def test_every_port_runs_at_once_and_keeps_its_own_document():
    barrier = threading.Barrier(4, timeout=5)  # fails unless all four jobs are running together

    def job(port, report):
        report("step 1/1: waiting for the network")
        report.registration("searching")
        barrier.wait()
        return {"port": "ignored", "value": port.upper()}, 0

    result = run_fleet(["a", "b", "c", "d"], job)
    assert result.exit_code == 0 and result.ok
    assert [d["port"] for d in result.documents()] == ["a", "b", "c", "d"]
    assert [d["value"] for d in result.documents()] == ["A", "B", "C", "D"]
    assert all(r.registration == "searching" for r in result.runs)


def test_exit_code_is_the_highest_and_a_failure_never_stops_the_others():
    def job(port, report):
        if port == "dead":
            raise ModemUnreachable("no answer to AT within 1 s")
        if port == "bug":
            raise RuntimeError("boom")
        if port == "bad":
            raise InputError("bad config")
        time.sleep(0.05)
        return {"ok": True}, 0

    result = run_fleet(["good", "dead", "bug", "bad", "good2"], job)
    by_port = {r.port: r for r in result.runs}
    assert result.exit_code == 3 and not result.ok
    assert by_port["good"].exit_code == 0 and by_port["good2"].document == {"port": "good2", "ok": True}
    dead = by_port["dead"].document["error"]
    assert dead["exit_code"] == 3 and dead["message"].startswith("no answer to AT within 1 s")
    assert by_port["bug"].exit_code == 1 and "internal error: RuntimeError: boom" in by_port["bug"].error
    assert by_port["bad"].exit_code == 2
    assert result.as_dict()["ports"][1]["ok"] is False


def test_a_port_given_twice_is_bad_input_before_anything_runs():
    ran = []
    with pytest.raises(InputError, match="given twice"):
        run_fleet(["a", "b", "a"], lambda port, report: ran.append(port) or ({}, 0))
    assert ran == []


def test_ctrl_c_reaches_every_running_port_which_cleans_up_and_reports():
    started = threading.Barrier(3, timeout=5)
    cleaned = []

    def job(port, report):
        started.wait()
        try:
            while True:  # a long apply: only an interrupt ends it
                time.sleep(0.01)
        except KeyboardInterrupt:
            cleaned.append(port)  # what apply does here: restore, then say so
            return {"restored": True}, INTERRUPTED

    calls = {"n": 0}

    def on_change(runs):  # the user presses Ctrl-C once every port is under way
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt

    started_at = time.monotonic()
    result = run_fleet(["p1", "p2", "p3"], job, on_change=on_change, poll_s=0.02)
    assert time.monotonic() - started_at < 10
    assert result.interrupted and sorted(cleaned) == ["p1", "p2", "p3"]
    assert result.exit_code == INTERRUPTED
    assert all(d["restored"] for d in result.documents())


def test_the_registration_column_is_told_by_the_wait_not_parsed_from_its_words():
    import io

    from atctl.cli import _fleet
    from atctl.cli._wait_feedback import WaitFeedback
    from atctl.device.registration import WaitResult, WaitStatus

    seen = {}

    def job(port, report):
        _fleet._local.report = report
        try:
            report("waiting for the network: roaming (1/10 s)")  # words alone set nothing
            words = report.run.registration
            feedback = WaitFeedback(stream=io.StringIO(), live=False)
            feedback(WaitStatus(1, 10, "searching", None))
            seen[port] = (words, report.run.registration)
            feedback.done(WaitResult(port == "a", False, 10, 10, "home" if port == "a" else "searching", None))
        finally:
            _fleet._local.report = None
        return {}, 0

    result = run_fleet(["a", "b"], job)
    assert seen == {"a": ("", "searching"), "b": ("", "searching")}
    assert {r.port: r.registration for r in result.runs} == {"a": "home", "b": "not registered"}
