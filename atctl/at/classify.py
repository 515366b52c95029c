"""Which line is a final result, which belongs to the pending command's reply,
and which is a URC. Pure functions, table-driven.

Rule for same-prefix lines (DOMAIN.md 6): a line with the pending command's
prefix is part of the reply, except
- for `AT+CREG? / AT+CGREG? / AT+CEREG?` the read reply has <n> first and a bare
  <stat> second (`+CEREG: 2,1,...`), while the URC starts with <stat> and its
  second field, if any, is a quoted TAC (`+CEREG: 1,"71F6",...`); only the first
  line in read-reply shape is the reply, every other one is a URC;
- set commands of the registration family (`AT+CEREG=2`) have no info reply, so
  any +CEREG line during them is a URC;
- lines that are URCs whatever is pending (RDY, +CEDRXP, +QIURC ...) are URCs.

Fit (a late reply must not pass for the pending one, #20): an unprefixed line only
belongs to a command known to answer with unprefixed lines (ATI, AT+CGMM ...); for
the identifier reads (CGSN, CIMI, CCID) it must also have the identifier's shape
(digits of the right length). A line that fails is *stray*: most likely the late
reply to an earlier command; the engine keeps it apart and resynchronises.
"""

from __future__ import annotations

import re

from atctl.redact import REDACTED_ID  # an identifier as atctl's transcripts store it, read back on replay://
from atctl.sim_card import IMSI

V0_RESULTS = {"0": "OK", "1": "CONNECT", "3": "NO CARRIER", "4": "ERROR", "6": "NO DIALTONE",
              "7": "BUSY", "8": "NO ANSWER"}
OK_FINALS = {"OK", "SEND OK"}
ERROR_FINALS = {"ERROR", "NO CARRIER", "BUSY", "NO ANSWER", "NO DIALTONE", "SEND FAIL"}

# prefixes that are only ever unsolicited
ALWAYS_URC_PREFIXES = (
    "+CEDRXP:", "+QIURC:", "+QIND:", "+QPSMTIMER:", "+UUPSMR:", "+QUSIM:", "+CTZE:", "+CTZV:",
    "+QNITZ:", "+UUSTS:", "+UUPSDA:", "+UUPSDD:", "+CGEV:", "+CMTI:", "+CRING:", "+QSIMSTAT:",
    "+UUSORD:", "+UUSORF:", "+UUSOCL:", "+CMT:", "+CDS:", "+QCCID URC:", "+UMWI:", "+CIEV:",
)
# "REBOOTING": SARA-N2's AT+NRB notice before it resets (u-blox UBX-16014887 R21, 4.13)
BOOT_LINES = {"RDY", "APP RDY", "+UFOTASTAT: 0", "POWERED DOWN", "NORMAL POWER DOWN", "REBOOTING"}
# Huawei/Neul firmware (SARA-N2, BC95) starts its boot text with the reset cause:
# "REBOOT_CAUSE_APPLICATION_AT" after AT+NRB (Exploratory Engineering SARA-N210 tutorial)
BOOT_PREFIXES = ("REBOOT_CAUSE_",)


def is_boot_line(line: str) -> bool:
    """A line a module prints only while booting (a reset happened)."""
    text = line.strip()
    return text in BOOT_LINES or text.startswith(BOOT_PREFIXES)
ALWAYS_URC_LINES = BOOT_LINES | {"PSM POWER DOWN", "RING", "+CFUN: 1", "+CPIN: READY", "+CPIN: NOT INSERTED",
                                 "+QIND: SMS DONE", "+QIND: PB DONE", "ENTER PSM", "EXIT PSM",
                                 # bare start-up notices (older Quectel firmware, SIMCom): never a reply
                                 "SMS DONE", "PB DONE", "Call Ready", "SMS Ready"}

# replies whose prefix differs from the command name
PREFIX_ALIASES = {"CCID": ("+CCID:", "+ICCID:", "+QCCID:"), "QCCID": ("+QCCID:", "+ICCID:"),
                  "ICCID": ("+ICCID:", "+CCID:"), "CGSN": ("+CGSN:",), "CIMI": ("+CIMI:",)}
