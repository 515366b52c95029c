"""A labgrid Target's serial resource as an atctl port (for users of labgrid's pytest plugin).

    port = target_port(target)          # rfc2217://host:port, socket://host:port or /dev/ttyUSB2
    with open_session(port) as session: ...

A NetworkSerialPort (a place's exported port, through RemotePlace) becomes its RFC 2217 URL (or
socket:// when exported raw); a local RawSerialPort / USBSerialPort becomes its device path.
The target's place must already be acquired (labgrid's own rule for RemotePlace), and a
SerialDriver that holds the port must be deactivated first: a port is opened by one program.
"""

from __future__ import annotations


def target_port(target, name: str | None = None) -> str:
    from atctl.errors import InputError

    try:
        from labgrid.exceptions import NoResourceFoundError
        from labgrid.resource import NetworkSerialPort
        from labgrid.resource.base import SerialPort
    except ImportError as exc:
        from atctl.labgrid import EXTRA_HINT

        raise InputError(f"labgrid targets need labgrid ({exc})", hint=EXTRA_HINT) from None
    try:
        res = target.get_resource(NetworkSerialPort, name=name)
    except NoResourceFoundError:
        res = None
    if res is not None:
        scheme = "rfc2217" if res.protocol == "rfc2217" else "socket"
        return f"{scheme}://{res.host}:{res.port}"
    try:
        local = target.get_resource(SerialPort, name=name)
    except NoResourceFoundError:
        raise InputError(f"labgrid target {target.name} has no serial port resource",
                         hint="add a RemotePlace, NetworkSerialPort, RawSerialPort or USBSerialPort to it") from None
    return str(local.port)
