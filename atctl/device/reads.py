"""One read of the network state: send it, keep the lines of one prefix as parsed models.

A failed or unreadable read is recorded in `errors` (plain words), never raised, unless the
module has stopped answering: then the timeout propagates, since every later read would wait out
its own deadline.
"""

from __future__ import annotations

from atctl.data import plmn_name
from atctl.errors import AtctlError, ModemTimeout


class Lines(list):
    """Parsed lines of one read; `ok` is False when the command itself failed, `timed_out`
    when it did not answer in time (the module itself still answers)."""
    ok = True
    timed_out = False


def read_lines(session, command: str, errors: list[str], prefix: str) -> Lines:
    """Parsed info lines of `command` that start with prefix."""
    failed = Lines()
    failed.ok = False
    try:
        response = session.command(command)
    except ModemTimeout as exc:
        errors.append(exc.one_line())
        if not session.answers():
            raise exc from None
        failed.timed_out = True
        return failed
    if not response.ok:
        errors.append(f"{command}: {response.error_text or response.final}")
        return failed
    from atctl.dialects import get_dialect

    dialect = get_dialect(session.profile)
    parsed = Lines()
    for line in response.lines:
        if line.startswith(prefix):
            try:
                parsed.append(dialect.parse_reply(line, pending=command, names=plmn_name))
            except AtctlError as exc:
                parsed.ok = False
                errors.append(f"{command}: could not read {line!r}: {exc.message}")
    return parsed
