"""The real atctl process against the simulator: sim:// URL, `atctl sim serve` over a
pty, and RFC 2217 on loopback (pyserial's PortManager, as ser2net would serve it)."""

import json
import re
import subprocess
import sys
import threading

import pytest

ATCTL = [sys.executable, "-m", "atctl"]


def run(*args, timeout=30):
    return subprocess.run([*ATCTL, *args], capture_output=True, text=True, timeout=timeout)


def test_send_over_sim_url():
    result = run("send", "--port", "sim://quectel-bg95-m3", "AT+CEREG?", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["responses"][0]["final"] == "OK"
    assert doc["responses"][0]["lines"][0].startswith("+CEREG: 0,")


@pytest.mark.slow
def test_send_over_pty_from_sim_serve():
    server = subprocess.Popen([*ATCTL, "sim", "serve", "--module", "ublox-sara-r410m-02b"], stdout=subprocess.PIPE,
                              text=True)
    try:
        line = server.stdout.readline()
        device = re.search(r"on (/dev/\S+)", line).group(1)
        result = run("send", "--port", device, "AT+CGMM", "--json")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["responses"][0]["lines"] == ["SARA-R410M-02B"]
        # a second client after the first closed the device
        result = run("info", "--port", device, "--json")
        assert json.loads(result.stdout)["profile"] == "ublox-sara-r410m-02b"
    finally:
        server.terminate()
        server.wait(timeout=5)


@pytest.mark.slow
def test_send_over_rfc2217_loopback():
    from atctl.sim.pty_server import Rfc2217Server

    server = Rfc2217Server("sim://quectel-eg25-g", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        result = run("send", "--port", f"rfc2217://127.0.0.1:{server.port}", "AT+CGMM", "--json")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["responses"][0]["lines"] == ["EG25"]
    finally:
        server.stop()


def test_pytest_plugin_fixtures(pytester):
    pytester.makepyfile("""
        import pytest, serial
        import atctl

        def test_default(sim_port):
            assert sim_port.startswith("sim://quectel-bg95-m3")

        @pytest.mark.atctl_sim(module="ublox-sara-r410m-02b", network="psm-refused")
        def test_marker(sim_port):
            assert "network=psm-refused" in sim_port
            port = serial.serial_for_url(sim_port, timeout=1)
            port.write(b"AT+CGMM\\r")
            data = b""
            while b"OK" not in data:
                data += port.read(64)
            assert b"SARA-R410M-02B" in data

        def test_pty(sim_pty):
            port = serial.Serial(sim_pty, timeout=1)
            port.write(b"ATE0\\r")
            data = b""
            while b"OK" not in data:
                data += port.read(64)
    """)
    result = pytester.runpytest_subprocess()  # the plugin loads through its pytest11 entry point
    result.assert_outcomes(passed=3)


def test_late_reply_from_the_simulator_does_not_shift_identity():
    # sim:// late=AT+CGMM: the model reply lands ahead of the next command's (#20); before the
    # fix the IMEI read took "BG95-M3" and every later identity read was shifted by one
    from atctl.at.identify import identify
    from atctl.at.session import open_session

    with open_session("sim://quectel-bg95-m3") as reference:
        expected = identify(reference)
    with open_session("sim://quectel-bg95-m3?late=AT%2BCGMM&latency=0.05") as session:
        session.timeouts = {"AT+CGMM": 0.3}
        ident = identify(session)
    assert ident.model is None  # it timed out; its late reply was set aside
    assert (ident.imei, ident.imsi, ident.iccid) == (expected.imei, expected.imsi, expected.iccid)
    assert ident.profile_id == "quectel-bg95-m3"  # matched from ATI, itself in step
    assert "BG95-M3" in session.strays
