"""pyserial URL handler for `labgrid://PLACE[?coordinator=HOST:PORT]` (see atctl.labgrid).

The place's NetworkSerialPort is an RFC 2217 server (ser2net started by labgrid's exporter), so
this is pyserial's RFC 2217 client with the place acquired around open() .. close().
"""

from __future__ import annotations

from serial import rfc2217
from serial.serialutil import SerialException


class Serial(rfc2217.Serial):
    _lease = None

    def open(self):
        from atctl.labgrid import split_url
        from atctl.labgrid.coordinator import acquire, release

        if self.is_open:
            raise SerialException("Port is already open.")
        url = self._port
        place, options = split_url(url)
        lease = acquire(place, options)
        try:
            if lease.protocol != "rfc2217":
                from atctl.errors import ModemUnreachable

                raise ModemUnreachable(f"labgrid place {place} exports its serial port as {lease.protocol!r}",
                                       hint="atctl opens labgrid serial ports over RFC 2217 (the exporter's default)")
            # ser2net's RFC 2217 mode rejects some control requests; ign_set_control keeps pyserial going
            self._port = self.portstr = f"rfc2217://{lease.host}:{lease.port}?ign_set_control"
            self._baudrate = lease.speed        # the speed the exporter configured for this port
            self._write_timeout = None          # pyserial's RFC 2217 client refuses write timeouts
            try:
                super().open()
            finally:
                self._port = self.portstr = url
                self.name = url
        except BaseException:
            release(lease)
            raise
        self._lease = lease

    def _reconfigure_port(self):
        self._write_timeout = None
        super()._reconfigure_port()

    def close(self):
        lease, self._lease = self._lease, None
        try:
            super().close()
        finally:
            if lease is not None:
                from atctl.labgrid.coordinator import release

                release(lease)

    @property
    def lease(self):
        """The acquired place (host, port, speed, who holds it) while open."""
        return self._lease
