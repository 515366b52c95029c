"""E-UTRA downlink channel numbers (EARFCN) <-> operating band (pure).

3GPP TS 36.101 Table 5.7.3-1 gives each band its first downlink EARFCN (N_Offs-DL) and Table 5.5-1
its downlink frequency range; 5.7.3: F_DL = F_DL_low + 0.1 (N_DL - N_Offs-DL), so a band's downlink
EARFCNs run from N_Offs-DL over ten per MHz of its downlink range. The ranges do not overlap, so a
downlink EARFCN names one band. Used where a module reports the channel but not the band
(SARA-N2 AT+NUESTATS="CELL"). LTE-M and NB-IoT carriers use the same numbers (36.101 5.7.3F).
"""

from __future__ import annotations

# band -> (N_Offs-DL, F_DL_low, F_DL_high) with frequencies in units of 100 kHz (the channel raster)
DOWNLINK: dict[int, tuple[int, int, int]] = {
    1: (0, 21100, 21700), 2: (600, 19300, 19900), 3: (1200, 18050, 18800), 4: (1950, 21100, 21550),
    5: (2400, 8690, 8940), 6: (2650, 8750, 8850), 7: (2750, 26200, 26900), 8: (3450, 9250, 9600),
    9: (3800, 18449, 18799), 10: (4150, 21100, 21700), 11: (4750, 14759, 14959), 12: (5010, 7290, 7460),
    13: (5180, 7460, 7560), 14: (5280, 7580, 7680), 17: (5730, 7340, 7460), 18: (5850, 8600, 8750),
    19: (6000, 8750, 8900), 20: (6150, 7910, 8210), 21: (6450, 14959, 15109), 22: (6600, 35100, 35900),
    23: (7500, 21800, 22000), 24: (7700, 15250, 15590), 25: (8040, 19300, 19950), 26: (8690, 8590, 8940),
    27: (9040, 8520, 8690), 28: (9210, 7580, 8030), 29: (9660, 7170, 7280), 30: (9770, 23500, 23600),
    31: (9870, 4625, 4675), 32: (9920, 14520, 14960),
    33: (36000, 19000, 19200), 34: (36200, 20100, 20250), 35: (36350, 18500, 19100), 36: (36950, 19300, 19900),
    37: (37550, 19100, 19300), 38: (37750, 25700, 26200), 39: (38250, 18800, 19200), 40: (38650, 23000, 24000),
    41: (39650, 24960, 26900), 42: (41590, 34000, 36000), 43: (43590, 36000, 38000), 44: (45590, 7030, 8030),
    45: (46590, 14470, 14670), 46: (46790, 51500, 59250), 47: (54540, 58550, 59250), 48: (55240, 35500, 37000),
    49: (56740, 35500, 37000), 50: (58240, 14320, 15170), 51: (59090, 14270, 14320), 52: (59140, 33000, 34000),
    53: (60140, 24835, 24950),
    65: (65536, 21100, 22000), 66: (66436, 21100, 22000), 67: (67336, 7380, 7580), 68: (67536, 7530, 7830),
    69: (67836, 25700, 26200), 70: (68336, 19950, 20200), 71: (68586, 6170, 6520), 72: (68936, 4610, 4660),
    73: (68986, 4600, 4650), 74: (69036, 14750, 15180), 75: (69466, 14320, 15170), 76: (70316, 14270, 14320),
    85: (70366, 7280, 7460), 87: (70546, 4200, 4250), 88: (70596, 4220, 4270),
    103: (70646, 7570, 7580), 106: (70656, 9350, 9400),   # band 103: 757-758 MHz (IoT); 106: 935-940 MHz
}


def dl_range(band: int) -> range | None:
    """The downlink EARFCNs of `band` (36.101 Table 5.7.3-1), None for a band not in the table."""
    row = DOWNLINK.get(band)
    if row is None:
        return None
    first, low, high = row
    return range(first, first + (high - low))


def band_of_dl_earfcn(earfcn: int) -> int | None:
    """The operating band a downlink EARFCN belongs to, None when none does."""
    for band in DOWNLINK:
        span = dl_range(band)
        if span is not None and earfcn in span:
            return band
    return None


def first_dl_earfcn(band: int) -> int | None:
    """N_Offs-DL of `band`: its lowest downlink EARFCN."""
    row = DOWNLINK.get(band)
    return row[0] if row else None
