"""What the network's grant costs: battery life for the requested timers and for the granted ones.

Pure: takes a parsed config, the module's profile (with a `lookup` for family defaults) and the
psm / edrx values of a NetworkState; `status`, `verify`, `apply` and `plan` print what it returns.
"""

from __future__ import annotations

from atctl.errors import InputError
from atctl.network_values import EdrxState, PsmState
from atctl.power.battery import life_text

DAY_S = 86400.0


def wants_battery(config) -> bool:
    return config is not None and getattr(config, "traffic", None) is not None and \
        getattr(config, "battery", None) is not None


def _traffic(config) -> dict:
    t = config.traffic
    ul = t.per_day if t.per_day is not None else (DAY_S / t.every if t.every else 0.0)
    dl = t.downlink_per_day if t.downlink_per_day is not None else (DAY_S / t.downlink_every if t.downlink_every else 0.0)
    return {"uplink_bytes": t.uplink, "uplinks_per_day": ul, "downlink_bytes": t.downlink, "downlinks_per_day": dl,
            "signal": t.signal if t.tx_dbm is None else None, "tx_dbm": t.tx_dbm}


def _rat(config, rat: str | None) -> str:
    if rat in ("lte-m", "nb-iot"):
        return rat
    return next((r for r in config.rat if r in ("lte-m", "nb-iot")), "lte-m")


def requested_scenario(config, rat: str | None = None):
    from atctl.power.scenario import build

    rat = _rat(config, rat)
    edrx = config.edrx.get(rat) if isinstance(config.edrx, dict) else None
    psm = bool(config.psm)
    return build(rat, psm=psm, tau_s=config.psm.tau if psm else None, active_s=config.psm.active if psm else None,
                 edrx_s=edrx.cycle if edrx else None, ptw_s=edrx.ptw if edrx else None, **_traffic(config))


def granted_scenario(config, psm_state: PsmState | None, edrx_state: EdrxState | None, rat: str | None):
    from atctl.power.scenario import build

    rat = _rat(config, rat)
    got = psm_state.granted_timers() if psm_state is not None else None
    psm = got is not None
    edrx = edrx_state.granted if edrx_state is not None else None
    used = edrx is not None and edrx.used and edrx.cycle_s
    return build(rat, psm=psm, tau_s=got.tau_s if psm else None, active_s=got.active_s if psm else None,
                 edrx_s=edrx.cycle_s if used else None, ptw_s=edrx.ptw_s if used else None,
                 **_traffic(config))


def _timers(sc) -> dict:
    return {"psm": sc.psm, "tau_s": sc.tau_s if sc.psm else None, "active_s": sc.active_s if sc.psm else None,
            "edrx_s": sc.edrx_s, "ptw_s": sc.ptw_s}


def _differences(req, got) -> str:
    from atctl.timers.duration import format_duration as f

    if req.psm and not got.psm:
        return "the network granted no PSM"
    parts = []
    if req.psm and got.psm and req.tau_s != got.tau_s:
        parts.append(f"TAU {f(got.tau_s)} instead of {f(req.tau_s)}")
    if req.psm and got.psm and req.active_s != got.active_s:
        parts.append(f"active {f(got.active_s)} instead of {f(req.active_s)}")
    if req.edrx_s and not got.edrx_s:
        parts.append("no eDRX")
    elif req.edrx_s and got.edrx_s != req.edrx_s:
        parts.append(f"eDRX {f(got.edrx_s)} instead of {f(req.edrx_s)}")
    return "the network granted " + ", ".join(parts) if parts else "the network granted what was asked"


def _timing(config, rat: str):
    from dataclasses import replace

    from atctl.power.model import TIMING

    tail = getattr(config.traffic, "rrc_inactivity", None)
    return TIMING[rat] if tail is None else replace(TIMING[rat], inactivity_s=tail)


def battery_section(config, profile, lookup, psm_state: PsmState | None = None, edrx_state: EdrxState | None = None,
                    rat: str | None = None, registered: bool = True) -> dict:
    """The `battery` JSON block: requested_life_days, granted_life_days (None when nothing is known yet)."""
    from atctl.power.currents import currents_for_profile
    from atctl.power.model import estimate

    try:
        cur = currents_for_profile(profile, lookup)
        battery = config.battery.to_battery()
        req_sc, notes = requested_scenario(config, rat)
        timing = _timing(config, req_sc.rat)
        req = estimate(cur, req_sc, battery, timing)
        doc = {"requested_life_days": round(req.battery_life_days, 1), "granted_life_days": None,
               "requested": _timers(req_sc), "granted": None, "module": cur.module,
               "family_default": cur.family_default, "battery": battery.name,
               "uplinks_per_day": req_sc.uplinks_per_day, "warnings": notes + req.warnings[:1]}
        if psm_state is None:
            doc["text"] = f"estimated battery life {life_text(req.battery_life_days)} for what the config requests"
            return _family(doc)
        if not registered:
            doc["text"] = (f"not registered: nothing granted yet; estimated battery life "
                           f"{life_text(req.battery_life_days)} for what the config requests")
            return _family(doc)
        got_sc, _ = granted_scenario(config, psm_state, edrx_state, rat)
        asked = psm_state.requested
        not_asked = bool(config.psm) and asked is not None and asked.mode != 1
        got = estimate(cur, got_sc, battery, timing)
        doc.update({"granted_life_days": round(got.battery_life_days, 1), "granted": _timers(got_sc)})
        same = life_text(got.battery_life_days) == life_text(req.battery_life_days)
        why = ("the module does not request PSM (run `atctl apply` with this config)" if not_asked
               else _differences(req_sc, got_sc))
        doc["text"] = (f"{why}: estimated battery life {life_text(got.battery_life_days)}"
                       + ("" if got_sc == req_sc else
                          " as requested (with this traffic the difference costs nothing)" if same else
                          f" instead of {life_text(req.battery_life_days)}"))
        return _family(doc)
    except InputError as exc:
        return {"requested_life_days": None, "granted_life_days": None, "error": exc.one_line(),
                "text": f"no battery estimate: {exc.one_line()}"}


def _family(doc: dict) -> dict:
    if doc.get("family_default"):
        doc["text"] += f" (no figures of its own for {doc['module']}: family default {doc['family_default']})"
    return doc


def plan_advice(config, profile, lookup, rat: str | None = None) -> dict:
    """What to request for the config's battery.life_target (plan)."""
    from atctl.power.advise import advice_text, advise
    from atctl.power.currents import currents_for_profile

    doc = battery_section(config, profile, lookup, rat=rat)
    target = config.battery.life_target
    if target is None or doc.get("error"):
        return doc
    cur = currents_for_profile(profile, lookup)
    sc, _ = requested_scenario(config, rat)
    adv = advise(cur, sc, config.battery.to_battery(), target / DAY_S, _timing(config, sc.rat))
    doc["advice"] = adv
    doc["text"] = doc["text"].split(" (no figures of its own")[0] + "; " + advice_text(adv, config.battery.to_battery().name, sc.uplinks_per_day)
    return _family(doc)
