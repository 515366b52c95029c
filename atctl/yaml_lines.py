"""Load YAML and point validation errors at a file line (shared by profiles and configs)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from atctl.errors import DataError


class LazyNodes:
    """The YAML node tree of a text, composed only when an error needs a line number
    (composing costs as much as loading; valid files never need it)."""

    def __init__(self, text: str):
        self.text = text
        self._root: Any = None

    def root(self):
        if self._root is None:
            import yaml

            self._root = yaml.compose(self.text, Loader=_loader())
        return self._root


def _loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed: ~10x faster


def load_with_nodes(path: Path) -> tuple[Any, LazyNodes]:
    """(data, lazily composed node tree) of a YAML file; DataError with the line on a syntax error."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"cannot read the file: {exc.strerror}", file=str(path)) from None
    try:
        return yaml.load(text, Loader=_loader()), LazyNodes(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(f"not valid YAML ({getattr(exc, 'problem', None) or exc})", file=str(path),
                        line=mark.line + 1 if mark else None) from None


def line_of(node, path: list) -> int | None:
    """1-based line of the YAML node at `path` (mapping keys / sequence indexes), best effort."""
    import yaml

    if isinstance(node, LazyNodes):
        try:
            node = node.root()
        except yaml.YAMLError:
            return None
    line = node.start_mark.line + 1 if node is not None else None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if k.value == str(key):
                    nxt, line = v, k.start_mark.line + 1
                    break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
        if node is None:
            break
    return line


def validation_error(exc, path: Path, node, hint: str | None = None) -> DataError:
    """The first pydantic error as a DataError naming file, line and field."""
    errors = exc.errors()
    # a typo'd key explains more than the "field required" it causes, so report it first
    err = next((e for e in errors if e.get("type") == "extra_forbidden"), errors[0])
    loc = [p for p in err["loc"] if not (isinstance(p, str) and (p[:1].isupper() or p.startswith(
        ("function-", "literal[", "dict[", "list["))))]
    message = err["msg"]
    if err.get("type") == "extra_forbidden":
        message = "unknown field"
    elif err.get("type") == "missing":
        message = "required field is missing"
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    return DataError(message, file=str(path), line=line_of(node, loc),
                     field=".".join(str(p) for p in loc) or None, hint=hint)
