"""`replay://PATH.jsonl`: play a recorded session back as a pyserial port.

    import atctl, serial
    port = serial.serial_for_url("replay://tests/fixtures/bg95-status.jsonl")

The recording is an atctl `--transcript` file (or any log `atctl capture import`
turned into one). Commands are matched by their text, not their position: the
n-th time a command is sent it gets the n-th reply recorded for it, so a poll
such as AT+CEREG? walks through the recorded answers, and the last one repeats
once they run out. URCs come right after the reply of the command they followed
in the recording. A command that was never recorded gets ERROR and is reported
as a divergence naming it: on stderr at once, and in every `--json` document
(`replay.divergences`), and in `divergences()` for tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

_DIVERGENCES: list[dict] = []


@dataclass
class Reply:
    lines: list[str]              # every line the module sent while the command was pending (reply and URCs)
    final: str | None             # None: the recording has no final result (the command timed out there)
    urcs_after: list[str] = field(default_factory=list)


@dataclass
class Recording:
    replies: dict[str, list[Reply]] = field(default_factory=dict)
    leading: list[str] = field(default_factory=list)   # URCs before the first command (boot banner)
    echo: bool = False                                   # was the first command echoed?
    commands: int = 0

    def lookup(self, command: str) -> list[Reply] | None:
        found = self.replies.get(command)
        if found is None:
            found = self._folded().get(command.upper())
        if found is None:
            from atctl.redact import mask_secrets

            found = self.replies.get(mask_secrets(command))
        return found

    def _folded(self) -> dict[str, list[Reply]]:
        folded = getattr(self, "_folded_cache", None)
        if folded is None:
            folded = {}
            for key, replies in self.replies.items():
                folded.setdefault(key.upper(), replies)
            self._folded_cache = folded
        return folded


def build_recording(lines: Iterable[str]) -> Recording:
    """A Recording from transcript JSON lines or a text log (pure: lines in, data out)."""
    from atctl.logs import read_log

    result = read_log(lines)
    recording = Recording()
    after: dict[int, list[str]] = {}
    for urc in result.urcs:
        if urc["during"]:
            continue
        if urc["after"] < 0:
            recording.leading.append(urc["line"])
        else:
            after.setdefault(urc["after"], []).append(urc["line"])
    first = True
    for index, ex in enumerate(result.exchanges):
        if ex.command is None:
            # a reply whose command the log does not show: its lines arrive as unsolicited text
            target = recording.replies and list(recording.replies.values())[-1][-1]
            if target:
                target.urcs_after.extend(ex.lines)
            continue
        if first:
            recording.echo, first = ex.echoed, False
        reply = Reply(list(ex.rx), ex.result, after.get(index, []))
        recording.replies.setdefault(ex.command.strip(), []).append(reply)
        recording.commands += 1
    return recording


def record_divergence(path: str, command: str, occurrence: int) -> None:
    import sys

    from atctl.redact import mask_secrets

    shown = mask_secrets(command)
    _DIVERGENCES.append({"replay": path, "command": shown, "occurrence": occurrence,
                         "answered": "ERROR", "reason": "not in the recording"})
    sys.stderr.write(f"atctl: replay divergence: {shown} was never recorded in {path}; answered ERROR\n")


def divergences() -> list[dict]:
    """Every command a replay port answered with ERROR because the recording does not have it."""
    return list(_DIVERGENCES)


def clear_divergences() -> None:
    _DIVERGENCES.clear()
