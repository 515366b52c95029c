"""`atctl status --port P`: SIM, radio, registration, operator, RAT, band, signal, PSM/eDRX requested vs granted."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import (BaudOpt, DetectedModuleOpt, ForceOpt, JsonOpt, PortsFileOpt, PortsOpt, ProfilesOpt, TranscriptOpt, emit,
                                single_port)

app = typer.Typer(add_completion=False)


@app.command()
def status(
    port: PortsOpt = None,
    baud: BaudOpt = 115200,
    module: DetectedModuleOpt = None,
    profiles: ProfilesOpt = None,
    timeout: Annotated[Optional[str], typer.Option(
        "--timeout", help="If the module is still searching, wait up to this long for registration (30s, 2m).")] = None,
    transcript: TranscriptOpt = None,
    force: ForceOpt = False,
    no_observations: Annotated[bool, typer.Option(
        "--no-observations", help="Do not record the serving network's band in your local observations.")] = False,
    config: Annotated[Optional[str], typer.Option(
        "--config", help="Device config with traffic: and battery: adds requested vs granted battery life.")] = None,
    json: JsonOpt = False,
    ports_file: PortsFileOpt = None,
) -> None:
    """Show what the network granted, next to what the module asked for."""
    port = single_port(port, ports_file, status, dict(locals()), {"transcript": None})
    from atctl.config.loader import load_config

    cfg = load_config(config) if config else None  # bad config: exit 2 before the modem is touched
    from atctl.cli._wait_feedback import WaitFeedback, parse_timeout

    wait_s = parse_timeout(timeout)
    from atctl.at import open_session
    from atctl.cli._common import session_options
    from atctl.diagnose.status import read_status
    from atctl.profiles import load_profile

    profile = load_profile(module, profiles) if module else None
    feedback, reading = WaitFeedback(), None
    with open_session(port, baud=baud, profile=profile, transcript=transcript, **session_options(force)) as session:
        try:
            reading = read_status(session, port, profiles=profiles, wait_s=wait_s, on_wait=feedback,
                                  observe=not no_observations, config=cfg)
        finally:
            feedback.done(reading.wait if reading else None)
    doc = reading.document
    from atctl.cli import _battery

    emit(doc, json, lambda: (_render(doc), _battery.print_line(doc.get("battery"))))


def _render(doc: dict) -> None:
    from rich.table import Table
    from rich.text import Text

    from atctl.cli._common import console
    from atctl.network_values import RegistrationStatus
    from atctl.status_view import edrx_text, psm_text, radio_text, signal_text, sim_text, status_warnings

    # every cell is a Text: operator names, APNs and modem replies are never read as markup
    reg = doc["registration"]
    stat = reg.get("stat_text") or "unknown"
    table = Table(show_header=False, title=Text(f"{doc['module'] or 'module'} on {doc['port']}"), title_justify="left")
    cause = f" (reject cause {reg['reject_cause']})" if reg.get("reject_cause") is not None else ""
    sim_ok = (doc["sim"] or {}).get("state") == "ready"
    radio_on = (doc["radio"] or {}).get("state") == "on"
    table.add_row("SIM", Text(sim_text(doc["sim"]), style="green" if sim_ok else "red"))
    table.add_row("radio", Text(radio_text(doc["radio"]), style=None if radio_on else "red"))
    kind = RegistrationStatus(stat=reg.get("stat")).network_kind   # home-sms-only is home too
    table.add_row("registration", Text.assemble((stat, {"home": "green", "roaming": "yellow"}.get(kind, "red")), cause))
    op = doc["operator"]
    table.add_row("operator", Text(" ".join(str(x) for x in (op.get("name"), op.get("mcc_mnc"), op.get("country")) if x) or "-"))
    table.add_row("RAT / band", Text(f"{doc['rat'] or '-'} / {('B' + str(doc['band'])) if doc['band'] else '-'}"))
    table.add_row("signal", Text(signal_text(doc["signal"])))
    table.add_row("PSM", Text(psm_text(doc["psm"])))
    table.add_row("eDRX", Text(edrx_text(doc["edrx"])))
    table.add_row("APN", Text(", ".join(f"{cid}: {apn or '(empty)'}" for cid, apn in doc["apn"].items()) or "-"))
    console().print(table)
    err = console(stderr=True)
    for warning in status_warnings(doc):
        err.print(Text.assemble(("warning: ", "yellow"), warning))
    for error in doc["errors"]:
        err.print(Text.assemble(("could not read: ", "yellow"), error))
