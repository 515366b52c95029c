"""`atctl sim serve`: the simulated modem on a pty (and RFC 2217 on loopback)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import JsonOpt, emit

app = typer.Typer(add_completion=False, help="The simulated modem (also usable as the pyserial URL sim://<module>?<options>).",
                  no_args_is_help=True)


@app.callback()
def _group() -> None:
    """The simulated modem."""


@app.command()
def serve(
    module: Annotated[str, typer.Option("--module", "-m", help="Module profile id, e.g. quectel-bg95-m3.")] = "quectel-bg95-m3",
    network: Annotated[Optional[str], typer.Option("--network", help="Network scenario (see --list).")] = None,
    option: Annotated[Optional[list[str]], typer.Option("--option", "-o", help="Extra sim option KEY=VALUE (latency=0.05, sim=absent, psm=refuse, ...); repeatable.")] = None,
    rfc2217: Annotated[Optional[int], typer.Option("--rfc2217", help="Also serve RFC 2217 on 127.0.0.1:PORT (0 = any free port).")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List network scenarios and options, then exit.")] = False,
    json: JsonOpt = False,
) -> None:
    """Run a simulated module on a pty until interrupted; any serial client can open it."""
    from atctl.errors import InputError
    from atctl.sim.scenarios import SCENARIOS

    if list_:
        import atctl.sim as sim_pkg

        doc = {"scenarios": {name: s.description for name, s in SCENARIOS.items()}}

        def render() -> None:
            for name, text in doc["scenarios"].items():
                typer.echo(f"{name:14} {text}")
            typer.echo("\n" + (sim_pkg.__doc__ or "").split("Options (query string):")[1].split("Registering")[0].rstrip())

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
    from atctl.sim.pty_server import serve as run

    load_profile(module)
    validate_options(options)  # the same checks as a sim:// URL: a typo is exit 2, not the default network
    try:
        run(module, options, rfc2217, lambda text: typer.echo(text, err=False))
    except ValueError as exc:
        raise InputError(str(exc)) from None
