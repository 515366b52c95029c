"""Which timers to request for a target battery life, searching the values 3GPP can carry."""

from __future__ import annotations

from dataclasses import replace

from atctl.power.battery import Battery
from atctl.power.currents import ModuleCurrents
from atctl.power.model import Scenario, estimate


def advise(cur: ModuleCurrents, base: Scenario, battery: Battery, target_days: float, timing=None) -> dict:
    """Shortest representable TAU (at the requested active time) and longest representable active time
    (at the requested TAU) that still reach `target_days`; with what the best setting reaches."""
    from atctl.timers.psm import representable

    taus = [s for _, s in representable("tau") if s >= 2]
    actives = [s for _, s in representable("active")]
    active_now = base.active_s if base.psm else 0.0
    tau_now = base.tau_s if base.psm and base.tau_s else taus[-1]

    def life(tau, active):
        from atctl.errors import InputError

        try:
            return estimate(cur, replace(base, psm=True, tau_s=float(tau), active_s=float(active)), battery,
                            timing).battery_life_days
        except InputError:  # a TAU so short the module would never leave the connected state
            return 0.0

    best = life(taus[-1], 0)
    min_tau = next((t for t in taus if life(t, active_now) >= target_days), None)
    max_active = next((a for a in reversed(actives) if life(tau_now, a) >= target_days), None)
    return {"target_days": target_days, "min_tau_s": min_tau, "with_active_s": active_now,
            "max_active_s": max_active, "with_tau_s": tau_now, "reachable": best >= target_days,
            "best_life_days": best}


def advice_text(adv: dict, battery_name: str, uplinks_per_day: float) -> str:
    from atctl.timers.duration import format_duration as f

    years = adv["target_days"] / 365.25
    plural = "" if uplinks_per_day == 1 else "s"
    head = f"to reach {years:.3g} years on {battery_name} with {uplinks_per_day:g} uplink{plural} a day"
    if not adv["reachable"]:
        return (f"{head} is not possible with this module and traffic: at best "
                f"{adv['best_life_days'] / 365.25:.2f} years (longest TAU, active 0 s); send less, shorten the RRC "
                f"inactivity tail (release assistance: traffic.rrc_inactivity 0s) or use a bigger battery")
    parts = []
    if adv["min_tau_s"] is not None:
        parts.append(f"request TAU >= {f(adv['min_tau_s'])} (with active {f(adv['with_active_s'])})")
    if adv["max_active_s"] is not None:
        parts.append(f"active <= {f(adv['max_active_s'])} (with TAU {f(adv['with_tau_s'])})")
    if not parts:
        return f"{head}: lengthen the TAU and shorten the active time together (neither alone is enough)"
    return f"{head}, " + " and ".join(parts)
