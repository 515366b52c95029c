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
