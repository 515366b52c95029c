"""Pure AT codecs: parse a response line into a typed model, build a command, format a reply.

Per command family one module in `standard/` (TS 27.007), `quectel/` or `ublox/` with
`parse_X`, `build_X` and `format_X` side by side; `parse_line(line, ...) -> Parsed(type,
fields)` dispatches on the prefix through the `PARSERS` registry (atctl.codecs.dispatch).

The names below load on first use (PEP 562), so a command that only builds one AT string
(`atctl psm encode`) does not import every parser.
"""

from __future__ import annotations

from typing import Any

_EXPORTS = {
    "PARSERS": "atctl.codecs.dispatch", "Context": "atctl.codecs.dispatch", "parse_line": "atctl.codecs.dispatch",
    "split_line": "atctl.codecs.dispatch", "supported_prefixes": "atctl.codecs.dispatch",
    "Parsed": "atctl.codecs.model", "ModuleHints": "atctl.codecs.hints",
    "act_to_rat": "atctl.codecs.standard.act", "edrx_act_to_rat": "atctl.codecs.standard.act",
    "Registration": "atctl.codecs.standard.registration", "parse_cereg": "atctl.codecs.standard.registration",
    "parse_cgreg": "atctl.codecs.standard.registration", "parse_creg": "atctl.codecs.standard.registration",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'atctl.codecs' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
