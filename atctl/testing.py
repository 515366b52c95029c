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

from urllib.parse import urlencode

import pytest


def sim_url(module: str = "quectel-bg95-m3", **options) -> str:
    import atctl  # noqa: F401  - registers the sim:// scheme with pyserial

    query = urlencode({k: v for k, v in options.items() if v is not None})
    return f"sim://{module}" + (f"?{query}" if query else "")


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "atctl_sim(module=..., network=..., **options): configure the sim_port fixture")


def _marker_options(request) -> tuple[str, dict]:
    marker = request.node.get_closest_marker("atctl_sim")
    kwargs = dict(marker.kwargs) if marker else {}
    module = kwargs.pop("module", "quectel-bg95-m3")
    return module, kwargs


@pytest.fixture
def make_sim_port():
    """Factory: make_sim_port(module, **options) -> sim:// URL."""
    return sim_url


@pytest.fixture
def sim_port(request) -> str:
    """A sim:// URL for the module/network/faults of the test's atctl_sim marker."""
    module, options = _marker_options(request)
    return sim_url(module, **options)


@pytest.fixture
def sim_pty(request):
    """A pty device path served by a simulated module for the duration of the test."""
    from atctl.sim.pty_server import PtyServer

    module, options = _marker_options(request)
    server = PtyServer(module, {k: str(v) for k, v in options.items()}).start()
    try:
        yield server.path
    finally:
        server.stop()
