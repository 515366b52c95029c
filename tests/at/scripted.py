"""A scripted serial port for engine tests: replies are queued when a command is written.

`script` maps a command (without CR) to the reply bytes; `before` bytes are
delivered ahead of a reply (URCs between echo and reply), `fragment` splits
everything into reads of at most N bytes. read() honours `timeout` without
blocking long: when nothing is queued it returns b"" after at most 10 ms.
"""

from __future__ import annotations

import time
from collections import deque


class ScriptedPort:
    def __init__(self, script: dict[str, bytes | list[bytes]], *, echo: bool = False, fragment: int = 0,
                 inject: dict[str, bytes] | None = None, initial: bytes = b""):
        self.script = {k.upper(): v for k, v in script.items()}
        self.echo = echo
        self.fragment = fragment
        self.inject = {k.upper(): v for k, v in (inject or {}).items()}
        self.rx = deque()
        self._queue(initial)
        self.written: list[bytes] = []
        self.timeout = 0.5
        self.name = "scripted"
        self.closed = False

    def _queue(self, data: bytes) -> None:
        step = self.fragment or len(data) or 1
        for i in range(0, len(data), step):
            self.rx.append(data[i:i + step])

    def write(self, data: bytes) -> int:
        self.written.append(data)
        command = data.decode().rstrip("\r").upper()
        if self.echo:
            self._queue(data)
        if command in self.inject:
            self._queue(self.inject[command])
        reply = self.script.get(command, b"\r\nERROR\r\n")
        if isinstance(reply, list):
            reply = reply.pop(0) if len(reply) > 1 else reply[0]
        if reply is not None:
            self._queue(reply)
        return len(data)

    def read(self, size: int = 1) -> bytes:
        if not self.rx:
            time.sleep(min(self.timeout or 0, 0.01))  # nothing will arrive: let the deadline pass
            return b""
        chunk = self.rx.popleft()
        if len(chunk) > size:
            self.rx.appendleft(chunk[size:])
            chunk = chunk[:size]
        return chunk

    @property
    def in_waiting(self) -> int:
        return len(self.rx[0]) if self.rx else 0

    def close(self) -> None:
        self.closed = True
