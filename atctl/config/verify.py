"""Checks of a module and its network against a config: each with expected,
actual, ok and a plain-language reason. PSM/eDRX are judged on what the network
GRANTED (+CEREG n=4, +UCPSMS, +CEDRXRDP), compared in seconds within a tolerance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from atctl.timers.duration import format_duration


@dataclass(frozen=True)
class PsmPair:
    """The two PSM timers in seconds a check compares: what the config asks, what the network granted
    (network_values.PsmTimers is the module's own report, with its mode)."""
    tau_s: float
    active_s: float

    def as_dict(self) -> dict:
        return {"tau_s": self.tau_s, "active_s": self.active_s}


# what a check compares: allowed registration states / RATs / countries / setting names / commands (list[str]),
# the planned bands (list[int]), a state, RAT or APN (str), a band (int), an eDRX cycle or PTW in seconds
# (float), the PSM timers; None: the module or network gave nothing
CheckValue = Union[None, str, int, float, list[str], list[int], PsmPair]


def _json_value(value: CheckValue):
    return value.as_dict() if isinstance(value, PsmPair) else value


@dataclass
class Check:
    name: str
    expected: CheckValue
    actual: CheckValue
    ok: bool
    reason: str

    def as_dict(self) -> dict:
        return {"name": self.name, "expected": _json_value(self.expected), "actual": _json_value(self.actual),
                "ok": self.ok, "reason": self.reason}


def _within(granted: float | None, requested: float | None, tolerance: float) -> bool:
    if granted is None or requested is None:
        return False
    return abs(granted - requested) <= tolerance * requested + 1e-9


def verify_state(config, desired, state) -> list[Check]:
    checks: list[Check] = []
    reg = state.registration
    stat = reg.stat_text or "unknown"
    allowed = list(config.expect.registration)
    if reg.denied:
        from atctl.causes import emm_cause

        cause = reg.reject_cause
        reason = f"the network denied registration (cause {cause}: {emm_cause(cause)})" if cause is not None \
            else "the network denied registration"
        checks.append(Check("registered", allowed, stat, False, reason))
    else:
        kind = reg.network_kind   # home / roaming, also for the SMS-only and CSFB-not-preferred stats
        ok = kind in allowed
        reason = f"registered ({stat})" if ok else (
            f"registered as {stat}, but the config allows only {', '.join(allowed)}" if kind
            else f"not registered ({stat})")
        checks.append(Check("registered", allowed, stat, ok, reason))
    registered = state.registered
    if registered:
        rat = state.rat
        ok = rat in config.rat
        checks.append(Check("rat", list(config.rat), rat, ok,
                            f"on {rat}" if ok else f"on {rat}, which is not in the configured list"))
        planned = desired.settings.bands.get(rat) if rat else None
        if state.band is not None and planned:
            ok = state.band in planned
            checks.append(Check("band", sorted(planned), state.band, ok,
                                f"band {state.band} is in the plan" if ok else
                                f"band {state.band} is outside the planned bands {sorted(planned)}"))
        country = state.operator.country
        name = state.operator.name or state.operator.mcc_mnc
        ok = country in config.countries
        checks.append(Check("operator_country", list(config.countries), country, ok,
                            f"{name} in {country}" if ok else
                            f"{name} ({country or 'unknown country'}) is not in a deployment country"))
    if config.apn is not None:
        actual = state.apn.get(config.apn.cid)
        ok = actual == config.apn.name
        checks.append(Check("apn", config.apn.name, actual, ok,
                            "APN set" if ok else f"context {config.apn.cid} has APN {actual!r}" if actual is not None
                            else f"context {config.apn.cid} is not defined (no APN)"))
    checks += _psm_checks(config, state)
    checks += _edrx_checks(config, state)
    return checks


def configured_check(current, pending, after_apply: bool = False) -> Check:
    """Do the module's own settings read back as planned? `pending`: the steps a plan from the
    settings read now to the desired ones still contains. Catches writes a module answered with
    OK but did not keep (DOMAIN.md 7.5), and settings changed since apply."""
    names = sorted({step.setting for step in pending if step.setting})
    unread = sorted(set(names) & set(current.unread))
    wrong = [name for name in names if name not in unread]
    commands = [step.command for step in pending if step.setting in wrong]
    if wrong:
        why = "the module answered OK to apply but did not keep them" if after_apply else \
            "run `atctl apply` with this config"
        return Check("configured", wrong, commands, False,
                     f"the module does not report the planned {', '.join(wrong)} (still to send: {'; '.join(commands)}): "
                     + why)
    note = f" ({', '.join(unread)} could not be read back)" if unread else ""
    return Check("configured", [], [], True, "the module reports every planned setting" + note)


def _psm_checks(config, state) -> list[Check]:
    if not config.psm:
        return []
    tol = config.expect.tolerance
    want_tau, want_active = config.psm.tau, config.psm.active
    granted = state.psm.granted_timers()
    expected = PsmPair(want_tau, want_active)
    if not state.registered:
        return [Check("psm_granted", expected, None, False, "not registered: the network has granted nothing yet")]
    tau, active = (granted.tau_s, granted.active_s) if granted is not None else (None, None)
    if tau is None or active is None:
        asked = state.psm.requested  # None: the module's request could not be read
        if asked is not None and asked.mode != 1:
            return [Check("psm_granted", expected, None, False,
                          f"the module does not request PSM (AT+CPSMS mode {asked.mode}), so the network grants none: "
                          "run `atctl apply` with this config")]
        return [Check("psm_granted", expected, None, False,
                      f"PSM requested (TAU {format_duration(want_tau)}, active {format_duration(want_active)}) "
                      "but not granted by the network: the device will not sleep")]
    actual = PsmPair(tau, active)
    problems = []
    if not _within(tau, want_tau, tol):
        problems.append(f"TAU granted {format_duration(tau)} instead of {format_duration(want_tau)}")
    if not _within(active, want_active, tol) and not (want_active == 0 and active == 0):
        problems.append(f"active time granted {format_duration(active)} instead of {format_duration(want_active)}")
    ok = not problems
    reason = (f"granted TAU {format_duration(tau)}, active {format_duration(active)} (within {tol:.0%})" if ok
              else "; ".join(problems) + f" (tolerance {tol:.0%})")
    return [Check("psm_granted", expected, actual, ok, reason)]


def _edrx_checks(config, state) -> list[Check]:
    if not config.edrx or not state.registered:
        return []
    rat = state.rat
    want = config.edrx.get(rat) if rat else None
    if want is None:
        return []
    from atctl.timers.edrx import encode_edrx, encode_ptw

    tol = config.expect.tolerance
    want_cycle = encode_edrx(rat, want.cycle).seconds
    granted = state.edrx.granted
    if granted is None or not granted.used:
        asked = state.edrx.requested  # None: the module's request could not be read
        if asked is not None and rat not in asked:
            return [Check("edrx_granted", want_cycle, None, False,
                          f"the module does not request eDRX on {rat}, so the cell uses none: "
                          "run `atctl apply` with this config")]
        return [Check("edrx_granted", want_cycle, None, False,
                      f"eDRX {format_duration(want_cycle)} requested on {rat} but the cell does not use eDRX")]
    cycle = granted.cycle_s
    checks = [Check("edrx_granted", want_cycle, cycle, _within(cycle, want_cycle, tol),
                    f"granted cycle {format_duration(cycle)}" + ("" if _within(cycle, want_cycle, tol)
                                                                else f" instead of {format_duration(want_cycle)}"))]
    if want.ptw is not None and granted.ptw_s is not None:
        want_ptw = encode_ptw(rat, want.ptw).seconds
        ptw = granted.ptw_s
        ok = _within(ptw, want_ptw, tol)
        checks.append(Check("ptw", want_ptw, ptw, ok, f"paging time window {format_duration(ptw)}"
                            + ("" if ok else f" instead of {format_duration(want_ptw)}")))
    return checks
