"""`atctl status` as a library call: identify, read the network state, wait for registration when that
can still help, record the serving band, and assemble the `status --json` document (with the battery
block for a config with traffic and battery). The CLI opens the session and renders.

    with open_session("sim://quectel-bg95-m3") as session:
        reading = read_status(session, "sim://quectel-bg95-m3", wait_s=30)
    reading.document, reading.wait
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from atctl.device.registration import WaitResult, WaitStatus


@dataclass
class StatusReading:
    document: dict                  # the `status --json` document
    wait: WaitResult | None = None  # how the registration wait ended; None: no wait was needed or asked


def read_status(session, port: str, *, profiles=None, wait_s: float | None = None,
                on_wait: Callable[[WaitStatus], None] | None = None, observe: bool = True,
                config=None) -> StatusReading:
    """The status of the module on `session` (opened on `port`, the name the user gave).
    `on_wait` hears the registration wait on every poll and URC."""
    from atctl.device.identify import identify
    from atctl.device.network import read_network_state
    from atctl.observations import record_state
    from atctl.device.registration import wait_for_registration
    from atctl.status_view import can_still_register, status_document

    if session.profile is None:
        identify(session, profiles)
    state, wait = read_network_state(session), None
    if wait_s and can_still_register(state):
        wait = wait_for_registration(session, wait_s, False, on_wait=on_wait)
        state = read_network_state(session)
    record_state(state, session.port_name, off=not observe)  # the band this network served, for `countries`
    doc = status_document(port, session.profile.id if session.profile else None, state)
    battery = battery_block(config, session.profile, state, profiles)
    if battery is not None:
        doc["battery"] = battery
    return StatusReading(doc, wait)


def battery_block(config, profile, state, profiles=None) -> dict | None:
    """Requested vs granted battery life for a network state already read; None without traffic+battery."""
    from atctl.power.live import battery_section, wants_battery

    if config is None or not wants_battery(config) or profile is None:
        return None
    from atctl.profiles import load_profile

    return battery_section(config, profile, lambda module_id: load_profile(module_id, profiles), state.psm,
                           state.edrx, state.rat, state.registered)
