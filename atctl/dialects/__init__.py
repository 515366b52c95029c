"""Vendor behaviour selected by a profile's `dialect` name."""

from __future__ import annotations

from atctl.dialects.base import Dialect
from atctl.errors import DataError

_DIALECTS = {
    "standard": ("atctl.dialects.base", "Dialect"),
    "quectel-lpwa": ("atctl.dialects.quectel", "QuectelLpwa"),
    "quectel-lte": ("atctl.dialects.quectel", "QuectelLte"),
    "ublox-r4": ("atctl.dialects.ublox", "UbloxR4"),
    "ublox-r5": ("atctl.dialects.ublox", "UbloxR5"),
    "ublox-lara-r6": ("atctl.dialects.ublox", "UbloxLaraR6"),
    "quectel-nb": ("atctl.dialects.quectel", "QuectelNb"),
    "ublox-u2": ("atctl.dialects.ublox", "UbloxU2"),
    "ublox-n2": ("atctl.dialects.ublox_n2", "UbloxN2"),
}


def dialect_class(name: str | None) -> type[Dialect] | None:
    """The class of a dialect name (None: standard), None for a name atctl does not know."""
    import importlib

    spec = _DIALECTS.get(name or "standard")
    if spec is None:
        return None
    return getattr(importlib.import_module(spec[0]), spec[1])


def get_dialect(profile) -> Dialect:
    name = getattr(profile, "dialect", None) or "standard"
    cls = dialect_class(name)
    if cls is None:
        raise DataError(f"profile {profile.id} names dialect {name!r}, which atctl cannot configure yet",
                        hint=f"known dialects: {', '.join(_DIALECTS)}")
    return cls(profile)


def reboot_commands() -> frozenset[str]:
    """Every dialect's reboot command, upper case (AT+CFUN=15, AT+CFUN=16, AT+NRB ...)."""
    commands = set()
    for name in _DIALECTS:
        command = dialect_class(name).reboot_command
        if command:
            commands.add(command.upper())
    return frozenset(commands)
