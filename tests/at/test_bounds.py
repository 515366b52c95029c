"""Bounded engine state (#13, #20): URC lists, reply lines and reads never grow without bound,
drops are counted for reports; a lost link is ModemUnreachable; the read timeout is set once."""

import pytest
from scripted import ScriptedPort

from atctl.at.session import MAX_REPLY_LINES, MAX_URCS, AtSession, LinkLost
from atctl.errors import ModemUnreachable

STORM = b'\r\n+QIND: "csq",20,99\r\n' * 5000  # a module flooding signal reports (BG95 AT+QINDCFG="csq")


def test_urc_storm_is_bounded_and_counted():
    s = AtSession(ScriptedPort({"AT+CSQ": b"\r\n+CSQ: 20,99\r\n\r\nOK\r\n"}, inject={"AT+CSQ": STORM}))
    r = s.command("AT+CSQ", timeout=5)
    assert r.lines == ["+CSQ: 20,99"]
    assert len(s.urcs) == MAX_URCS and len(s.urc_queue) == MAX_URCS and len(r.urcs) <= MAX_URCS
    stats = s.stats()
    assert stats["urcs_dropped"] == 5000 - MAX_URCS and stats["urc_queue_dropped"] == 5000 - MAX_URCS
    # the queue keeps its bound after take_urcs rebuilds it
    s.take_urcs("+QIND")
    assert s.urc_queue.maxlen == MAX_URCS


def test_reply_lines_are_bounded():
    flood = b"\r\n" + b"x\r\n" * (MAX_REPLY_LINES + 500) + b"OK\r\n"
    s = AtSession(ScriptedPort({"ATI": flood}))
    r = s.command("ATI", timeout=5)
    assert r.ok and len(r.lines) == MAX_REPLY_LINES and s.stats()["reply_lines_dropped"] == 500


def test_noise_stream_is_counted_in_session_stats():
    s = AtSession(ScriptedPort({"AT": b"\x00\xff" * 10000 + b"\r\nOK\r\n"}))
    assert s.command("AT").ok and s.stats()["noise_bytes"] == 20000


class _DyingPort(ScriptedPort):
    """A port whose link goes away: pty server killed, ser2net kicking the client."""

    def __init__(self, fail_on: str, exc: Exception):
        super().__init__({"AT": b"\r\nOK\r\n"})
        self.fail_on, self.exc = fail_on, exc

    def read(self, size=1):
        if self.fail_on == "read":
            raise self.exc
        return super().read(size)

    @property
    def in_waiting(self):
        if self.fail_on == "in_waiting":
            raise self.exc
        return super().in_waiting

    def write(self, data):
        if self.fail_on == "write":
            raise self.exc
        return super().write(data)


@pytest.mark.parametrize("fail_on", ["read", "in_waiting", "write"])
def test_link_loss_is_modem_unreachable_naming_the_port(fail_on):
    import serial

    exc = serial.SerialException("device reports readiness to read but returned no data "
                                 "(device disconnected or multiple access on port?)")
    s = AtSession(_DyingPort(fail_on, exc), port_name="/dev/pts/7")
    with pytest.raises(ModemUnreachable) as info:
        s.command("AT")
    assert isinstance(info.value, LinkLost) and info.value.exit_code == 3
    line = info.value.one_line()
    assert "/dev/pts/7" in line and "\n" not in line and "SerialException" not in line


def test_link_loss_oserror_too():
    s = AtSession(_DyingPort("read", OSError(5, "Input/output error")), port_name="/dev/pts/7")
    with pytest.raises(LinkLost, match="/dev/pts/7"):
        s.command("AT")


class _CountingTimeoutPort(ScriptedPort):
    """Counts timeout changes: on pyserial's RFC 2217 client each one is a renegotiation."""

    def __init__(self, *a, **kw):
        self.sets = 0
        super().__init__(*a, **kw)

    @property
    def timeout(self):
        return self._timeout

    @timeout.setter
    def timeout(self, value):
        self.sets += 1
        self._timeout = value


def test_read_timeout_is_set_at_most_once():
    port = _CountingTimeoutPort({"AT": b"\r\nOK\r\n", "AT+CSQ": b"\r\n+CSQ: 1,99\r\n\r\nOK\r\n"}, fragment=3)
    port.sets = 0
    s = AtSession(port)
    for _ in range(5):
        s.command("AT")
        s.command("AT+CSQ")
    assert port.sets <= 1
