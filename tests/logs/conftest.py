import pytest


@pytest.fixture(autouse=True)
def _fresh_divergences():
    """replay:// divergences are per process; each test starts with none."""
    from atctl.replay import clear_divergences

    clear_divergences()
    yield
    clear_divergences()
