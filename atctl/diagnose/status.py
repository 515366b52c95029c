"""`atctl status` as a library call: identify, read the network state, wait for registration when that
can still help, record the serving band, and assemble the `status --json` document (with the battery
block for a config with traffic and battery). The CLI opens the session and renders.

    with open_session("sim://quectel-bg95-m3") as session:
        doc = read_status(session, "sim://quectel-bg95-m3", wait_s=30)
"""

from __future__ import annotations

import time
from typing import Callable


def read_status(session, port: str, *, profiles=None, wait_s: float | None = None,
                progress: Callable[[str], None] | None = None, on_urc: Callable[[str], None] | None = None,
                observe: bool = True, config=None) -> dict:
    """The status document of the module on `session` (opened on `port`, the name the user gave).
    `progress` hears the registration wait and how it ended; `on_urc` every URC during the wait."""
    from atctl.device.identify import identify
    from atctl.device.network import read_network_state
    from atctl.observations import record_state
    from atctl.state_view import status_document

    if session.profile is None:
        identify(session, profiles)
    state = read_network_state(session)
    if wait_s:
        state = _wait_if_it_can_help(session, state, wait_s, progress, on_urc)
    record_state(state, session.port_name, off=not observe)  # the band this network served, for `countries`
    doc = status_document(port, session.profile.id if session.profile else None, state)
    battery = battery_block(config, session.profile, state, profiles)
    if battery is not None:
        doc["battery"] = battery
    return doc


def _wait_if_it_can_help(session, state, wait_s: float, progress, on_urc):
    """Wait for registration unless denied / no usable SIM / radio off; the state read after the wait."""
    from atctl.config.waiting import wait_for_registration
    from atctl.device.network import read_network_state
    from atctl.state_view import can_still_register, wait_outcome

    if not can_still_register(state):
        return state
    unsubscribe = session.subscribe("", on_urc) if on_urc else None
    started = time.monotonic()
    try:
        wait_for_registration(session, wait_s, False, progress)
        state = read_network_state(session)
        if progress:
            progress(wait_outcome(time.monotonic() - started, state.registration))
    finally:
        if unsubscribe:
            unsubscribe()
    return state


def battery_block(config, profile, state, profiles=None) -> dict | None:
    """Requested vs granted battery life for a network state already read; None without traffic+battery."""
    from atctl.power.live import battery_section, wants_battery

    if config is None or not wants_battery(config) or profile is None:
        return None
    from atctl.profiles import load_profile

    return battery_section(config, profile, lambda module_id: load_profile(module_id, profiles), state.psm,
                           state.edrx, state.rat, state.registered)
