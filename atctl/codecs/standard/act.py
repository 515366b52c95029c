"""Access technology numbers -> RAT names (gsm, umts, lte, lte-m, nb-iot).

Two numberings exist:
- `<AcT>` of +COPS/+CREG/+CGREG/+CEREG (TS 27.007 7.3): 0 GSM, 2 UTRAN, 7 E-UTRAN,
  8 EC-GSM-IoT, 9 E-UTRAN NB-S1 ... Quectel BG9x report 8 for eMTC (profile quirk
  `act_emtc: 8`), and 7 means LTE-M on a module that has no LTE Cat 1+ radio.
- `<AcT-type>` of +CEDRXS/+CEDRXP/+CEDRXRDP (27.007 7.40): 0 eDRX not used,
  1 EC-GSM-IoT, 2 GSM, 3 UTRAN, 4 E-UTRAN WB-S1 (LTE-M), 5 E-UTRAN NB-S1 (NB-IoT).
"""

from __future__ import annotations

from typing import Any

# TS 27.007 <AcT>; names outside DESIGN.md's five RATs are kept descriptive
ACT_27007: dict[int, str] = {
    0: "gsm", 1: "gsm", 2: "umts", 3: "gsm", 4: "umts", 5: "umts", 6: "umts",
    7: "lte", 8: "ec-gsm-iot", 9: "nb-iot", 10: "lte", 11: "nr", 12: "nr", 13: "lte",
}

EDRX_ACT: dict[int, str | None] = {0: None, 1: "ec-gsm-iot", 2: "gsm", 3: "umts", 4: "lte-m", 5: "nb-iot"}

# vendors whose LPWA modules report eMTC as 8 when no profile says otherwise
_VENDOR_EMTC_ACT = {"quectel": 8, "ublox": 7, "u-blox": 7}


def _quirks(profile: Any) -> dict:
    if profile is None:
        return {}
    if isinstance(profile, dict):
        return profile.get("quirks", {}) or {}
    return getattr(profile, "quirks", None) or {}


def _rats(profile: Any) -> list[str]:
    if profile is None:
        return []
    rats = profile.get("rats") if isinstance(profile, dict) else getattr(profile, "rats", None)
    return list(rats or [])


def _vendor(vendor: str | None, profile: Any) -> str | None:
    if vendor:
        return vendor.lower()
    if profile is None:
        return None
    v = profile.get("vendor") if isinstance(profile, dict) else getattr(profile, "vendor", None)
    return v.lower() if v else None


def act_to_rat(act: int | None, vendor: str | None = None, profile: Any = None) -> str | None:
    """Map a 27.007 <AcT> to a RAT name, honouring the module's quirks.

    Rules, first match wins: the profile quirks `act_emtc` / `act_nbiot`; 7 on a
    profile that lists lte-m but not lte -> lte-m; the vendor default (Quectel
    LPWA 8 = lte-m, u-blox SARA 7 = lte-m); the 27.007 table. None -> None.
    """
    if act is None:
        return None
    quirks = _quirks(profile)
    if quirks.get("act_emtc") == act:
        return "lte-m"
    if quirks.get("act_nbiot") == act:
        return "nb-iot"
    rats = _rats(profile)
    if act == 7 and rats and "lte-m" in rats and "lte" not in rats:
        return "lte-m"
    if act == 7 and "lte" in rats:
        return "lte"
    if profile is None or (not rats or "lte-m" in rats):
        if _VENDOR_EMTC_ACT.get(_vendor(vendor, profile) or "") == act:
            return "lte-m"
    return ACT_27007.get(act, f"act-{act}")


def edrx_act_to_rat(act: int | None) -> str | None:
    if act is None:
        return None
    return EDRX_ACT.get(act, f"act-{act}")
