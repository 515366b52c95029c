"""A module's band read (+QCFG "band", +UBANDMASK, +NBAND, +UBANDSEL) as band lists per RAT. Pure.

`atctl bands decode` shows it; the dialects read the same lines through their own codecs.
"""

from __future__ import annotations

from typing import Any

from atctl.bands.ubandsel import UBANDSEL_LTE_MHZ, UBANDSEL_MHZ, bands_from_ubandsel

BAND_READS = ("QCFG", "UBANDMASK", "NBAND", "UBANDSEL")
_MASK_FIELDS = ("gsm", "umts", "lte", "lte_m", "nb_iot", "layout")


def is_band_read(line_type: str, fields: dict[str, Any]) -> bool:
    return line_type in BAND_READS and (line_type != "QCFG" or fields.get("key") == "band")


def band_lists(line_type: str, fields: dict[str, Any], profile=None) -> dict[str, Any]:
    """The bands a parsed band read enables (or, for `AT+NBAND=?`, supports), per RAT.

    +UBANDSEL names frequencies, and one MHz value stands for every band on it: with a module
    profile only the bands that module has are kept; without one, every band the value can mean."""
    if line_type == "NBAND":
        return {"nb_iot": fields["bands"], "supported_list": fields["test"]}
    if line_type == "UBANDSEL":
        if fields["default"]:
            return {"mhz": [], "default": True}
        mhz = fields["mhz"]
        if profile is None:
            gsm = {g for g, _ in UBANDSEL_MHZ.values() if g is not None}
            umts = {b for _, bands in UBANDSEL_MHZ.values() for b in bands}
            lte = {b for bands in UBANDSEL_LTE_MHZ.values() for b in bands}
        else:
            gsm, umts = profile.bands_for("gsm"), profile.bands_for("umts")
            lte = profile.bands_for("lte") if "lte" in profile.rats else None
        enabled = bands_from_ubandsel(mhz, gsm, umts, lte)
        return {"mhz": mhz, **{rat: sorted(bands) for rat, bands in enabled.items()}}
    return {k: v for k, v in fields.items() if k in _MASK_FIELDS}
