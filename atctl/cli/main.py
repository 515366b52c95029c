"""Root command: a lazy group so `atctl X` imports only X's module.

The CLI starts on every call (scripts, CI loops), so each sub-command lives in
its own module under atctl.cli and is imported only when invoked. Add a command
by adding one line to COMMANDS.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer
from typer.core import TyperGroup

try:  # typer >= 0.22 vendors click as typer._click; older releases use click itself
    from typer import _click as click
except ImportError:  # pragma: no cover
    import click

# name -> (module, attribute, one-line help shown by `atctl --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "psm": ("atctl.cli.psm", "app", "Encode, decode and list PSM timers (T3412 ext, T3324, T3412)."),
    "edrx": ("atctl.cli.edrx", "app", "Encode, decode and list eDRX cycles and paging time windows."),
    "decode": ("atctl.cli.decode", "app", "Decode one AT response line (+CEREG, +CEDRXP, +QCFG ...)."),
    "bands": ("atctl.cli.bands", "app", "Check module bands against countries; compute band masks."),
    "modules": ("atctl.cli.modules", "app", "List known modules or show one module's profile."),
    "countries": ("atctl.cli.countries", "app", "List countries or show one country's operators and bands."),
    "ports": ("atctl.cli.ports", "app", "List serial ports and mark likely AT ports."),
    "send": ("atctl.cli.send", "app", "Send AT commands and show replies and URCs."),
    "info": ("atctl.cli.info", "app", "Show a module's identity and matched profile."),
    "status": ("atctl.cli.status", "app", "Show registration, operator, band, signal, PSM/eDRX."),
    "plan": ("atctl.cli.configure", "plan_app", "Show the commands that would apply a config file."),
    "apply": ("atctl.cli.configure", "apply_app", "Apply a config file, wait for the network, verify."),
    "verify": ("atctl.cli.configure", "verify_app", "Check a module and its network against a config file."),
    "diagnose": ("atctl.cli.diagnose", "app", "Collect a diagnostics bundle for a support ticket."),
    "sim": ("atctl.cli.sim", "app", "Run the simulated modem on a pty."),
    "capture": ("atctl.cli.capture", "app", "Turn a pasted serial log into a session replay:// plays."),
    "console": ("atctl.cli.console", "app", "Interactive AT terminal that explains every reply and URC."),
    "monitor": ("atctl.cli.monitor", "app", "Live dashboard: registration, signal, PSM/eDRX granted, URCs."),
}


class LazyGroup(TyperGroup):
    """Imports a sub-command's module only when that sub-command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = COMMANDS.get(cmd_name)
        if spec is None:
            return None
        module_name, attr, short_help = spec
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            return None  # command not built yet in this checkout
        command = typer.main.get_command(getattr(module, attr))
        command.name = cmd_name
        if not command.short_help:
            command.short_help = short_help
        return command

    def invoke(self, ctx: click.Context):
        from atctl.errors import AtctlError

        try:
            return super().invoke(ctx)
        except AtctlError as exc:
            report_error(exc.one_line(), exc.exit_code)
        except KeyboardInterrupt:
            report_error("interrupted", 130)
        except BrokenPipeError:  # `atctl ... | head`: the reader left; nothing to report
            import os as _os
            import sys as _sys

            _sys.stdout = open(_os.devnull, "w")
            raise typer.Exit(0)
        except (typer.Exit, typer.Abort, click.ClickException):
            raise
        except Exception as exc:  # last resort: never a traceback for field users
            if os.environ.get("ATCTL_DEBUG"):
                raise
            report_error(
                f"internal error: {type(exc).__name__}: {exc} "
                "(set ATCTL_DEBUG=1 to see the traceback, and please report it)",
                1,
            )


def report_error(message: str, exit_code: int) -> None:
    """One line on stderr (and a JSON error document on stdout in --json mode), then exit."""
    from atctl.cli import _common

    if _common.json_mode():
        _common.print_json({"error": {"message": message, "exit_code": exit_code}})
    typer.echo(f"atctl: error: {message}", err=True)
    raise typer.Exit(exit_code)


app = typer.Typer(
    cls=LazyGroup,
    name="atctl",
    help="Configure cellular IoT modules over AT commands.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        from atctl import __version__

        typer.echo(f"atctl {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Show the version and exit.", is_eager=True,
                                 callback=_show_version, expose_value=False),
) -> None:
    """Configure cellular IoT modules over AT commands."""


def run() -> None:
    """Console-script entry point."""
    command = typer.main.get_command(app)
    command.main(args=sys.argv[1:], prog_name="atctl")
