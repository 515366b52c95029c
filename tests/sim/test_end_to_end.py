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
    from atctl.device.identify import identify
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


def _serve(*extra):
    server = subprocess.Popen([*ATCTL, "sim", "serve", "--module", "quectel-bg95-m3", *extra], stdout=subprocess.PIPE,
                              text=True)
    lines = [server.stdout.readline() for _ in range(2 if extra else 1)]
    return server, lines


@pytest.mark.slow
def test_rfc2217_serve_survives_reconnects_and_refuses_a_second_client():
    # before: the forwarding thread of a gone client kept reading and swallowed the next client's
    # first reply (every other `status` failed), and a second concurrent client broke the server
    import serial

    server, lines = _serve("--rfc2217", "0")
    try:
        url = re.search(r"(rfc2217://\S+)", lines[1]).group(1)
        codes = [run("status", "--port", url, "--json").returncode for _ in range(7)]
        assert codes == [0] * 7
        first = serial.serial_for_url(url + "?ign_set_control", timeout=0.05)
        try:
            second = run("send", "--port", url, "AT")
            assert second.returncode == 3
            message = second.stderr.strip()
            assert "\n" not in message and "Traceback" not in message and url in message
            assert "in use" in message
            first.write(b"AT\r")  # the first client still works
            got = b""
            for _ in range(40):
                got += first.read(64)
                if b"OK" in got:
                    break
            assert b"OK" in got
        finally:
            first.close()
        assert run("status", "--port", url).returncode == 0  # and the server serves the next one
    finally:
        server.terminate()
        server.wait(timeout=5)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ser2net(device: str, *options: str):
    """ser2net (telnet rfc2217 accepter) in front of `device`; as root it runs as nobody, since
    TIOCEXCL, like every tty lock, does not stop root. Returns (process, url)."""
    import os
    import shutil
    import socket
    import time

    binary = shutil.which("ser2net") or (os.path.exists("/usr/sbin/ser2net") and "/usr/sbin/ser2net")
    if not binary:
        pytest.skip("ser2net is not installed (apt-get install -y ser2net)")
    port = _free_port()
    yaml = ["connection: &sim", f"  accepter: telnet(rfc2217),tcp,127.0.0.1,{port}",
            f"  connector: serialdev,{device},115200n81,local"] + (["  options:"] + [f"    {o}" for o in options]
                                                                    if options else [])
    command = [binary, "-n"] + [arg for line in yaml for arg in ("-Y", line)]
    if os.geteuid() == 0:
        os.chmod(device, 0o666)
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    relay = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):  # wait for its listener, not a fixed time
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.02)
    return relay, f"rfc2217://127.0.0.1:{port}"


@pytest.fixture(params=[()], ids=["default"])
def ser2net_on_sim_pty(request):
    server, lines = _serve()
    device = re.search(r"on (/dev/\S+)", lines[0]).group(1)
    relay = None
    try:
        relay, url = _ser2net(device, *request.param)
        yield device, url
    finally:
        if relay is not None:
            relay.terminate()
            relay.wait(timeout=5)
        server.terminate()
        server.wait(timeout=5)


@pytest.mark.slow
def test_ser2net_in_front_of_a_pty_atctl_holds(ser2net_on_sim_pty):
    from atctl.at.transport import open_port, release_port

    device, url = ser2net_on_sim_pty
    assert run("status", "--port", url).returncode == 0  # the path works when nobody holds the pty
    held = open_port(device)  # atctl holds the pty (flock + TIOCEXCL)
    try:
        result = run("send", "--port", url, "AT")
        assert result.returncode == 3
        message = result.stderr.strip()
        assert message.count("\n") == 0 and "Traceback" not in message  # was exit 3 + an 18-line traceback
        assert f"port {url} is in use by another program" in message
    finally:
        release_port(held)
    assert run("send", "--port", url, "AT").returncode == 0  # released: TIOCEXCL does not outlive us


@pytest.mark.slow
def test_second_client_of_ser2net_is_one_line(ser2net_on_sim_pty):
    import serial

    _, url = ser2net_on_sim_pty
    first = serial.serial_for_url(url + "?ign_set_control", timeout=0.05)
    try:
        result = run("send", "--port", url, "AT")
        assert result.returncode == 3 and "Traceback" not in result.stderr
        assert result.stderr.strip().count("\n") == 0 and "in use by another program" in result.stderr
    finally:
        first.close()


@pytest.mark.slow
@pytest.mark.parametrize("path", ["pty", "rfc2217"])
def test_link_loss_mid_session_is_one_line_exit_3(path, tmp_path):
    # the pty's server killed while atctl waits (#20): was exit 1 "internal error: SerialException"
    import time

    server, lines = _serve("--rfc2217", "0")
    port = re.search(r"on (/dev/\S+)", lines[0]).group(1) if path == "pty" else \
        re.search(r"(rfc2217://\S+)", lines[1]).group(1)
    transcript = tmp_path / "t.jsonl"
    client = subprocess.Popen([*ATCTL, "send", "--port", port, "AT", "--wait-urcs", "20", "--transcript",
                               str(transcript)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(600):  # until the module has answered the client's AT: the session is up
            if client.poll() is not None or (transcript.exists() and '"OK' in transcript.read_text()
                                             and transcript.read_text().count('"tx"') >= 5):
                break
            time.sleep(0.02)
        server.kill()
        server.wait(timeout=5)
        _, err = client.communicate(timeout=30)
    finally:
        if client.poll() is None:
            client.kill()
        if server.poll() is None:
            server.kill()
    assert client.returncode == 3, err
    message = err.strip()
    assert message.count("\n") == 0 and "internal error" not in message and port in message
    assert "lost the link" in message


@pytest.mark.slow
def test_pty_of_sim_serve_held_by_atctl_refuses_a_second_atctl_in_one_line():
    from atctl.at.transport import open_port, release_port

    server, lines = _serve()
    try:
        device = re.search(r"on (/dev/\S+)", lines[0]).group(1)
        held = open_port(device)
        try:
            result = run("status", "--port", device)
        finally:
            release_port(held)
        assert result.returncode == 3
        assert result.stderr.strip().count("\n") == 0 and f"port {device} is in use by another program" in result.stderr
        assert run("status", "--port", device).returncode == 0
    finally:
        server.terminate()
        server.wait(timeout=5)


@pytest.mark.slow
@pytest.mark.parametrize("ser2net_on_sim_pty", [("kickolduser: true",)], indirect=True, ids=["kickolduser"])
def test_ser2net_kicking_the_client_is_link_lost(ser2net_on_sim_pty, tmp_path):
    # ser2net with kickolduser drops the first client when a second connects (#20: link loss)
    import time

    _, url = ser2net_on_sim_pty
    transcript = tmp_path / "t.jsonl"
    first = subprocess.Popen([*ATCTL, "send", "--port", url, "AT", "--wait-urcs", "20", "--transcript", str(transcript)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(600):  # until the first client's session is up
            if first.poll() is not None or (transcript.exists() and transcript.read_text().count('"tx"') >= 5):
                break
            time.sleep(0.02)
        assert run("send", "--port", url, "AT").returncode == 0
        _, err = first.communicate(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 3 and err.strip().count("\n") == 0
    assert f"lost the link to {url}" in err and "Traceback" not in err
