"""`atctl console --port P`: an interactive AT terminal that explains every reply and URC.

Built on prompt_toolkit rather than the standard library's readline because the console
needs three things readline does not give: completion with a description beside each
choice (RAT numbers, bit strings), printing from another thread *above* the prompt
without breaking the line being typed (URCs arrive at any time), and key bindings that
work the same on Linux, macOS and Windows terminals (Ctrl-C cancels the running command
instead of leaving). Persistent history comes with it (FileHistory).
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import (BaudOpt, DetectedModuleOpt, ForceOpt, PortOpt, ProfilesOpt, TranscriptIdsOpt,
                               TranscriptOpt)

app = typer.Typer(add_completion=False)

DIM = "fg:ansibrightblack"      # the meaning line under every reply and URC
STYLES = {"ok": "fg:ansigreen", "error": "fg:ansired", "urc": "fg:ansicyan", "note": "fg:ansiyellow"}


@app.command()
def console(
    port: PortOpt,
    baud: BaudOpt = 115200,
    module: DetectedModuleOpt = None,
    profiles: ProfilesOpt = None,
    transcript: TranscriptOpt = None,
    force: ForceOpt = False,
    show_ids: TranscriptIdsOpt = False,
    history: Annotated[Optional[str], typer.Option(
        "--history", help="History file (default $XDG_STATE_HOME/atctl/console_history).")] = None,
) -> None:
    """Type AT commands with history and Tab completion; every reply and URC is explained below it."""
    import sys

    from atctl.errors import InputError

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError("atctl console needs an interactive terminal",
                         hint="for scripts use atctl send --port P 'AT+...' (add --json)")
    try:
        import prompt_toolkit  # noqa: F401
    except ImportError:
        raise InputError("atctl console needs prompt_toolkit", hint="pip install 'prompt_toolkit>=3.0.36'") from None
    from atctl.profiles import load_profile

    profile = load_profile(module, profiles) if module else None
    Console(port, baud=baud, profile=profile, transcript=transcript, show_ids=show_ids, force=force,
            history=history).run()


class Console:
    def __init__(self, port: str, *, baud: int, profile, transcript, show_ids: bool, force: bool, history: str | None):
        from atctl.cli._modem_link import ModemLink

        self.port = port
        self.link = ModemLink(port, baud=baud, transcript=transcript, show_ids=show_ids, force=force, profile=profile,
                              on_urc=self._urc_from_worker,
                              on_dead=lambda exc: self.loop and self._post(self._show_dead, exc),
                              on_busy=lambda busy: self.loop and self._post(self._invalidate))
        self.history_file = history
        self.pending: list[str] = []          # helper commands waiting for the input line
        self.loop = None
        self.app = None
        self.explainer = None
        self._real_line: str | None = None    # the unmasked command behind a masked input line

    # ---- start ----------------------------------------------------------------------
    def run(self) -> None:
        import asyncio

        from atctl.console.explain import Explainer

        self.link.open()                     # errors (no port, silent module) before the UI
        self.explainer = Explainer(self.link.profile)
        try:
            asyncio.run(self._main())
        finally:
            self.link.close()
        if self.link.dead is not None:   # the link died under the console: exit 3, not a clean leave
            from atctl.cli._modem_link import raise_lost

            raise_lost(self.link.dead)

    def _session(self):
        from prompt_toolkit import PromptSession
        from prompt_toolkit.key_binding import KeyBindings

        bindings = KeyBindings()

        @bindings.add("c-c")
        def _cancel(event) -> None:
            cancelled = self.link.cancel()
            if cancelled:
                self.print_lines([(STYLES["note"], f"cancelling {cancelled} ...")])
            else:
                event.app.current_buffer.reset()   # like a shell: Ctrl-C drops the line typed so far

        @bindings.add("enter")
        def _enter(event) -> None:
            buffer = event.app.current_buffer
            if buffer.complete_state is not None and buffer.complete_state.current_completion is not None:
                buffer.apply_completion(buffer.complete_state.current_completion)
                return
            from atctl.console.history import safe_for_history

            text = buffer.text
            masked = safe_for_history(text)
            if masked != text.strip():
                # the PIN never reaches the screen (the accepted line stays visible), the history or the transcript
                self._real_line = text.strip()
                buffer.text = masked
            else:
                self._real_line = None
            buffer.validate_and_handle()

        return PromptSession(history=self._history(), completer=self._completer(), key_bindings=bindings,
                             complete_while_typing=False, bottom_toolbar=self._toolbar, enable_history_search=True)

    def _history(self):
        from pathlib import Path

        from prompt_toolkit.history import FileHistory

        from atctl.console.history import history_path, safe_for_history

        class MaskedHistory(FileHistory):
            def store_string(self, string: str) -> None:
                super().store_string(safe_for_history(string))

        path = Path(self.history_file) if self.history_file else history_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.touch(mode=0o600, exist_ok=True)
            return MaskedHistory(str(path))
        except OSError:
            from prompt_toolkit.history import InMemoryHistory

            self._history_problem = f"history is not kept: cannot write {path}"
            return InMemoryHistory()

    def _completer(self):
        from prompt_toolkit.completion import Completer, Completion

        from atctl.console import catalog

        profile = self.link.profile
        commands = catalog.commands(getattr(profile, "dialect", None))

        class AtCompleter(Completer):
            def get_completions(self, document, complete_event):
                text = document.text_before_cursor
                for value, meta in _choices(text, commands, profile):
                    yield Completion(value, start_position=-len(text), display_meta=meta)

        return AtCompleter()

    def _toolbar(self):
        module = getattr(self.link.profile, "id", None) or "unknown module"
        busy = self.link.busy
        state = f"running {busy}: Ctrl-C cancels" if busy else "Tab completes, :help for helpers, Ctrl-D leaves"
        return [("", f" {module} on {self.port} | {state} ")]

    # ---- the loop -------------------------------------------------------------------
    async def _main(self) -> None:
        import asyncio

        from prompt_toolkit.patch_stdout import patch_stdout

        self.loop = asyncio.get_running_loop()
        session = self._session()
        self.app = session.app
        module = getattr(self.link.profile, "id", None)
        self.print_lines([(DIM, f"atctl console on {self.port} ({module or 'module not recognised: pass --module'}); "
                                ":help lists the helpers")])
        if getattr(self, "_history_problem", None):
            self.print_lines([(STYLES["note"], self._history_problem)])
        with patch_stdout(raw=True):
            while True:
                default = self.pending.pop(0) if self.pending else ""
                try:
                    text = await session.prompt_async("AT> ", default=default)
                except EOFError:       # Ctrl-D
                    break
                except KeyboardInterrupt:
                    continue
                real, self._real_line = (self._real_line or text.strip()), None
                if self.link.dead is not None:
                    self.print_lines([(STYLES["error"], f"the port closed: {self.link.dead}")])
                    break
                if real:
                    self._submit(real, shown=text.strip())

    def _submit(self, text: str, shown: str) -> None:
        from atctl.errors import AtctlError

        try:
            if text.startswith(":"):
                self._helper(text)
                return
            from atctl.command_text import check_single_command

            check_single_command(text)
        except AtctlError as exc:
            self.print_lines([(STYLES["error"], exc.one_line())])
            return
        self.explainer.sent(text)
        self.link.submit("command", text, done=lambda result, error: self._post(self._show_reply, shown, result, error))
        self._invalidate()

    def _helper(self, text: str) -> None:
        from atctl.console.helpers import run_helper

        result = run_helper(text, self.link.profile, self.explainer)
        self.print_lines(*[[(DIM, line)] for line in result.lines])
        self.pending.extend(result.insert)
        if result.action == "status":
            from atctl.device.network import read_network_state

            self.link.submit("call", read_network_state,
                             done=lambda result, error: self._post(self._show_status, result, error))

    # ---- output (always on the event loop's thread) -------------------------------------
    def _post(self, func, *args) -> None:
        self.loop.call_soon_threadsafe(func, *args)

    def _invalidate(self) -> None:
        if self.app is not None:
            self.app.invalidate()

    def print_lines(self, *lines) -> None:
        """Each line a list of (style, text); text is never read as markup (FormattedText tuples)."""
        from prompt_toolkit import print_formatted_text
        from prompt_toolkit.formatted_text import FormattedText

        fragments = []
        for line in lines:
            fragments += list(line) + [("", "\n")]
        if fragments:
            print_formatted_text(FormattedText(fragments), end="")

    def _meaning(self, line: str, pending: str | None = None, is_urc: bool | None = None) -> list:
        meaning = self.explainer.explain(line, pending=pending, is_urc=is_urc)
        return [[(DIM, f"    = {meaning}")]] if meaning else []

    def _urc_from_worker(self, line: str) -> None:
        if self.loop is not None:
            self._post(self._show_urc, line)

    def _show_urc(self, line: str) -> None:
        self.print_lines([(STYLES["urc"], "URC "), ("", line)], *self._meaning(line, is_urc=True))

    def _show_dead(self, exc: BaseException) -> None:
        text = exc.one_line() if hasattr(exc, "one_line") else f"{type(exc).__name__}: {exc}"
        self.print_lines([(STYLES["error"], f"{text}; Ctrl-D leaves")])

    def _show_reply(self, command: str, response, error) -> None:
        from atctl.cli._modem_link import Cancelled

        self._invalidate()
        if isinstance(error, Cancelled) and not error.sent:
            self.print_lines([(STYLES["note"], f"cancelled {command} before it was sent")])
            return
        if isinstance(error, Cancelled):
            self.print_lines([(STYLES["note"], f"cancelled {command}; the module may still be working on it: "
                                               "a late reply is shown as it arrives")])
            return
        if error is not None:
            text = error.one_line() if hasattr(error, "one_line") else f"{type(error).__name__}: {error}"
            self.print_lines([(STYLES["error"], text)])
            return
        out = []
        for line in response.lines:
            out.append([("", line)])
            out += self._meaning(line, pending=command)
        final_style = STYLES["ok"] if response.ok else STYLES["error"]
        out.append([(final_style, response.final or "")])
        if not response.ok:
            out += self._meaning(response.final or "")
        self.print_lines(*out)

    def _show_status(self, state, error) -> None:
        if error is not None:
            self.print_lines([(STYLES["error"], error.one_line() if hasattr(error, "one_line") else str(error))])
            return
        from atctl.status_view import edrx_text, psm_text, signal_text, sim_text

        reg = state.registration
        op = state.operator
        rows = [("SIM", sim_text(state.sim_card)), ("registration", reg.stat_text or "unknown"),
                ("operator", " ".join(str(x) for x in (op.name, op.mcc_mnc) if x) or "-"),
                ("RAT / band", f"{state.rat or '-'} / {('B' + str(state.band)) if state.band else '-'}"),
                ("signal", signal_text(state.signal)), ("PSM", psm_text(state.psm)), ("eDRX", edrx_text(state.edrx))]
        self.print_lines(*[[(DIM, f"{label:13}"), ("", value)] for label, value in rows])


def _choices(text: str, commands: dict[str, str], profile) -> list[tuple[str, str]]:
    """(whole-line completion, description) for the text before the cursor."""
    from atctl.console import catalog

    upper = text.upper()
    if text.startswith(":"):
        name, sep, rest = text.partition(" ")
        if not sep:
            return [(n, what) for n, what in catalog.HELPERS.items() if n.startswith(name.lower())]
        if name == ":edrx" and " " not in rest:
            rats = [r for r in (getattr(profile, "rats", None) or ["lte-m", "nb-iot"]) if r in ("lte-m", "nb-iot")]
            return [(f":edrx {r} ", "radio technology") for r in rats if r.startswith(rest.lower())]
        if name == ":bands":
            from atctl.data import load_countries

            done, _, word = rest.rpartition(" ")
            head = f":bands {done + ' ' if done else ''}"
            return [(head + cc, c.name) for cc, c in sorted(load_countries().items())
                    if cc.startswith(word.upper()) and cc not in done.upper().split()][:40]
        return []
    if "=" in text and not upper.startswith("AT+COPS=?"):
        head, _, arg = text.partition("=")
        out = []
        for value, meta in catalog.parameters(head + "=", profile):
            if value.upper().startswith(arg.upper()):
                out.append((f"{head}={value}", meta))
        return out
    return [(cmd, what) for cmd, what in commands.items() if cmd.upper().startswith(upper)]
