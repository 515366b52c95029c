"""A test helper of tests/sim (a module of its own: `from conftest import ...` picks whichever conftest
was imported first once another test folder has one, e.g. tests/profiles)."""

import time


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
