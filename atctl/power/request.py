"""Battery-life estimates from option-style parameters: what `atctl power estimate` computes.

Parameters are the command's option names (`tau`, `per-day`, `battery-mah`, ...) with text or
number values, so a config file, the command line and each `--compare` case merge as dicts
(`merge_params`, `compare_cases`) before one `estimate_from_params` call each.
"""

from __future__ import annotations

# --compare keys -> the option they override
CASE_KEYS = ("name", "module", "rat", "tau", "active", "psm", "edrx", "ptw", "uplink", "every", "per-day",
             "downlink", "downlink-every", "downlink-per-day", "signal", "tx-dbm", "battery", "battery-mah",
             "battery-v", "rrc-tail")


def parse_case(text: str) -> dict:
    from atctl.errors import InputError

    out = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = part.partition("=")
        key = key.strip().lower().replace("_", "-")
        if not sep or key not in CASE_KEYS:
            raise InputError(f"--compare part {part!r} is not key=value with a known key",
                             hint=f"use keys {', '.join(CASE_KEYS)}, e.g. --compare \"tau=24h,active=30s\"")
        out[key] = value.strip()
    if not out:
        raise InputError("--compare got an empty case", hint='write it like --compare "tau=2h,active=30s"')
    return out


def _float(value, what: str) -> float | None:
    import math

    from atctl.errors import InputError

    if value is None or value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        raise InputError(f"{what} {value!r} is not a number") from None
    if not math.isfinite(number):
        raise InputError(f"{what} {value!r} is not a finite number")
    return number


def profile_view(module_id: str, profiles: str | None):
    """The id, RATs and power: section of one profile file (<id>.yaml, user folders first).

    Reads and validates only what the estimate needs, not every profile and the whole schema:
    `power estimate` starts on every call (BENCHMARKS.md). Every shipped profile is fully
    validated by the test suite and by the commands that use the rest.
    """
    from atctl.profiles.loader import load_profile, profile_dirs, shipped_dir

    dirs = profile_dirs(profiles)
    if dirs == [shipped_dir()]:
        shipped = _shipped_index().get(module_id)
        if shipped is not None:
            return shipped
    for folder in dirs:
        path = folder / f"{module_id}.yaml"
        if path.is_file():
            return _power_view(path)
    return load_profile(module_id, profiles)  # unknown id: its error suggests close names


def _shipped_index() -> dict:
    """id -> profile view from atctl/power/power_figures.json (kept in sync by tests/power/test_index.py)."""
    import json
    from types import SimpleNamespace

    from atctl.power.index import INDEX_PATH

    try:
        doc = json.loads(INDEX_PATH.read_text(encoding="utf-8"), object_hook=lambda d: SimpleNamespace(**d))
    except (OSError, ValueError):
        return {}  # an install without the index: the YAML path below still works
    return {pid: SimpleNamespace(id=pid, rats=entry.rats, power=entry.power) for pid, entry in vars(doc).items()}


def _power_view(path):
    from types import SimpleNamespace

    import yaml
    from pydantic import ValidationError

    from atctl.errors import DataError
    from atctl.profiles.power_model import PowerSection

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise DataError(f"not valid YAML: {str(exc).splitlines()[0]}", file=str(path)) from None
    if not isinstance(data, dict) or data.get("id") != path.stem or not isinstance(data.get("rats"), list):
        raise DataError("a profile needs an id matching its file name and a rats list", file=str(path),
                        hint="see modem_profiles/README.md for the profile format")
    power = None
    if data.get("power") is not None:
        try:
            power = PowerSection.model_validate(data["power"])
        except ValidationError as exc:
            first = exc.errors()[0]
            where = "power." + ".".join(str(x) for x in first["loc"])
            raise DataError(first["msg"], file=str(path), field=where, hint="see docs/POWER.md") from None
    return SimpleNamespace(id=data["id"], rats=[str(r) for r in data["rats"]], power=power)


