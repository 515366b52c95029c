"""Quectel access-technology names, the one copy: what +QNWINFO <Act>, +QENG "servingcell" <RAT>
and +QCSQ <sysmode> print, and the RAT each means (BG95/BG96, EC2x/EG2x AT manuals).

Read: `ACT_RATS` (upper-cased name -> RAT). Write (a simulated module's replies):
`QNWINFO_ACT` / `QENG_ACT` (RAT -> the name that command prints).
"""

from __future__ import annotations

# +COPS/+CREG/+CGREG/+CEREG <AcT> of eMTC on BG9x (27.007 says 7; profiles say it as quirk act_emtc: 8)
EMTC_ACT = 8

ACT_RATS: dict[str, str] = {
    "EMTC": "lte-m", "CAT-M": "lte-m", "CAT-M1": "lte-m", "NBIOT": "nb-iot", "CAT-NB": "nb-iot", "CAT-NB1": "nb-iot",
    "FDD LTE": "lte", "TDD LTE": "lte", "LTE": "lte", "GSM": "gsm", "GPRS": "gsm", "EDGE": "gsm",
    "WCDMA": "umts", "HSDPA": "umts", "HSUPA": "umts", "HSPA+": "umts", "HSDPA&HSUPA": "umts",
    "TDSCDMA": "tdscdma", "TD-SCDMA": "tdscdma", "CDMA": "cdma", "HDR": "cdma",
}

# what BG95/BG96 (LPWA) and EC2x/EG2x (LTE) print for a RAT
QNWINFO_ACT: dict[str, str] = {"lte-m": "eMTC", "nb-iot": "NBIoT", "lte": "FDD LTE", "gsm": "GSM", "umts": "WCDMA"}
QENG_ACT: dict[str, str] = {"lte-m": "eMTC", "nb-iot": "NBIoT", "lte": "LTE", "gsm": "GSM", "umts": "WCDMA"}


def act_rat(name: str | None) -> str | None:
    """'eMTC' -> 'lte-m'; None for a name Quectel documents for no RAT atctl knows."""
    return ACT_RATS.get(name.strip().upper()) if name else None
