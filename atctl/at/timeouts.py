"""Default per-command deadlines (seconds), longest prefix wins.

From vendor manuals' "maximum response time" (Quectel BG95/BG96 AT manuals,
u-blox SARA-R4/R5 AT manuals) and 27.007 practice: most commands answer in
300 ms, network ones take minutes. A module profile's `timeouts` override these.

Forms: an entry for a bare command name (`AT+QBAND`, `AT+CGATT`) is the deadline of
its writes and executions, which wait on the radio or the network. Its read (`?`)
and test (`=?`) forms answer from local state, so they get the read deadline:
DEFAULT_S, or the entry itself when that is shorter. Entries that name a form
(`AT+COPS=?`: a scan, documented as slow; `AT+COPS?`; `AT+CFUN?`) apply as listed.
A silent BC660K-GL thus costs 5 s on `AT+QBAND?`, not the 900 s of its write.
"""

from __future__ import annotations

DEFAULT_S = 5.0

# the bare probe; as a prefix "AT" would match every command and cut them all to 1 s
EXACT: dict[str, float] = {"AT": 1.0}

DEFAULTS: dict[str, float] = {
    "ATE": 1.0,
    "ATV": 1.0,
    "ATI": 1.0,
    "AT+CMEE": 1.0,
    "AT+COPS=?": 180.0,
    "AT+COPS": 180.0,
    # reading the operator or changing its format answers at once; only a scan (=?) or a
    # registration change (=0/1/2/4) waits on the network
    # (15 s: u-blox SARA-R4/R5 may hold them while scanning; ModemManager allows 3 s)
    "AT+COPS?": 15.0,
    "AT+COPS=3": 15.0,
    "AT+CFUN": 15.0,
    "AT+CFUN?": 5.0,
    "AT+CGACT": 150.0,
    "AT+CGATT": 140.0,
    "AT+QCFG": 5.0,
    "AT+URAT": 10.0,
    "AT+UMNOPROF": 10.0,
    "AT+UBANDMASK": 10.0,
    "AT+UBANDSEL": 10.0,
    # SARA-N2: AT+NRB answers OK once rebooted, 3-4 s (ArduinoNBIoT) to 10 s (iotcreators N211 guide)
    "AT+NRB": 20.0,
    "AT+NBAND": 5.0,
    "AT+CPIN": 5.0,
    "AT+QPOWD": 30.0,
    "AT+CEREG": 2.0,
    "AT+CSQ": 1.0,
}


def _longest(tables: list[dict[str, float]], command: str) -> tuple[float, str] | None:
    """(seconds, prefix) of the longest prefix of `command` over the tables; a later table wins a tie."""
    upper = command.strip().upper()
    best, best_len = None, -1
    for table in tables:
        for prefix, seconds in table.items():
            if upper.startswith(prefix.upper()) and len(prefix) >= best_len:
                best, best_len = (seconds, prefix), len(prefix)
    return best


def _is_read_or_test(command: str) -> bool:
    return command.strip().endswith("?")  # "AT+X?" (read) and "AT+X=?" (test)


def _names_a_form(prefix: str) -> bool:
    return "?" in prefix or "=" in prefix


def timeout_for(command: str, profile=None, overrides: dict[str, float] | None = None) -> float:
    """Deadline for `command`: a matching per-session override first (AtSession.timeouts), else
    the longest matching prefix over DEFAULTS and the profile's `timeouts`; on a
    tie the profile wins (it knows its module)."""
    forced = _longest([overrides], command) if overrides else None
    if forced is not None:
        return forced[0]
    if command.strip().upper() in EXACT:
        return EXACT[command.strip().upper()]
    tables = [DEFAULTS] + ([getattr(profile, "timeouts", None) or {}] if profile is not None else [])
    found = _longest(tables, command)
    if found is None:
        return DEFAULT_S
    seconds, prefix = found
    if _is_read_or_test(command) and not _names_a_form(prefix):
        return min(seconds, DEFAULT_S)  # a write's deadline does not cover its read/test forms
    return seconds
