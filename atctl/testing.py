"""pytest plugin (entry point `atctl`): simulated modem ports for your CI.

    def test_my_firmware_tool(sim_port):            # "sim://quectel-bg95-m3?network=de-telekom"
        ...

    @pytest.mark.atctl_sim(module="ublox-sara-r410m-02b", network="psm-refused", latency=0.05)
    def test_psm_refused(sim_port): ...

    def test_many(make_sim_port):
        url = make_sim_port("quectel-eg25-g", network="us-att", fragment=3)

    def test_over_a_real_tty(sim_pty):             # "/dev/pts/N" served by a background thread
        ...
"""

from __future__ import annotations

import pytest


def sim_url(module: str = "quectel-bg95-m3", **options) -> str:
    """The sim:// URL of a module and options; InputError on an unknown option or a bad value
    (the checks of atctl.sim.options, so a typo never falls back to the default network)."""
    import atctl  # noqa: F401  - registers the sim:// scheme with pyserial
    from atctl.sim.options import build_url, option_text, validate_options

    given = {k: option_text(v) for k, v in options.items() if v is not None}
    validate_options(given)
    return build_url(module, given)


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "atctl_sim(module=..., network=..., **options): configure the sim_port fixture")


def _marker_options(request) -> tuple[str, dict[str, str]]:
    """(module, options as text) of the test's atctl_sim marker; a bad option fails the test
    with one clear line instead of running it on the default network."""
    from atctl.errors import AtctlError
    from atctl.sim.options import option_text, validate_options

    marker = request.node.get_closest_marker("atctl_sim")
    if marker and marker.args:
        pytest.fail("atctl_sim marker: give options as keywords, e.g. @pytest.mark.atctl_sim(network=\"denied\")",
                    pytrace=False)
    kwargs = dict(marker.kwargs) if marker else {}
    module = str(kwargs.pop("module", "quectel-bg95-m3"))
    options = {k: option_text(v) for k, v in kwargs.items() if v is not None}
    try:
        validate_options(options)
    except AtctlError as exc:
        pytest.fail(f"atctl_sim marker: {exc.one_line()}", pytrace=False)
    return module, options


@pytest.fixture
def make_sim_port():
    """Factory: make_sim_port(module, **options) -> sim:// URL (InputError on a bad option)."""
    return sim_url


@pytest.fixture
def sim_port(request) -> str:
    """A sim:// URL for the module/network/faults of the test's atctl_sim marker."""
    from atctl.sim.options import build_url

    module, options = _marker_options(request)
    return build_url(module, options)


@pytest.fixture
def sim_pty(request):
    """A pty device path served by a simulated module for the duration of the test."""
    from atctl.sim.pty_server import PtyServer

    module, options = _marker_options(request)
    server = PtyServer(module, options).start()
    try:
        yield server.path
    finally:
        server.stop()


# ---- replay:// and pyserial mocks (issue 15) ------------------------------------------------
def replay_url(path) -> str:
    """replay:// URL for a transcript file (absolute, so it works from any working directory)."""
    import os

    import atctl  # noqa: F401  - registers the replay:// scheme with pyserial

    return "replay://" + os.path.abspath(os.fspath(path))


@pytest.fixture
def replay_port():
    """Factory: replay_port("tests/fixtures/bg95-status.jsonl") -> "replay:///abs/.../bg95-status.jsonl"."""
    from atctl.replay import clear_divergences

    clear_divergences()
    yield replay_url
    clear_divergences()


class MockedPort:
    """What the code under test did with one mocked device path: `sent` (command lines, in
    order), `raw_sent` (bytes), `opened` (how many times), and the URL behind it."""

    def __init__(self, path: str, url: str):
        self.path, self.url = path, url
        self.raw_sent = bytearray()
        self.opened = 0

    @property
    def sent(self) -> list[str]:
        text = bytes(self.raw_sent).decode("latin-1")
        return [part.strip() for part in text.replace("\n", "\r").split("\r") if part.strip()]

    def sent_command(self, command: str) -> bool:
        return command in self.sent

    @property
    def divergences(self) -> list[dict]:
        from atctl.replay import divergences

        return [d for d in divergences() if self.url.startswith("replay://") and d["replay"] in self.url]


