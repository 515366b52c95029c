"""u-blox +UBANDMASK: LTE-M / NB-IoT band masks per RAT number (SARA-R4/R5 AT manuals).

Masks are decoded by atctl.bands.masks (one codec for every caller).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from atctl.codecs.fields import extra_fields, parse_number, soft, split_fields
from atctl.codecs.model import Model


@dataclass(frozen=True, slots=True)
class UBandMask(Model):
    gsm: list[int]
    lte_m: list[int]
    nb_iot: list[int]
    lte: list[int]
    masks: list[int]


def parse_ubandmask(body: str, rat_numbers: Mapping[str, int] | None = None) -> UBandMask:
    """`rat_numbers`: the module's +UBANDMASK RAT numbers (rat -> number); default 0 LTE-M, 1 NB-IoT."""

    from atctl.bands.masks import join_ubandmask, mask_to_bands, ubandmask_groups

    values = [v for v in split_fields(body) if v]
    if len(values) > 6:  # more than two (rat, mask1, mask2) groups: the rest is kept raw
        extra_fields(values, 6, "+UBANDMASK")
        values = values[:6]
    numbers = [soft(f"value {i + 1}", v, lambda v=v, i=i: parse_number(v, "+UBANDMASK", f"value {i + 1}"))
               for i, v in enumerate(values)]
    by_number = {int(num): rat for rat, num in (rat_numbers or {}).items()} or {0: "lte_m", 1: "nb_iot"}
    decoded: dict[str, list[int]] = {}
    for group in ubandmask_groups(len(numbers)):
        rat, words = numbers[group[0]], [numbers[i] for i in group[1:]]
        if rat is None or None in words:
            continue  # an unreadable number: that RAT's mask is unparsed
        raw = ",".join(values[i] for i in group[1:])
        mask = soft(f"value {group[1] + 1}", raw, lambda words=words: join_ubandmask(words))
        if mask is None:
            continue
        decoded[by_number.get(rat, f"rat{rat}").replace("-", "_")] = mask_to_bands(mask)
    return UBandMask(gsm=decoded.get("gsm", []), lte_m=decoded.get("lte_m", []),
                     nb_iot=decoded.get("nb_iot", []), lte=decoded.get("lte", []),
                     masks=[n for n in numbers if n is not None])


def build_ubandmask(rat_number: int, bands: Iterable[int]) -> list[str]:
    """AT+UBANDMASK=<RAT>,<mask1>[,<mask2>] (SARA-R4/R5 AT manuals), decimal 64-bit words;
    a list: one command per RAT number."""
    from atctl.bands.masks import ubandmask_words

    return [f"AT+UBANDMASK={rat_number}," + ",".join(map(str, ubandmask_words(bands)))]


def format_ubandmask(bands_by_number: Mapping[int, Iterable[int]]) -> str:
    """The AT+UBANDMASK? reply: `<RAT>,<mask1>[,<mask2>]` per RAT number, ascending; every RAT
    gets a mask2 once any band is above 64 (SARA-R5 prints both words then)."""
    from atctl.bands.masks import bands_to_mask

    bands = {number: list(b) for number, b in bands_by_number.items()}
    wide = any(max(b or [0]) > 64 for b in bands.values())
    values: list[str] = []
    for number in sorted(bands):
        mask = bands_to_mask(bands[number])
        values += [str(number), str(mask & ((1 << 64) - 1))] + ([str(mask >> 64)] if wide else [])
    return "+UBANDMASK: " + ",".join(values)
