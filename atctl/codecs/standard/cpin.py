"""+CPIN: SIM state (TS 27.007 8.3)."""

from __future__ import annotations

from dataclasses import dataclass

from atctl.codecs.fields import unquote
from atctl.codecs.model import Model
from atctl.errors import InputError


CPIN_CODES = ("READY", "SIM PIN", "SIM PUK", "PH-SIM PIN", "PH-FSIM PIN", "PH-FSIM PUK", "SIM PIN2", "SIM PUK2",
              "PH-NET PIN", "PH-NET PUK", "PH-NETSUB PIN", "PH-NETSUB PUK", "PH-SP PIN", "PH-SP PUK",
              "PH-CORP PIN", "PH-CORP PUK", "NOT INSERTED", "NOT READY")


@dataclass(frozen=True, slots=True)
class Cpin(Model):
    code: str
    ready: bool
    needs: str | None


def parse_cpin(body: str) -> Cpin:
    code = unquote(body).upper()
    if code not in CPIN_CODES:
        raise InputError(f"+CPIN code {code!r} is not a 27.007 SIM state",
                         hint="expected READY, SIM PIN, SIM PUK, ...")
    return Cpin(code=code, ready=code == "READY", needs=None if code in ("READY", "NOT INSERTED", "NOT READY") else code)


def format_cpin(code: str) -> str:
    """`+CPIN: READY` / `+CPIN: SIM PIN` ... (27.007 8.3); an unknown code is refused."""
    if code.upper() not in CPIN_CODES:
        raise InputError(f"+CPIN code {code!r} is not a 27.007 SIM state", hint="expected READY, SIM PIN, ...")
    return f"+CPIN: {code.upper()}"