def estimate_from_params(params: dict, profiles: str | None = None):
    """An Estimate (and rounding notes) from option-style parameters; raises InputError on bad input."""
    from dataclasses import replace

    from atctl.errors import InputError
    from atctl.power.battery import battery_preset, custom_battery
    from atctl.power.currents import currents_for_profile
    from atctl.power.model import TIMING, estimate
    from atctl.power.scenario import build, parse_size, per_day
    from atctl.timers.duration import parse_duration

    def dur(key):
        v = params.get(key)
        return None if v is None or v == "" else parse_duration(v, what=f"--{key}")

    module = params.get("module")
    if not module:
        raise InputError("no module given", hint="give --module ID (see `atctl modules`) or a config with module:")
    if not isinstance(module, str) or "/" in module or module.startswith("."):
        raise InputError(f"module {module!r} is not a module id", hint="run `atctl modules` to list known modules")
    profile = profile_view(module, profiles)
    rat = params.get("rat")
    if not rat:
        rat = next((r for r in profile.rats if r in ("lte-m", "nb-iot")), None) or "lte-m"
    from atctl.timers.edrx import RAT_ACT

    rat = {"ltem": "lte-m", "cat-m1": "lte-m", "nbiot": "nb-iot"}.get(str(rat).lower(), str(rat).lower())
    if rat not in RAT_ACT:
        raise InputError(f"--rat {params.get('rat')!r} is not modelled: the power model covers PSM/eDRX on lte-m "
                         "and nb-iot", hint="use --rat lte-m or --rat nb-iot")
    if rat not in profile.rats:
        raise InputError(f"{module} does not support {rat}", hint=f"its radio technologies: {', '.join(profile.rats)}")
    psm_text = str(params.get("psm", "on")).lower()
    if psm_text not in ("on", "off", "true", "false", "1", "0"):
        raise InputError(f"psm={params.get('psm')!r} is not on or off")
    psm = psm_text in ("on", "true", "1")
    tau, active = dur("tau"), dur("active")
    if psm and tau is None and active is None:
        raise InputError("no PSM timers given", hint="give --tau and --active (e.g. --tau 24h --active 30s), or --no-psm")
    if psm and tau is not None and active is not None and active >= tau:
        from atctl.timers.duration import format_duration

        raise InputError(f"the active time {format_duration(active)} is not shorter than the periodic TAU "
                         f"{format_duration(tau)}: the module would never reach PSM",
                         hint="give an --active shorter than --tau (e.g. --tau 24h --active 30s), or --no-psm")
    ul_n = per_day(dur("every"), _float(params.get("per-day"), "--per-day"), "uplinks")
    dl_n = per_day(dur("downlink-every"), _float(params.get("downlink-per-day"), "--downlink-per-day"), "downlinks")
    ul_b = parse_size(params.get("uplink") or 0, "--uplink")
    dl_b = parse_size(params.get("downlink") or 0, "--downlink")
    if ul_b and not ul_n:
        raise InputError("--uplink needs a rate", hint="add --every 1h or --per-day 24")
    if dl_b and not dl_n:
        raise InputError("--downlink needs a rate", hint="add --downlink-every 6h or --downlink-per-day 4")
    sc, notes = build(rat, psm=psm, tau_s=tau, active_s=active if psm else None, edrx_s=dur("edrx"),
                      ptw_s=dur("ptw"), uplink_bytes=ul_b, uplinks_per_day=ul_n, downlink_bytes=dl_b,
                      downlinks_per_day=dl_n, signal=params.get("signal"),
                      tx_dbm=_float(params.get("tx-dbm"), "--tx-dbm"))
    mah, volts = _float(params.get("battery-mah"), "--battery-mah"), _float(params.get("battery-v"), "--battery-v")
    if params.get("battery") and (mah or volts):
        raise InputError("give --battery or --battery-mah/--battery-v, not both")
    if mah is not None or volts is not None:
        if mah is None or volts is None:
            raise InputError("a custom battery needs both --battery-mah and --battery-v")
        battery = custom_battery(mah, volts)
    else:
        battery = battery_preset(params.get("battery") or "2xAA")
    timing = TIMING[rat]
    tail = dur("rrc-tail")
    if tail is not None:
        timing = replace(timing, inactivity_s=tail)
    currents = currents_for_profile(profile, lambda mid: profile_view(mid, profiles))
    result = estimate(currents, sc, battery, timing)
    result.warnings[:0] = notes
    if not params.get("battery") and mah is None:
        result.assumptions.append("no battery given: 2xAA assumed")
    return result


def merge_params(base: dict, given: dict, no_psm: bool = False) -> dict:
    """A config's parameters with the command line's on top: a rate, a signal or a battery given
    on the command line replaces the config's whole group (not one key of it)."""
    from atctl.errors import InputError

    if no_psm and (given.get("tau") or given.get("active")):
        raise InputError("--no-psm cannot be combined with --tau/--active", hint="drop one of them")
    params = dict(base)
    for group in (("every", "per-day"), ("signal", "tx-dbm"), ("battery", "battery-mah", "battery-v")):
        if any(given.get(key) is not None for key in group[:2]):
            for key in group:
                params.pop(key, None)
    params.update({k: v for k, v in given.items() if v is not None})
    if no_psm:
        params["psm"] = "off"
        params.pop("tau", None), params.pop("active", None)
    return params


def compare_cases(params: dict, cases: list[dict], profiles: str | None = None) -> list[tuple[str, object]]:
    """(name, Estimate) per --compare case, each on top of `params`; two cases at least."""
    from atctl.errors import InputError

    if len(cases) < 2:
        raise InputError("--compare needs two or more cases", hint='repeat it: --compare "tau=24h" --compare "tau=2h"')
    results = []
    for i, case in enumerate(cases, 1):
        merged = {**params, **{k: v for k, v in case.items() if k != "name"}}
        if case.get("psm", "").lower() in ("off", "false", "0"):
            merged.pop("tau", None), merged.pop("active", None)
        results.append((case.get("name") or f"case {i}", estimate_from_params(merged, profiles)))
    return results
