"""Vendor band-mask codecs, both directions. Pure; Python ints, so masks past 64 bits work.

LTE masks: bit (n-1) = band n. Sources: Quectel BG95/BG96 AT manual (AT+QCFG="band"),
Quectel EC2x/EG2x AT manual (gsm+wcdma bits), u-blox SARA-R4/R5 AT manuals (AT+UBANDMASK).
"""

from __future__ import annotations

import re
from typing import Iterable

from atctl.errors import InputError

# Widest mask accepted either way. 3GPP E-UTRA band numbers stop at 256 (TS 36.101) and no
# vendor mask is wider (Quectel: ~96 bits, u-blox: 2 x 64), so anything wider is junk: refusing
# it bounds the work and memory of every decode (issue #20: a negative mask used to shift forever).
MAX_MASK_BITS = 256
UBANDMASK_WORD_BITS = 64
_HEX = re.compile(r"^(?:0[xX])?([0-9a-fA-F]+)$")

GSM_QCFG_BITS = {900: 0x1, 1800: 0x2, 850: 0x4, 1900: 0x8}
# Quectel EC2x/EG2x <gsm+wcdma> mask: GSM bits as above, WCDMA bands by UTRA band number.
# 0x100 is "WCDMA 800", which covers both 800 MHz UTRA bands (B6 and B19).
WCDMA_QCFG_BITS = {1: 0x10, 2: 0x20, 5: 0x40, 8: 0x80, 6: 0x100, 19: 0x100, 4: 0x200}


def bands_to_mask(bands: Iterable[int]) -> int:
    mask = 0
    for band in bands:
        if not 1 <= band <= MAX_MASK_BITS:
            raise InputError(f"band {band} is not a 3GPP band number", hint=f"bands are 1-{MAX_MASK_BITS}")
        mask |= 1 << (band - 1)
    return mask


def check_mask(mask: int, what: str = "band mask", bits: int = MAX_MASK_BITS) -> int:
    """A mask is a non-negative int of at most `bits` bits; InputError otherwise."""
    if isinstance(mask, bool) or not isinstance(mask, int):
        raise InputError(f"{what} {mask!r} is not a whole number")
    if mask < 0:
        raise InputError(f"{what} {mask} is negative: a band mask has no sign")
    if mask.bit_length() > bits:
        raise InputError(f"{what} is {mask.bit_length()} bits wide; at most {bits} bits are meaningful")
    return mask


def mask_to_bands(mask: int) -> list[int]:
    """Bands set in `mask` (bit n-1 = band n), ascending. Bounded: at most MAX_MASK_BITS steps."""
    check_mask(mask)
    return [bit + 1 for bit in range(mask.bit_length()) if mask >> bit & 1]


def _bits_to_keys(mask: int, table: dict[int, int]) -> list[int]:
    return sorted(key for key, bit in table.items() if mask & bit)


def _keys_to_bits(keys: Iterable[int], table: dict[int, int], what: str) -> int:
    mask = 0
    for key in keys:
        if key not in table:
            raise InputError(f"{what} {key} cannot be set with AT+QCFG=\"band\"",
                             hint=f"supported: {', '.join(str(k) for k in sorted(table))}")
        mask |= table[key]
    return mask


def parse_hex(value: str) -> int:
    """A hex mask with or without 0x; no sign, no underscores, at most MAX_MASK_BITS wide."""
    text = str(value).strip().strip('"').strip()
    match = _HEX.match(text) if len(text) <= MAX_MASK_BITS // 4 + 2 else None
    if match is None:
        shown = text if len(text) <= 24 else text[:20] + "..."
        if len(text) > MAX_MASK_BITS // 4 + 2 and _HEX.match(text[:40]):
            raise InputError(f"band mask {shown!r} is {len(text)} characters; at most {MAX_MASK_BITS} bits "
                             "are meaningful")
        if text.startswith("-"):
            raise InputError(f"band mask {shown!r} is negative: a band mask has no sign")
        raise InputError(f"band mask {shown!r} is not hexadecimal")
    return check_mask(int(match.group(1), 16))


def decode_qcfg_band(values: list[str], layout: str = "lpwa") -> dict[str, list[int]]:
    """Values after `"band",` of a +QCFG read; extra trailing fields are ignored."""
    if len(values) < 3:
        raise InputError(f"+QCFG \"band\" needs 3 masks, got {len(values)}")
    first, second, third = (parse_hex(v) for v in values[:3])
    return decode_qcfg_masks(first, second, third, layout)


