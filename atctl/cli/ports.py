"""`atctl ports`: local serial ports, with likely AT ports of known modules marked."""

from __future__ import annotations

import typer

from atctl.cli._common import JsonOpt, emit

app = typer.Typer(add_completion=False)


@app.command()
def ports(json: JsonOpt = False) -> None:
    """List serial ports; mark the AT interface of Quectel and u-blox modules."""
    from atctl.ports import scan

    rows = scan()
    doc = {"ports": rows}

    def render() -> None:
        from rich.table import Table

        from atctl.cli._common import console, copyable, note, plain

        if not rows:
            console().print("No serial ports found. Plug the module in; on Linux check `dmesg` for ttyUSB/ttyACM.")
            return
        table = Table(title="Serial ports")
        table.add_column("device", overflow="fold")
        for col in ("VID:PID", "if", "vendor / module", "AT port?", "description"):
            table.add_column(col, overflow="fold")
        for row in rows:
            ids = f"{row['vid']}:{row['pid']}" if row["vid"] else "-"
            who = row["module"] or row["vendor"] or "-"
            table.add_row(copyable(row["device"]), ids, "-" if row["interface"] is None else str(row["interface"]), who,
                          plain("likely", "green") if row["likely_at_port"] else "", plain(row["description"] or ""))
        console().print(table)
        likely = [r["device"] for r in rows if r["likely_at_port"]]
        if len(likely) == 1:
            note(f"--port auto (the default without ATCTL_PORT) uses {likely[0]}")

    emit(doc, json, render)
