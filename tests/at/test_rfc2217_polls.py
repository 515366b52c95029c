"""pyserial's RFC 2217 client: short handshake polls, same waits (atctl.at.transport, #13).

pyserial (serial/rfc2217.py, 3.5) polls each step of open() with time.sleep(0.05) and paces every
SET_CONTROL sent with ign_set_control with time.sleep(0.1); close() sleeps 0.3 s. atctl caps the
short sleeps at RFC2217_POLL_S and leaves the long one to _close_rfc2217. The ser2net and
`atctl sim serve` end-to-end tests prove the handshake still completes.
"""

from __future__ import annotations

from atctl.at import transport


class _Clock:
    def __init__(self):
        self.slept: list[float] = []

    def sleep(self, seconds):
        self.slept.append(seconds)

    def monotonic(self):
        return 42.0


def test_short_sleeps_are_capped_and_long_ones_kept():
    clock = _Clock()
    polls = transport._ShortPolls(clock)
    for seconds in (0.05, 0.1, 0.3, 0.001):
        polls.sleep(seconds)
    assert clock.slept == [transport.RFC2217_POLL_S, transport.RFC2217_POLL_S, 0.3, 0.001]
    assert polls.monotonic() == 42.0   # everything else is the real module


def test_opening_an_rfc2217_port_wraps_pyserials_clock_once(monkeypatch):
    import socket
    import threading

    import serial.rfc2217 as rfc2217

    import pytest

    from atctl.errors import ModemUnreachable

    import time

    monkeypatch.setattr(rfc2217, "time", time)   # as pyserial ships it, whatever an earlier test did
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    threading.Thread(target=lambda: server.accept()[0].close(), daemon=True).start()
    with pytest.raises(ModemUnreachable):   # the server hangs up: the open fails, the clock is wrapped
        transport.open_port(f"rfc2217://127.0.0.1:{port}")
    server.close()
    assert isinstance(rfc2217.time, transport._ShortPolls)
    transport._short_rfc2217_polls()
    assert not isinstance(rfc2217.time._clock, transport._ShortPolls)


def test_release_sees_through_a_wrapped_port(monkeypatch):
    """The console and monitor wrap the port (cli/_modem_link.WakeablePort, `.inner`): releasing it
    must still clear the tty's exclusive flag (before, the wrapper's type hid the tty)."""
    import os

    from atctl.cli._modem_link import WakeablePort

    master, slave = os.openpty()
    try:
        port = transport.open_port(os.ttyname(slave))
        cleared = []
        monkeypatch.setattr(transport, "_exclusive_tty", lambda ser, on=True: cleared.append((ser, on)))
        transport.release_port(WakeablePort(port))
        assert cleared == [(port, False)] and not port.is_open
    finally:
        os.close(master), os.close(slave)
