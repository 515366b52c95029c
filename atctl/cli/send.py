"""`atctl send --port P CMD...`: each command's info lines, final result and URCs."""

from __future__ import annotations

from typing import Annotated

import typer

from atctl.cli._common import BaudOpt, ForceOpt, JsonOpt, PortOpt, TimeoutOpt, TranscriptOpt, emit, non_negative

app = typer.Typer(add_completion=False)


@app.command()
def send(
    commands: Annotated[list[str], typer.Argument(help="AT commands, e.g. 'AT+CEREG?' 'AT+CSQ'.")],
    port: PortOpt,
    timeout: TimeoutOpt = None,
    baud: BaudOpt = 115200,
    transcript: TranscriptOpt = None,
    force: ForceOpt = False,
    show_ids: Annotated[bool, typer.Option("--show-ids", help="Show IMEI/IMSI/ICCID in full (output and transcript).")] = False,
    no_init: Annotated[bool, typer.Option("--no-init", help="Skip the session start (ATE0, ATV1, AT+CMEE=2).")] = False,
    wait_urcs: Annotated[float, typer.Option("--wait-urcs", help="Collect URCs for this many seconds (0 or more) after the last command.",
                                             callback=non_negative)] = 0.0,
    json: JsonOpt = False,
) -> None:
    """Send AT commands and show each reply, its final result and URCs seen meanwhile.
    IMEI, IMSI and ICCID are redacted unless --show-ids; SIM PINs never show."""
    import time

    from atctl.at import open_session
    from atctl.command_text import check_single_command
    from atctl.cli._common import session_options
    from atctl.redact import mask_secrets, redact_text

    def shown(text: str) -> str:
        return text if show_ids else redact_text(text)

    from atctl.cli._wait_feedback import parse_timeout

    deadline = parse_timeout(timeout)
    for command in commands:  # a CR/LF inside one argument would send a second command
        check_single_command(command)
    responses = []
    with open_session(port, baud=baud, transcript=transcript, show_ids=show_ids, start=not no_init,
                      **session_options(force)) as session:
        from atctl.dialects import reboot_commands

        reboots = reboot_commands()
        for command in commands:
            # a reboot command of some dialect: boot text may come before its final (SARA-N2 AT+NRB)
            responses.append(session.command(command, deadline, expect_reboot=command.strip().upper() in reboots))
        before_wait = len(session.urcs)
        if wait_urcs > 0:
            deadline = time.monotonic() + wait_urcs
            while session.wait_urc("", max(0.0, deadline - time.monotonic())) is not None:
                pass
        all_urcs = [shown(u) for u in session.urcs]
        waited = all_urcs[before_wait:]
    docs = []
    for response in responses:
        doc = response.as_dict()
        doc["command"] = shown(mask_secrets(doc["command"]))
        doc["lines"] = [shown(line) for line in doc["lines"]]
        doc["urcs"] = [shown(urc) for urc in doc["urcs"]]
        docs.append(doc)
    failed = [r for r in responses if not r.ok]
    document = {"port": port, "responses": docs, "urcs": all_urcs, "wait_urcs": waited, "ok": not failed}

    def render() -> None:
        from atctl.cli._common import console, copyable, line, plain

        out = console()
        for doc in docs:
            out.print(copyable(doc["command"], "bold"))
            for reply in doc["lines"]:
                out.print(copyable(f"  {reply}"))
            final = doc["final"]
            if not doc["ok"] and doc["error"]["message"] and doc["error"]["message"] != doc["final"]:
                final += f" ({doc['error']['message']})"
            out.print(line("  ", (final, "green" if doc["ok"] else "red")))
            for urc in doc["urcs"]:
                out.print(plain(f"  URC {urc}", "dim"))
        if wait_urcs > 0:
            if waited:
                out.print(plain(f"URCs in the {wait_urcs:g} s after the last command:"))
                for urc in waited:
                    out.print(plain(f"  URC {urc}"))
            else:
                out.print(plain(f"no URC in the {wait_urcs:g} s after the last command", "dim"))

    emit(document, json, render)
    if failed:
        raise typer.Exit(1)
