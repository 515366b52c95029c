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


Opt = typer.Option


def _render_one(est, name: str | None = None) -> None:
    from rich.markup import escape
    from rich.table import Table

    from atctl.cli._common import console
    from atctl.power.battery import life_text
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
              f"battery life [bold]{life_text(est.battery_life_days, with_days=True)}[/bold]")
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
    from atctl.power.battery import life_text

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
        ("battery life", lambda e: life_text(e.battery_life_days, with_days=True)),
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
    from atctl.power.request import compare_cases, estimate_from_params, merge_params, parse_case

    base: dict = {}
    if config:
        from atctl.config.power_params import power_params

        base = power_params(config)
    given = {"module": module, "rat": rat, "tau": tau, "active": active, "edrx": edrx_cycle, "ptw": ptw,
             "uplink": uplink, "every": every, "per-day": per_day, "downlink": downlink,
             "downlink-every": downlink_every, "downlink-per-day": downlink_per_day, "signal": signal,
             "tx-dbm": tx_dbm, "battery": battery, "battery-mah": battery_mah, "battery-v": battery_v,
             "rrc-tail": rrc_tail}
    params = merge_params(base, given, no_psm)
    if compare:
        results = compare_cases(params, [parse_case(c) for c in compare], profiles)
        doc = {"cases": [{"name": n, **e.as_dict()} for n, e in results]}
        emit(doc, json, lambda: _render_compare(results))
        return
    result = estimate_from_params(params, profiles)
    emit(result.as_dict(), json, lambda: _render_one(result))
