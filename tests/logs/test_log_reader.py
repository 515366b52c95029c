"""The pure log reader: each wrapper people paste, pairing rules, echo, truncation.

Lines are from public logs (tests/fixtures/logs/SOURCES.md names each source) unless
marked as constructed.
"""

from __future__ import annotations

import pytest

from atctl.logs import is_command, read_log
from atctl.logs.normalize import normalize


def texts(raw: str):
    return [(p.direction, p.text) for p in normalize(raw)]


@pytest.mark.parametrize("raw, expected", [
    # Arduino serial monitor with timestamps (constructed in the IDE's format)
    ("17:13:30.563 -> AT+CEREG?", [(None, "AT+CEREG?")]),
    ("17:13:30.563 -> ", []),
    # Azure FreeRTOS BG96 sample (issue 381): bracket stamp + literal <CR><LF>
    ("[2024-01-22_11:53:06:345]    +CPIN: READY<CR><LF>", [(None, "+CPIN: READY")]),
    ("[2024-01-22_11:53:06:302]AT+QINISTAT<CR>", [(None, "AT+QINISTAT")]),
    # WioLTE (SeeedJP/WioLTEforArduino#34) arrows
    ("<- AT+CEREG?", [(None, "AT+CEREG?")]),
    ("-> +CEREG: 0,2", [(None, "+CEREG: 0,2")]),
    # ModemManager debug (xmm7360-pci#225)
    ("ModemManager[33505]: <dbg> [1767016030.369046] [wwan0at1/at] --> 'AT+CEREG?<CR><LF>'", [("tx", "AT+CEREG?\n\n")]),
    # python-gsmmodem (faucamp/python-gsmmodem#56)
    ("DEBUG: write: AT+CFUN?", [("tx", "AT+CFUN?")]),
    ("DEBUG: response: ['AT+CFUN?\\r', '+CFUN: 1', 'OK']", [("rx", "AT+CFUN?"), ("rx", "+CFUN: 1"), ("rx", "OK")]),
    # mbed-trace (ARMmbed/mbed-os#14448): RX chunk cut mid-line
    ("[00059811ms][INFO][CELL]: AT RX (32): <cr><ln>+CME ERROR: operation not supp", [("rx", "\n\n+CME ERROR: operation not supp")]),
    # Zephyr modem_chat (zephyr#98478)
    ("[00:46:40.276,943] <dbg> modem_chat.modem_chat_script_next: sending: AT+CGATT?", [("tx", "AT+CGATT?")]),
    ("[00:46:34.250,420] <dbg> modem_chat.modem_chat_log_received_command: +CEREG:  5", [("rx", "+CEREG: 5")]),
    # TinyGSM prints glued to the command (TinyGSM#318, #486; LilyGo-T-SIM7080G#3)
    ("Waiting for network...AT+CREG?", [(None, "Waiting for network..."), (None, "AT+CREG?")]),
    (".AT+CEREG?", [(None, "."), (None, "AT+CEREG?")]),
    ("OKAT#XSOCKETOPT=1,20,2", [(None, "OK"), (None, "AT#XSOCKETOPT=1,20,2")]),
    ("Modem: ATI  SIM808 R14.18", [(None, "Modem: ATI  SIM808 R14.18")]),
    # host libraries that label each direction (constructed)
    ("TX: AT+CSQ", [("tx", "AT+CSQ")]),
    ("[12:00:01] RX: +CSQ: 20,99", [("rx", "+CSQ: 20,99")]),
    ("Trying: www.google.com:443...", [(None, "Trying: www.google.com:443...")]),
    # gammu debug (gammu/gammu#408)
    ('Thu 2018/06/07 11:29:53 gammu-smsd[15841]: gammu: 2 "+CGREG: 2,1,DF16,2C69938"', [(None, "+CGREG: 2,1,DF16,2C69938")]),
    # minicom with colour codes (constructed: ESC[0m / ESC[1;32m around the text)
    ("\x1b[1;32m+CSQ: 20,99\x1b[0m\r", [(None, "+CSQ: 20,99")]),
])
def test_wrappers_are_removed(raw, expected):
    assert texts(raw) == expected


