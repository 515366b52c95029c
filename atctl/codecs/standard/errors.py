"""+CME ERROR / +CMS ERROR final results, numeric (AT+CMEE=1) or verbose (AT+CMEE=2).

The code table lives in atctl.codecs.cme (the AT engine's); this module only reads
the line. A verbose text is mapped back to its code when the table knows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from atctl.errors import InputError
from atctl.codecs.fields import unquote
from atctl.codecs.model import Model


@dataclass(frozen=True, slots=True)
class ErrorResult(Model):
    kind: str           # "CME" or "CMS"
    code: int | None    # None when a verbose text is not in the 27.007/27.005 table
    message: str
    verbose: bool


def parse_error(kind: str, body: str) -> ErrorResult:
    from atctl.codecs.cme import describe

    text = unquote(body)
    if not text:
        raise InputError(f"+{kind} ERROR has no code or text", hint=f"a line looks like +{kind} ERROR: 10")
    code, message = describe(kind, text)
    return ErrorResult(kind=kind, code=code, message=message, verbose=not text.lstrip("-").isdigit())
