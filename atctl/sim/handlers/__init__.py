"""Command handlers of the simulated modules, one module per command family.

`standard` holds the 27.007 commands every module has. A vendor family is the module named
after the profile's `vendor` (quectel.py, ublox.py); it offers
  commands(profile) -> {name: handler}   what a module with this profile adds or replaces,
                                         decided from the profile's facts (RATs, bands, quirks)
and, if its modules need them,
  boot_urcs(modem) -> [lines]            what the module prints after power-on
  scan_order(modem, order) -> [rats]     which RATs its settings let the module try, in order.
A new vendor family is one new module here; a new module of a known family is a profile YAML.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from types import ModuleType

from atctl.sim.handlers import standard


def family_of(profile) -> ModuleType | None:
    """The handler module of the profile's vendor ("u-blox" and "ublox" alike), None for none."""
    name = re.sub(r"[^a-z0-9]", "", str(profile.vendor).lower())
    if not name or name == "standard":
        return None
    module = f"{__name__}.{name}"
    if importlib.util.find_spec(module) is None:
        return None
    return importlib.import_module(module)


def command_table(profile, family: ModuleType | None) -> dict:
    """name after "AT+" -> handler for a module with this profile: the 27.007 set, then its family's."""
    table = dict(standard.COMMANDS)
    if family is not None:
        table.update(family.commands(profile))
    return table