@pytest.mark.parametrize("text, command", [
    ("AT", True), ("ATI", True), ("ATE0", True), ("ATI9", True), ("AT&W", True), ("ATD*99#", True),
    ("at+cfun?", True), ("AT%XSYSTEMMODE=1,0,0,0", True), ("ATS0=1", True),
    ("ATParser:*** SEND (size=12) ***", False), ("AT command failed", False), ("ATTENTION", False),
])
def test_command_grammar(text, command):
    assert is_command(text) is command


def test_echo_crlf_and_pairing():
    log = "AT+CEREG?\r\nAT+CEREG?\r\n\r\n+CEREG: 2,5,\"1A2B\",\"01A2B3C\",7\r\n\r\nOK\r\n"  # constructed, CRLF + echo
    result = read_log(log.splitlines(keepends=True))
    (ex,) = result.exchanges
    assert ex.command == "AT+CEREG?" and ex.echoed and ex.result == "OK"
    assert ex.decoded[0]["fields"]["stat_text"] == "roaming"


def test_held_lines_before_a_final_are_an_unseen_commands_reply():
    # echo off and a host that prints only what it receives: the reply still pairs with its final
    result = read_log(["+CSQ: 16,99", "OK", "+CEREG: 1"])
    assert result.exchanges[0].command is None and result.exchanges[0].lines == ["+CSQ: 16,99"]
    assert [u["line"] for u in result.urcs] == ["+CEREG: 1"]


def test_urc_during_a_command_and_read_reply_are_told_apart():
    # TinyGSM#486 (nRF9160): a +CEREG URC arrives while AT+CEREG? is pending
    result = read_log(["AT+CEREG?", "+CEREG: 2", "+CEREG: 1,2", "OK"])
    (ex,) = result.exchanges
    assert ex.lines == ["+CEREG: 1,2"]
    assert [u["line"] for u in result.urcs] == ["+CEREG: 2"] and result.urcs[0]["during"]


def test_truncated_log_and_interrupted_command_are_warnings_not_errors():
    result = read_log(["AT+CPSI?", "+CPSI: LTE NB-IOT,Online,242-01", "AT+COPS?", "+COPS: 0,0,\"242 01 Telenor\",9"])
    assert [e.result for e in result.exchanges] == [None, None]
    assert len(result.warnings) == 2


def test_mbed_chunks_are_joined_across_lines():
    lines = ["[00059731ms][INFO][CELL]: AT TX ( 9): AT+CGREG?", "[00059751ms][INFO][CELL]: AT TX ( 1): <cr>",
             "[00059811ms][INFO][CELL]: AT RX (32): <cr><ln>+CME ERROR: operation not supp",
             "[00059908ms][INFO][CELL]: AT RX ( 7): orted<cr><ln>"]
    (ex,) = read_log(lines).exchanges
    assert ex.command == "AT+CGREG?" and ex.result == "+CME ERROR: operation not supported"
    assert ex.decoded[0]["fields"]["message"] == "operation not supported"


def test_a_pin_in_a_log_is_masked():
    # Xinyuan-LilyGO/T-SIM7600X#77 (curly quotes as pasted)
    result = read_log(["AT+CPIN=\u201d1234\u201d,\u201d1234\u201d", "ERROR"])
    assert "1234" not in result.exchanges[0].command


def test_transcript_jsonl_is_read_as_a_stream():
    records = ['{"t": 0.1, "dir": "tx", "data": "AT+CSQ\\r"}', '{"t": 0.2, "dir": "rx", "data": "AT+CSQ\\r\\r\\n+CS"}',
               '{"t": 0.3, "dir": "rx", "data": "Q: 20,99\\r\\n\\r\\nOK\\r\\n"}']
    result = read_log(records)
    assert result.source == "transcript"
    (ex,) = result.exchanges
    assert ex.lines == ["+CSQ: 20,99"] and ex.result == "OK" and ex.echoed


def test_undecodable_line_keeps_the_raw_text_and_a_warning():
    # a BC66 registration-denied URC (issue 15) that the parser cannot fully read yet
    result = read_log(["+CEREG: 3,,,,,0,15"])
    decoded = result.urcs[0]["decoded"]
    assert decoded["type"] == "CEREG"
    assert decoded["fields"].get("stat") == 3 or decoded["fields"]["unparsed"] == ["+CEREG: 3,,,,,0,15"]
