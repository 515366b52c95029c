"""Vendor behaviour selected by a profile's `dialect` name."""

from __future__ import annotations

from atctl.dialects.base import Dialect
from atctl.errors import DataError

_DIALECTS = {
    "standard": ("atctl.dialects.base", "Dialect"),
    "quectel-lpwa": ("atctl.dialects.quectel", "QuectelLpwa"),
    "quectel-lte": ("atctl.dialects.quectel", "QuectelLte"),
    "ublox-r4": ("atctl.dialects.ublox", "UbloxR4"),
    "ublox-r5": ("atctl.dialects.ublox", "Ublox"),
    "ublox-lara-r6": ("atctl.dialects.ublox", "UbloxLaraR6"),
    "quectel-nb": ("atctl.dialects.quectel", "QuectelNb"),
    "ublox-u2": ("atctl.dialects.ublox", "UbloxU2"),
}


def get_dialect(profile) -> Dialect:
    import importlib

    name = getattr(profile, "dialect", None) or "standard"
    spec = _DIALECTS.get(name)
    if spec is None:
        raise DataError(f"profile {profile.id} names dialect {name!r}, which atctl cannot configure yet",
                        hint=f"known dialects: {', '.join(_DIALECTS)}")
    module = importlib.import_module(spec[0])
    return getattr(module, spec[1])(profile)
