"""What a module's dialect knows and a bare response line does not say.

The caller supplies `ModuleHints` (the dialect: `Dialect.parse_context()`); a caller with a
profile but no dialect gets them from the profile (`hints_from_profile`); a bare line (`atctl
decode` without --module) gets only the vendor's eMTC <AcT> default (`--vendor quectel`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Mapping

from atctl.codecs.quectel.act_names import EMTC_ACT as QUECTEL_EMTC_ACT

# a bare line's vendor -> the <AcT> its LPWA modules report for eMTC (u-blox: 27.007's 7)
VENDOR_EMTC_ACT = {"quectel": QUECTEL_EMTC_ACT, "ublox": 7, "u-blox": 7}
# how each vendor names itself in ATI / AT+CGMI answers -> the vendor name atctl uses
MANUFACTURER_NAMES = {"quectel": "quectel", "u-blox": "ublox", "ublox": "ublox"}


def vendor_named_in(identification: str) -> str | None:
    """The vendor an ATI / AT+CGMI answer names (a log read without a profile), None if none."""
    low = identification.lower()
    return next((vendor for name, vendor in MANUFACTURER_NAMES.items() if name in low), None)


@dataclass(frozen=True, slots=True)
class ModuleHints:
    act_emtc: int | None = None                  # <AcT> this module reports for LTE-M (BG9x: 8)
    act_nbiot: int | None = None                 # <AcT> for NB-IoT
    rats: tuple[str, ...] = ()                   # its RATs: AcT 7 without LTE Cat 1+ means LTE-M
    band_layout: str | None = None               # +QCFG "band" masks: "lpwa" or "lte"; None = infer
    ubandmask_rats: Mapping[str, int] | None = None  # +UBANDMASK RAT numbers (rat -> number)
    cereg_extra_param: bool = False              # +CEREG mode 4 has a vendor field after <tac>
    vendor_emtc: int | None = None               # bare line only: the vendor's eMTC default


def _get(obj: Any, name: str) -> Any:
    if obj is None:
        return None
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def quirk(profile: Any, name: str, default: Any = None) -> Any:
    """A profile quirk by name (quirks as a dict or as a typed model), `default` when it has none."""
    value = _get(_get(profile, "quirks"), name)
    return default if value is None else value


def band_layout_for(rats: tuple[str, ...] | list[str]) -> str | None:
    """The +QCFG "band" layout of a module with these RATs: EC2x/EG2x (LTE Cat 1+) "lte",
    BG9x (LTE-M/NB-IoT) "lpwa"; None when the RATs say neither."""
    if "lte" in rats:
        return "lte"
    if "lte-m" in rats or "nb-iot" in rats:
        return "lpwa"
    return None


def hints_from_profile(profile: Any) -> ModuleHints:
    rats = tuple(_get(profile, "rats") or ())
    return ModuleHints(act_emtc=quirk(profile, "act_emtc"), act_nbiot=quirk(profile, "act_nbiot"), rats=rats,
                       band_layout=band_layout_for(rats), ubandmask_rats=_get(profile, "ubandmask_rats") or None,
                       cereg_extra_param=bool(quirk(profile, "cereg4_extra_param")))


def module_hints(vendor: str | None = None, profile: Any = None, hints: ModuleHints | None = None) -> ModuleHints:
    """The caller's hints, else the profile's, else a bare line's (vendor default only).

    parse_line calls this for every line (a 100k-line log passes the same profile each time):
    the last profile's hints are kept, by identity (dict profiles, which may change, are not)."""
    global _last
    if hints is not None:
        return hints
    if profile is None:
        return _bare(vendor)
    last_vendor, last_profile, last_hints = _last
    if last_profile is profile and last_vendor == vendor:
        return last_hints
    name = (vendor or _get(profile, "vendor") or "").lower()
    found = replace(hints_from_profile(profile), vendor_emtc=VENDOR_EMTC_ACT.get(name))
    if not isinstance(profile, dict):
        _last = (vendor, profile, found)
    return found


_last: tuple[Any, Any, ModuleHints] = (None, None, ModuleHints())


@lru_cache(maxsize=32)
def _bare(vendor: str | None) -> ModuleHints:
    return ModuleHints(vendor_emtc=VENDOR_EMTC_ACT.get((vendor or "").lower()))
