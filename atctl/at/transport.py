"""Open a device path or pyserial URL exclusively, with errors that say what to try."""

from __future__ import annotations

import errno

from atctl.errors import InputError, ModemUnreachable

# the read timeout every port gets at open, so the engine never changes it afterwards
# (on pyserial's RFC 2217 client a timeout change is a renegotiation that sleeps)
READ_SLICE = 0.05


def register_schemes() -> None:
    """Make `sim://` known to pyserial (the simulator registers itself on import)."""
    try:
        import atctl.sim  # noqa: F401
    except ImportError:  # pragma: no cover - simulator not installed in a trimmed build
        pass


def _rfc2217_defaults(url: str) -> str:
    # ser2net's RFC 2217 mode rejects some control requests; ign_set_control keeps pyserial going
    if url.startswith("rfc2217://") and "ign_set_control" not in url:
        url += ("&" if "?" in url else "?") + "ign_set_control"
    return url


def open_port(port: str, *, baud: int = 115200, write_timeout: float = 5.0):
    import serial

    register_schemes()
    url = _rfc2217_defaults(port.strip())
    try:
        ser = serial.serial_for_url(url, baudrate=baud, timeout=READ_SLICE, do_not_open=True)
        if not url.startswith("rfc2217://"):  # pyserial's RFC 2217 client refuses write timeouts
            ser.write_timeout = write_timeout
    except ValueError as exc:
        raise InputError(f"port {port!r} is not usable: {exc}",
                         hint="give a device path (/dev/ttyUSB2, COM5) or a URL such as sim://quectel-bg95-m3, "
                              "rfc2217://host:port or socket://host:port") from None
    if type(ser).__module__.startswith("serial.serialposix"):
        ser.exclusive = True
    try:
        ser.open()
    except serial.SerialException as exc:
        raise _port_error(port, exc) from None
    except OSError as exc:
        raise _port_error(port, exc) from None
    return ser


def _port_error(port: str, exc: Exception) -> ModemUnreachable:
    err = getattr(exc, "errno", None)
    text = str(exc)
    if err == errno.ENOENT or "No such file" in text or "FileNotFoundError" in text:
        return ModemUnreachable(f"port {port} does not exist",
                                hint="run `atctl ports` to list serial ports; is the module powered and plugged in?")
    if err == errno.EACCES or "Permission denied" in text:
        return ModemUnreachable(f"no permission to open {port}",
                                hint="add your user to the dialout group (sudo usermod -aG dialout $USER) and log in again")
    if err == errno.EBUSY or "exclusively lock" in text or "busy" in text.lower():
        return ModemUnreachable(f"port {port} is in use by another program",
                                hint="close minicom/screen, or stop ModemManager (sudo systemctl stop ModemManager)")
    if "Connection refused" in text or "timed out" in text:
        return ModemUnreachable(f"cannot connect to {port}: {text}",
                                hint="check that the remote serial server (ser2net, atctl sim serve) is running")
    return ModemUnreachable(f"cannot open {port}: {text}", hint="check the port name and cable")
