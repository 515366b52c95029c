"""`atctl power estimate`: battery life from PSM / eDRX timers, traffic and the module's figures."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import JsonOpt, ProfilesOpt, emit

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Estimate battery life from PSM/eDRX timers, traffic and the module's current figures.")



@app.callback()
def _group() -> None:
    """Battery-life estimates (docs/POWER.md)."""


# --compare keys -> the option they override
CASE_KEYS = ("name", "module", "rat", "tau", "active", "psm", "edrx", "ptw", "uplink", "every", "per-day",
             "downlink", "downlink-every", "downlink-per-day", "signal", "tx-dbm", "battery", "battery-mah",
             "battery-v", "rrc-tail")

Opt = typer.Option


def _case(text: str) -> dict:
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


def _config_params(path: str) -> dict:
    """Base parameters from a device config file's module/rat/psm/edrx/traffic/battery."""
    from atctl.config.loader import load_config

    cfg = load_config(path)
    p: dict = {}
    if cfg.module:
        p["module"] = cfg.module
    rats = [r for r in cfg.rat if r in ("lte-m", "nb-iot")]
    if rats:
        p["rat"] = rats[0]
    if cfg.psm is False:
        p["psm"] = "off"
    elif cfg.psm:
        p["tau"], p["active"] = cfg.psm.tau, cfg.psm.active
    if isinstance(cfg.edrx, dict) and p.get("rat") in cfg.edrx:
        want = cfg.edrx[p["rat"]]
        p["edrx"], p["ptw"] = want.cycle, want.ptw
    t = cfg.traffic
    if t:
        p.update({"uplink": t.uplink, "every": t.every, "per-day": t.per_day, "downlink": t.downlink,
                  "downlink-every": t.downlink_every, "downlink-per-day": t.downlink_per_day,
                  "signal": t.signal, "tx-dbm": t.tx_dbm, "rrc-tail": t.rrc_inactivity})
    if cfg.battery:
        if cfg.battery.preset:
            p["battery"] = cfg.battery.preset
        else:
            p["battery-mah"], p["battery-v"] = cfg.battery.capacity_mah, cfg.battery.voltage
    return {k: v for k, v in p.items() if v is not None}


def _profile(module_id: str, profiles: str | None):
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


def run_estimate(params: dict, profiles: str | None = None):
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
    profile = _profile(module, profiles)
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
    currents = currents_for_profile(profile, lambda mid: _profile(mid, profiles))
    result = estimate(currents, sc, battery, timing)
    result.warnings[:0] = notes
    if not params.get("battery") and mah is None:
        result.assumptions.append("no battery given: 2xAA assumed")
    return result


def _life_text(days: float) -> str:
    if days == float("inf"):
        return "unlimited"
    return f"{days / 365.25:.2f} years ({days:,.0f} days)" if days >= 365.25 else f"{days:,.0f} days"


def _render_one(est, name: str | None = None) -> None:
    from rich.markup import escape
    from rich.table import Table

    from atctl.cli._common import console
    from atctl.power.timeline import render

    con = console()
    title = f"{est.module} on {est.scenario.rat}" + (f": {name}" if name else "")
    for w in est.warnings:
        con.print(f"[yellow]note:[/yellow] {escape(w)}")
    table = Table(title=escape(title), show_lines=False, expand=False)
    table.add_column("where the charge goes", no_wrap=True)
    table.add_column("uAh/day", justify="right", no_wrap=True)
    table.add_column("share", justify="right", no_wrap=True)
    table.add_column("assumption", overflow="fold", max_width=52)
    total = sum(est.breakdown_uah_per_day.values()) or 1.0
    names = {"sleep": "sleep floor", "paging": "paging / eDRX", "tau": "periodic TAU", "data": "data + tails"}
    for key, value in est.breakdown_uah_per_day.items():
        table.add_row(names[key], f"{value:,.1f}", f"{value / total:.0%}", escape(est.basis[key]))
    con.print(table)
    b = est.battery
    con.print(f"average current [bold]{est.average_current_ua:,.1f} uA[/bold] at {escape(str(b.name))}: "
              f"battery life [bold]{_life_text(est.battery_life_days)}[/bold]")
    con.print(f"derating: {b.usable:.0%} of {b.capacity_mah:g} mAh usable, {b.efficiency:.0%} converter "
              f"efficiency, self-discharge {b.self_discharge_per_year:.0%}/year")
    con.print(f"one cycle ({est.cycle_s / 3600:.3g} h), current over time (log scales):")
    for line in render([(p.name, p.seconds, p.ma) for p in est.cycle]):
        con.print(escape(line))
    con.print("assumptions:")
    for a in est.assumptions:
        con.print(f"  - {escape(a)}")


