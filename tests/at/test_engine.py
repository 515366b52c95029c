"""The engine: replies, finals, CME errors, URC routing (incl. same-prefix), echo,
fragmentation, deadlines, reboots, first-contact errors. Lines from DOMAIN.md
sections 3 and 6 and the Quectel BG95 / u-blox SARA-R4 AT manuals' examples."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scripted import ScriptedPort

from atctl.at.session import AtSession, ModemRebooted
from atctl.errors import ModemError, ModemTimeout, ModemUnreachable

CEREG_READ = b'\r\n+CEREG: 4,1,"71F6","14BCB0C",9,,,"00001010","00001010"\r\n\r\nOK\r\n'
URCS = [b'\r\n+CEREG: 1,"71F6","14BCB0C",9\r\n', b"\r\n+CEREG: 5\r\n", b'\r\n+CEDRXP: 4,"1000","0101","1011"\r\n',
        b'\r\n+QIURC: "pdpdeact",1\r\n', b"\r\nPSM POWER DOWN\r\n", b"\r\n+CPIN: READY\r\n"]


def session(script, **kw):
    return AtSession(ScriptedPort(script, **kw))


def test_read_reply_and_ok():
    s = session({"AT+CEREG?": CEREG_READ})
    r = s.command("AT+CEREG?")
    assert r.ok and r.lines == ['+CEREG: 4,1,"71F6","14BCB0C",9,,,"00001010","00001010"'] and s.urcs == []


def test_urc_with_same_prefix_before_reply_is_not_the_reply():
    s = session({"AT+CEREG?": CEREG_READ}, inject={"AT+CEREG?": URCS[0] + URCS[1]})
    r = s.command("AT+CEREG?")
    assert r.lines == ['+CEREG: 4,1,"71F6","14BCB0C",9,,,"00001010","00001010"']
    assert s.urcs == ['+CEREG: 1,"71F6","14BCB0C",9', "+CEREG: 5"]


def test_set_command_never_takes_registration_lines():
    # a set command has no info reply (27.007 7.2): a +CEREG line arriving meanwhile is a URC
    s = session({"AT+CEREG=2": b"\r\n+CEREG: 2,1\r\nOK\r\n"})
    r = s.command("AT+CEREG=2")
    assert r.lines == [] and s.urcs == ["+CEREG: 2,1"]


def test_cme_verbose_and_numeric():
    s = session({"AT+CPIN?": b"\r\n+CME ERROR: SIM not inserted\r\n", "AT+COPS?": b"\r\n+CME ERROR: 30\r\n"})
    r = s.command("AT+CPIN?")
    assert not r.ok and r.error_code == 10 and r.error_text == "SIM not inserted"
    r = s.command("AT+COPS?")
    assert r.error_code == 30 and r.error_text == "no network service"
    with pytest.raises(ModemError, match="no network service"):
        s.check("AT+COPS?")


def test_v0_final_and_echo():
    s = session({"ATE0": b"ATE0\r0\r", "AT+CSQ": b"AT+CSQ\r\r\n+CSQ: 20,99\r\n\r\nOK\r\n"})
    assert s.command("ATE0").final == "OK"
    r = s.command("AT+CSQ")
    assert r.lines == ["+CSQ: 20,99"] and s.echo


def test_imei_digits_are_not_v0():
    s = session({"AT+CGSN": b"\r\n867730051234567\r\n\r\nOK\r\n"})
    assert s.command("AT+CGSN").lines == ["867730051234567"]


def test_deadline_is_honoured():
    s = session({"AT+COPS=?": None})
    start = time.monotonic()
    with pytest.raises(ModemTimeout, match="no answer to AT\\+COPS=\\?"):
        s.command("AT+COPS=?", timeout=0.1)
    assert time.monotonic() - start < 1.0


def test_reboot_mid_command_is_reported():
    s = session({"AT+QCFG=\"band\",0,0,80000,1": b"\r\nRDY\r\n"})
    with pytest.raises(ModemRebooted):
        s.command('AT+QCFG="band",0,0,80000,1', timeout=0.2)
    assert s.rebooted


def test_pin_masked_in_errors_and_transcript(tmp_path):
    from atctl.at.transcript import Transcript

    path = tmp_path / "t.jsonl"
    s = AtSession(ScriptedPort({'AT+CPIN="1234"': b"\r\n+CME ERROR: 16\r\n"}), transcript=Transcript(str(path)))
    with pytest.raises(ModemError) as info:
        s.check('AT+CPIN="1234"')
    s.close()
    assert "1234" not in str(info.value.one_line()) and "1234" not in path.read_text()
    assert "****" in path.read_text()


def test_first_contact_silence_says_what_to_try():
    s = session({"AT": None})
    with pytest.raises(ModemUnreachable, match="no answer at all") as info:
        s.start(boot_timeout=0.2, probe_timeout=0.05)
    assert "atctl ports" in info.value.one_line()


def test_first_contact_noise_suggests_baud():
    s = session({"AT": b"\xf0\x0f\x8e\x81\x99\xf3\r\n\x83\x92"})
    with pytest.raises(ModemUnreachable, match="no AT replies") as info:
        s.start(boot_timeout=0.2, probe_timeout=0.05)
    assert "--baud" in info.value.one_line()


def test_start_copes_with_booting_module():
    # first probe answered by the boot banner only, then the module is ready
    script = {"AT": [b"\r\nRDY\r\n", b"\r\nOK\r\n"], "ATV1": b"\r\nOK\r\n", "ATE0": b"ATE0\r\r\nOK\r\n",
              "AT+CMEE=2": b"\r\nOK\r\n"}
    s = session(script)
    s.start(boot_timeout=1.0, probe_timeout=0.05)
    assert "RDY" in s.urcs


COMMANDS = [("AT+CEREG?", CEREG_READ), ("AT+CSQ", b"\r\n+CSQ: 17,99\r\n\r\nOK\r\n"),
            ("AT+QNWINFO", b'\r\n+QNWINFO: "eMTC","24701","LTE BAND 20",6300\r\n\r\nOK\r\n'),
            ("AT+COPS?", b"\r\n+CME ERROR: 30\r\n"), ("AT+CPIN?", b"\r\n+CPIN: READY\r\n\r\nOK\r\n")]


@settings(max_examples=150, deadline=None)
@given(order=st.lists(st.integers(0, len(COMMANDS) - 1), min_size=1, max_size=6),
       urc_at=st.lists(st.tuples(st.integers(0, 5), st.integers(0, len(URCS) - 1)), max_size=6),
       fragment=st.integers(1, 16), echo=st.booleans())
def test_every_urc_once_every_reply_complete(order, urc_at, fragment, echo):
    script = dict(COMMANDS)
    inject: dict[str, bytes] = {}
    expected_urcs = []
    for position, urc in urc_at:
        if position < len(order):
            command = COMMANDS[order[position]][0]
            if command == "AT+CPIN?" and URCS[urc].startswith(b"\r\n+CPIN"):
                continue  # "+CPIN: READY" as URC and as reply are byte-identical: no engine can tell them apart
            inject[command] = inject.get(command, b"") + URCS[urc]
    port = ScriptedPort(script, echo=echo, fragment=fragment, inject=inject)
    s = AtSession(port)
    for index in order:
        command, reply = COMMANDS[index]
        r = s.command(command, timeout=2)
        expected_urcs += [u.strip().decode() for u in _split(inject.get(command, b""))]
        inject.pop(command, None)
        port.inject.pop(command.upper(), None)
        expected_lines = [line for line in _split(reply) if line and line not in (b"OK",) and not line.startswith(b"+CME")]
        assert r.lines == [x.decode() for x in expected_lines]
    assert s.urcs == expected_urcs


def _split(data: bytes) -> list[bytes]:
    return [line for line in data.replace(b"\r", b"\n").split(b"\n") if line]


def test_deadlines_longest_prefix_profile_wins_ties_overrides_win():
    # BG95 profile: "AT+COPS": 180 (scan / registration); the read and the format change are local
    from atctl.at.timeouts import timeout_for
    from atctl.profiles import load_profile

    bg95 = load_profile("quectel-bg95-m3")
    assert timeout_for("AT+COPS=?", bg95) == 180 and timeout_for("AT+COPS=0", bg95) == 180
    assert timeout_for("AT+COPS?", bg95) == 15 and timeout_for("AT+COPS=3,2", bg95) == 15
    assert timeout_for('AT+QCFG="band"', bg95) == 5
    # "AT" is the bare probe (1 s), not a prefix of every command: unlisted commands get 5 s
    assert timeout_for("AT") == 1 and timeout_for("AT+CGDCONT?") == 5 and timeout_for("ATE0") == 1
    assert timeout_for("AT+COPS?", bg95, {"AT+COPS": 0.3}) == 0.3
