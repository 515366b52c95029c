"""The `battery` block that status / verify / apply / plan add for a config with traffic and battery."""

from __future__ import annotations


def _lookup(profiles):
    from atctl.profiles import load_profile

    return lambda module_id: load_profile(module_id, profiles)


def from_session(config, profile, session, profiles) -> dict | None:
    """Reads the network state once more (only for configs with traffic and battery)."""
    from atctl.power.live import wants_battery

    if not wants_battery(config):
        return None
    from atctl.device.network import read_network_state
    from atctl.diagnose.status import battery_block

    return battery_block(config, profile, read_network_state(session), profiles)


def for_plan(config, profile, profiles) -> dict | None:
    from atctl.power.live import plan_advice, wants_battery

    return plan_advice(config, profile, _lookup(profiles)) if wants_battery(config) else None


def print_line(doc: dict | None) -> None:
    if not doc:
        return
    from rich.text import Text

    from atctl.cli._common import console

    console().print(Text.assemble(("battery: ", "bold"), doc["text"]))
