"""Collect facts from a module, one isolated step at a time: a step that fails is
recorded and the next one runs; a module that stops answering is detected with a
short probe so the remaining steps are skipped quickly instead of each waiting
out its own deadline."""

from __future__ import annotations

import time

from atctl.diagnose.facts import ConfigFacts, Facts, IdentityFacts
from atctl.errors import AtctlError, ModemTimeout, ModemUnreachable, OperationFailed


class _Gone(Exception):
    pass


def _step(facts: Facts, session, name: str, action) -> None:
    if facts.stopped_answering:
        facts.failures.append(f"{name}: skipped, the module stopped answering")
        return
    try:
        action()
    except ModemTimeout as exc:
        facts.failures.append(f"{name}: {exc.one_line()}")
        if not session.answers():
            facts.stopped_answering = name
    except AtctlError as exc:
        facts.failures.append(f"{name}: {exc.one_line()}")


def _sim(session, facts: Facts) -> None:
    from atctl.sim_card import read_sim_state

    facts.sim.card = read_sim_state(session)


def _radio(session, facts: Facts) -> None:
    from atctl.device.radio import read_radio
    from atctl.network_values import NetworkState

    state = NetworkState()
    read_radio(session, state)
    facts.radio = state.radio
    facts.failures.extend(f"radio read: {e}" for e in state.errors)


def _first_contact(session, facts: Facts) -> None:
    """AT (waiting out a boot), echo and error-report mode, then start the session."""
    session.command("AT", timeout=2.0, expect_reboot=True)
    facts.hygiene.echo_on = bool(session.echo)
    cmee = session.command("AT+CMEE?")
    if cmee.ok and cmee.first("+CMEE:"):
        facts.hygiene.cmee = int(cmee.first("+CMEE:").split(":")[1].strip() or 0)
    session.start(boot_timeout=5)


def _identity(session, facts: Facts) -> None:
    from atctl.device.identify import identify

    found = identify(session)
    facts.identity = IdentityFacts(found.manufacturer, found.model, found.revision, found.imei, found.profile_id)
    facts.sim.ids_read, facts.sim.iccid, facts.sim.imsi = True, found.iccid, found.imsi


def _settings(session, facts: Facts) -> None:
    """What the module is configured to request (RAT, bands, APN, PSM/eDRX), read through its dialect."""
    if session.profile is None:
        return
    from atctl.device.settings import read_settings
    from atctl.dialects import get_dialect

    facts.settings = read_settings(session, get_dialect(session.profile))


def _wait_registered(session, facts: Facts, wait_s: float, on_wait) -> None:
    if facts.sim.blocking or (facts.radio is not None and facts.radio.off):
        return  # no network wait can succeed: the findings say why at once
    from atctl.device.registration import wait_for_registration

    start = time.monotonic()
    try:
        facts.wait = wait_for_registration(session, wait_s, False, on_wait=on_wait)
    finally:
        facts.waited_s = round(time.monotonic() - start, 1)


def _network(session, facts: Facts) -> None:
    """Registration, operator, band, signal and the granted timers; the band is recorded as an observation."""
    from atctl.device.network import read_network_state
    from atctl.observations import record_state

    state = read_network_state(session)
    facts.network = state
    record_state(state, session.port_name)  # the band this network served (atctl.observations)
    facts.failures.extend(f"network read: {e}" for e in state.errors)
    country = state.operator.country
    if country:
        facts.local_bands = _live_bands(country)


def _config_checks(session, facts: Facts, config, state) -> None:
    """The verify checks of `config` and, for a config with traffic and battery, what the grant costs."""
    from atctl.config.apply import verify_now
    from atctl.config.desired import desired_state
    from atctl.dialects import get_dialect
    from atctl.profiles import load_profile

    if session.profile is None and config.module:
        session.profile = load_profile(config.module)  # identification failed; trust the config
    if session.profile is None:
        raise OperationFailed("the module was not identified, so the config cannot be checked",
                              hint="add `module:` to the config")
    desired = desired_state(config, session.profile, get_dialect(session.profile))
    facts.config = ConfigFacts(list(config.countries), list(config.rat),
                               {r: sorted(b) for r, b in desired.settings.bands.items()}, _sunsets(config))
    facts.checks = verify_now(session, config, desired, session.profile, observe=False)
    from atctl.power.live import battery_section, wants_battery

    if state is not None and wants_battery(config):  # what the grant costs in battery life
        facts.battery = battery_section(config, session.profile, load_profile, state.psm, state.edrx,
                                        state.rat, state.registered)


def collect(session, facts: Facts, *, wait_s: float = 30.0, config=None, on_wait=None) -> Facts:
    """Run every collection step against a started-or-not session. `on_wait(WaitStatus)` hears the
    registration wait (the only long step) on every poll; how it ended is `facts.wait`."""
    try:
        _first_contact(session, facts)
    except ModemUnreachable as exc:
        facts.reachable = False
        facts.failures.append(f"first contact: {exc.one_line()}")
        return facts
    steps = [
        ("identity (ATI, AT+CGMM, AT+CGSN, ICCID, IMSI)", lambda: _identity(session, facts)),
        ("SIM state (AT+CPIN?)", lambda: _sim(session, facts)),
        ("radio state (AT+CFUN?)", lambda: _radio(session, facts)),
        ("configuration (RAT, bands, APN, PSM/eDRX requested)", lambda: _settings(session, facts)),
        ("waiting for registration", lambda: _wait_registered(session, facts, wait_s, on_wait)),
        ("registration, operator, band, signal, PSM/eDRX granted", lambda: _network(session, facts)),
    ]
    if config is not None:
        steps.append(("verify checks against the config",
                      lambda: _config_checks(session, facts, config, facts.network)))
    for name, action in steps:
        _step(facts, session, name, action)
    facts.errors_seen = [f"{r.command}: {r.error_text or r.final}" for r in session.log if not r.ok and r.final]
    return facts


def _live_bands(code: str) -> dict[str, list[int]]:
    from atctl.bands.model import ANNOUNCED_SHUTDOWN, LIVE
    from atctl.data import get_country

    out: dict[str, set[int]] = {}
    for operator in get_country(code).operators:
        for rat, fact in operator.rats.items():
            if fact.status in (LIVE, ANNOUNCED_SHUTDOWN):
                out.setdefault(rat, set()).update(fact.bands)
    return {rat: sorted(b) for rat, b in out.items()}


def _sunsets(config) -> dict[str, list[str]]:
    """Per legacy RAT, the config countries where no operator runs it any more."""
    from atctl.bands.model import ANNOUNCED_SHUTDOWN, LIVE
    from atctl.data import get_country

    out: dict[str, list[str]] = {}
    for rat in ("gsm", "umts"):
        for code in config.countries:
            country = get_country(code)
            if not any((fact := op.rats.get(rat)) is not None and fact.status in (LIVE, ANNOUNCED_SHUTDOWN)
                       and fact.bands for op in country.operators):
                out.setdefault(rat, []).append(code)
    return out
