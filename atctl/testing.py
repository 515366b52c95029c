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
