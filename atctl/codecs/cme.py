"""+CME ERROR / +CMS ERROR codes (3GPP TS 27.007 9.2, TS 27.005 3.2.5) -> readable text."""

from __future__ import annotations

CME: dict[int, str] = {
    0: "phone failure", 1: "no connection to phone", 2: "phone-adaptor link reserved",
    3: "operation not allowed", 4: "operation not supported", 5: "PH-SIM PIN required",
    6: "PH-FSIM PIN required", 7: "PH-FSIM PUK required", 10: "SIM not inserted",
    11: "SIM PIN required", 12: "SIM PUK required", 13: "SIM failure", 14: "SIM busy",
    15: "SIM wrong", 16: "incorrect password", 17: "SIM PIN2 required", 18: "SIM PUK2 required",
    20: "memory full", 21: "invalid index", 22: "not found", 23: "memory failure",
    24: "text string too long", 25: "invalid characters in text string", 26: "dial string too long",
    27: "invalid characters in dial string", 30: "no network service", 31: "network timeout",
    32: "network not allowed - emergency calls only", 40: "network personalization PIN required",
    41: "network personalization PUK required", 42: "network subset personalization PIN required",
    43: "network subset personalization PUK required", 44: "service provider personalization PIN required",
    45: "service provider personalization PUK required", 46: "corporate personalization PIN required",
    47: "corporate personalization PUK required", 48: "hidden key required", 49: "EAP method not supported",
    50: "incorrect parameters", 51: "command implemented but currently disabled",
    52: "command aborted by user", 53: "not attached to network due to MT functionality restrictions",
    54: "modem not allowed - MT restricted to emergency calls only",
    55: "operation not allowed because of MT functionality restrictions",
    56: "fixed dial number only allowed", 57: "temporarily out of service due to other MT usage",
    58: "language/alphabet not supported", 59: "unexpected data value", 60: "system failure",
    61: "data missing", 62: "call barred", 63: "message waiting indication subscription failure",
    100: "unknown", 103: "illegal MS", 106: "illegal ME", 107: "GPRS services not allowed",
    108: "GPRS services and non-GPRS services not allowed", 111: "PLMN not allowed",
    112: "location area not allowed", 113: "roaming not allowed in this location area",
    114: "GPRS services not allowed in this PLMN", 115: "no suitable cells in tracking area",
    122: "congestion", 125: "insufficient resources", 126: "missing or unknown APN",
    127: "unknown PDP address or PDP type", 128: "user authentication failed",
    129: "activation rejected by GGSN, serving GW or PDN GW",
    130: "activation rejected, unspecified", 131: "service option not supported",
    132: "requested service option not subscribed", 133: "service option temporarily out of order",
    134: "NSAPI already used", 148: "unspecified GPRS error", 149: "PDP authentication failure",
    150: "invalid mobile class", 257: "network rejected request", 258: "retry operation",
    259: "invalid deflected to number", 260: "deflected to own number", 261: "unknown subscriber",
    262: "service not available",
}

CMS: dict[int, str] = {
    300: "ME failure", 301: "SMS service of ME reserved", 302: "operation not allowed",
    303: "operation not supported", 304: "invalid PDU mode parameter", 305: "invalid text mode parameter",
    310: "SIM not inserted", 311: "SIM PIN required", 312: "PH-SIM PIN required", 313: "SIM failure",
    314: "SIM busy", 315: "SIM wrong", 316: "SIM PUK required", 320: "memory failure",
    321: "invalid memory index", 322: "memory full", 330: "SMSC address unknown", 331: "no network service",
    332: "network timeout", 340: "no +CNMA acknowledgement expected", 500: "unknown error",
}

_BY_TEXT = {text.lower(): code for code, text in CME.items()}


def describe(kind: str, value: str) -> tuple[int | None, str]:
    """('CME'|'CMS', '10' or 'SIM not inserted') -> (code or None, readable text)."""
    value = value.strip().strip('"')
    table = CME if kind == "CME" else CMS
    if value.lstrip("-").isdigit():
        code = int(value)
        return code, table.get(code, f"error {code}")
    code = _BY_TEXT.get(value.lower()) if kind == "CME" else None
    return code, value
