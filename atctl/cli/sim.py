"""`atctl sim serve`: the simulated modem on a pty (and RFC 2217 on loopback)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import JsonOpt, complete_module_id, complete_scenario, emit

app = typer.Typer(add_completion=False, help="The simulated modem (also usable as the pyserial URL sim://<module>?<options>).",
                  no_args_is_help=True)


@app.callback()
def _group() -> None:
    """The simulated modem."""


def documented_options() -> dict[str, dict[str, str]]:
    """The sim:// options as atctl.sim documents them: {name: {"values": ..., "help": ...}}."""
    import re

    import atctl.sim as sim_pkg

    text = (sim_pkg.__doc__ or "").split("Options (query string):", 1)[-1].split("Registering", 1)[0]
    options: dict[str, dict[str, str]] = {}
    last = None
    for raw in text.splitlines():
        m = re.match(r"^  (\w+)=(\S+)\s+(.*)$", raw)
        if m:
            last = m.group(1)
            options[last] = {"values": m.group(2), "help": m.group(3).strip()}
        elif last and raw.strip() and raw.startswith("    "):
            options[last]["help"] += " " + raw.strip()
    return options


@app.command()
def serve(
    module: Annotated[str, typer.Option("--module", "-m", help="Module profile id, e.g. quectel-bg95-m3.",
                                        autocompletion=complete_module_id)] = "quectel-bg95-m3",
    network: Annotated[Optional[str], typer.Option("--network", help="Network scenario (see --list).",
                                                   autocompletion=complete_scenario)] = None,
    option: Annotated[Optional[list[str]], typer.Option("--option", "-o", help="Extra sim option KEY=VALUE (latency=0.05, sim=absent, psm=refuse, ...); repeatable.")] = None,
    rfc2217: Annotated[Optional[int], typer.Option("--rfc2217", help="Also serve RFC 2217 on 127.0.0.1:PORT (0 = any free port).",
                                                   min=0, max=65535)] = None,
    list_: Annotated[bool, typer.Option("--list", help="List network scenarios and options, then exit.")] = False,
    json: JsonOpt = False,
) -> None:
    """Run a simulated module on a pty until interrupted; any serial client can open it.
    With --json, one JSON document (pty path, RFC 2217 URL) is printed once the ports are open."""
    from atctl.errors import InputError
    from atctl.sim.scenarios import SCENARIOS

    if list_:
        doc = {"scenarios": {name: s.description for name, s in SCENARIOS.items()}, "options": documented_options()}

        def render() -> None:
            from atctl.cli._common import console, plain

            out = console()
            for name, text in doc["scenarios"].items():
                out.print(plain(f"{name:14} {text}"))
            out.print(plain("\nOptions (sim://MODULE?KEY=VALUE&..., or --option KEY=VALUE):"))
            for name, spec in doc["options"].items():
                out.print(plain(f"  {name}={spec['values']}  {spec['help']}"))

        emit(doc, json, render)
        return
    options: dict[str, str] = {}
    for item in option or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise InputError(f"--option {item!r} is not KEY=VALUE", hint="e.g. --option latency=0.05")
        options[key.strip()] = value.strip()
    if network:
        options["network"] = network
    from atctl.profiles import load_profile
    from atctl.sim.options import validate_options

    load_profile(module)
    validate_options(options)  # the same checks as a sim:// URL: a typo is exit 2, not the default network
    try:
        _serve(module, options, rfc2217, json)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _serve(module: str, options: dict[str, str], rfc2217_port: int | None, as_json: bool) -> None:
    """Open the pty (and RFC 2217), say where they are, serve until Ctrl-C or SIGTERM."""
    import signal
    import sys
    import threading
    from atctl.sim.options import build_url
    from atctl.sim.pty_server import PtyServer, Rfc2217Server

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    server = PtyServer(module, options).start()
    rfc = None
    try:
        url = build_url(module, options)
        if rfc2217_port is not None:
            rfc = Rfc2217Server(url, rfc2217_port)
            threading.Thread(target=rfc.serve_forever, daemon=True).start()
        doc = {"module": module, "options": options, "pty": server.path, "sim_url": url,
               "rfc2217": f"rfc2217://127.0.0.1:{rfc.port}" if rfc else None}
        if as_json:
            from atctl.cli._common import print_json

            print_json(doc)
        else:
            typer.echo(f"Simulated {module} on {server.path}")
            if rfc:
                typer.echo(f"RFC 2217 on {doc['rfc2217']}")
            typer.echo("Ctrl-C stops it.")
        sys.stdout.flush()
        try:
            while not stop.wait(3600):  # the bridge threads do the work; this thread waits for a stop
                pass
        except KeyboardInterrupt:
            pass
    finally:
        server.stop()
        if rfc:
            rfc.stop()
