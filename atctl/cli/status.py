"""`atctl status --port P`: registration, operator, RAT, band, signal, PSM/eDRX requested vs granted."""

from __future__ import annotations

from typing import Annotated

import typer

from atctl.cli._common import BaudOpt, JsonOpt, PortOpt, ProfilesOpt, TranscriptOpt, emit

app = typer.Typer(add_completion=False)


@app.command()
def status(
    port: PortOpt,
    baud: BaudOpt = 115200,
    module: Annotated[str | None, typer.Option("--module", help="Module profile id (detected when omitted).")] = None,
    profiles: ProfilesOpt = None,
    transcript: TranscriptOpt = None,
    json: JsonOpt = False,
) -> None:
    """Show what the network granted, next to what the module asked for."""
    from atctl.at import open_session
    from atctl.at.identify import identify
    from atctl.network_state import read_network_state
    from atctl.profiles import load_profile

    profile = load_profile(module, profiles) if module else None
    with open_session(port, baud=baud, profile=profile, transcript=transcript) as session:
        if profile is None:
            identify(session, profiles)
        state = read_network_state(session)
        module_id = session.profile.id if session.profile else None
    doc = {
        "port": port, "module": module_id,
        "registration": state.registration, "operator": state.operator, "rat": state.rat, "band": state.band,
        "signal": state.signal, "psm": state.psm, "edrx": state.edrx, "apn": {str(k): v for k, v in state.apn.items()},
        "errors": state.errors,
    }
    emit(doc, json, lambda: _render(doc))


def _render(doc: dict) -> None:
    from rich.table import Table

    from atctl.cli._common import console
    from atctl.state_view import edrx_text, psm_text, signal_text

    reg = doc["registration"]
    stat = reg.get("stat_text") or "unknown"
    colour = {"home": "green", "roaming": "yellow"}.get(stat, "red")
    table = Table(show_header=False, title=f"{doc['module'] or 'module'} on {doc['port']}", title_justify="left")
    cause = f" (reject cause {reg['reject_cause']})" if reg.get("reject_cause") is not None else ""
    table.add_row("registration", f"[{colour}]{stat}[/{colour}]{cause}")
    op = doc["operator"]
    table.add_row("operator", " ".join(str(x) for x in (op.get("name"), op.get("mcc_mnc"), op.get("country")) if x) or "-")
    table.add_row("RAT / band", f"{doc['rat'] or '-'} / {('B' + str(doc['band'])) if doc['band'] else '-'}")
    table.add_row("signal", signal_text(doc["signal"]))
    table.add_row("PSM", psm_text(doc["psm"]))
    table.add_row("eDRX", edrx_text(doc["edrx"]))
    table.add_row("APN", ", ".join(f"{cid}: {apn or '(empty)'}" for cid, apn in doc["apn"].items()) or "-")
    out = console()
    out.print(table)
    for error in doc["errors"]:
        out.print(f"[yellow]could not read:[/yellow] {error}", markup=True)
