"""The console's and monitor's modem thread (atctl.cli._modem_link) tells the UI when a command starts
and ends, so the busy toolbar is drawn at once.

Found by CI: the console invalidated its screen right after queueing a command, before the modem
thread had marked it running; on a loaded machine nothing redrew the toolbar for the 15 s the
stalled command ran, so "running AT+COPS?: Ctrl-C cancels" never showed.
"""

from __future__ import annotations

import queue

from atctl.cli._modem_link import Cancelled, ModemLink


def _link(port: str, events: queue.Queue) -> ModemLink:
    link = ModemLink(port, baud=115200, transcript=None, show_ids=False, force=False, profile=None,
                     on_busy=lambda busy: events.put(("busy", busy)))
    link.open()
    return link


def test_the_ui_hears_a_command_start_and_end():
    events: queue.Queue = queue.Queue()
    link = _link("sim://quectel-bg95-m3", events)
    try:
        link.submit("command", "AT+CSQ", done=lambda result, error: events.put(("done", result.ok)))
        assert events.get(timeout=10) == ("busy", "AT+CSQ")
        assert events.get(timeout=10) == ("busy", None)       # cleared before the reply is handed over
        assert events.get(timeout=10) == ("done", True)
    finally:
        link.close()


def test_the_running_command_is_known_when_the_ui_hears_it_and_ctrl_c_cancels_it():
    events: queue.Queue = queue.Queue()
    link = _link("sim://quectel-bg95-m3?stall=AT%2BCOPS", events)
    try:
        link.submit("command", 'AT+CPIN="1234"', done=lambda result, error: events.put(("done", error)))
        assert events.get(timeout=10) == ("busy", 'AT+CPIN="****"')   # masked, as the toolbar shows it
        events.get(timeout=10), events.get(timeout=10)
        link.submit("command", "AT+COPS?", done=lambda result, error: events.put(("done", error)))
        assert events.get(timeout=10) == ("busy", "AT+COPS?")
        assert link.busy == "AT+COPS?" and link.cancel() == "AT+COPS?"
        assert events.get(timeout=10) == ("busy", None)
        kind, error = events.get(timeout=10)
        assert kind == "done" and isinstance(error, Cancelled)
    finally:
        link.close()



class _Port:
    """What the link needs of its port while no thread serves it."""

    def __init__(self):
        import threading

        self._cancel = threading.Event()
        self.cancelled = 0

    def wake(self):
        pass

    def cancel(self):
        self.cancelled += 1


def test_ctrl_c_before_the_modem_thread_took_the_command_cancels_it_unsent():
    """Enter then Ctrl-C at once: the command may still be queued (busy not set yet). Before, cancel()
    said "nothing runs", the console only cleared the input line, and the command went out anyway."""
    busy: list = []
    link = ModemLink("sim://quectel-bg95-m3", baud=115200, transcript=None, show_ids=False, force=False,
                     profile=None, on_busy=busy.append)
    link.port = _Port()
    done: list = []
    link.submit("command", 'AT+CPIN="1234"', done=lambda result, error: done.append(error))
    assert link.cancel() == 'AT+CPIN="****"'       # the queued command, masked as the console shows it
    assert link._take().cancelled and link._take() is None
    assert isinstance(done[0], Cancelled) and not done[0].sent                    # never sent:
    assert link.port.cancelled == 0 and busy == []                                # no port interrupt, no toolbar
    link.submit("command", "AT+CSQ")
    assert not link._take().cancelled and link.busy == "AT+CSQ" and busy == ["AT+CSQ"]
    assert link.cancel() == "AT+CSQ" and link.port.cancelled == 1   # now it runs: the port is interrupted
    link.busy = None
    assert link.cancel() is None                     # nothing queued, nothing running
