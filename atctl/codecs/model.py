"""Result types shared by every parser.

Typed models are frozen dataclasses (not pydantic: parsers sit on the URC hot
path). `Parsed` is what `parse_line` returns: DESIGN.md's `{type, fields}`.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


class Model:
    """Mixin for response dataclasses: `to_dict()` gives the JSON `fields`."""

    __slots__ = ()
    TYPE = ""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class Parsed:
    """One decoded line: `type` is the prefix without + and : (`CEREG`, `CME ERROR`)."""

    type: str
    fields: dict[str, Any]
    model: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "fields": self.fields}
