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


# Downlink low edge in MHz: TS 36.101 table 5.5-1 (E-UTRA) and TS 25.101 table 5.0 (UTRA).
# Used to prefer the coverage layer (lower frequency: longer range, better indoors) on ties.
EUTRA_DL_LOW_MHZ = {
    1: 2110, 2: 1930, 3: 1805, 4: 2110, 5: 869, 6: 875, 7: 2620, 8: 925, 9: 1844.9, 10: 2110, 11: 1475.9,
    12: 729, 13: 746, 14: 758, 17: 734, 18: 860, 19: 875, 20: 791, 21: 1495.9, 22: 3510, 23: 2180, 24: 1525, 25: 1930,
    26: 859, 27: 852, 28: 758, 29: 717, 30: 2350, 31: 462.5, 32: 1452, 33: 1900, 34: 2010, 35: 1850, 36: 1930,
    37: 1910, 38: 2570, 39: 1880, 40: 2300, 41: 2496, 42: 3400, 43: 3600, 44: 703, 45: 1447, 46: 5150, 47: 5855,
    48: 3550, 49: 3550, 50: 1432, 51: 1427, 52: 3300, 53: 2483.5, 65: 2110, 66: 2110, 67: 738, 68: 753, 69: 2570,
    70: 1995, 71: 617, 72: 461, 73: 460, 74: 1475, 75: 1432, 76: 1427, 85: 728, 87: 420, 88: 422, 103: 757,
    106: 935,
}
UTRA_DL_LOW_MHZ = {1: 2110, 2: 1930, 3: 1805, 4: 2110, 5: 869, 6: 875, 7: 2620, 8: 925, 9: 1844.9, 10: 2110,
                   11: 1475.9, 12: 729, 13: 746, 14: 758, 19: 875, 20: 791, 21: 1495.9, 22: 3510, 25: 1930, 26: 859,
                   32: 1452}


def downlink_mhz(rat: str, band: int) -> float:
    """Lowest downlink frequency of a band (GSM bands are named by MHz); unknown bands sort last."""
    if rat == "gsm":
        return float(band)
    table = UTRA_DL_LOW_MHZ if rat == "umts" else EUTRA_DL_LOW_MHZ
    return float(table.get(band, 1e6))


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


def reachable_bands(module_bands: Iterable[int]) -> frozenset[int]:
    """Every network band a module with these bands can use: its own and those they contain."""
    module_bands = list(module_bands)
    return frozenset(module_bands) | frozenset(b for m in module_bands for b in CONTAINS.get(m, ()))


def usable(network_band: int, module_bands: Iterable[int]) -> bool:
    return bool(module_bands_for(network_band, module_bands))


def carries_connection(band: int, rat: str) -> bool:
    return rat == "gsm" or band not in RECEIVE_ONLY


def connection_bands(bands: tuple[int, ...], rat: str) -> tuple[int, ...]:
    """The bands of a list that carry a connection (carries_connection), in the list's order."""
    if rat == "gsm" or RECEIVE_ONLY.isdisjoint(bands):
        return tuple(bands)
    return tuple([b for b in bands if b not in RECEIVE_ONLY])
