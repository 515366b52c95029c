"""The registration wait: +CEREG polled and its URCs heard until the module registers, the network
denies it or the deadline passes, with feedback a caller can show (a live line, a log line).

`wait_for_registration` calls `on_wait(WaitStatus)` on every poll and every URC, so the CLI
(apply, verify, status, diagnose) can show elapsed / limit, the registration state in words and
the last URC; it returns a `WaitResult` saying how it ended and what the module last reported.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from atctl.errors import AtctlError
from atctl.network_values import DENIED


@dataclass(frozen=True)
class WaitStatus:
    elapsed_s: float
    limit_s: float
    state: str             # registration state in words ("searching", "home", ...)
    last_urc: str | None   # the last line the module sent on its own

    def line(self) -> str:
        urc = f"; last: {self.last_urc}" if self.last_urc else ""
        return f"waiting for the network: {self.state} ({self.elapsed_s:.0f}/{self.limit_s:.0f} s{urc})"


@dataclass(frozen=True)
class WaitResult:
    registered: bool
    denied: bool
    waited_s: float
    limit_s: float
    state: str
    last_urc: str | None

    @property
    def gave_up(self) -> bool:
        return not self.registered and not self.denied and self.waited_s >= self.limit_s

    def as_dict(self) -> dict:
        return {"registered": self.registered, "waited_s": round(self.waited_s, 1), "state": self.state,
                "last_urc": self.last_urc}

    def summary(self) -> str:
        if self.registered:
            return f"registered ({self.state}) after {self.waited_s:.0f} s"
        if self.denied:
            return f"the network denied registration after {self.waited_s:.0f} s"
        last = f" (last line: {self.last_urc})" if self.last_urc else ""
        return f"atctl gave up after {self.waited_s:.0f} s; the module last reported: {self.state}{last}"


WaitCallback = Callable[[WaitStatus], None]
READS = ("CEREG", "CGREG", "CREG")


def wait_for_registration(session, timeout: float, want_timers: bool, progress=None,
                          grant_wait: float = 20.0, on_wait: WaitCallback | None = None) -> WaitResult:
    """Wait on +CEREG URCs (n=5 while waiting, restored after) until registered; modules with 2G/3G
    (or that refuse +CEREG) are registered by +CGREG/+CREG too, as the status read counts them. When PSM was
    requested, also wait for the network's answer: a registration URC after our writes (attach or
    TAU accept) carries the granted timers, or their absence (PSM refused). `progress` (text) is
    called when the state changes, `on_wait` (WaitStatus) on every poll."""
    from atctl.codecs import parse_line

    def registration(line: str, pending):
        """The +CEREG/+CGREG/+CREG model of a reply or URC line; None for any other line or one
        atctl cannot read."""
        try:
            parsed = parse_line(line, pending=pending, profile=session.profile)
        except AtctlError:
            return None
        return parsed.model if parsed.type in READS else None

    def read(name: str):
        response = session.command(f"AT+{name}?")
        return registration(response.lines[0], f"AT+{name}?") if response.ok and response.lines else None

    # 2G/3G modules (and firmware that refuses +CEREG) register on +CGREG / +CREG: the wait reads
    # them as the status read does, or it would wait out its timeout on a registered module
    rats = set(getattr(session.profile, "rats", None) or ())
    fallback = not rats or bool(rats & {"gsm", "umts"})

    def read_cereg():
        return read("CEREG")

    def read_registration(cereg_first):
        """(the read that counts, its command): the first registered one, else the first that answered."""
        answered = (cereg_first, "CEREG") if cereg_first is not None else None
        if cereg_first is not None and (cereg_first.registered or not fallback):
            return answered
        for name in ("CGREG", "CREG") if (fallback or cereg_first is None) else ():
            reg = read(name)
            if reg is not None and reg.registered:
                return reg, name
            answered = answered or ((reg, name) if reg is not None else None)
        return answered or (None, None)

    urc_prefixes = ("+CEREG:", "+CGREG:", "+CREG:") if fallback else ("+CEREG:",)
    start = time.monotonic()
    first = read_cereg()
    old_n = first.n if first is not None else None
    # URCs end a poll early; a module that refuses +CEREG sends none here (its +CREG n is left as
    # it is), so it is read every second instead of every 5 s
    poll_s = 1.0 if first is None and fallback else 5.0
    changed = old_n not in (4, 5) and (session.command("AT+CEREG=5").ok or session.command("AT+CEREG=4").ok)
    deadline = start + timeout
    registered_at = None
    answer_seen = False
    state, last_urc, said = "unknown", None, None

    def result(registered: bool, denied: bool = False) -> WaitResult:
        return WaitResult(registered, denied, time.monotonic() - start, timeout, state, last_urc)

    try:
        while True:
            reg, via = read_registration(read_cereg())
            stat = reg.stat if reg is not None else None
            state = (reg.stat_text if reg is not None else None) or state
            if stat == DENIED:
                return result(False, denied=True)  # verify explains it with the cause
            if reg is not None and reg.registered:
                registered_at = registered_at or time.monotonic()
                # the granted PSM timers come with an EPS (+CEREG) registration only
                if not want_timers or via != "CEREG" or reg.periodic_tau_bits or answer_seen or \
                        time.monotonic() - registered_at > grant_wait:
                    return result(True)
            if time.monotonic() >= deadline:
                return result(False)
            if progress and state != said:
                progress(f"waiting for the network ({state})")
                said = state
            if on_wait:
                on_wait(WaitStatus(time.monotonic() - start, timeout, state, last_urc))
            until = time.monotonic() + min(poll_s, max(0.0, deadline - time.monotonic()))
            seen = len(session.urcs)
            while True:  # every URC updates the status line; +CEREG ends this poll
                urc = session.wait_urc(urc_prefixes, max(0.0, min(1.0, until - time.monotonic())))
                now = time.monotonic()
                if len(session.urcs) > seen:
                    last_urc, seen = session.urcs[-1], len(session.urcs)
                if urc is not None:
                    heard = registration(urc, False)
                    if heard is not None and heard.registered:
                        answer_seen = True
                    break
                if on_wait:
                    on_wait(WaitStatus(now - start, timeout, state, last_urc))
                if now >= until:
                    break
    finally:
        if changed and old_n is not None:
            session.command(f"AT+CEREG={old_n}")
