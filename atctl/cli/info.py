"""`atctl info --port P`: manufacturer, model, firmware, matched profile, redacted IDs."""

from __future__ import annotations

from typing import Annotated

import typer

from atctl.cli._common import BaudOpt, ForceOpt, JsonOpt, PortOpt, ProfilesOpt, TranscriptOpt, emit

app = typer.Typer(add_completion=False)
NOT_READ = "not read (the module did not answer)"


@app.command()
def info(
    port: PortOpt,
    baud: BaudOpt = 115200,
    show_ids: Annotated[bool, typer.Option("--show-ids", help="Show IMEI, ICCID and IMSI in full.")] = False,
    profiles: ProfilesOpt = None,
    transcript: TranscriptOpt = None,
    force: ForceOpt = False,
    json: JsonOpt = False,
) -> None:
    """Identify the module on PORT and the profile atctl will use for it."""
    from atctl.at import open_session
    from atctl.cli._common import session_options
    from atctl.device.identify import identify
    from atctl.redact import redact_id
    from atctl.sim_card import read_sim_state
    from atctl.status_view import sim_text

    with open_session(port, baud=baud, transcript=transcript, show_ids=show_ids, **session_options(force)) as session:
        ident = identify(session, profiles)
        sim = read_sim_state(session)  # the same words as status and diagnose
    shown = (lambda v: v) if show_ids else redact_id
    doc = {
        "port": port, "manufacturer": ident.manufacturer, "model": ident.model, "revision": ident.revision,
        "imei": shown(ident.imei), "iccid": shown(ident.iccid), "imsi": shown(ident.imsi),
        "sim": sim.state, "sim_detail": sim.detail, "profile": ident.profile_id,
    }

    def render() -> None:
        from rich.table import Table
        from rich.text import Text

        from atctl.cli._common import console

        # module replies are Text, never markup; what the module did not tell says so in words
        table = Table(show_header=False, title=Text(f"Module on {port}"), title_justify="left")
        for key in ("manufacturer", "model", "revision", "profile", "imei", "iccid", "imsi", "sim"):
            value = doc[key]
            if key == "sim":
                cell = Text(sim_text({"state": sim.state, "detail": sim.detail}),
                            style="green" if sim.state == "ready" else "red")
            elif key == "profile" and value is None:
                cell = Text("no matching profile: generic 27.007 behaviour", style="yellow")
            elif value is None and key in ("iccid", "imsi") and ident.sim_error:
                cell = Text(f"not read ({ident.sim_error})", style="dim")
            elif value is None:
                cell = Text(NOT_READ, style="dim")
            else:
                cell = Text(str(value))
            table.add_row(key, cell)
        console().print(table)

    emit(doc, json, render)
