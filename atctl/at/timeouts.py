"""Default per-command deadlines (seconds), longest prefix wins.

From vendor manuals' "maximum response time" (Quectel BG95/BG96 AT manuals,
u-blox SARA-R4/R5 AT manuals) and 27.007 practice: most commands answer in
300 ms, network ones take minutes. A module profile's `timeouts` override these.
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
    "AT+CPIN": 5.0,
    "AT+QPOWD": 30.0,
    "AT+CEREG": 2.0,
    "AT+CSQ": 1.0,
}


def _longest(tables: list[dict[str, float]], command: str) -> float | None:
    """Seconds of the longest prefix of `command` over the tables; a later table wins a tie."""
    upper = command.strip().upper()
    best, best_len = None, -1
    for table in tables:
        for prefix, seconds in table.items():
            if upper.startswith(prefix.upper()) and len(prefix) >= best_len:
                best, best_len = seconds, len(prefix)
    return best


def timeout_for(command: str, profile=None, overrides: dict[str, float] | None = None) -> float:
    """Deadline for `command`: a matching per-session override first (AtSession.timeouts), else
    the longest matching prefix over DEFAULTS and the profile's `timeouts`; on a
    tie the profile wins (it knows its module)."""
    forced = _longest([overrides], command) if overrides else None
    if forced is not None:
        return forced
    if command.strip().upper() in EXACT:
        return EXACT[command.strip().upper()]
    tables = [DEFAULTS] + ([getattr(profile, "timeouts", None) or {}] if profile is not None else [])
    found = _longest(tables, command)
    return DEFAULT_S if found is None else found
