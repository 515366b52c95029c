"""u-blox +URAT (RAT selection) codecs, pure; shared by the dialects, the parser and the simulator.

Two numbering schemes (u-blox AT commands manuals; ModemManager's u-blox plugin):
- SARA-R4/R5 list RATs in priority order: 7 LTE-M, 8 NB-IoT, 9 GSM (`+URAT=7,8`).
- LARA-R6 / SARA-U2 / TOBY name a *set* of RATs first, then the preferred RATs:
  `+URAT=<SelectedAcT>[,<PreferredAcT>[,<2ndPreferredAcT>]]`, 0 GSM, 1 GSM/UMTS, 2 UMTS,
  3 LTE, 4 GSM/UMTS/LTE, 5 GSM/LTE, 6 UMTS/LTE; preferences use the single-RAT codes 0/2/3.
"""

from __future__ import annotations

from atctl.errors import InputError

PRIORITY_CODES = {"lte-m": 7, "nb-iot": 8, "gsm": 9}
SET_CODES: dict[int, tuple[str, ...]] = {0: ("gsm",), 1: ("gsm", "umts"), 2: ("umts",), 3: ("lte",),
                                         4: ("gsm", "umts", "lte"), 5: ("gsm", "lte"), 6: ("umts", "lte")}
SINGLE_CODES = {"gsm": 0, "umts": 2, "lte": 3}
_DEFAULT_ORDER = ("lte", "umts", "gsm")  # a set read back with no preference: assumed newest first


def describe(code: int) -> str:
    """A +URAT value in words: 'lte-m', 'gsm+umts', ..."""
    if code in SET_CODES:
        return "+".join(SET_CODES[code])
    return next((rat for rat, c in PRIORITY_CODES.items() if c == code), f"urat-{code}")


def priority_values(rats) -> list[int]:
    return [PRIORITY_CODES[r] for r in rats if r in PRIORITY_CODES]


def priority_order(values: list[int]) -> tuple[str, ...]:
    names = {code: rat for rat, code in PRIORITY_CODES.items()}
    return tuple(names[v] for v in values if v in names)


def set_values(rats) -> list[int]:
    """(selected set, preferred...) for an ordered RAT list; the last RAT needs no preference."""
    rats = tuple(dict.fromkeys(r for r in rats if r in SINGLE_CODES))
    selected = next((code for code, members in SET_CODES.items() if set(members) == set(rats)), None)
    if selected is None:
        raise InputError(f"no +URAT setting selects exactly {', '.join(rats) or 'no radio technology'}",
                         hint="choose one or more of gsm, umts, lte")
    return [selected] + [SINGLE_CODES[r] for r in rats[:-1]]


def set_order(values: list[int]) -> tuple[str, ...]:
    """Ordered RAT list from a set-form read; () when the selected value is unknown."""
    if not values or values[0] not in SET_CODES:
        return ()
    chosen = SET_CODES[values[0]]
    single = {code: rat for rat, code in SINGLE_CODES.items()}
    preferred = [single[v] for v in values[1:] if single.get(v) in chosen]
    return tuple(dict.fromkeys(preferred + sorted(chosen, key=_DEFAULT_ORDER.index)))
