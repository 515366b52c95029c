"""`atctl send --port P CMD...`: each command's info lines, final result and URCs."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import BaudOpt, JsonOpt, PortOpt, TranscriptOpt, emit

app = typer.Typer(add_completion=False)


@app.command()
def send(
    commands: Annotated[list[str], typer.Argument(help="AT commands, e.g. 'AT+CEREG?' 'AT+CSQ'.")],
    port: PortOpt,
    timeout: Annotated[Optional[float], typer.Option("--timeout", help="Deadline per command in seconds (default: per command).")] = None,
    baud: BaudOpt = 115200,
    transcript: TranscriptOpt = None,
    show_ids: Annotated[bool, typer.Option("--show-ids", help="Do not redact IMEI/IMSI/ICCID in the transcript.")] = False,
    no_init: Annotated[bool, typer.Option("--no-init", help="Skip the session start (ATE0, ATV1, AT+CMEE=2).")] = False,
    wait_urcs: Annotated[float, typer.Option("--wait-urcs", help="Collect URCs for this many seconds after the last command.")] = 0.0,
    json: JsonOpt = False,
) -> None:
    """Send AT commands and show each reply, its final result and URCs seen meanwhile."""
    import time

    from atctl.at import open_session
    from atctl.command_text import check_single_command
    from atctl.redact import mask_secrets

    for command in commands:  # a CR/LF inside one argument would send a second command
        check_single_command(command)
    responses = []
    with open_session(port, baud=baud, transcript=transcript, show_ids=show_ids, start=not no_init) as session:
        for command in commands:
            responses.append(session.command(command, timeout))
        if wait_urcs > 0:
            deadline = time.monotonic() + wait_urcs
            while session.wait_urc("", max(0.0, deadline - time.monotonic())) is not None:
                pass
        start_urcs = list(session.urcs)
    docs = []
    for response in responses:
        doc = response.as_dict()
        doc["command"] = mask_secrets(doc["command"])
        docs.append(doc)
    failed = [r for r in responses if not r.ok]
    document = {"port": port, "responses": docs, "urcs": start_urcs, "ok": not failed}

    def render() -> None:
        from atctl.cli._common import console

        out = console()
        for doc in docs:
            out.print(f"[bold]{doc['command']}[/bold]")
            for line in doc["lines"]:
                out.print(f"  {line}", markup=False)
            style = "green" if doc["ok"] else "red"
            final = doc["final"] + (f" ({doc['error']['message']})" if not doc["ok"] and doc["error"]["message"] != doc["final"] else "")
            out.print(f"  [{style}]{final}[/{style}]")
            for urc in doc["urcs"]:
                out.print(f"  [dim]URC {urc}[/dim]", markup=True)

    emit(document, json, render)
    if failed:
        raise typer.Exit(1)
