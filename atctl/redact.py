"""Keep secrets and identifiers out of output, logs, transcripts and bundles.

A SIM PIN is never shown. IMEI / IMSI / ICCID keep only their last 4 digits
unless the user asks for them (--show-ids).
"""

from __future__ import annotations

import re

# command -> index of the first secret parameter and how many (None: all from there).
# 27.007 8.3 CPIN=<pin>[,<newpin>], CPIN2 likewise, 7.5 CPWD=<fac>,<old>,<new> (all masked: simpler),
# 7.4 CLCK=<fac>,<mode>[,<passwd>], 10.1.31 CGAUTH=<cid>,<auth_prot>,<userid>,<password>;
# Quectel QICSGP=<ctx>,<type>,<apn>,<user>,<password>[,<auth>]; u-blox UPSD=<profile>,6,<password>;
# SARA-N2 (Huawei/Neul) NPIN=<command>,<pin>[,<new pin>] (mbed-os UBLOX_N2XX: +NPIN=0,<pin>).
_SECRET_ARGS: dict[str, tuple[int, int | None]] = {
    "CPIN": (0, None), "CPIN2": (0, None), "CPWD": (0, None), "CLCK": (2, None),
    "CGAUTH": (3, 1), "QICSGP": (4, 1), "UPSD": (2, 1), "NPIN": (1, None),
}
_SECRET_COMMANDS = re.compile(r'(?i)(AT\+(CPIN2|CPIN|CPWD|CLCK|CGAUTH|QICSGP|UPSD|NPIN)\s*=\s*)([^\r\n]*)')
_QUOTED = re.compile(r'"[^"]*"?|[^,]+|(?<=,)(?=,|$)|^(?=,)')
# 14-20 digit runs: IMEI (15), IMEISV (16), IMSI (14-15), ICCID (18-20, may end in F)
_ID_RUN = re.compile(r"(?<![0-9A-Fa-fxX])(\d{14,19}[\dFf]?)(?![0-9A-Fa-f])")
# band masks are long numbers too (hex after 0x, decimal in +UBANDMASK): never identifiers
_MASK_LINE = re.compile(r"UBANDMASK|QCFG", re.IGNORECASE)


# what redact_id makes of an IMEI, IMSI or ICCID: a replay:// of a capture reads it back as one
REDACTED_ID = re.compile(r"^\*{6,}\d{4}$")


def redact_id(value: str | None) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if len(text) <= 4:
        return text
    return "*" * (len(text) - 4) + text[-4:]


def mask_secrets(command: str) -> str:
    """AT+CPIN="1234" -> AT+CPIN="****"; also CPIN2/CPWD/CLCK/CGAUTH/QICSGP/UPSD passwords.

    Works on any text holding such a command (an echo after junk, a log line); only the
    command's own line is touched."""
    return _SECRET_COMMANDS.sub(_mask_match, command)


def _mask_match(m: re.Match) -> str:
    head, name, args = m.group(1), m.group(2).upper(), m.group(3)
    if args.strip() in ("", "?"):
        return m.group(0)  # the test form (AT+CPIN=?) carries no secret
    first, count = _SECRET_ARGS[name]
    parts = [p for p in _QUOTED.findall(args)]
    if name == "UPSD" and (len(parts) < 2 or parts[1].strip() != "6"):
        return m.group(0)  # only parameter tag 6 is the password
    end = len(parts) if count is None else first + count
    masked = [('"****"' if p.strip() else p) if first <= i < end else p for i, p in enumerate(parts)]
    return head + ",".join(masked)


def redact_text(text: str, known_ids: tuple[str, ...] | list[str] = ()) -> str:
    """Replace every known identifier and any IMEI/IMSI/ICCID-shaped digit run."""
    for ident in known_ids:
        if ident and len(ident) > 4:
            text = text.replace(ident, redact_id(ident))
    return "".join(part if _MASK_LINE.search(part) else _ID_RUN.sub(lambda m: redact_id(m.group(1)), part)
                   for part in re.split(r"(?<=\n)", text))
