import time

import pytest


@pytest.fixture
def open_sim():
    """open_sim(url) -> started AtSession over sim://, closed after the test."""
    from atctl.at import open_session

    sessions = []

    def opener(url: str, **kw):
        ctx = open_session(url, **kw)
        session = ctx.__enter__()
        sessions.append(ctx)
        return session

    yield opener
    for ctx in sessions:
        ctx.__exit__(None, None, None)


def wait_registered(session, timeout=3.0, read="AT+CEREG?"):
    """Poll the registration read until stat is 1 or 5 (test helper, not library code)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = session.command(read).lines[0]
        stat = line.split(":")[1].split(",")[1].strip()
        if stat in ("1", "5"):
            return line
        session.wait_urc("+CEREG", 0.2)
    raise AssertionError("not registered")