def _render_compare(results: list[tuple[str, object]]) -> None:
    from rich.markup import escape
    from rich.table import Table

    from atctl.cli._common import console

    con = console()
    table = Table(title="power estimate: cases side by side")
    table.add_column("")
    for name, _ in results:
        table.add_column(escape(name), justify="right", overflow="fold")
    rows = [
        ("module", lambda e: e.module), ("rat", lambda e: e.scenario.rat),
        ("PSM TAU / active", lambda e: f"{e.scenario.tau_s:g} s / {e.scenario.active_s:g} s" if e.scenario.psm else "off"),
        ("eDRX / PTW", lambda e: f"{e.scenario.edrx_s:g} s / {e.scenario.ptw_s or '-'}" if e.scenario.edrx_s else "none"),
        ("uplinks/day", lambda e: f"{e.scenario.uplinks_per_day:g} x {e.scenario.uplink_bytes:g} B"),
        ("TX power", lambda e: f"{e.scenario.tx_dbm:g} dBm"),
        ("sleep uAh/day", lambda e: f"{e.breakdown_uah_per_day['sleep']:,.1f}"),
        ("paging uAh/day", lambda e: f"{e.breakdown_uah_per_day['paging']:,.1f}"),
        ("TAU uAh/day", lambda e: f"{e.breakdown_uah_per_day['tau']:,.1f}"),
        ("data uAh/day", lambda e: f"{e.breakdown_uah_per_day['data']:,.1f}"),
        ("average current", lambda e: f"{e.average_current_ua:,.1f} uA"),
        ("battery", lambda e: e.battery.name),
        ("battery life", lambda e: _life_text(e.battery_life_days)),
    ]
    for label, get in rows:
        table.add_row(label, *(escape(str(get(e))) for _, e in results))
    con.print(table)
    for name, e in results:
        for w in e.warnings:
            con.print(f"[yellow]{escape(name)}:[/yellow] {escape(w)}")
    con.print("assumptions (first case; see --json for each): " + "; ".join(escape(a) for a in results[0][1].assumptions))


