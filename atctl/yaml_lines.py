"""Load YAML and point validation errors at a file line (shared by profiles and configs)."""

from __future__ import annotations

import functools
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


@functools.lru_cache(maxsize=None)
def _loader():
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed: ~10x faster

    class Loader(base):
        """A value no constructor can build (a 5000-digit integer, the date 2001-02-30) is a YAML
        error at its line, not a ValueError from int() or datetime()."""

        def construct_object(self, node, deep=False):
            try:
                return super().construct_object(node, deep)
            except (ValueError, OverflowError) as exc:
                text = str(node.value) if isinstance(node, yaml.ScalarNode) else node.tag
                shown = text if len(text) <= 30 else text[:30] + "..."
                reason = str(exc).split(";")[0]
                raise yaml.constructor.ConstructorError(None, None, f"cannot read the value {shown!r}: {reason}",
                                                        node.start_mark) from None

    return Loader


MAX_FILE_BYTES = 1 << 20     # 1 MiB: a config is ~1 kB, the largest shipped profile ~3 kB
MAX_EXPANDED_NODES = 100_000  # nodes after expanding every alias (a "billion laughs" file expands to ~10^9)


def _read_text(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DataError(f"cannot read the file: {exc.strerror}", file=str(path)) from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(f"the file is larger than {MAX_FILE_BYTES // 1024} KiB, the most atctl reads",
                        file=str(path), hint="a config or profile is a few kB; is this the right file?")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise DataError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})", file=str(path),
                        line=line, hint="save the file as UTF-8") from None


def _check_alias_expansion(text: str, path: Path) -> None:
    """Refuse a file whose aliases expand to more than MAX_EXPANDED_NODES nodes, counted on the
    parser's events (no objects are built), before anything walks the expanded data."""
    import yaml

    if "&" not in text:
        return  # no anchor, so no alias can expand
    sizes: dict[str, int] = {}
    stack: list[list] = []   # [anchor, expanded size so far] per open collection
    for event in yaml.parse(text, Loader=_loader()):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            stack.append([event.anchor, 1])
            continue
        if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, size = stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            anchor, size = event.anchor, 1
        elif isinstance(event, yaml.AliasEvent):
            anchor, size = None, sizes.get(event.anchor, 1)
        else:
            continue
        if anchor is not None:
            sizes[anchor] = size
        if stack:
            stack[-1][1] += size
        if size > MAX_EXPANDED_NODES or (stack and stack[-1][1] > MAX_EXPANDED_NODES):
            raise DataError(f"aliases expand to more than {MAX_EXPANDED_NODES} values",
                            file=str(path), line=event.start_mark.line + 1,
                            hint="write the values out, or use fewer nested aliases (*name)")


def load_with_nodes(path: Path) -> tuple[Any, LazyNodes]:
    """(data, lazily composed node tree) of a YAML file; DataError with the line on a syntax error,
    on a file above MAX_FILE_BYTES, on text that is not UTF-8 and on an alias bomb."""
    import yaml

    text = _read_text(path)
    try:
        _check_alias_expansion(text, path)
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

    def place(e) -> list:
        return [p for p in e["loc"] if not (isinstance(p, str) and (p[:1].isupper() or p.startswith(
            ("function-", "literal[", "dict[", "list["))))]

    # a typo'd key explains more than the "field required" it causes, so report it first; otherwise
    # the deepest error: of a union (bands: auto | {rat: [band]}) it is the branch the user meant
    err = next((e for e in errors if e.get("type") == "extra_forbidden"), None) or max(
        errors, key=lambda e: len(place(e)))
    loc = place(err)
    message = err["msg"]
    if err.get("type") == "extra_forbidden":
        message = "unknown field"
    elif err.get("type") == "missing":
        message = "required field is missing"
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    return DataError(message, file=str(path), line=line_of(node, loc),
                     field=".".join(str(p) for p in loc) or None, hint=hint)
