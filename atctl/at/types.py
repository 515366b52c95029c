"""Result of one AT command."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Response:
    command: str
    lines: list[str] = field(default_factory=list)   # information lines (no echo, no final)
    final: str = ""                                   # OK, ERROR, +CME ERROR: ..., NO CARRIER, CONNECT ...
    ok: bool = False
    error_code: int | None = None                    # CME/CMS number when known
    error_text: str | None = None                    # readable error
    urcs: list[str] = field(default_factory=list)    # URCs that arrived while this command ran
    elapsed_s: float = 0.0
    raw: list[bytes] = field(default_factory=list)   # raw data blocks (+QIRD ...)

    def as_dict(self) -> dict:
        return {"command": self.command, "lines": self.lines, "final": self.final, "ok": self.ok,
                "error": None if self.ok else {"code": self.error_code, "message": self.error_text},
                "urcs": self.urcs, "elapsed_s": round(self.elapsed_s, 4)}

    def first(self, prefix: str) -> str | None:
        """First information line starting with `prefix` (e.g. '+CEREG:')."""
        return next((line for line in self.lines if line.startswith(prefix)), None)
