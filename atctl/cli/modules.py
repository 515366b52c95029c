"""`atctl modules [ID]`: the module catalog (modem_profiles/)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import JsonOpt, ProfilesOpt, emit

app = typer.Typer(add_completion=False)


@app.command()
def modules(module: Annotated[Optional[str], typer.Argument(help="Module id for details.")] = None,
            profiles: ProfilesOpt = None, json: JsonOpt = False) -> None:
    """List known modules, or show one module's bands per RAT with sources."""
    from atctl.profiles import all_profiles, load_profile

    if module:
        profile = load_profile(module, profiles)
        doc = {"module": profile.model_dump(mode="json")}
        emit(doc, json, lambda: _render_one(doc["module"]))
        return
    listed = [p.model_dump(mode="json") for p in sorted(all_profiles(profiles).values(), key=lambda p: p.id)]
    emit({"modules": listed}, json, lambda: _render_all(listed))


def _render_all(listed: list[dict]) -> None:
    from rich.table import Table

    from atctl.cli._common import console

    table = Table(title=f"{len(listed)} modules")
    table.add_column("id", no_wrap=True)  # the id is what users type next: never cut it
    for col in ("model", "RATs", "bands per RAT", "verified"):
        table.add_column(col)
    for p in listed:
        bands = ", ".join(f"{rat} {len(f['bands'])}" for rat, f in p["bands"].items())
        verified = "all" if all(f["verified"] for f in p["bands"].values()) else (
            "some" if any(f["verified"] for f in p["bands"].values()) else "[yellow]no[/yellow]")
        table.add_row(p["id"], p["model"], " ".join(p["rats"]), bands, verified)
    console().print(table)


def _render_one(p: dict) -> None:
    from rich.table import Table

    from atctl.cli._common import console

    out = console()
    out.print(f"[bold]{p['id']}[/bold]  {p['vendor']} {p['model']} — {p['description']}")
    out.print(f"dialect {p['dialect']}, band mask {p['band_mask']}")
    table = Table()
    for col in ("RAT", "bands", "verified", "source", "as of"):
        table.add_column(col)
    for rat, fact in p["bands"].items():
        table.add_row(rat, " ".join(map(str, fact["bands"])), "yes" if fact["verified"] else "[yellow]no[/yellow]",
                      fact["source"] + (f" — {fact['note']}" if fact.get("note") else ""), fact["as_of"])
    out.print(table)
    if p["quirks"]:
        out.print("quirks: " + ", ".join(f"{k}={v}" for k, v in p["quirks"].items()))
