"""Options and output helpers shared by every command.

Rules (DESIGN.md): `--json` prints exactly one JSON document on stdout; errors
are one line on stderr with an exit code; rich is imported only for human output.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any, Callable

import typer

_state = {"json": False}


def json_mode() -> bool:
    return _state["json"]


def _set_json(value: bool) -> bool:
    if value:
        _state["json"] = True
    return value


JsonOpt = Annotated[
    bool,
    typer.Option("--json", help="Print one JSON document on stdout.", callback=_set_json, is_eager=True),
]
PortOpt = Annotated[
    str,
    typer.Option("--port", "-p", help="Device path (/dev/ttyUSB2, COM5) or pyserial URL (sim://quectel-bg95-m3, rfc2217://host:port).",
                 envvar="ATCTL_PORT"),
]
BaudOpt = Annotated[int, typer.Option("--baud", help="Baud rate (ignored by sim://, socket://).")]
TranscriptOpt = Annotated[
    str | None,
    typer.Option("--transcript", help="Write every byte both ways to FILE as JSON lines."),
]
ProfilesOpt = Annotated[
    str | None,
    typer.Option("--profiles", help="Extra folder of module profile YAML files (also ATCTL_PROFILES).",
                 envvar="ATCTL_PROFILES"),
]


def print_json(data: Any) -> None:
    replay = sys.modules.get("atctl.replay")  # replay:// ports name the commands they could not answer
    if replay is not None and isinstance(data, dict) and replay.divergences():
        data = {**data, "replay": {"divergences": replay.divergences()}}
    sys.stdout.write(json.dumps(data, indent=2, sort_keys=False, default=_json_default) + "\n")


def _json_default(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if hasattr(obj, "__dataclass_fields__"):
        import dataclasses

        return dataclasses.asdict(obj)
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    return str(obj)


def emit(data: Any, as_json: bool, render: Callable[[], None]) -> None:
    """Print `data` as JSON, or call `render()` for the human form."""
    if as_json:
        print_json(data)
    else:
        render()


def console(stderr: bool = False):
    """A rich Console, imported lazily (rich costs start-up time)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


# --- several ports in one call (apply, plan, verify, status, diagnose) ----------------------------
PortsOpt = Annotated[
    list[str] | None,
    typer.Option("--port", "-p", help="Device path or pyserial URL (sim://..., rfc2217://host:port, labgrid://PLACE); "
                                      "repeat it, or give labgrid://bench-*, to run on several ports at once.",
                 envvar="ATCTL_PORT"),
]
PortsFileOpt = Annotated[
    str | None,
    typer.Option("--ports", help="File listing ports, one per line (# comments); all run at once."),
]


def single_port(port, ports_file, command, params: dict, paths: dict | None = None) -> str:
    """The one port of this call. With several (--port twice, --ports FILE, a labgrid place glob)
    it runs `command` on each at once instead (atctl.cli._fleet) and exits with the highest code."""
    from atctl.errors import InputError
    from atctl.fleet.ports import collect_ports

    given = [port] if isinstance(port, str) else list(port or [])
    if len(given) == 1 and not ports_file and not given[0].startswith("labgrid://"):
        return given[0].strip()  # the common case stays as cheap as before
    ports = collect_ports(given, ports_file)
    if not ports:
        raise InputError("no port given", hint="give --port PORT (repeatable) or --ports FILE")
    if len(ports) == 1:
        return ports[0]
    from atctl.cli._fleet import run_command_fleet

    run_command_fleet(command, params, ports, paths=paths)
    raise AssertionError("run_command_fleet always exits")  # pragma: no cover