def decode_qcfg_masks(first: int, second: int, third: int, layout: str = "lpwa") -> dict[str, list[int]]:
    """The three +QCFG "band" masks as numbers -> band lists per RAT (0 = none)."""
    for mask in (first, second, third):
        check_mask(mask)
    if layout == "lpwa":
        return {"gsm": _bits_to_keys(first, GSM_QCFG_BITS), "lte_m": mask_to_bands(second),
                "nb_iot": mask_to_bands(third)}
    if layout == "lte":
        return {"gsm": _bits_to_keys(first, GSM_QCFG_BITS), "umts": _bits_to_keys(first, WCDMA_QCFG_BITS),
                "lte": mask_to_bands(second), "tds": mask_to_bands(third)}
    raise InputError(f"unknown +QCFG band layout {layout!r}", hint="use lpwa or lte")


def qcfg_band_masks(layout: str, bands_by_rat: dict[str, Iterable[int]]) -> tuple[int, int, int]:
    """The three AT+QCFG="band" mask values for these bands; a RAT left out is 0 (= no change on
    LPWA modules). lpwa: (GSM, LTE-M, NB-IoT); lte: (GSM+WCDMA, LTE, TDS = 0)."""
    if layout == "lpwa":
        return (_keys_to_bits(bands_by_rat.get("gsm", ()), GSM_QCFG_BITS, "GSM band (MHz)"),
                bands_to_mask(bands_by_rat.get("lte-m", ())), bands_to_mask(bands_by_rat.get("nb-iot", ())))
    if layout == "lte":
        first = _keys_to_bits(bands_by_rat.get("gsm", ()), GSM_QCFG_BITS, "GSM band (MHz)") | \
            _keys_to_bits(bands_by_rat.get("umts", ()), WCDMA_QCFG_BITS, "WCDMA band")
        return (first, bands_to_mask(bands_by_rat.get("lte", ())), 0)
    raise InputError(f"unknown +QCFG band layout {layout!r}", hint="use lpwa or lte")


def ubandmask_groups(count: int) -> list[tuple[int, ...]]:
    """Positions of (rat, mask1[, mask2]) in a +UBANDMASK read of `count` numbers:
    2, 4 -> (rat,mask1) pairs; 3, 6 -> (rat,mask1,mask2); 5 -> rat,mask1,mask2,rat,mask1."""
    if count in (3, 6):
        return [(i, i + 1, i + 2) for i in range(0, count, 3)]
    if count in (2, 4):
        return [(i, i + 1) for i in range(0, count, 2)]
    if count == 5:  # mixed firmware output
        return [(0, 1, 2), (3, 4)]
    raise InputError(f"+UBANDMASK read has {count} numbers; expected 2 to 6")


def join_ubandmask(words: Iterable[int]) -> int:
    """mask1 | mask2 << 64, each word checked to be 64 bits."""
    mask = 0
    for shift, word in enumerate(words):
        mask |= check_mask(word, "+UBANDMASK value", UBANDMASK_WORD_BITS) << (UBANDMASK_WORD_BITS * shift)
    return mask


def split_ubandmask(values: list[int]) -> list[tuple[int, int]]:
    """(rat, mask) pairs from a +UBANDMASK read of 2 to 6 numbers (see ubandmask_groups)."""
    for value in values:
        check_mask(value, "+UBANDMASK value", UBANDMASK_WORD_BITS)
    return [(values[g[0]], join_ubandmask(values[i] for i in g[1:])) for g in ubandmask_groups(len(values))]


def decode_ubandmask(values: list[int], rat_numbers: dict[int, str] | None = None) -> dict[str, list[int]]:
    rat_numbers = rat_numbers or {0: "lte_m", 1: "nb_iot"}
    out: dict[str, list[int]] = {}
    for rat, mask in split_ubandmask(values):
        key = rat_numbers.get(rat, f"rat{rat}").replace("-", "_")
        out[key] = mask_to_bands(mask)
    return out


def ubandmask_words(bands: Iterable[int]) -> list[int]:
    """The +UBANDMASK mask words for these bands: [mask1] or [mask1, mask2] (bands 65-128)."""
    mask = bands_to_mask(bands)
    low, high = mask & ((1 << UBANDMASK_WORD_BITS) - 1), mask >> UBANDMASK_WORD_BITS
    return [low, high] if high else [low]
