"""Keep secrets and identifiers out of output, logs, transcripts and bundles.

A SIM PIN is never shown. IMEI / IMSI / ICCID keep only their last 4 digits
unless the user asks for them (--show-ids).
"""

from __future__ import annotations

import re

_SECRET_COMMANDS = re.compile(r'(?i)(AT\+(?:CPIN|CPWD|CLCK|CPIN2)\s*=\s*)(.*)')
_QUOTED = re.compile(r'"[^"]*"|[^,]+')
# 14-20 digit runs: IMEI (15), IMEISV (16), IMSI (14-15), ICCID (18-20, may end in F)
_ID_RUN = re.compile(r"(?<![0-9A-Fa-fxX])(\d{14,19}[\dFf]?)(?![0-9A-Fa-f])")
# band masks are long numbers too (hex after 0x, decimal in +UBANDMASK): never identifiers
_MASK_LINE = re.compile(r"UBANDMASK|QCFG", re.IGNORECASE)


def redact_id(value: str | None) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if len(text) <= 4:
        return text
    return "*" * (len(text) - 4) + text[-4:]


def mask_secrets(command: str) -> str:
    """AT+CPIN="1234" -> AT+CPIN="****"; also CPWD/CLCK passwords."""
    m = _SECRET_COMMANDS.match(command)
    if not m:
        return command
    head, args = m.group(1), m.group(2)
    if head.upper().startswith("AT+CLCK"):
        # AT+CLCK=<fac>,<mode>[,<passwd>...]: keep facility and mode
        parts = _QUOTED.findall(args)
        masked = parts[:2] + ['"****"' for _ in parts[2:]]
        return head + ",".join(masked)
    return head + ",".join('"****"' for _ in _QUOTED.findall(args) if _)


def redact_text(text: str, known_ids: tuple[str, ...] | list[str] = ()) -> str:
    """Replace every known identifier and any IMEI/IMSI/ICCID-shaped digit run."""
    for ident in known_ids:
        if ident and len(ident) > 4:
            text = text.replace(ident, redact_id(ident))
    return "".join(part if _MASK_LINE.search(part) else _ID_RUN.sub(lambda m: redact_id(m.group(1)), part)
                   for part in re.split(r"(?<=\n)", text))
