"""`atctl modules [ID]`: the module catalog (modem_profiles/)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import JsonOpt, ProfilesOpt, complete_module_id, emit

app = typer.Typer(add_completion=False)


@app.command()
def modules(module: Annotated[Optional[str], typer.Argument(help="Module id for details.",
                                                            autocompletion=complete_module_id)] = None,
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


def band_counts(bands: dict[str, dict]) -> str:
    """'lte-m: 17 bands, gsm: 4 bands' (a bare 'lte-m 17' reads like band 17)."""
    return ", ".join(f"{rat}: {len(f['bands'])} band{'s' if len(f['bands']) != 1 else ''}"
                     for rat, f in bands.items())


def _render_all(listed: list[dict]) -> None:
    from rich.table import Table

    from atctl.cli._common import console, copyable, note, plain

    table = Table(title=f"{len(listed)} modules")
    table.add_column("id", no_wrap=True)  # the id is what users type next: never cut it
    for col in ("model", "RATs", "number of bands", "verified"):
        table.add_column(col, overflow="fold")
    for p in listed:
        verified = "all" if all(f["verified"] for f in p["bands"].values()) else (
            "some" if any(f["verified"] for f in p["bands"].values()) else None)
        table.add_row(copyable(p["id"]), plain(p["model"]), " ".join(p["rats"]), band_counts(p["bands"]),
                      plain(verified) if verified else plain("no", "yellow"))
    console().print(table)
    note("Bands of one module: atctl modules ID")


def _render_one(p: dict) -> None:
    from rich.table import Table

    from atctl.cli._common import console, copyable, line, plain

    out = console()
    out.print(line((p["id"], "bold"), "  ", f"{p['vendor']} {p['model']} — {p['description']}"))
    out.print(plain(f"dialect {p['dialect']}"))
    table = Table()
    for col in ("RAT", "bands", "verified", "source", "as of"):
        table.add_column(col, overflow="fold")
    for rat, fact in p["bands"].items():
        source = fact["source"] + (f" — {fact['note']}" if fact.get("note") else "")
        table.add_row(rat, " ".join(map(str, fact["bands"])),
                      plain("yes") if fact["verified"] else plain("no", "yellow"), copyable(source), fact["as_of"])
    out.print(table)
    if p["quirks"]:
        out.print(plain("quirks: " + ", ".join(f"{k}={v}" for k, v in p["quirks"].items())))
