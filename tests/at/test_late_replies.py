"""Shifted replies (#20): a module that answers a command late must not have that reply taken
for the next command's. Reply shapes: BG95 AT manual (AT+CGMM "BG95-M3", AT+CGSN 15-digit IMEI),
27.007 9.1 (AT+CMEE? -> +CMEE: <n>, the resync probe)."""

from scripted import ScriptedPort

from atctl.at.session import AtSession
from atctl.errors import ModemTimeout

IMEI = "867730051234567"
SCRIPT = {
    "AT+CGMM": b"\r\nBG95-M3\r\n\r\nOK\r\n",
    "AT+CGSN": f"\r\n{IMEI}\r\n\r\nOK\r\n".encode(),
    "AT+CIMI": b"\r\n262011234567890\r\n\r\nOK\r\n",
    "AT+CEREG?": b"\r\n+CEREG: 2,5\r\n\r\nOK\r\n",
    "AT+CMEE?": b"\r\n+CMEE: 2\r\n\r\nOK\r\n",
    "AT": b"\r\nOK\r\n",
}


class LatePort(ScriptedPort):
    """Replies to the commands in `late` come only when the next command is written (a module
    busy past the engine's deadline): the late reply lands ahead of the next one's."""

    def __init__(self, script, late):
        super().__init__(script)
        self.late = {c.upper() for c in late}
        self.held = b""

    def write(self, data):
        command = data.decode().rstrip("\r").upper()
        if self.held:
            self._queue(self.held)
            self.held = b""
        if command in self.late:
            self.late.discard(command)
            self.held = self.script.get(command, b"\r\nERROR\r\n")
            self.written.append(data)
            return len(data)
        return super().write(data)


def test_late_reply_is_not_the_next_commands_answer():
    s = AtSession(LatePort(SCRIPT, late=["AT+CGMM"]))
    try:
        s.command("AT+CGMM", timeout=0.1)
        raise AssertionError("AT+CGMM should time out")
    except ModemTimeout:
        pass
    r = s.command("AT+CGSN")
    assert r.ok and r.lines == [IMEI]           # was ["BG95-M3"] before the fix
    assert "BG95-M3" in s.strays and s.stats()["resyncs"] == 1
    assert s.command("AT+CEREG?").lines == ["+CEREG: 2,5"]  # and every later command is in step


def test_answers_probe_drains_the_late_reply():
    # identify/network_state: a stalled read is probed with answers(); the probe must not take
    # the late reply's OK as its own, or every later reply is shifted by one
    s = AtSession(LatePort(SCRIPT, late=["AT+CGMM"]))
    try:
        s.command("AT+CGMM", timeout=0.1)
    except ModemTimeout:
        pass
    assert s.answers()
    assert s.command("AT+CGSN").lines == [IMEI]
    assert s.command("AT+CIMI").lines == ["262011234567890"]


def test_bare_line_of_the_wrong_shape_is_stray_even_without_a_timeout():
    # an extra reply ahead of ours in the same read window (no timeout to warn the engine)
    s = AtSession(ScriptedPort({"AT+CGSN": b"\r\nBG95-M3\r\n\r\nOK\r\n" + SCRIPT["AT+CGSN"]}))
    r = s.command("AT+CGSN", timeout=1)
    assert r.ok and r.lines == [IMEI] and s.strays == ["BG95-M3", "OK"]


def test_prefixed_reply_command_does_not_take_bare_lines():
    s = AtSession(ScriptedPort({"AT+CEREG?": b"\r\nBG95-M3\r\n\r\nOK\r\n" + SCRIPT["AT+CEREG?"]}))
    assert s.command("AT+CEREG?", timeout=1).lines == ["+CEREG: 2,5"]


def test_stray_lines_then_no_reply_of_ours_keeps_the_final():
    # only a stray line and OK arrive: after the deadline the command still gets that OK (no
    # false timeout), the stray line is not in its reply
    s = AtSession(ScriptedPort({"AT+CGSN": b"\r\nBG95-M3\r\n\r\nOK\r\n"}))
    r = s.command("AT+CGSN", timeout=0.2)
    assert r.ok and r.lines == []


def test_shapes_table():
    from atctl.at.classify import ReplyMatcher

    rows = [("AT+CGSN", IMEI, True), ("AT+CGSN", "BG95-M3", False), ("AT+CGSN", "35209900176148", True),
            ("AT+CIMI", "262011234567890", True), ("AT+CIMI", "Revision: BG95M3LAR02A03", False),
            ("AT+CCID", "89490200001234567891", True), ("AT+CCID", "8949020000123456789F", True),
            ("AT+CCID", "12345", False), ("ATI", "BG95-M3", True), ("AT+CGMM", "BG95-M3", True),
            ("AT+CSQ", "BG95-M3", False), ("AT+QNWINFO", "Quectel", False), ("AT+XVENDOR", "anything", True)]
    for command, line, fits in rows:
        assert ReplyMatcher(command).belongs(line) is fits, (command, line)


def test_set_command_after_a_bare_notice_is_not_held():
    # a stray line before the OK of a set command (no info reply expected) does not make the
    # engine wait out the deadline; bare start-up notices are URCs, not strays
    s = AtSession(ScriptedPort({"AT+CFUN=1": b"\r\nSMS DONE\r\n\r\nBG95-M3\r\n\r\nOK\r\n"}))
    r = s.command("AT+CFUN=1", timeout=30)
    assert r.ok and r.lines == [] and r.elapsed_s < 30  # answered, not the deadline waited out
    assert s.urcs == ["SMS DONE"] and s.strays == ["BG95-M3"]


def test_answers_probe_honours_the_sessions_deadline_for_at(monkeypatch):
    # a slow link (RFC 2217 over a VPN) gets a longer AT deadline per session; the probe used a fixed 1 s
    s = AtSession(ScriptedPort(SCRIPT))
    asked = []
    monkeypatch.setattr(s, "_resync", lambda timeout: asked.append(timeout) or (True, True))
    s.timeouts["AT"] = 4.0
    assert s.answers() and asked == [4.0]
    assert s.answers(0.5) and asked[-1] == 0.5
