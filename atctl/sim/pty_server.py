"""Expose a simulated module on a pseudo-terminal (and optionally RFC 2217 on loopback)."""

from __future__ import annotations

import os
import select
import threading

from atctl.sim.protocol_sim import SimDevice


class PtyServer:
    """Bridges a pty to a SimDevice: bytes written by the client are commands, replies are
    copied back as they become due. Survives the client closing and reopening the device."""

    def __init__(self, module: str, options: dict[str, str]):
        import tty

        self.device = SimDevice(module, options)
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        self.path = os.ttyname(self.slave)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> "PtyServer":
        for target in (self._from_client, self._to_client):
            thread = threading.Thread(target=target, daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def _from_client(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if not ready:
                continue
            try:
                data = os.read(self.master, 4096)
            except OSError:
                continue  # client closed its end: keep serving for the next open
            if data:
                self.device.write(data)

    def _to_client(self) -> None:
        while not self._stop.is_set():
            data = self.device.read(4096, timeout=0.2, cancelled=self._stop.is_set)
            if data:
                try:
                    os.write(self.master, data)
                except OSError:
                    pass

    def stop(self) -> None:
        self._stop.set()
        with self.device.cond:
            self.device.cond.notify_all()
        for thread in self._threads:
            thread.join(timeout=2)
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass

    def __enter__(self) -> "PtyServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class Rfc2217Server:
    """RFC 2217 on 127.0.0.1:<port> in front of a sim:// port, with pyserial's PortManager.

    One client at a time, like the serial port behind it: a second concurrent client gets a
    one-line refusal and is disconnected, and the first keeps working. When a client goes, its
    forwarding thread is stopped and joined before the next client is served, so no thread of
    an old client can swallow a new client's replies."""

    REFUSAL = b"atctl sim: port in use by another client\r\n"

    def __init__(self, url: str, port: int):
        import socket

        import serial

        self.serial = serial.serial_for_url(url, timeout=0.2)
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen(4)
        self.port = self.listener.getsockname()[1]
        self._stop = threading.Event()
        self.clients = 0   # clients served
        self.refused = 0   # concurrent clients turned away

    def serve_forever(self) -> None:
        while not self._stop.is_set():
            ready, _, _ = self._select([self.listener])
            if ready:
                client = self._accept()
                if client is not None:
                    self._serve(client)

    def _select(self, socks):
        try:
            return select.select(socks, [], [], 0.2)
        except (OSError, ValueError):  # the listener was closed by stop()
            self._stop.set()
            return [], [], []

    def _accept(self):
        try:
            client, _ = self.listener.accept()
        except OSError:
            return None
        return client

    def _refuse(self) -> None:
        client = self._accept()
        if client is None:
            return
        self.refused += 1
        try:
            client.sendall(self.REFUSAL)
        except OSError:
            pass
        client.close()

    def _serve(self, client) -> None:
        import serial.rfc2217

        self.clients += 1
        gone = threading.Event()
        manager = serial.rfc2217.PortManager(self.serial, _SocketWriter(client))
        pump = threading.Thread(target=self._serial_to_client, args=(client, manager, gone), daemon=True)
        pump.start()
        try:
            while not self._stop.is_set() and not gone.is_set():
                ready, _, _ = self._select([client, self.listener])
                if self.listener in ready:
                    self._refuse()
                if client not in ready:
                    continue
                try:
                    data = client.recv(4096)
                except OSError:
                    break
                if not data:
                    break
                self.serial.write(b"".join(manager.filter(data)))
        finally:
            gone.set()
            pump.join()  # reads time out every 0.2 s: the thread is gone before the next client
            client.close()

    def _serial_to_client(self, client, manager, gone: threading.Event) -> None:
        while not self._stop.is_set() and not gone.is_set():
            try:
                data = self.serial.read(4096)
                if data and not gone.is_set():
                    client.sendall(b"".join(manager.escape(data)))
            except OSError:
                gone.set()
                return

    def stop(self) -> None:
        self._stop.set()
        self.listener.close()


class _SocketWriter:
    def __init__(self, sock):
        self.sock = sock

    def write(self, data: bytes) -> None:
        self.sock.sendall(data)
