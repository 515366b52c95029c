"""`atctl ports`: local serial ports, with likely AT ports of known modules marked."""

from __future__ import annotations

import typer

from atctl.cli._common import JsonOpt, emit

app = typer.Typer(add_completion=False)

KNOWN_VENDORS = {0x2C7C: "Quectel", 0x1546: "u-blox", 0x05C6: "Qualcomm (u-blox SARA-R4)"}


@app.command()
def ports(json: JsonOpt = False) -> None:
    """List serial ports; mark the AT interface of Quectel and u-blox modules."""
    from serial.tools import list_ports

    from atctl.profiles import all_profiles

    usb_index: dict[tuple[int, int], tuple[str, int | None]] = {}
    for profile in all_profiles().values():
        for usb in profile.identity.usb:
            usb_index.setdefault((usb.vid, usb.pid), (profile.id, usb.at_interface))
    rows = []
    for port in sorted(list_ports.comports(), key=lambda p: p.device):
        vid, pid = port.vid, port.pid
        interface = _interface_number(port)
        module, at_interface = usb_index.get((vid, pid), (None, None)) if vid is not None else (None, None)
        likely = module is not None and (at_interface is None or interface == at_interface)
        rows.append({
            "device": port.device, "description": port.description, "vid": f"0x{vid:04X}" if vid is not None else None,
            "pid": f"0x{pid:04X}" if pid is not None else None, "interface": interface,
            "vendor": KNOWN_VENDORS.get(vid) if vid is not None else None, "module": module, "likely_at_port": likely,
        })
    doc = {"ports": rows}

    def render() -> None:
        from rich.table import Table

        from atctl.cli._common import console

        if not rows:
            console().print("No serial ports found. Plug the module in; on Linux check `dmesg` for ttyUSB/ttyACM.")
            return
        table = Table(title="Serial ports")
        for col in ("device", "VID:PID", "if", "vendor / module", "AT port?", "description"):
            table.add_column(col)
        for row in rows:
            ids = f"{row['vid']}:{row['pid']}" if row["vid"] else "-"
            who = row["module"] or row["vendor"] or "-"
            table.add_row(row["device"], ids, "-" if row["interface"] is None else str(row["interface"]), who,
                          "[green]likely[/green]" if row["likely_at_port"] else "", row["description"] or "")
        console().print(table)

    emit(doc, json, render)


def _interface_number(port) -> int | None:
    """USB interface number from the location (`1-1.2:1.3` -> 3) when the OS reports it."""
    location = getattr(port, "location", None) or ""
    if ":" in location and "." in location.split(":")[-1]:
        tail = location.split(":")[-1].split(".")[-1]
        return int(tail) if tail.isdigit() else None
    return None
