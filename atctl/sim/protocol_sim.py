"""pyserial URL handler for `sim://<module-id>?<options>` (options: see atctl.sim).

Replies and URCs are queued with the monotonic time they become readable
(latency, registration delays); read() waits on a condition variable until
data is due or the timeout expires. No threads are needed for a single user;
the pty server drives the same object from its own thread.
"""

from __future__ import annotations

import random
import threading
import time
import urllib.parse

from serial.serialutil import PortNotOpenError, SerialBase, SerialException

from atctl.sim.modem import Reply, SimModem

JUNK = bytes([0x00, 0xFF, 0xFE, 0x1B, 0x07, 0x7F])
STORM_URCS = ('+QIND: "csq",20,99', "+CTZE: \"+04\",0", '+QIURC: "recv",0', "+CGEV: ME PDN ACT 1")


def parse_url(url: str) -> tuple[str, dict[str, str]]:
    """(module id, options) of a sim:// URL; InputError (exit 2) on an unknown option or bad value."""
    from atctl.errors import InputError
    from atctl.sim.options import parse_query, validate_options

    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "sim":
        raise InputError(f"expected a sim:// URL, got {url!r}")
    module = (parts.netloc + parts.path).strip("/")
    options = parse_query(parts.query)
    validate_options(options)
    return module or "quectel-bg95-m3", options


