"""u-blox +UBANDSEL (SARA-U2 / SARA-G3 / LISA-U): bands are chosen by frequency in MHz,
and one value enables every RAT on it (900 = GSM 900 and UMTS band 8). Pure.

Mapping as ModemManager's u-blox band table and its +UBANDSEL tests (SARA-U201 reads
"800,850,900,1900,2100" as UMTS 6 / GSM 850 + UMTS 5 / EGSM + UMTS 8 / PCS + UMTS 2 / UMTS 1).
"""

from __future__ import annotations

from typing import Iterable

# MHz value -> (GSM band in MHz or None, UMTS band numbers)
UBANDSEL_MHZ: dict[int, tuple[int | None, tuple[int, ...]]] = {
    800: (None, (6, 19)),
    850: (850, (5,)),
    900: (900, (8,)),
    1700: (None, (4,)),
    1800: (1800, (3,)),
    1900: (1900, (2,)),
    2100: (None, (1,)),
}


def ubandsel_values(gsm: Iterable[int] = (), umts: Iterable[int] = ()) -> list[int]:
    """The +UBANDSEL MHz values that enable these GSM (MHz) and UMTS (band number) bands."""
    gsm, umts = set(gsm), set(umts)
    return sorted(mhz for mhz, (g, u) in UBANDSEL_MHZ.items() if (g is not None and g in gsm) or umts & set(u))


def bands_from_ubandsel(values: Iterable[int], gsm_supported: Iterable[int],
                        umts_supported: Iterable[int]) -> dict[str, frozenset[int]]:
    """What a +UBANDSEL setting enables on a module with these bands: {gsm: MHz, umts: bands}."""
    gsm_ok, umts_ok = set(gsm_supported), set(umts_supported)
    gsm, umts = set(), set()
    for mhz in values:
        g, u = UBANDSEL_MHZ.get(mhz, (None, ()))
        if g is not None and g in gsm_ok:
            gsm.add(g)
        umts.update(b for b in u if b in umts_ok)
    return {"gsm": frozenset(gsm), "umts": frozenset(umts)}
