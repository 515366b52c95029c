"""The module's current settings: the dialect's reads (RAT, bands, PSM, eDRX, APN...) and the
radio level (AT+CFUN?), which apply plans with and restores."""

from __future__ import annotations

from atctl.device.radio import radio_state
from atctl.dialects.settings import Settings


def read_settings(session, dialect) -> Settings:
    """What the module is configured with now; unreadable parts stay None (or in `unread`)."""
    settings = dialect.read(session)
    settings.cfun = radio_state(session)
    return settings
