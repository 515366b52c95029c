"""Which module band can use which network band (pure).

Frequency ranges from 3GPP TS 36.101 table 5.5-1 (UL / DL, MHz):
  B66 1710-1780 / 2110-2200 contains B4 1710-1755 / 2110-2155
  B25 1850-1915 / 1930-1995 contains B2 1850-1910 / 1930-1990
  B26 814-849 / 859-894 contains B5 824-849 / 869-894, B18 815-830 / 860-875, B19 830-845 / 875-890
  B85 698-716 / 728-746 contains B12 699-716 / 729-746
A module with the containing band can use a cell of the contained band (the
network signals it through multi-band indication); the reverse holds only for
carriers inside the smaller band, so it is not counted. Supplemental-downlink
bands (B29, B32, B67, B69, B75, B76) carry no uplink: never a connection alone.
B28A is the lower part of B28 (703-733 / 758-788): band lists use 28 for both.
"""

from __future__ import annotations

from typing import Iterable

# TS 36.101 E-UTRA operating bands (Rel-17)
EUTRA_BANDS = frozenset(list(range(1, 15)) + list(range(17, 54)) + list(range(65, 77)) + [85, 87, 88, 103, 106, 107, 108])
UTRA_BANDS = frozenset(list(range(1, 15)) + [19, 20, 21, 22, 25, 26, 32])
GSM_MHZ = frozenset({450, 480, 750, 850, 900, 1800, 1900})
RECEIVE_ONLY = frozenset({29, 32, 67, 69, 75, 76})

CONTAINS: dict[int, frozenset[int]] = {
    66: frozenset({4}),
    25: frozenset({2}),
    26: frozenset({5, 18, 19}),
    85: frozenset({12}),
}


def is_real_band(rat: str, band: int) -> bool:
    if rat == "gsm":
        return band in GSM_MHZ
    if rat == "umts":
        return band in UTRA_BANDS
    return band in EUTRA_BANDS


def module_bands_for(network_band: int, module_bands: Iterable[int]) -> list[int]:
    """Module bands that can serve a cell of `network_band` (itself first, then containing bands)."""
    bands = set(module_bands)
    out = [network_band] if network_band in bands else []
    out += sorted(m for m in bands if network_band in CONTAINS.get(m, ()))
    return out


def usable(network_band: int, module_bands: Iterable[int]) -> bool:
    return bool(module_bands_for(network_band, module_bands))


def carries_connection(band: int, rat: str) -> bool:
    return rat == "gsm" or band not in RECEIVE_ONLY