class _Recorder:
    """Wraps a sim:// or replay:// port: every attribute goes to it; writes are also recorded."""

    def __init__(self, inner, record: MockedPort):
        object.__setattr__(self, "_inner", inner)
        object.__setattr__(self, "_record", record)

    def write(self, data):
        self._record.raw_sent += bytes(data)
        return self._inner.write(data)

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def __setattr__(self, name, value):
        setattr(self._inner, name, value)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._inner.close()

    def __iter__(self):
        return iter(self._inner)


def _pytest_mock(request):
    try:
        import pytest_mock  # noqa: F401
    except ImportError:
        pytest.fail("the mock_modem fixture needs pytest-mock: pip install pytest-mock "
                    "(or pip install 'atctl[test]')", pytrace=False)
    return request.getfixturevalue("mocker")


@pytest.fixture
def mock_modem(request):
    """Patch pyserial so a device path your code opens talks to the simulator or a replay.

        def test_tool_requests_psm(mock_modem):
            modem = mock_modem("/dev/ttyUSB2", module="quectel-bg95-m3", network="psm-refused")
            my_tool.configure("/dev/ttyUSB2")          # opens serial.Serial("/dev/ttyUSB2", 115200)
            assert 'AT+CPSMS=1,,,"00100001","00000011"' in modem.sent

        modem = mock_modem("/dev/ttyUSB2", replay="tests/fixtures/bench.jsonl")

    Both `serial.Serial(path, ...)` and `serial.serial_for_url(path, ...)` are patched (and
    `targets=["mytool.io.Serial"]` for modules that did `from serial import Serial`); other
    paths open real ports as before. Needs pytest-mock.
    """
    mocker = _pytest_mock(request)
    import serial

    original_for_url = serial.serial_for_url
    ports: dict[str, MockedPort] = {}

    def open_mocked(path, args, kwargs):
        record = ports[path]
        record.opened += 1
        kwargs = dict(kwargs)
        do_not_open = kwargs.pop("do_not_open", False)
        baud = kwargs.pop("baudrate", args[0] if args else 115200)
        inner = original_for_url(record.url, baudrate=baud, do_not_open=True, **{
            k: v for k, v in kwargs.items() if k in ("timeout", "write_timeout", "bytesize", "parity", "stopbits")})
        if not do_not_open:
            inner.open()
        return _Recorder(inner, record)

    real_serial = serial.Serial

    class _SerialType(type):
        # isinstance(port, serial.Serial) keeps working in the code under test
        def __instancecheck__(cls, obj):
            return isinstance(obj, (real_serial, _Recorder))

        def __call__(cls, port=None, *args, **kwargs):
            if port in ports:
                return open_mocked(port, args, kwargs)
            return real_serial(port, *args, **kwargs)

    class fake_serial(metaclass=_SerialType):  # noqa: N801 - stands in for serial.Serial
        pass

    def fake_for_url(url, *args, **kwargs):
        if url in ports:
            return open_mocked(url, args, kwargs)
        return original_for_url(url, *args, **kwargs)

    mocker.patch.object(serial, "Serial", fake_serial)
    mocker.patch.object(serial, "serial_for_url", fake_for_url)

    def factory(path: str = "/dev/ttyUSB2", module: str = "quectel-bg95-m3", *, replay=None, targets=(), **options):
        url = replay_url(replay) if replay is not None else sim_url(module, **options)
        ports[path] = MockedPort(path, url)
        for target in targets:
            mocker.patch(target, fake_serial)
        return ports[path]

    return factory


@pytest.fixture
def labgrid_port(request) -> str:
    """For labgrid's pytest plugin: the atctl port of the `target` fixture's serial resource
    (rfc2217:// for a place's NetworkSerialPort, the device path for a local one).

        def test_psm(labgrid_port):
            subprocess.run(["atctl", "apply", "device.yaml", "--port", labgrid_port], check=True)

    Run with `pytest --lg-env env.yaml` (a `main` target with a RemotePlace) on an acquired place;
    deactivate a SerialDriver that holds the port before atctl opens it.
    """
    from atctl.labgrid.target import target_port

    return target_port(request.getfixturevalue("target"))
