"""Read a config file with errors naming file, line and field."""

from __future__ import annotations

import difflib
from pathlib import Path

from atctl.config.model import DeviceConfig
from atctl.errors import DataError, InputError

_TOP_KEYS = list(DeviceConfig.model_fields)


def load_config(path: str | Path) -> DeviceConfig:
    from pydantic import ValidationError

    from atctl.yaml_lines import line_of, load_with_nodes, validation_error

    path = Path(path)
    if not path.is_file():
        raise InputError(f"config file {path} does not exist", hint="give the path of a YAML file (see examples/)")
    data, node = load_with_nodes(path)
    if not isinstance(data, dict):
        raise DataError("a config must be a mapping of fields (module, countries, rat, ...)", file=str(path), line=1)
    for key in data:
        if key not in _TOP_KEYS:
            close = difflib.get_close_matches(str(key), _TOP_KEYS, n=1)
            raise DataError("unknown field", file=str(path), line=line_of(node, [key]), field=str(key),
                            hint=f"did you mean {close[0]}?" if close else f"known fields: {', '.join(_TOP_KEYS)}")
    try:
        return DeviceConfig.model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, path, node) from None
