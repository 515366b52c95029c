"""The pytest-mock fixture users put in their CI: their own code opens /dev/ttyUSB2."""

from __future__ import annotations


TOOL = '''
import serial

def configure_psm(path):
    port = serial.Serial(path, 115200, timeout=2)
    assert isinstance(port, serial.Serial)
    port.write(b'AT+CPSMS=1,,,"00100001","00000011"\\r')
    reply = b""
    while not any(end in reply for end in (b"OK\\r\\n", b"ERROR\\r\\n")):
        chunk = port.read(64)
        if not chunk:
            break
        reply += chunk
    port.close()
    return b"OK" in reply
'''


def test_users_tool_against_the_simulator(pytester):
    pytester.makepyfile(mytool=TOOL)
    pytester.makepyfile(test_tool='''
import mytool

def test_requests_psm(mock_modem):
    modem = mock_modem("/dev/ttyUSB2", module="quectel-bg95-m3", network="psm-refused")
    assert mytool.configure_psm("/dev/ttyUSB2")
    assert 'AT+CPSMS=1,,,"00100001","00000011"' in modem.sent
    assert modem.opened == 1
''')
    assert pytester.runpytest_subprocess("-q").ret == 0


def test_users_tool_against_a_replay_and_an_unrecorded_command(pytester, tmp_path):
    session = tmp_path / "bench.jsonl"
    session.write_text('{"t": 0, "dir": "tx", "data": "AT+CSQ\\r"}\n{"t": 0, "dir": "rx", "data": "\\r\\n+CSQ: 9,99\\r\\n\\r\\nOK\\r\\n"}\n')
    pytester.makepyfile(mytool=TOOL)
    pytester.makepyfile(test_tool=f'''
import serial
import mytool

def test_refused(mock_modem):
    modem = mock_modem("/dev/ttyUSB2", replay=r"{session}")
    assert not mytool.configure_psm("/dev/ttyUSB2")          # never recorded: ERROR
    assert modem.divergences[0]["command"].startswith("AT+CPSMS=1")
    port = serial.serial_for_url("/dev/ttyUSB2", timeout=1)
    port.write(b"AT+CSQ\\r")
    assert b"+CSQ: 9,99" in port.read(64)
''')
    assert pytester.runpytest_subprocess("-q").ret == 0


def test_without_pytest_mock_the_fixture_says_what_to_install(pytester):
    pytester.makepyfile(test_tool='''
import sys
sys.modules["pytest_mock"] = None   # as if it were not installed (with -p no:pytest_mock)

def test_x(mock_modem):
    pass
''')
    result = pytester.runpytest_subprocess("-q", "-p", "no:pytest_mock")
    result.stdout.fnmatch_lines(["*mock_modem fixture needs pytest-mock: pip install pytest-mock*"])
