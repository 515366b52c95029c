"""Open a device path or pyserial URL exclusively, with errors that say what to try."""

from __future__ import annotations

import errno

from atctl.errors import InputError, ModemUnreachable

# the read timeout every port gets at open, so the engine never changes it afterwards
# (on pyserial's RFC 2217 client a timeout change is a renegotiation that sleeps)
READ_SLICE = 0.05


def _rfc2217_defaults(url: str) -> str:
    # ser2net's RFC 2217 mode rejects some control requests; ign_set_control keeps pyserial going
    if url.startswith("rfc2217://") and "ign_set_control" not in url:
        url += ("&" if "?" in url else "?") + "ign_set_control"
    return url


# pyserial's RFC 2217 client polls each handshake of open() with time.sleep(0.05) and paces every
# SET_CONTROL it does not wait an answer for (ign_set_control, which ser2net needs) with
# time.sleep(0.1): about 0.5 s of fixed sleeps per open, while a LAN answers in a millisecond.
# Its module gets a `time` whose short sleeps are capped at RFC2217_POLL_S: the negotiation and
# purge steps still wait for the server's answers, polled often; the unanswered SET_CONTROLs
# (flow control, DTR, RTS) follow each other at once, in order on one TCP stream (ser2net and
# `atctl sim serve` take them so: their end-to-end tests). Longer sleeps (the 0.3 s of close(),
# see _close_rfc2217) are left alone.
RFC2217_POLL_S = 0.002


class _ShortPolls:
    def __init__(self, clock):
        self._clock = clock

    def sleep(self, seconds: float) -> None:
        self._clock.sleep(min(seconds, RFC2217_POLL_S) if seconds <= 0.1 else seconds)

    def __getattr__(self, name):
        return getattr(self._clock, name)


def _short_rfc2217_polls() -> None:
    import serial.rfc2217 as rfc2217

    clock = getattr(rfc2217, "time", None)
    if clock is not None and not isinstance(clock, _ShortPolls):  # a pyserial without it: leave it be
        rfc2217.time = _ShortPolls(clock)


def open_port(port: str, *, baud: int = 115200, write_timeout: float = 5.0):
    import serial

    url = _rfc2217_defaults(port.strip())
    try:
        ser = serial.serial_for_url(url, baudrate=baud, timeout=READ_SLICE, do_not_open=True)
        if not url.startswith("rfc2217://"):  # pyserial's RFC 2217 client refuses write timeouts
            ser.write_timeout = write_timeout
    except ValueError as exc:
        raise InputError(f"port {port!r} is not usable: {exc}",
                         hint="give a device path (/dev/ttyUSB2, COM5) or a URL such as sim://quectel-bg95-m3, "
                              "rfc2217://host:port or socket://host:port") from None
    local_tty = type(ser).__module__.startswith("serial.serialposix")
    if local_tty:
        ser.exclusive = True  # flock: other atctl, pyserial and lockdev users are refused
    if url.startswith(("rfc2217://", "socket://", "labgrid://")):  # labgrid:// is RFC 2217 underneath
        _quiet_pyserial_reader_threads()
    if url.startswith(("rfc2217://", "labgrid://")):
        _short_rfc2217_polls()
    try:
        ser.open()
    except OSError as exc:  # SerialException is an OSError too
        raise _port_error(port, exc) from None
    if local_tty:
        _exclusive_tty(ser)
    return ser


def _exclusive_tty(ser, on: bool = True) -> None:
    """TIOCEXCL as well as flock: programs that ignore flock (ser2net, cu) cannot open the tty
    while we hold it. The kernel lets root through; flock and this are all a tty offers.
    The flag belongs to the tty, not to our descriptor: release_port() clears it, or it would
    outlive us while another descriptor (a pty server, ModemManager) keeps the tty open."""
    try:
        import fcntl
        import termios

        fcntl.ioctl(ser.fileno(), termios.TIOCEXCL if on else termios.TIOCNXCL)
    except (ImportError, AttributeError, OSError, ValueError):  # not a tty, closed, or no termios
        pass


def release_port(ser) -> None:
    """Close a port from open_port(), clearing the exclusive flag first. A wrapper around the
    port (the console's wakeable port keeps it as `inner`) is seen through."""
    import serial.rfc2217

    ser = getattr(ser, "inner", ser)
    if type(ser).__module__.startswith("serial.serialposix") and getattr(ser, "is_open", False):
        _exclusive_tty(ser, on=False)
    # pyserial's own RFC 2217 port only: labgrid://'s subclass releases its place in close(), which
    # must finish before the process exits, so it closes the ordinary way
    if type(ser) is serial.rfc2217.Serial:
        _close_rfc2217(ser)
        return
    ser.close()


RFC2217_CLOSE_WAIT_S = 0.25


def _close_rfc2217(ser) -> None:
    """pyserial's RFC 2217 close() shuts the socket down and joins its reader thread (milliseconds),
    then sleeps 0.3 s "in case of quick reconnects"; every atctl call on a remote bench paid that
    sleep. The close runs in a daemon thread, waited for until this port's reader thread has ended
    (the socket is shut down by then) or RFC2217_CLOSE_WAIT_S, so a process that exits next does
    not sit out the sleep."""
    import threading

    name = f"pySerial RFC 2217 reader thread for {ser.port}"  # pyserial's own name for it
    readers = [t for t in threading.enumerate() if t.name == name]

    def close() -> None:
        try:
            ser.close()
        except OSError:
            pass

    threading.Thread(target=close, name="atctl rfc2217 close", daemon=True).start()
    for reader in readers:
        reader.join(RFC2217_CLOSE_WAIT_S)


_HOOKED = False


def _quiet_pyserial_reader_threads() -> None:
    """pyserial's RFC 2217 reader thread dies with a traceback on stderr when the server hangs up
    (ser2net refusing a second client, a kicked client). The caller already gets a SerialException
    from open/read (one line, exit 3); the thread's own traceback is noise, so it is dropped."""
    global _HOOKED
    import threading

    if _HOOKED:
        return
    _HOOKED = True
    previous = threading.excepthook

    def hook(args) -> None:
        name = getattr(args.thread, "name", "") or ""
        if name.startswith("pySerial RFC 2217 reader thread") and issubclass(args.exc_type, OSError):
            return
        previous(args)

    threading.excepthook = hook


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
    if port.startswith(("rfc2217://", "socket://")) and (
            err in (errno.EPIPE, errno.ECONNRESET) or "Remote does not seem to support RFC2217" in text
            or "reader thread died" in text):
        # the server took the connection and hung up during negotiation: ser2net (and atctl sim
        # serve) do that when another client holds the port, or the device behind it is held
        return ModemUnreachable(f"port {port} is in use by another program (the server closed the connection)",
                                hint="wait for the other client to finish, or check that nothing else holds the "
                                     "device behind the server")
    if "Connection refused" in text or "timed out" in text:
        return ModemUnreachable(f"cannot connect to {port}: {text}",
                                hint="check that the remote serial server (ser2net, atctl sim serve) is running")
    return ModemUnreachable(f"cannot open {port}: {text}", hint="check the port name and cable")
