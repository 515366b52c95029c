"""One error hierarchy for the whole library.

The CLI turns every AtctlError into a one-line message on stderr and the
error's exit code (DESIGN.md): 1 operation/check failed, 2 bad input,
3 modem unreachable. Library users catch AtctlError or a subclass.
"""

from __future__ import annotations


class AtctlError(Exception):
    """Base class. `hint` is a short "what to try" sentence, shown after the message."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        text = self.message.rstrip(".")
        if self.hint:
            text += f"; {self.hint.rstrip('.')}"
        text = text.replace("\n", " ")
        return text if text.endswith(("?", "!", ".")) else text + "."


class InputError(AtctlError, ValueError):
    """Bad input from the user: a duration, a bit string, an option value (exit 2)."""

    exit_code = 2


class DataError(InputError):
    """A file the user (or we) supplied is malformed: config, profile, data.

    Carries the file and line so the message can point at it.
    """

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None,
                 field: str | None = None, hint: str | None = None):
        where = ""
        if file:
            where = f"{file}:{line}: " if line else f"{file}: "
        if field:
            where += f"{field}: "
        super().__init__(where + message, hint=hint)
        self.file = file
        self.line = line
        self.field = field


class OperationFailed(AtctlError):
    """The modem or a check said no (exit 1)."""

    exit_code = 1


class ModemError(OperationFailed):
    """The modem answered a command with ERROR / +CME ERROR / +CMS ERROR."""

    def __init__(self, message: str, *, command: str | None = None, code: int | None = None,
                 final: str | None = None, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.command = command
        self.code = code
        self.final = final


class CheckFailed(OperationFailed):
    """A verification found a mismatch (exit 1)."""


class ModemUnreachable(AtctlError):
    """Cannot talk to the modem: port missing/busy, no answer, timeout (exit 3)."""

    exit_code = 3


class ModemTimeout(ModemUnreachable):
    """A command got no final result before its deadline."""

    def __init__(self, message: str, *, command: str | None = None, timeout_s: float | None = None,
                 hint: str | None = None):
        super().__init__(message, hint=hint)
        self.command = command
        self.timeout_s = timeout_s


class Interrupted(AtctlError):
    """The user stopped an operation (Ctrl-C, SIGTERM); the message says what state it left (exit 130)."""

    exit_code = 130
