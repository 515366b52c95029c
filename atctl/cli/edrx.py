"""`atctl edrx encode|decode|values`: eDRX cycles and paging time windows per RAT."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import EdrxRat, JsonOpt, Rounding, Vendor, emit

app = typer.Typer(add_completion=False, help="Encode, decode and list eDRX cycles and paging time windows.", no_args_is_help=True)

RatOpt = Annotated[EdrxRat, typer.Option("--rat", help="Radio technology.")]


@app.command()
def encode(
    rat: RatOpt,
    cycle: Annotated[str, typer.Option("--cycle", help="eDRX cycle, e.g. 81.92s.")],
    ptw: Annotated[Optional[str], typer.Option("--ptw", help="Paging time window, e.g. 5s.")] = None,
    rounding: Annotated[Rounding, typer.Option("--rounding", help="How to reach a representable value.")] = Rounding.up,
    vendor: Annotated[Vendor, typer.Option("--vendor", help="Command form.")] = Vendor.standard,
    json: JsonOpt = False,
) -> None:
    """Encode an eDRX cycle (and PTW) for one RAT into bits and AT commands."""
    from atctl.timers.duration import format_duration, parse_duration
    from atctl.codecs.edrx_request import edrx_commands, vendor_warnings
    from atctl.timers.edrx import RAT_ACT, check_rat, encode_edrx, encode_ptw, ptw_cycle_warnings

    rat = check_rat(rat)
    cyc = encode_edrx(rat, parse_duration(cycle, what="--cycle"), rounding)
    window = encode_ptw(rat, parse_duration(ptw, what="--ptw"), rounding) if ptw is not None else None
    ptw_bits = window.bits if window else None
    commands = edrx_commands(rat, cyc.bits, ptw_bits, vendor)
    warnings = [*cyc.warnings, *(window.warnings if window else ()), *vendor_warnings(vendor, ptw_bits),
                *ptw_cycle_warnings(cyc.seconds, window.seconds if window else None)]
    doc = {
        "rat": rat,
        "act": RAT_ACT[rat],
        "cycle": {**cyc.as_dict(), "human": format_duration(cyc.seconds)},
        "ptw": {**window.as_dict(), "human": format_duration(window.seconds)} if window else None,
        "vendor": vendor,
        "command": commands[0],
        "commands": commands,
        "warnings": warnings,
    }

    def render() -> None:
        from atctl.cli._timers_render import commands_and_warnings, timer_table

        rows = [{"name": f"eDRX cycle ({rat})", **doc["cycle"]}]
        if window:
            rows.append({"name": "paging time window", **doc["ptw"]})
        timer_table("eDRX request", rows)
        commands_and_warnings(commands, warnings)

    emit(doc, json, render)


@app.command()
def decode(
    rat: RatOpt,
    cycle: Annotated[str, typer.Option("--cycle", help="4-bit eDRX value, e.g. 0101.")],
    ptw: Annotated[Optional[str], typer.Option("--ptw", help="4-bit PTW value.")] = None,
    json: JsonOpt = False,
) -> None:
    """Decode eDRX / PTW bits, including what the network does with values the RAT reinterprets."""
    from atctl.timers.edrx import check_rat, decode_edrx, decode_ptw

    rat = check_rat(rat)
    value = decode_edrx(rat, cycle)
    window = decode_ptw(rat, ptw) if ptw is not None else None
    doc = {
        "rat": rat,
        "cycle": {"bits": value.bits, "seconds": value.seconds, "effective_bits": value.effective_bits,
                  "effective_seconds": value.effective_seconds, "note": value.note},
        "ptw": {"bits": window.bits, "seconds": window.seconds} if window else None,
    }

    def render() -> None:
        from atctl.cli._timers_render import timer_table

        rows = [{"name": f"eDRX cycle ({rat})", "bits": value.bits, "seconds": value.seconds, "note": value.note}]
        if value.effective_bits != value.bits:
            rows.append({"name": "network uses", "bits": value.effective_bits, "seconds": value.effective_seconds,
                         "human": "eDRX off" if value.effective_bits is None else None})
        if window:
            rows.append({"name": "paging time window", "bits": window.bits, "seconds": window.seconds})
        timer_table("eDRX", rows)

    emit(doc, json, render)


@app.command("values")
def values_(rat: RatOpt, json: JsonOpt = False) -> None:
    """Every eDRX cycle the RAT honours and every PTW value."""
    from atctl.timers.duration import format_duration
    from atctl.timers.edrx import check_rat, cycle_values, ptw_values

    rat = check_rat(rat)
    doc = {
        "rat": rat,
        "cycles": [{"bits": b, "seconds": s, "human": format_duration(s)} for b, s in cycle_values(rat)],
        "ptw": [{"bits": b, "seconds": s} for b, s in ptw_values(rat)],
    }

    def render() -> None:
        from atctl.cli._timers_render import timer_table

        timer_table(f"{rat} eDRX cycles", [{"name": "cycle", **r} for r in doc["cycles"]])
        timer_table(f"{rat} paging time windows", [{"name": "ptw", **r} for r in doc["ptw"]])

    emit(doc, json, render)
