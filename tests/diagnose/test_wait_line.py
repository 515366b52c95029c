"""WaitLine (#13 'waits without feedback'): a live line on a terminal, throttled plain lines otherwise."""

import io

from atctl.cli._wait_line import WaitLine


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_plain_lines_are_throttled_but_state_changes_show_at_once():
    stream = io.StringIO()
    line = WaitLine(30, stream=stream, every_s=60)
    for _ in range(20):
        line("waiting for the network (searching)")
    line.urc("+CEREG: 2")
    line("waiting for the network (denied)")
    line("gave up waiting for the network after 30 s; the module last reported: denied")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3  # first, the change, the ending: not 20 repeats
    assert lines[0].startswith("… waiting for the network (searching), 0 s of 30 s")
    assert "last URC +CEREG: 2" in lines[1]
    assert lines[2] == "atctl: gave up waiting for the network after 30 s; the module last reported: denied"


def test_terminal_gets_one_live_line_that_goes_away():
    stream = Tty()
    line = WaitLine(10, stream=stream)
    line("waiting for the network (searching)")
    line.urc("[/x] +CEREG: 2")  # modem text: never markup
    assert line._live is not None
    line("registered after 3 s (home)")
    assert line._live is None
    text = stream.getvalue()
    assert "waiting for the network (searching)" in text and text.endswith("atctl: registered after 3 s (home)\n")


def test_no_wait_no_output():
    stream = io.StringIO()
    WaitLine(10, stream=stream)("registered after 0.1 s (home)")
    assert stream.getvalue() == ""