class SimDevice:
    """The simulated module plus its faults, framing and timing; shared by sim:// and the pty server."""

    def __init__(self, module: str, options: dict[str, str]):
        from atctl.profiles import load_profile
        from atctl.sim.scenarios import get_scenario, with_overrides

        self.options = options
        opt = self._typed(options)
        self.opt = opt
        self.profile = load_profile(module)
        self.scenario = with_overrides(get_scenario(options.get("network")), options)
        self.rng = random.Random(opt.get("seed", 1))
        self.cond = threading.Condition()
        self.out: list[tuple[float, bytes]] = []   # (due time, bytes), in due order
        self._inbuf = b""
        self.commands = 0
        now = time.monotonic()
        self.modem = SimModem(self.profile, self.scenario, seed=opt.get("seed", 1), sim_card=options.get("sim", "ready"),
                              pin=options.get("pin", "1234"), cmee=opt.get("cmee", 1),
                              echo=options.get("echo", "1") != "0", now=now)
        self.dead = False
        self._late: Reply | None = None  # late=<command>: its reply, held until the next command's
        self.nvm_path = options.get("nvm")
        if self.nvm_path:
            self._load_nvm(now)
        if "reboot_time" in opt:
            self.modem.reboot_s = opt["reboot_time"]
        if opt.get("boot"):
            self.modem.reboot(now, delay=opt["boot"])

    @staticmethod
    def _typed(options: dict[str, str]) -> dict:
        """Typed option values; the one validation shared by sim://, sim serve and the fixtures."""
        from atctl.sim.options import validate_options

        return validate_options(options)

    # ---- persistent NVM (opt-in: nvm=<file>) ----------------------------------------
    def _load_nvm(self, now: float) -> None:
        import json
        import os

        from atctl.sim.module_memory import nvm_from_json

        if os.path.exists(self.nvm_path):
            try:
                with open(self.nvm_path, encoding="utf-8") as fh:
                    self.modem.nvm = nvm_from_json(json.load(fh))
            except (OSError, ValueError, KeyError) as exc:
                from atctl.errors import InputError

                raise InputError(f"sim:// nvm file {self.nvm_path} is unreadable ({exc})",
                                 hint="delete it to start afresh") from None
            self.modem.power_on(now, banner=False)  # power on with the stored settings

    def _save_nvm(self) -> None:
        import json

        from atctl.files import write_atomic
        from atctl.sim.module_memory import nvm_to_json

        doc = nvm_to_json(self.modem.nvm)
        if doc != getattr(self, "_saved_nvm", None):
            # atomically: a process killed mid-write must not leave a 0-byte NVM file
            write_atomic(self.nvm_path, json.dumps(doc, indent=1).encode("utf-8"), prefix=".atctl-nvm-")
            self._saved_nvm = doc

    # ---- output --------------------------------------------------------------------
    def _line_bytes(self, text: str, final: bool) -> bytes:
        junk = b""
        if self.opt.get("garbage") and self.rng.random() < self.opt["garbage"]:
            junk = bytes(self.rng.choice(JUNK) for _ in range(self.rng.randint(1, 4)))
        if self.modem.v.verbose:
            return junk + b"\r\n" + text.encode("latin-1", "replace") + b"\r\n"
        if final:
            code = {"OK": "0", "CONNECT": "1", "NO CARRIER": "3", "ERROR": "4", "NO DIALTONE": "6",
                    "BUSY": "7", "NO ANSWER": "8"}.get(text)
            if code is not None:
                return junk + code.encode() + b"\r"
        return junk + text.encode("latin-1", "replace") + b"\r\n"

    def _queue(self, due: float, data: bytes) -> None:
        self.out.append((due, data))
        self.out.sort(key=lambda item: item[0])
        self.cond.notify_all()

    def _collect_urcs(self) -> None:
        for when, text in self.modem.urc_out:
            if self.opt.get("drop_urc") and self.rng.random() < self.opt["drop_urc"]:
                continue
            self._queue(when, self._line_bytes(text, final=False))
        self.modem.urc_out.clear()

    def pump(self, now: float) -> None:
        self.modem.advance(now)
        self._collect_urcs()

    def next_event(self) -> float | None:
        times = [t for t in (self.out[0][0] if self.out else None, self.modem.next_due()) if t is not None]
        return min(times) if times else None

    # ---- input ---------------------------------------------------------------------
    def write(self, data: bytes) -> None:
        with self.cond:
            now = time.monotonic()
            self.pump(now)
            self._inbuf += data
            while True:
                cut = min((i for i in (self._inbuf.find(b"\r"), self._inbuf.find(b"\n")) if i >= 0), default=-1)
                if cut < 0:
                    if len(self._inbuf) > 4096:
                        self._inbuf = b""  # a real module drops an overlong line
                    break
                raw, self._inbuf = self._inbuf[:cut], self._inbuf[cut + 1:]
                command = raw.decode("latin-1").strip()
                if command and command != "\x1b":
                    self._command(raw, command, now)

    def _command(self, raw: bytes, command: str, now: float) -> None:
        self.commands += 1
        opt, options = self.opt, self.options
        if self.dead or ("die_after" in opt and self.commands > opt["die_after"]):
            self.dead = True
            return
        if now < self.modem.booting_until:
            return  # still booting: silent
        if self.modem.v.echo:
            self._queue(now, raw + b"\r")
        due = now + opt.get("latency", 0.0)
        if opt.get("reboot_after") and self.commands == opt["reboot_after"]:
            self.modem.reboot(due)
            return
        if options.get("stall") and command.upper().startswith(options["stall"].upper()):
            return
        if opt.get("urc_storm") and self.rng.random() < opt["urc_storm"]:
            self._queue(now, self._line_bytes(self.rng.choice(STORM_URCS), final=False))
        ignore = options.get("ignore")
        if ignore and "=" in command and command.upper().startswith(ignore.upper()):
            self._emit(Reply(), due)  # "accepted with OK but not applied" (DOMAIN.md 7.5)
            return
        cme = options.get("cme")
        if cme:
            prefix, _, code = cme.partition(":")
            if command.upper().startswith(prefix.upper()):
                reply = Reply(final=self.modem.cme(int(code) if code.isdigit() else 100))
                self._emit(reply, due)
                return
        reply = self.modem.handle(command, now)
        if options.get("late") and command.upper().startswith(options["late"].upper()) and self._late is None:
            self._late = reply  # answered late: lands ahead of the next command's reply
            if reply.reboot:
                self.modem.reboot(due)  # a late answer does not stop the reset
            return
        if self._late is not None:
            self._emit(self._late, due)
            self._late = None
        self._emit(reply, due)
        if self.nvm_path:
            self._save_nvm()
        if reply.reboot:
            self.modem.reboot(due)

    def _emit(self, reply: Reply, due: float) -> None:
        self._collect_urcs()  # URCs raised by the command itself come before its reply
        data = b"".join(self._line_bytes(line, final=False) for line in reply.lines)
        if reply.final is not None:   # None: no final result (lines without one, e.g. AT+NRB's REBOOTING)
            data += self._line_bytes(reply.final, final=True)
        if data:
            self._queue(due, data)

    # ---- reading -------------------------------------------------------------------
    def available(self, now: float) -> bytes:
        ready = b""
        while self.out and self.out[0][0] <= now:
            ready += self.out.pop(0)[1]
        return ready

    def read(self, size: int, timeout: float | None, cancelled=lambda: False) -> bytes:
        deadline = None if timeout is None else time.monotonic() + timeout
        fragment = self.opt.get("fragment") or 0
        limit = min(size, fragment) if fragment else size
        with self.cond:
            while True:
                now = time.monotonic()
                self.pump(now)
                ready = self.available(now)
                if ready:
                    if len(ready) > limit:
                        self.out.insert(0, (now, ready[limit:]))
                        ready = ready[:limit]
                    return ready
                if cancelled() or (deadline is not None and now >= deadline):
                    return b""
                wake = self.next_event()
                waits = [t - now for t in (wake, deadline) if t is not None]
                self.cond.wait(timeout=max(0.0, min(waits)) if waits else None)

    def in_waiting(self) -> int:
        with self.cond:
            now = time.monotonic()
            self.pump(now)
            count = sum(len(data) for due, data in self.out if due <= now)
            fragment = self.opt.get("fragment") or 0
            return min(count, fragment) if fragment else count


