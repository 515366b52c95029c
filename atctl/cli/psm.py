"""`atctl psm encode|decode|values`: PSM timers (T3412 extended, T3324, legacy T3412)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import JsonOpt, PsmTimer, Rounding, Vendor, emit

app = typer.Typer(add_completion=False, help="Encode, decode and list PSM timers (TS 24.008).", no_args_is_help=True)

RoundingOpt = Annotated[Rounding, typer.Option("--rounding", help="How to reach a representable value.")]
VendorOpt = Annotated[Vendor, typer.Option("--vendor", help="Command form (PSM uses AT+CPSMS on all).")]


@app.command()
def encode(
    tau: Annotated[str, typer.Option("--tau", help="Periodic TAU (wake-up interval), e.g. 24h.")],
    active: Annotated[str, typer.Option("--active", help="Active time after each wake-up, e.g. 30s.")],
    rounding: RoundingOpt = Rounding.up,
    vendor: VendorOpt = Vendor.standard,
    json: JsonOpt = False,
) -> None:
    """Encode a TAU and an active time into bit strings and the AT+CPSMS command."""
    from atctl.timers.duration import format_duration, parse_duration
    from atctl.codecs.standard.cpsms import encode_cpsms as encode_psm

    result = encode_psm(parse_duration(tau, what="--tau"), parse_duration(active, what="--active"), rounding)
    doc = {
        "tau": {**result.tau.as_dict(), "human": format_duration(result.tau.seconds)},
        "active": {**result.active.as_dict(), "human": format_duration(result.active.seconds)},
        "rounding": rounding,
        "command": result.command,
        "warnings": list(result.warnings),
    }

    def render() -> None:
        from atctl.cli._timers_render import commands_and_warnings, timer_table

        timer_table("PSM request", [
            {"name": "periodic TAU (T3412 ext)", **doc["tau"]},
            {"name": "active time (T3324)", **doc["active"]},
        ])
        commands_and_warnings([result.command], list(result.warnings))

    emit(doc, json, render)


def _decoded(value) -> dict:
    return {"bits": value.bits, "seconds": value.seconds, "deactivated": value.deactivated, "note": value.note}


@app.command()
def decode(
    tau: Annotated[Optional[str], typer.Option("--tau", help="T3412 extended bits, e.g. 01001110.")] = None,
    active: Annotated[Optional[str], typer.Option("--active", help="T3324 bits, e.g. 00000101.")] = None,
    legacy_tau: Annotated[Optional[str], typer.Option("--legacy-tau", help="Legacy T3412 bits.")] = None,
    json: JsonOpt = False,
) -> None:
    """Decode timer bit strings into seconds."""
    from atctl.errors import InputError
    from atctl.timers.psm import decode_t3324, decode_t3412, decode_t3412_ext

    if tau is None and active is None and legacy_tau is None:
        raise InputError("nothing to decode", hint="give --tau, --active and/or --legacy-tau bit strings")
    doc = {
        "tau": _decoded(decode_t3412_ext(tau)) if tau is not None else None,
        "active": _decoded(decode_t3324(active)) if active is not None else None,
        "legacy_tau": _decoded(decode_t3412(legacy_tau)) if legacy_tau is not None else None,
    }

    def render() -> None:
        from atctl.cli._timers_render import timer_table

        names = {"tau": "periodic TAU (T3412 ext)", "active": "active time (T3324)", "legacy_tau": "legacy T3412"}
        timer_table("PSM timers", [{"name": names[k], **v} for k, v in doc.items() if v])

    emit(doc, json, render)


@app.command("values")
def values_(
    timer: Annotated[PsmTimer, typer.Argument(help="Which timer.")] = PsmTimer.tau,
    json: JsonOpt = False,
) -> None:
    """Every duration a timer can represent, with the bits that encode it."""
    from atctl.timers.duration import format_duration
    from atctl.timers.psm import representable

    rows = [{"bits": b, "seconds": s, "human": format_duration(s)} for b, s in representable(timer)]
    doc = {"timer": timer, "values": rows}

    def render() -> None:
        from atctl.cli._timers_render import timer_table

        timer_table(f"{timer}: {len(rows)} values", [{"name": timer, **r} for r in rows])

    emit(doc, json, render)
