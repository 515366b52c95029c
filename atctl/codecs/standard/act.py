"""Access technology numbers -> RAT names (gsm, umts, lte, lte-m, nb-iot).

Two numberings exist:
- `<AcT>` of +COPS/+CREG/+CGREG/+CEREG (TS 27.007 7.3): 0 GSM, 2 UTRAN, 7 E-UTRAN,
  8 EC-GSM-IoT, 9 E-UTRAN NB-S1 ... Quectel BG9x report 8 for eMTC (profile quirk
  `act_emtc: 8`), and 7 means LTE-M on a module that has no LTE Cat 1+ radio.
- `<AcT-type>` of +CEDRXS/+CEDRXP/+CEDRXRDP (27.007 7.40): 0 eDRX not used,
  1 EC-GSM-IoT, 2 GSM, 3 UTRAN, 4 E-UTRAN WB-S1 (LTE-M), 5 E-UTRAN NB-S1 (NB-IoT).

What the module reports is an input (`ModuleHints`, from its dialect), never a vendor branch here.
"""

from __future__ import annotations

from typing import Any

from atctl.codecs.hints import ModuleHints, module_hints

# TS 27.007 <AcT>; names outside DESIGN.md's five RATs are kept descriptive
ACT_27007: dict[int, str] = {
    0: "gsm", 1: "gsm", 2: "umts", 3: "gsm", 4: "umts", 5: "umts", 6: "umts",
    7: "lte", 8: "ec-gsm-iot", 9: "nb-iot", 10: "lte", 11: "nr", 12: "nr", 13: "lte",
}
# write side (a simulated module's +CEREG/+COPS): RAT -> the 27.007 <AcT> (LTE-M as E-UTRAN 7)
RAT_ACT_27007: dict[str, int] = {"gsm": 0, "umts": 2, "lte": 7, "lte-m": 7, "nb-iot": 9}

EDRX_ACT: dict[int, str | None] = {0: None, 1: "ec-gsm-iot", 2: "gsm", 3: "umts", 4: "lte-m", 5: "nb-iot"}


def rat_of_act(act: int | None, hints: ModuleHints) -> str | None:
    """Map a 27.007 <AcT> to a RAT name, first match wins: the module's `act_emtc` / `act_nbiot`;
    7 on a module that lists lte-m but not lte -> lte-m (lte listed -> lte); on a module with
    no RATs given or with lte-m, the bare line's vendor default; the 27.007 table. None -> None."""
    if act is None:
        return None
    if hints.act_emtc == act:
        return "lte-m"
    if hints.act_nbiot == act:
        return "nb-iot"
    rats = hints.rats
    if act == 7 and rats and "lte-m" in rats and "lte" not in rats:
        return "lte-m"
    if act == 7 and "lte" in rats:
        return "lte"
    if (not rats or "lte-m" in rats) and hints.vendor_emtc == act:
        return "lte-m"
    return ACT_27007.get(act, f"act-{act}")


def act_to_rat(act: int | None, vendor: str | None = None, profile: Any = None,
               hints: ModuleHints | None = None) -> str | None:
    """rat_of_act with the hints the caller has: given, from a profile, or a bare line's vendor."""
    return rat_of_act(act, module_hints(vendor, profile, hints))


def edrx_act_to_rat(act: int | None) -> str | None:
    if act is None:
        return None
    return EDRX_ACT.get(act, f"act-{act}")
