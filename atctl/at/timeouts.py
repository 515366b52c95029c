"""Default per-command deadlines (seconds), longest prefix wins.

From vendor manuals' "maximum response time" (Quectel BG95/BG96 AT manuals,
u-blox SARA-R4/R5 AT manuals) and 27.007 practice: most commands answer in
300 ms, network ones take minutes. A module profile's `timeouts` override these.
"""

from __future__ import annotations

DEFAULT_S = 5.0

DEFAULTS: dict[str, float] = {
    "AT": 1.0,
    "ATE": 1.0,
    "ATV": 1.0,
    "ATI": 1.0,
    "AT+CMEE": 1.0,
    "AT+COPS=?": 180.0,
    "AT+COPS": 180.0,
    "AT+CFUN": 15.0,
    "AT+CGACT": 150.0,
    "AT+CGATT": 140.0,
    "AT+QCFG": 5.0,
    "AT+URAT": 10.0,
    "AT+UMNOPROF": 10.0,
    "AT+UBANDMASK": 10.0,
    "AT+CPIN": 5.0,
    "AT+QPOWD": 30.0,
    "AT+CEREG": 2.0,
    "AT+CSQ": 1.0,
}


def timeout_for(command: str, profile=None) -> float:
    """Deadline for `command`: the profile's table first, then DEFAULTS."""
    upper = command.strip().upper()
    best, best_len = DEFAULT_S, -1
    for prefix, seconds in DEFAULTS.items():
        if upper.startswith(prefix) and len(prefix) > best_len:
            best, best_len = seconds, len(prefix)
    if profile is not None:
        best = profile.timeout_for(command, best)
    return best
