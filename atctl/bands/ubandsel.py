"""u-blox +UBANDSEL (SARA-U2 / SARA-G3 / LISA-U / TOBY-L2): bands are chosen by frequency in
MHz, and one value enables every RAT on it (900 = GSM 900, UMTS band 8 and LTE band 8). Pure.

Mapping as ModemManager's u-blox plugin (github.com/linux-mobile-broadband/ModemManager,
plugins/ublox/mm-modem-helpers-ublox.c at commit 1d4caa92, 2021-07-14): `num_bands_2g`,
`num_bands_3g` and `num_bands_4g` (700 = LTE 12/13/17, 800 = LTE 20/27, 850 = LTE 5/18/19/26,
900 = LTE 8, 1700 = LTE 4/10, 1800 = LTE 3, 1900 = LTE 2/39, 2100 = LTE 1, 2300 = LTE 40,
2500 = LTE 41, 2600 = LTE 7/38), and its +UBANDSEL tests (SARA-U201 reads
"800,850,900,1900,2100" as UMTS 6 / GSM 850 + UMTS 5 / EGSM + UMTS 8 / PCS + UMTS 2 / UMTS 1;
TOBY-R200 reads "850,1700,1900" as GSM 850 + UMTS 5 + LTE 5 / LTE 4 / PCS + UMTS 2 + LTE 2).
atctl adds UMTS band 19 to 800 MHz (band 6 lies inside band 19); ModemManager names UMTS 6 only.
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

# MHz value -> LTE band numbers (ModemManager num_bands_4g)
UBANDSEL_LTE_MHZ: dict[int, tuple[int, ...]] = {
    700: (12, 13, 17),
    800: (20, 27),
    850: (5, 18, 19, 26),
    900: (8,),
    1700: (4, 10),
    1800: (3,),
    1900: (2, 39),
    2100: (1,),
    2300: (40,),
    2500: (41,),
    2600: (7, 38),
}

ALL_MHZ: tuple[int, ...] = tuple(sorted(set(UBANDSEL_MHZ) | set(UBANDSEL_LTE_MHZ)))


def ubandsel_values(gsm: Iterable[int] = (), umts: Iterable[int] = (), lte: Iterable[int] = ()) -> list[int]:
    """The +UBANDSEL MHz values that enable these GSM (MHz), UMTS and LTE (band number) bands."""
    gsm, umts, lte = set(gsm), set(umts), set(lte)
    values = {mhz for mhz, (g, u) in UBANDSEL_MHZ.items() if (g is not None and g in gsm) or umts & set(u)}
    values |= {mhz for mhz, bands in UBANDSEL_LTE_MHZ.items() if lte & set(bands)}
    return sorted(values)


def bands_from_ubandsel(values: Iterable[int], gsm_supported: Iterable[int], umts_supported: Iterable[int],
                        lte_supported: Iterable[int] | None = None) -> dict[str, frozenset[int]]:
    """What a +UBANDSEL setting enables on a module with these bands: {gsm: MHz, umts: bands},
    plus `lte` (bands) when the module has LTE (`lte_supported` given)."""
    gsm_ok, umts_ok = set(gsm_supported), set(umts_supported)
    lte_ok = set(lte_supported or ())
    gsm, umts, lte = set(), set(), set()
    for mhz in values:
        g, u = UBANDSEL_MHZ.get(mhz, (None, ()))
        if g is not None and g in gsm_ok:
            gsm.add(g)
        umts.update(b for b in u if b in umts_ok)
        lte.update(b for b in UBANDSEL_LTE_MHZ.get(mhz, ()) if b in lte_ok)
    enabled = {"gsm": frozenset(gsm), "umts": frozenset(umts)}
    if lte_supported is not None:
        enabled["lte"] = frozenset(lte)
    return enabled
