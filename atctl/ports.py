"""Find the AT port of a plugged-in module among the local serial ports.

Quectel and u-blox modules expose several USB interfaces (diagnostics, NMEA,
AT, modem); the module profiles name the USB VID:PID and, where known, which
interface number carries AT commands. `scan()` marks the likely AT ports,
`auto_port()` picks the one likely port or says which candidates it saw.
"""

from __future__ import annotations

from atctl.errors import InputError

KNOWN_VENDORS = {0x2C7C: "Quectel", 0x1546: "u-blox", 0x05C6: "Qualcomm (u-blox SARA-R4)"}


def interface_number(location: str | None) -> int | None:
    """USB interface number from a pyserial location (`1-1.2:1.3` -> 3) when the OS reports it."""
    location = location or ""
    if ":" in location and "." in location.split(":")[-1]:
        tail = location.split(":")[-1].split(".")[-1]
        return int(tail) if tail.isdigit() else None
    return None


def _usb_index() -> dict[tuple[int, int], tuple[str, int | None]]:
    from atctl.profiles import all_profiles

    index: dict[tuple[int, int], tuple[str, int | None]] = {}
    for profile in all_profiles().values():
        for usb in profile.identity.usb:
            index.setdefault((usb.vid, usb.pid), (profile.id, usb.at_interface))
    return index


def describe(port, usb_index: dict[tuple[int, int], tuple[str, int | None]]) -> dict:
    """One row for a pyserial ListPortInfo: ids, vendor, matched module, likely AT port or not."""
    vid, pid = port.vid, port.pid
    interface = interface_number(getattr(port, "location", None))
    module, at_interface = usb_index.get((vid, pid), (None, None)) if vid is not None else (None, None)
    likely = module is not None and (at_interface is None or interface == at_interface)
    return {
        "device": port.device, "description": port.description,
        "vid": f"0x{vid:04X}" if vid is not None else None, "pid": f"0x{pid:04X}" if pid is not None else None,
        "interface": interface, "vendor": KNOWN_VENDORS.get(vid) if vid is not None else None,
        "module": module, "likely_at_port": likely,
    }


def scan(comports=None) -> list[dict]:
    """Every local serial port (sorted by device), each described by `describe`."""
    if comports is None:
        from serial.tools import list_ports

        comports = list_ports.comports()
    index = _usb_index()
    return [describe(p, index) for p in sorted(comports, key=lambda p: p.device)]


def auto_port(rows: list[dict] | None = None) -> str:
    """The device of the one likely AT port; InputError (exit 2) naming the candidates otherwise."""
    rows = scan() if rows is None else rows
    likely = [r for r in rows if r["likely_at_port"]]
    if len(likely) == 1:
        return likely[0]["device"]
    if likely:
        names = ", ".join(f"{r['device']} ({r['module']})" for r in likely)
        raise InputError(f"{len(likely)} likely AT ports: {names}", hint="choose one with --port or ATCTL_PORT")
    known = [r for r in rows if r["module"] or r["vendor"]]
    if known:
        names = ", ".join(f"{r['device']} ({r['module'] or r['vendor']}, interface "
                          f"{'?' if r['interface'] is None else r['interface']})" for r in known)
        raise InputError(f"no port is a likely AT port; module ports seen: {names}",
                         hint="choose one with --port or ATCTL_PORT")
    if rows:
        names = ", ".join(r["device"] for r in rows)
        raise InputError(f"no Quectel or u-blox module among the serial ports ({names})",
                         hint="give --port (or set ATCTL_PORT), or sim://quectel-bg95-m3 for the simulator")
    raise InputError("no serial port found and no --port given",
                     hint="plug the module in and give --port (or set ATCTL_PORT), "
                          "or use sim://quectel-bg95-m3 for the simulator")
