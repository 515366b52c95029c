"""Root command: a lazy group so `atctl X` imports only X's module.

The CLI starts on every call (scripts, CI loops), so each sub-command lives in
its own module under atctl.cli and is imported only when invoked. Add a command
by adding one line to COMMANDS.

Every way out goes through `LazyGroup.main`: a usage error is one line on
stderr and exit 2 (plus a JSON error document with --json), never click's
boxed panel, and a command that did not run never exits 0.
"""

from __future__ import annotations

import importlib
import os
import sys

import typer
from typer.core import TyperGroup

try:  # typer >= 0.22 vendors click as typer._click; older releases use click itself
    from typer import _click as click
except ImportError:  # pragma: no cover - depends on the installed typer
    import click

# The lowest typer atctl runs on (pyproject.toml declares the same floor; a test keeps them equal).
# With a current click (8.3+): typer < 0.16 turns every bool flag's default into the string
# 'False', which is truthy, so the eager --version callback fired on every call and `atctl apply`
# printed the version and exited 0 without applying anything; typer 0.16/0.17 pass None for a
# missing required option instead of refusing it. 0.18 is the first release that passes the suite.
TYPER_FLOOR = (0, 18)

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
    "plan": ("atctl.cli.plan_apply_verify", "plan_app", "Show the commands that would apply a config file."),
    "apply": ("atctl.cli.plan_apply_verify", "apply_app", "Apply a config file, wait for the network, verify."),
    "verify": ("atctl.cli.plan_apply_verify", "verify_app", "Check a module and its network against a config file."),
    "diagnose": ("atctl.cli.diagnose", "app", "Collect a diagnostics bundle for a support ticket."),
    "sim": ("atctl.cli.sim", "app", "Run the simulated modem on a pty."),
    "power": ("atctl.cli.power", "app", "Estimate battery life from PSM/eDRX timers, traffic and module figures."),
    "capture": ("atctl.cli.capture", "app", "Turn a pasted serial log into a session replay:// plays."),
    "examples": ("atctl.cli.examples", "app", "List the shipped example configs or write one to a file."),
    "data": ("atctl.cli.data", "app", "Your band observations: list them, export them for contribution."),
    "console": ("atctl.cli.console", "app", "Interactive AT terminal that explains every reply and URC."),
    "monitor": ("atctl.cli.monitor", "app", "Live dashboard: registration, signal, PSM/eDRX granted, URCs."),
}


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split(".")[:2]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def runtime_problem() -> str | None:
    """A sentence when the installed typer cannot parse options correctly (else None)."""
    found = getattr(typer, "__version__", "0")
    if _version_tuple(found) < TYPER_FLOOR:
        floor = ".".join(map(str, TYPER_FLOOR))
        return (f"typer {found} is too old for atctl (it misreads every option); "
                f"install typer>={floor}: pip install 'typer>={floor}'")
    return None


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
        _port_defaults_to_auto(command)
        command.name = cmd_name
        if not command.short_help:
            command.short_help = short_help
        return command

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """click's main without its boxed error panel: every exit follows the error contract."""
        args = list(sys.argv[1:] if args is None else args)
        if not standalone_mode:
            return super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                standalone_mode=False, **extra)
        from atctl.cli import _common

        _common.reset_state()
        if "--json" in args:  # usage errors come before the --json callback runs
            _common._state["json"] = True
        problem = runtime_problem()
        if problem:
            _report(problem, 1)
        try:
            result = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                  standalone_mode=False, **extra)
        except _NoArgsIsHelp as exc:  # click >= 8.2: `atctl` alone shows the help (typer printed it)
            if exc.format_message().strip():
                typer.echo(exc.format_message())
            sys.exit(exc.exit_code)
        except click.exceptions.UsageError as exc:
            _report(_usage_line(exc, self, args), 2)
        except click.exceptions.ClickException as exc:
            _report(exc.format_message(), exc.exit_code)
        except typer.Abort:
            _report("aborted", 1)
        except OSError as exc:
            import errno

            if exc.errno != errno.EPIPE:
                raise
            _quiet_stdout()
            sys.exit(0)
        # typer returns an Exit's code in non-standalone mode, and the command's value otherwise
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: click.Context):
        from atctl.errors import AtctlError

        try:
            return super().invoke(ctx)
        except AtctlError as exc:
            report_error(exc.one_line(), exc.exit_code)
        except KeyboardInterrupt:
            report_error("interrupted", 130)
        except BrokenPipeError:  # `atctl ... | head`: the reader left; nothing to report
            _quiet_stdout()
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


def _port_defaults_to_auto(command) -> None:
    """A required --port becomes optional: without it (and without ATCTL_PORT) it is `auto`,
    which _common.PortOpt's callback resolves. Those commands declare `port: PortOpt` without a
    default (an Annotated option cannot carry one), so the default is set on the built click
    option; a command that declares its own default (e.g. None: another source) keeps it."""
    for param in getattr(command, "params", []):
        if param.name == "port" and param.required:
            param.required = False
            param.default = "auto"
    for sub in getattr(command, "commands", {}).values():
        _port_defaults_to_auto(sub)


_NoArgsIsHelp = getattr(click.exceptions, "NoArgsIsHelpError", ())


def _usage_line(exc: click.exceptions.UsageError, root: click.Command, args: list[str]) -> str:
    """click's message on one line, plus the help of the command the user was typing."""
    message = " ".join(exc.format_message().split())
    path = exc.ctx.command_path if exc.ctx is not None else "atctl"
    if exc.ctx is None or exc.ctx.parent is None:
        # an error while a sub-command parses its options is raised in the root's context
        names, command = [], root
        for arg in args:
            sub = getattr(command, "commands", None)
            if arg.startswith("-") or not (arg in COMMANDS if command is root else sub and arg in sub):
                continue
            names.append(arg)
            command = root.get_command(None, arg) if command is root else sub[arg]
            if not hasattr(command, "commands"):
                break
        path = " ".join(["atctl", *names])
    return f"{message.rstrip('.')}; see `{path} --help`"


def _quiet_stdout() -> None:
    """The reader of stdout left (`| head`): drop whatever is still buffered."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (tests): replacing the object is enough
        pass
    sys.stdout = open(os.devnull, "w")


def _report(message: str, exit_code: int) -> None:
    try:
        report_error(message, exit_code)
    except typer.Exit:
        sys.exit(exit_code)


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
    add_completion=True,  # typer's own --install-completion / --show-completion
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value) -> None:
    if value is not True:  # only the flag itself; never a default typer failed to convert
        return
    from atctl import __version__
    from atctl.data import dataset_info

    info = dataset_info()
    typer.echo(f"atctl {__version__} (Apache-2.0)")
    typer.echo(f"data: {info['attribution']} (as of {info['as_of']}); `atctl countries --sources` for details")
    raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Show the version and the data sources, and exit.",
                                 is_eager=True, callback=_show_version, expose_value=False),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Trace every exchange with the modem on stderr (redacted)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only results and errors (no progress, notes or warnings)."),
) -> None:
    """Configure cellular IoT modules over AT commands."""
    from atctl.cli import _common

    if verbose is True and quiet is True:
        raise typer.BadParameter("--verbose and --quiet exclude each other", param_hint="-v/-q")
    _common._state["verbose"] = verbose is True
    _common._state["quiet"] = quiet is True


def run() -> None:
    """Console-script entry point."""
    command = typer.main.get_command(app)
    command.main(args=sys.argv[1:], prog_name="atctl")
