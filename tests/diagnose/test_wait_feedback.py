"""WaitFeedback (#13 'waits without feedback'; one renderer for apply, verify, status and diagnose since #14):
a live line on a terminal, plain lines otherwise that show each state change at once but do not repeat."""

import io

from atctl.cli._wait_feedback import WaitFeedback
from atctl.device.registration import WaitResult, WaitStatus


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_plain_lines_are_throttled_but_state_changes_show_at_once():
    stream = io.StringIO()
    feedback = WaitFeedback(stream, interval=60)
    for second in range(20):
        feedback(WaitStatus(float(second), 30.0, "searching", None))
    feedback(WaitStatus(20.0, 30.0, "denied", "+CEREG: 3"))
    feedback.done(WaitResult(False, False, 30.0, 30.0, "searching", "+CEREG: 2"))
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3  # first, the change, the ending: not 20 repeats
    assert lines[0] == "atctl: waiting for the network: searching (0/30 s)"
    assert lines[1] == "atctl: waiting for the network: denied (20/30 s; last: +CEREG: 3)"
    assert lines[2] == ("atctl: atctl gave up after 30 s; the module last reported: searching "
                        "(last line: +CEREG: 2)")


def test_terminal_gets_one_live_line_that_goes_away():
    stream = Tty()
    feedback = WaitFeedback(stream)
    assert feedback.live
    feedback(WaitStatus(1.0, 10.0, "searching", "[/x] +CEREG: 2"))  # modem text: written as is, never markup
    feedback.done(WaitResult(True, False, 3.0, 10.0, "home", None))
    text = stream.getvalue()
    assert "waiting for the network: searching (1/10 s; last: [/x] +CEREG: 2)" in text
    assert text.endswith("\r")  # the line is cleared: success needs no words on a terminal


def test_no_wait_no_output():
    stream = io.StringIO()
    WaitFeedback(stream).done(WaitResult(True, False, 0.1, 10.0, "home", None))
    assert stream.getvalue() == ""
