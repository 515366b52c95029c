"""What user text may go into an AT command line (pure checks, no I/O).

A command line ends at the first CR (ITU-T V.250 5.2.1, S3), so a CR, LF or NUL
inside a value or a command turns one command into two (AT command injection).
Values travel inside string constants, which end at the next double quote
(V.250 5.4.2.2, 3GPP TS 27.007 4.1), and the TE character set atctl uses is
IRA (T.50, printable ASCII; TS 27.007 5.5 +CSCS). An APN further follows the
label rules of 3GPP TS 23.003 9.1 (RFC 1035 labels, at most 100 octets encoded).

Each check returns the text unchanged or raises InputError naming the fault.
"""

from __future__ import annotations

import re

from atctl.errors import InputError

APN_MAX_OCTETS = 100   # TS 23.003 9.1: the encoded APN (length octet + label, per label)
LABEL_MAX_OCTETS = 63  # RFC 1035 2.3.4, referenced by TS 23.003 9.1
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\Z")

_NAMES = {"\r": "a carriage return (CR)", "\n": "a line feed (LF)", "\x00": "a NUL byte", "\t": "a tab",
          "\x1a": "a Ctrl-Z", "\x1b": "an escape (ESC)", "\x7f": "a DEL"}


def _describe(char: str) -> str:
    return _NAMES.get(char, f"the control character U+{ord(char):04X}")


def _first_control(text: str) -> tuple[int, str] | None:
    for index, char in enumerate(text):
        if ord(char) < 0x20 or ord(char) == 0x7F:
            return index, char
    return None


def check_single_command(text: str) -> str:
    """One AT command line as the user typed it: no line terminator or other control character
    (it would end the command early and start another), and balanced double quotes.
    The message shows the command with any PIN masked."""
    from atctl.redact import mask_secrets

    shown = mask_secrets(text)
    bad = _first_control(text)
    if bad:
        index, char = bad
        raise InputError(f"command {shown!r} contains {_describe(char)} at position {index + 1}",
                         hint="give each AT command as its own argument; atctl ends every command with CR itself")
    if text.count('"') % 2:
        raise InputError(f"command {shown!r} has an unbalanced double quote",
                         hint='close every string constant, e.g. AT+CGDCONT=1,"IP","internet"')
    return text


def check_quoted_value(text: str, what: str) -> str:
    """A value atctl puts between double quotes in a command: printable IRA (ASCII) only, no `"`."""
    bad = _first_control(text)
    if bad:
        index, char = bad
        raise InputError(f"{what} {text!r} contains {_describe(char)} at position {index + 1}",
                         hint="remove it: a control character would end the AT command early")
    if '"' in text:
        raise InputError(f"{what} {text!r} contains a double quote",
                         hint="AT string values cannot contain \"; remove it")
    non_ascii = next((c for c in text if ord(c) > 0x7E), None)
    if non_ascii is not None:
        raise InputError(f"{what} {text!r} contains {non_ascii!r}, which is not plain ASCII",
                         hint="AT commands carry IRA (ASCII) text only")
    return text


def check_apn(text: str) -> str:
    """An APN (network identifier, optionally with the operator identifier) per TS 23.003 9.1.
    The empty APN is allowed: TS 27.007 10.1.1 lets the network pick the subscribed default."""
    check_quoted_value(text, "APN")
    if text == "":
        return text
    labels = text.split(".")
    octets = sum(1 + len(label) for label in labels)
    if octets > APN_MAX_OCTETS:
        raise InputError(f"APN {text!r} is {octets} octets encoded, above the maximum of {APN_MAX_OCTETS}",
                         hint="3GPP TS 23.003 9.1 limits an APN to 100 octets; check the name your operator gave")
    for label in labels:
        if not label:
            raise InputError(f"APN {text!r} has an empty label (a leading, trailing or doubled dot)",
                             hint="write labels separated by single dots, e.g. iot.1nce.net")
        if len(label) > LABEL_MAX_OCTETS:
            raise InputError(f"APN label {label[:20]!r}... is {len(label)} characters, above {LABEL_MAX_OCTETS}",
                             hint="3GPP TS 23.003 9.1 follows RFC 1035: each dot-separated label has at most 63")
        if not _LABEL.match(label):
            bad = next((c for c in label if not (c.isascii() and (c.isalnum() or c == "-"))), "-")
            raise InputError(f"APN {text!r} contains {bad!r} in the label {label!r}",
                             hint="an APN label has letters, digits and inner hyphens only (3GPP TS 23.003 9.1)")
    return text
