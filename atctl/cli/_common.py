"""Options and output helpers shared by every command.

Rules (DESIGN.md): `--json` prints exactly one JSON document on stdout; errors
are one line on stderr with an exit code; rich is imported only for human output.

For every command module:
- untrusted text (modem replies, URCs, the user's own commands, operator names,
  APNs) goes through `plain(text)` (a rich Text: never parsed as markup);
- `warn(msg)` / `note(msg)` write to stderr (`note` is silenced by -q);
- choice options use the StrEnum types below so --help lists the values and
  shell completion offers them; module ids, countries, scenarios and config
  files complete through the `complete_*` callbacks;
- `--port` defaults to `auto` (see atctl.ports.auto_port) and `--baud` accepts
  only standard rates.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated, Any, Callable

import typer

_DEFAULT_STATE = {"json": False, "verbose": False, "quiet": False}
_state = dict(_DEFAULT_STATE)


def reset_state() -> None:
    """Called at the start of every CLI invocation (tests run many in one process)."""
    _state.clear()
    _state.update(_DEFAULT_STATE)


def json_mode() -> bool:
    return _state["json"]


def verbose() -> bool:
    """-v/--verbose: trace every exchange with the modem on stderr."""
    return _state["verbose"]


def quiet() -> bool:
    """-q/--quiet: no progress lines and no notes (results, warnings and errors still print)."""
    return _state["quiet"]


def _set_json(value: bool) -> bool:
    if value is True:  # never a default that typer failed to convert ('False' is truthy)
        _state["json"] = True
    return value


# --- choices (typer lists them in --help and offers them to shell completion) -------------------
# The values equal the library's own tables (atctl.data.RATS, atctl.codecs.edrx_request.VENDORS,
# atctl.timers.rounding.POLICIES, atctl.timers.psm.representable); tests/cli/test_conventions.py
# keeps them equal. StrEnum members compare, format and serialise as their plain string values.

class Rat(StrEnum):
    gsm = "gsm"
    umts = "umts"
    lte = "lte"
    lte_m = "lte-m"
    nb_iot = "nb-iot"


class EdrxRat(StrEnum):
    lte_m = "lte-m"
    nb_iot = "nb-iot"


class Vendor(StrEnum):
    standard = "standard"
    quectel = "quectel"
    ublox_r5 = "ublox-r5"
    ublox_r4 = "ublox-r4"


class Rounding(StrEnum):
    up = "up"
    down = "down"
    nearest = "nearest"
    exact = "exact"


class PsmTimer(StrEnum):
    tau = "tau"
    active = "active"
    legacy_tau = "legacy-tau"


class DecodeVendor(StrEnum):
    quectel = "quectel"
    ublox = "ublox"


# --- shell completion callbacks (typer's `autocompletion=`) --------------------------------------

def complete_module_id(incomplete: str) -> list[str]:
    from atctl.profiles import all_profiles

    try:
        ids = sorted(all_profiles())
    except Exception:  # a broken ATCTL_PROFILES folder must not break the shell
        return []
    return [i for i in ids if i.startswith(incomplete)]


def complete_country(incomplete: str) -> list[tuple[str, str]]:
    from atctl.data import load_countries

    want = incomplete.upper()
    return [(code, c.name) for code, c in load_countries().items() if code.startswith(want)]


def complete_scenario(incomplete: str) -> list[tuple[str, str]]:
    from atctl.sim.scenarios import SCENARIOS

    return [(name, s.description) for name, s in SCENARIOS.items() if name.startswith(incomplete)]


def complete_config_file(incomplete: str) -> list[str]:
    """YAML files under the typed directory (config files are YAML)."""
    from pathlib import Path

    folder, _, stem = incomplete.rpartition("/")
    base = Path(folder or ".")
    if not base.is_dir():
        return []
    found = []
    for entry in sorted(base.iterdir()):
        if not entry.name.startswith(stem) or entry.name.startswith("."):
            continue
        shown = f"{folder}/{entry.name}" if folder else entry.name
        if entry.is_dir():
            found.append(shown + "/")
        elif entry.suffix in (".yaml", ".yml"):
            found.append(shown)
    return found


def complete_example(incomplete: str) -> list[str]:
    from atctl.examples import example_names

    return [n for n in example_names() if n.startswith(incomplete)]


# --- value checks (bad input is exit 2 with the accepted range, before the modem is touched) -----

def _check_baud(value: int | None) -> int | None:
    if value is None:
        return value
    from serial import SerialBase

    if value not in SerialBase.BAUDRATES:
        low = [b for b in SerialBase.BAUDRATES if b >= 9600]
        raise typer.BadParameter(f"{value} is not a standard baud rate; use one of {', '.join(map(str, low))}")
    return value


def non_negative(value: float | None) -> float | None:
    """Callback for a wait in seconds: 0 or more."""
    if value is not None and value < 0:
        raise typer.BadParameter(f"{value:g} is negative; give 0 or more seconds")
    return value


def _resolve_port(value: str | None) -> str | None:
    """`--port auto` (the default without ATCTL_PORT): the one likely AT port, else exit 2."""
    if value is None or value.strip().lower() != "auto":
        return value
    from atctl.errors import InputError
    from atctl.ports import auto_port

    try:
        return auto_port()
    except InputError as exc:
        raise typer.BadParameter(exc.one_line()) from None


JsonOpt = Annotated[
    bool,
    typer.Option("--json", help="Print one JSON document on stdout.", callback=_set_json, is_eager=True),
]
PortOpt = Annotated[
    str,
    typer.Option("--port", "-p", help="Device path (/dev/ttyUSB2, COM5), pyserial URL (sim://quectel-bg95-m3, "
                 "rfc2217://host:port) or auto (the one likely AT port `atctl ports` finds; the default "
                 "when ATCTL_PORT is unset).", envvar="ATCTL_PORT", callback=_resolve_port),
]
# main.py makes every command's --port default to "auto" (an Annotated option cannot carry a
# default, and the commands' signatures declare none)
BaudOpt = Annotated[int, typer.Option("--baud", help="Baud rate, a standard rate such as 115200 (ignored by sim://, socket://).",
                                      callback=_check_baud)]
TimeoutOpt = Annotated[
    str | None,
    typer.Option("--timeout", help="Deadline of each command, a duration above 0 such as 10, 30s or 2m."),
]
TranscriptOpt = Annotated[
    str | None,
    typer.Option("--transcript", help="Write every byte both ways to FILE as JSON lines."),
]
ForceOpt = Annotated[
    bool,
    typer.Option("--force", help="Overwrite an existing --transcript file (atctl never truncates a file silently)."),
]
ProfilesOpt = Annotated[
    str | None,
    typer.Option("--profiles", help="Extra folder of module profile YAML files (also ATCTL_PROFILES).",
                 envvar="ATCTL_PROFILES"),
]
ModuleIdOpt = Annotated[
    str,
    typer.Option("--module", "-m", help="Module profile id (atctl modules).", autocompletion=complete_module_id),
]
DetectedModuleOpt = Annotated[
    str | None,
    typer.Option("--module", "-m", help="Module profile id (detected when omitted).", autocompletion=complete_module_id),
]
TranscriptIdsOpt = Annotated[
    bool,
    typer.Option("--show-ids", help="Do not redact IMEI/IMSI/ICCID in the transcript."),
]
CountryOpt = Annotated[
    list[str],
    typer.Option("--country", "-c", help="ISO 3166-1 alpha-2 code (DE, US, JP); repeatable.",
                 autocompletion=complete_country),
]
ConfigArg = Annotated[
    str,
    typer.Argument(help="Device config YAML (`atctl examples` lists and writes the shipped ones).",
                   autocompletion=complete_config_file),
]


def session_options(force: bool = False) -> dict[str, Any]:
    """Keyword arguments for atctl.at.open_session from the global flags: -v traces every exchange
    on stderr (redacted like a transcript); --force lets --transcript replace an existing file."""
    return {"trace": sys.stderr if verbose() else None, "force": force}


# --- output --------------------------------------------------------------------------------------

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
    """A rich Console, imported lazily (rich costs start-up time). Long lines fold at the width
    instead of ending in an ellipsis: commands, URLs and ids must stay copyable."""
    return _console_class()(stderr=stderr, highlight=False, soft_wrap=False)


_CONSOLE_CLASS: list[type] = []


def _console_class() -> type:
    if not _CONSOLE_CLASS:
        from rich.console import Console

        class AtctlConsole(Console):
            def on_broken_pipe(self) -> None:
                # rich's own handler exits 1; `atctl countries | head -1` is a success (main.py
                # turns BrokenPipeError into exit 0 and silences stdout)
                raise BrokenPipeError

        _CONSOLE_CLASS.append(AtctlConsole)
    return _CONSOLE_CLASS[0]


def plain(text: Any, style: str | None = None):
    """Untrusted text (modem output, user commands, operator names) as a rich Text: shown as is,
    never parsed as markup ('[/x]' neither crashes nor vanishes)."""
    from rich.text import Text

    return Text("" if text is None else str(text), style=style or "")


def line(*parts: Any):
    """A rich Text from (text, style) pairs and plain strings, none parsed as markup."""
    from rich.text import Text

    out = Text()
    for part in parts:
        if isinstance(part, tuple):
            out.append(str(part[0]), style=part[1] or "")
        else:
            out.append(str(part))
    return out


def copyable(text: Any, style: str | None = None):
    """Text a user copies (an AT command, a URL, an id): plain, and folded at the width, not cut."""
    value = plain(text, style)
    value.overflow = "fold"
    value.no_wrap = False
    return value


def warn(message: Any) -> None:
    """A warning on stderr ('warning: ...'), never markup."""
    console(stderr=True).print(line(("warning: ", "yellow"), str(message)))


def note(message: Any) -> None:
    """A note on stderr, silenced by -q/--quiet."""
    if quiet():
        return
    console(stderr=True).print(plain(message, "dim"))


# --- several ports in one call (apply, plan, verify, status, diagnose) ----------------------------
PortsOpt = Annotated[
    list[str] | None,
    typer.Option("--port", "-p", metavar="PORT",
                 help="Device path, pyserial URL (sim://..., rfc2217://host:port, labgrid://PLACE) or auto (the "
                      "default); repeat it, or give labgrid://bench-*, to run on several ports at once.",
                 envvar="ATCTL_PORT"),
]
PortsFileOpt = Annotated[
    str | None,
    typer.Option("--ports", metavar="FILE", help="File listing ports, one per line (# comments); all run at once."),
]


def single_port(port, ports_file, command, params: dict, paths: dict | None = None) -> str:
    """The one port of this call. With several (--port twice, --ports FILE, a labgrid place glob)
    it runs `command` on each at once instead (atctl.cli._fleet) and exits with the highest code."""
    from atctl.errors import InputError
    from atctl.fleet.ports import collect_ports

    given = [port] if isinstance(port, str) else list(port or [])
    if not given and not ports_file:
        given = ["auto"]  # as a single --port: the one likely AT port `atctl ports` finds
    given = [_resolve_port(p) for p in given]
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