class Serial(SerialBase):
    """pyserial port backed by a SimDevice."""

    def open(self) -> None:
        if self._port is None:
            raise SerialException("port must be set before open")
        if self.is_open:
            raise SerialException("port already open")
        module, options = parse_url(self._port)
        self.device = SimDevice(module, options)
        self._cancel = False
        self.is_open = True

    def from_url(self, url: str) -> str:
        return url

    def _reconfigure_port(self, force_update: bool = False) -> None:
        pass  # baud rate, parity and timeouts need no hardware here

    def close(self) -> None:
        self.is_open = False

    @property
    def in_waiting(self) -> int:
        if not self.is_open:
            raise PortNotOpenError()
        return self.device.in_waiting()

    def read(self, size: int = 1) -> bytes:
        if not self.is_open:
            raise PortNotOpenError()
        self._cancel = False
        return self.device.read(size, self._timeout, cancelled=lambda: self._cancel)

    def write(self, data) -> int:
        if not self.is_open:
            raise PortNotOpenError()
        data = bytes(data)
        self.device.write(data)
        return len(data)

    def cancel_read(self) -> None:
        self._cancel = True
        with self.device.cond:
            self.device.cond.notify_all()

    def reset_input_buffer(self) -> None:
        with self.device.cond:
            now = time.monotonic()
            self.device.pump(now)
            self.device.available(now)

    def reset_output_buffer(self) -> None:
        pass

    def flush(self) -> None:
        pass

    @property
    def cts(self) -> bool:
        return True

    @property
    def dsr(self) -> bool:
        return True

    @property
    def ri(self) -> bool:
        return False

    @property
    def cd(self) -> bool:
        return True

    def _update_rts_state(self) -> None:
        pass

    def _update_dtr_state(self) -> None:
        pass

    def _update_break_state(self) -> None:
        pass