@app.command()
def estimate(
    module: Annotated[Optional[str], Opt("--module", help="Module id (see `atctl modules`).")] = None,
    rat: Annotated[Optional[str], Opt("--rat", help="lte-m | nb-iot (default: the module's first).")] = None,
    tau: Annotated[Optional[str], Opt("--tau", help="Periodic TAU (T3412 ext), e.g. 24h.")] = None,
    active: Annotated[Optional[str], Opt("--active", help="Active time (T3324), e.g. 30s.")] = None,
    no_psm: Annotated[bool, Opt("--no-psm", help="No PSM: the module stays in DRX/eDRX idle.")] = False,
    edrx_cycle: Annotated[Optional[str], Opt("--edrx-cycle", help="eDRX cycle, e.g. 81.92s (default: DRX only).")] = None,
    ptw: Annotated[Optional[str], Opt("--ptw", help="Paging time window, e.g. 5.12s.")] = None,
    uplink: Annotated[Optional[str], Opt("--uplink", help="Uplink message size, e.g. 200B.")] = None,
    every: Annotated[Optional[str], Opt("--every", help="Uplink interval, e.g. 1h.")] = None,
    per_day: Annotated[Optional[float], Opt("--per-day", help="Uplinks a day (instead of --every).")] = None,
    downlink: Annotated[Optional[str], Opt("--downlink", help="Downlink message size, e.g. 50B.")] = None,
    downlink_every: Annotated[Optional[str], Opt("--downlink-every", help="Downlink interval.")] = None,
    downlink_per_day: Annotated[Optional[float], Opt("--downlink-per-day", help="Downlinks a day.")] = None,
    signal: Annotated[Optional[str], Opt("--signal", help="good | medium | poor (0 / 10 / 23 dBm TX).")] = None,
    tx_dbm: Annotated[Optional[float], Opt("--tx-dbm", help="TX power in dBm (instead of --signal).")] = None,
    battery: Annotated[Optional[str], Opt("--battery", help="Preset: 2xAA, 2xAA-lithium, 3xAA, CR123A, 18650, ER14505, ER34615.")] = None,
    battery_mah: Annotated[Optional[float], Opt("--battery-mah", help="Custom battery capacity (mAh).")] = None,
    battery_v: Annotated[Optional[float], Opt("--battery-v", help="Custom battery voltage (V).")] = None,
    rrc_tail: Annotated[Optional[str], Opt("--rrc-tail", help="RRC inactivity timer (default 10s; ~0 with RAI).")] = None,
    config: Annotated[Optional[str], Opt("--config", help="Device config file: module, rat, psm, edrx, traffic, battery.")] = None,
    compare: Annotated[Optional[list[str]], Opt("--compare", help='A case "key=value,...", twice or more, e.g. --compare "name=asked,tau=24h" --compare "name=granted,tau=2h".')] = None,
    profiles: ProfilesOpt = None,
    json: JsonOpt = False,
) -> None:
    """Average current, battery life and where the charge goes, per day and over one cycle."""
    from atctl.errors import InputError

    if no_psm and (tau or active):
        raise InputError("--no-psm cannot be combined with --tau/--active", hint="drop one of them")
    params: dict = _config_params(config) if config else {}
    given = {"module": module, "rat": rat, "tau": tau, "active": active, "edrx": edrx_cycle, "ptw": ptw,
             "uplink": uplink, "every": every, "per-day": per_day, "downlink": downlink,
             "downlink-every": downlink_every, "downlink-per-day": downlink_per_day, "signal": signal,
             "tx-dbm": tx_dbm, "battery": battery, "battery-mah": battery_mah, "battery-v": battery_v,
             "rrc-tail": rrc_tail}
    if every is not None or per_day is not None:  # a rate on the command line replaces the config's
        params.pop("every", None), params.pop("per-day", None)
    if signal is not None or tx_dbm is not None:
        params.pop("signal", None), params.pop("tx-dbm", None)
    if battery is not None or battery_mah is not None:
        params.pop("battery", None), params.pop("battery-mah", None), params.pop("battery-v", None)
    params.update({k: v for k, v in given.items() if v is not None})
    if no_psm:
        params["psm"] = "off"
        params.pop("tau", None), params.pop("active", None)
    if compare:
        cases = [_case(c) for c in compare]
        if len(cases) < 2:
            raise InputError("--compare needs two or more cases", hint='repeat it: --compare "tau=24h" --compare "tau=2h"')
        results = []
        for i, case in enumerate(cases, 1):
            merged = {**params, **{k: v for k, v in case.items() if k != "name"}}
            if case.get("psm", "").lower() in ("off", "false", "0"):
                merged.pop("tau", None), merged.pop("active", None)
            results.append((case.get("name") or f"case {i}", run_estimate(merged, profiles)))
        doc = {"cases": [{"name": n, **e.as_dict()} for n, e in results]}
        emit(doc, json, lambda: _render_compare(results))
        return
    result = run_estimate(params, profiles)
    emit(result.as_dict(), json, lambda: _render_one(result))
