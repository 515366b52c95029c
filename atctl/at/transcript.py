"""`--transcript FILE`: every byte both ways as JSON lines.

{"t": seconds since open (monotonic), "dir": "tx"|"rx", "data": text}
PINs/passwords are masked in what we send; identifiers (IMEI/IMSI/ICCID) are
redacted in both directions unless show_ids.
"""

from __future__ import annotations

import json
import time

from atctl.redact import mask_secrets, redact_text


class Transcript:
    def __init__(self, path: str | None = None, *, show_ids: bool = False, keep: bool = False):
        self._fh = open(path, "w", encoding="utf-8") if path else None
        self._t0 = time.monotonic()
        self.show_ids = show_ids
        self.known_ids: list[str] = []
        self.records: list[dict] | None = [] if keep else None

    def _write(self, direction: str, data: bytes) -> None:
        if self._fh is None and self.records is None:
            return
        text = data.decode("latin-1")
        if direction == "tx":
            text = "\r".join(mask_secrets(part) for part in text.split("\r"))
        if not self.show_ids:
            text = redact_text(text, self.known_ids)
        record = {"t": round(time.monotonic() - self._t0, 6), "dir": direction, "data": text}
        if self.records is not None:
            self.records.append(record)
        if self._fh:
            self._fh.write(json.dumps(record) + "\n")
            self._fh.flush()

    def tx(self, data: bytes) -> None:
        self._write("tx", data)

    def rx(self, data: bytes) -> None:
        self._write("rx", data)

    def note(self, text: str) -> None:
        self._write("note", text.encode("latin-1", "replace"))

    def add_known_id(self, value: str | None) -> None:
        if value and len(value) > 4 and value not in self.known_ids:
            self.known_ids.append(value)

    def close(self) -> None:
        if self._fh:
            self._fh.close()
            self._fh = None
