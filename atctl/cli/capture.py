"""`atctl capture import LOG -o SESSION.jsonl`: a pasted serial log -> a transcript replay:// plays."""

from __future__ import annotations

from typing import Annotated

import typer

from atctl.cli._common import JsonOpt, emit

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn captured or pasted serial logs into replayable sessions.")


@app.callback()
def _group() -> None:
    """Turn captured or pasted serial logs into replayable sessions."""


@app.command("import")
def import_log(
    log: Annotated[str, typer.Argument(help="The serial log (text as pasted, or an atctl transcript), or - for stdin.")],
    output: Annotated[str, typer.Option("--output", "-o", help="The transcript to write (JSON lines), for replay://.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite OUTPUT if it exists.")] = False,
    show_ids: Annotated[bool, typer.Option("--show-ids", help="Keep IMEI/IMSI/ICCID in full (redacted by default).")] = False,
    json: JsonOpt = False,
) -> None:
    """Pair commands with replies and write them as an atctl transcript; then use --port replay://OUTPUT."""
    import json as jsonlib
    import os

    from atctl.logs.from_file import check_output_beside_log, read_log_file
    from atctl.errors import InputError
    from atctl.logs.capture import to_transcript

    check_output_beside_log(output, log)
    if os.path.exists(output) and not force:
        raise InputError(f"{output} exists", hint="choose another file, or add --force to overwrite it")
    result = read_log_file(log, show_ids=show_ids)
    name = "stdin" if log == "-" else log
    records = to_transcript(result, name)
    commands = sum(1 for e in result.exchanges if e.command)
    if not commands:
        raise InputError(f"{name} has no AT commands that could be paired with replies",
                         hint="a replayable log needs the commands the host sent (enable echo or the library's AT dump)")
    from atctl.files import write_atomic

    # never a half-written session; 0600 like every transcript (it holds what the module said)
    write_atomic(output, "".join(jsonlib.dumps(record) + "\n" for record in records).encode("utf-8"))
    silent = sorted({e.command for e in result.exchanges if e.command and e.result is None})
    doc = {"log": name, "output": output, "records": len(records), "commands": commands,
           "distinct_commands": len({e.command for e in result.exchanges if e.command}),
           "urcs": len(result.urcs), "unparsed": len(result.unparsed), "without_result": silent,
           "port": f"replay://{os.path.abspath(output)}", "warnings": result.warnings[:20]}

    def render() -> None:
        typer.echo(f"Wrote {output}: {commands} commands ({doc['distinct_commands']} distinct), {len(result.urcs)} URCs; "
                   f"{len(result.unparsed)} other lines left out.")
        if silent:
            typer.echo(f"No final result in the log for: {', '.join(silent[:8])}; replay lets these time out.")
        typer.echo(f"Replay it: atctl status --port {doc['port']}")

    emit(doc, json, render)