REGISTRATION = ("CREG", "CGREG", "CEREG", "C5GREG")
# commands whose information lines all carry their +NAME: prefix (27.007 and vendor manuals):
# an unprefixed line while one of them is pending cannot be theirs
PREFIXED_REPLIES = frozenset({
    "CEREG", "CREG", "CGREG", "C5GREG", "COPS", "CSQ", "CESQ", "CPSMS", "CEDRXS", "CEDRXRDP", "CGDCONT",
    "CFUN", "CPIN", "CMEE", "CGATT", "CGACT", "CGPADDR", "CSCON", "CTZR", "CCLK", "CGEREP", "CEMODE",
    "QCFG", "QNWINFO", "QENG", "QCSQ", "QPSMS", "QBAND", "QLTS", "QINDCFG", "QPSMCFG",
    "UBANDMASK", "UBANDSEL", "NBAND", "NCONFIG", "URAT", "UMNOPROF", "UCPSMS", "UPSV", "UCEDRXS",  # not UCGED: bare lines in mode 2
})
# identifier reads that may answer with a bare line: the shape that line must have.
# IMEI 15 digits (IMEISV 16; 14 without check digit on some firmware), 3GPP TS 23.003 6.2;
# IMSI up to 15 digits (TS 23.003 2.2, MCC+MNC at least 5); ICCID 18-20 digits, an odd
# length padded with F (ITU-T E.118)
BARE_REPLY_SHAPES = {
    "CGSN": re.compile(r"^\d{14,17}$"), "GSN": re.compile(r"^\d{14,17}$"),
    "CIMI": IMSI,
    "CCID": re.compile(r"^\d{18,20}[Ff]?$"), "ICCID": re.compile(r"^\d{18,20}[Ff]?$"),
    "QCCID": re.compile(r"^\d{18,20}[Ff]?$"),
}
RAW_DATA_PREFIXES = (b"+QIRD:", b"+USORD:", b"+USORF:", b"+QFREAD:", b"CONNECT ")

_CMD_NAME = re.compile(r"^AT([+$%#^&][A-Z0-9_]+|[A-Z&])", re.IGNORECASE)
_INT = re.compile(r"^\d+$")


def final_of(line: str, v0: bool = True) -> str | None:
    """'OK', 'ERROR', '+CME ERROR: 10', 'CONNECT 9600'... or None when not a final result."""
    if line in OK_FINALS or line in ERROR_FINALS:
        return line
    if line.startswith(("+CME ERROR:", "+CMS ERROR:")):
        return line
    if line == "CONNECT" or line.startswith("CONNECT "):
        return line
    if v0 and line in V0_RESULTS:
        return V0_RESULTS[line]
    return None


def is_ok(final: str) -> bool:
    return final in OK_FINALS or final.startswith("CONNECT")


def command_name(command: str) -> str | None:
    """'AT+CEREG?' -> 'CEREG'; 'ATI' -> 'I'; 'AT' -> None."""
    m = _CMD_NAME.match(command.strip())
    if not m:
        return None
    return m.group(1).lstrip("+$%#^&").upper()


def _fields(line: str) -> list[str]:
    body = line.split(":", 1)[1] if ":" in line else ""
    return [f.strip() for f in body.split(",")] if body.strip() else []


def is_registration_read_reply(line: str) -> bool:
    fields = _fields(line)
    return len(fields) >= 2 and bool(_INT.match(fields[0])) and bool(_INT.match(fields[1]))


class ReplyMatcher:
    """Decides, for one pending command, whether an info line belongs to its reply."""

    def __init__(self, command: str):
        self.command = command.strip()
        upper = self.command.upper()
        self.name = command_name(self.command)
        self.prefixes = PREFIX_ALIASES.get(self.name or "", (f"+{self.name}:",) if self.name else ())
        self.is_read = upper.endswith("?")
        self.is_test = upper.endswith("=?")
        self.is_set = "=" in upper and not self.is_test
        self.registration = self.name in REGISTRATION
        self.reply_lines = 0

    def belongs(self, line: str) -> bool:
        if line in ALWAYS_URC_LINES and not (self.name == "CPIN" and line.startswith("+CPIN:")) \
                and not (self.name == "CFUN" and line.startswith("+CFUN:")):
            return False
        if line.startswith(ALWAYS_URC_PREFIXES) and not line.startswith(self.prefixes or ("\0",)):
            return False
        if line.startswith("+") and ":" in line:
            if not self.prefixes or not line.startswith(self.prefixes):
                return False
            if self.registration:
                if self.is_test:
                    return True
                if not self.is_read or self.reply_lines or not is_registration_read_reply(line):
                    return False
            elif self.name == "CPIN" and self.reply_lines:
                return False
            self.reply_lines += 1
            return True
        if line.startswith("^") or line.startswith("%"):
            return bool(self.name) and line[1:].upper().startswith(self.name)
        # unprefixed text: ATI lines, IMEI/IMSI digits, "Quectel", echo handled earlier
        if not self.fits_bare(line):
            return False
        self.reply_lines += 1
        return True

    def fits_bare(self, line: str) -> bool:
        """Can this unprefixed line be (part of) the pending command's reply?"""
        shape = BARE_REPLY_SHAPES.get(self.name or "")
        if shape is not None:
            value = line.strip().strip('"')
            return bool(shape.match(value) or REDACTED_ID.match(value))
        return self.name not in PREFIXED_REPLIES

    @property
    def expects_info(self) -> bool:
        """Does this command answer with information lines (a read, a test, an identifier or
        status query), so that a final right after stray lines more likely closes a late reply?"""
        return self.is_read or self.is_test or self.name in BARE_REPLY_SHAPES or (
            not self.is_set and self.name in PREFIXED_REPLIES)

    def is_stray(self, line: str) -> bool:
        """An unprefixed line that does not fit: a late reply to an earlier command, not a URC."""
        return not line.startswith(("+", "^", "%")) and line not in ALWAYS_URC_LINES and not self.fits_bare(line)
