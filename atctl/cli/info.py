"""`atctl info --port P`: manufacturer, model, firmware, matched profile, redacted IDs."""

from __future__ import annotations

from typing import Annotated

import typer

from atctl.cli._common import BaudOpt, JsonOpt, PortOpt, ProfilesOpt, TranscriptOpt, emit

app = typer.Typer(add_completion=False)


@app.command()
def info(
    port: PortOpt,
    baud: BaudOpt = 115200,
    show_ids: Annotated[bool, typer.Option("--show-ids", help="Show IMEI, ICCID and IMSI in full.")] = False,
    profiles: ProfilesOpt = None,
    transcript: TranscriptOpt = None,
    json: JsonOpt = False,
) -> None:
    """Identify the module on PORT and the profile atctl will use for it."""
    from atctl.at import open_session
    from atctl.at.identify import identify
    from atctl.redact import redact_id

    with open_session(port, baud=baud, transcript=transcript, show_ids=show_ids) as session:
        ident = identify(session, profiles)
    shown = (lambda v: v) if show_ids else redact_id
    doc = {
        "port": port, "manufacturer": ident.manufacturer, "model": ident.model, "revision": ident.revision,
        "imei": shown(ident.imei), "iccid": shown(ident.iccid), "imsi": shown(ident.imsi),
        "sim": ident.sim_error or ("ready" if ident.imsi else "unknown"), "profile": ident.profile_id,
    }

    def render() -> None:
        from rich.table import Table

        from atctl.cli._common import console

        table = Table(show_header=False, title=f"Module on {port}", title_justify="left")
        for key in ("manufacturer", "model", "revision", "profile", "imei", "iccid", "imsi", "sim"):
            value = doc[key]
            if key == "profile" and value is None:
                value = "[yellow]no matching profile: generic 27.007 behaviour[/yellow]"
            table.add_row(key, "-" if value is None else str(value))
        console().print(table)

    emit(doc, json, render)
