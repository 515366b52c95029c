"""`atctl data observations | export-observations`: the bands your own modules were seen on."""

from __future__ import annotations

from typing import Annotated

import typer

from atctl.cli._common import JsonOpt, console, emit

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Your local data: band observations from your own modules.")


@app.command("observations")
def observations(json: JsonOpt = False) -> None:
    """List the recorded observations and where they are stored."""
    from atctl import observations as obs

    path = obs.store_path()
    records = obs.load(path)
    doc = {"store": str(path), "recording": obs.enabled(), "observations": records}

    def render() -> None:
        from rich.table import Table
        from rich.text import Text

        from atctl.data import lookup_plmn

        out = console()
        if not records:
            out.print(Text(f"No observations yet ({path}). status, apply, verify and diagnose record the band "
                           "of each registration they read."))
        else:
            table = Table(title=Text(f"{len(records)} observations in {path}"), title_justify="left")
            for col in ("MCC-MNC", "operator", "RAT", "band", "count", "first seen", "last seen"):
                table.add_column(col)
            for r in records:
                found = lookup_plmn(r["mcc_mnc"])
                name = f"{found[1].name} ({found[0].code})" if found else "-"
                band = f"{r['band']} MHz" if r["rat"] == "gsm" else f"B{r['band']}"
                table.add_row(*(Text(str(c)) for c in (r["mcc_mnc"], name, r["rat"], band, r["count"],
                                                        r["first_seen"], r["last_seen"])))
            out.print(table)
        if not doc["recording"]:
            out.print("Recording is off (ATCTL_NO_OBSERVATIONS).")

    emit(doc, json, render)


@app.command("export-observations")
def export_observations(
    output: Annotated[str, typer.Option("--output", "-o", help="File to write (YAML), e.g. observations.yaml.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUTPUT if it exists.")] = False,
    json: JsonOpt = False,
) -> None:
    """Write your observations to a YAML file to contribute to atctl's band data (no device identifiers)."""
    from pathlib import Path

    from atctl import observations as obs

    target = Path(output).expanduser()
    count = obs.export_to(target, force=force)
    doc = {"output": str(target), "observations": count}

    def render() -> None:
        from rich.text import Text

        console().print(Text(f"Wrote {doc['observations']} observations to {target}. Attach it to an issue at the "
                             "atctl repository (docs/DATA.md, 'Contributing observations') to add them to the "
                             "shipped band data."))

    emit(doc, json, render)
