"""`parse_line`: one response line -> Parsed(type, fields), via a prefix registry.

The registry maps a prefix (without + and :) to a parser taking the body after
the colon and a Context. Adding a response = one function + one registry entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from atctl.codecs.fields import lenient
from atctl.codecs.hints import ModuleHints, module_hints
from atctl.codecs.model import Model, Parsed
from atctl.codecs.quectel import qband, qcfg, qcsq, qeng, qnwinfo, qpsms, qptwedrxs
from atctl.codecs.standard import cfun, cgdcont, cops, cpin, cpsms, edrx, registration, signal
from atctl.codecs.standard.errors import parse_error
from atctl.codecs.ublox import nband, nconfig, nuestats, ubandmask, ubandsel, ucpsms, umnoprof, urat
from atctl.errors import InputError


@dataclass(frozen=True, slots=True)
class Context:
    """What a parser may use besides the line: the module's hints (the dialect's, or inferred),
    the command awaiting a reply, and the caller's operator-name lookup."""

    hints: ModuleHints = ModuleHints()
    pending: Any = None
    is_urc: bool | None = None
    names: Callable[[str], str | None] | None = None   # numeric PLMN -> operator name


Parser = Callable[[str, Context], Model]


def _registration(prefix: str) -> Parser:
    def parse(body: str, ctx: Context) -> Model:
        return registration.parse_registration(prefix, body, hints=ctx.hints, is_urc=ctx.is_urc, pending=ctx.pending)
    return parse


def _edrx(prefix: str) -> Parser:
    return lambda body, ctx: edrx.parse_edrx(prefix, body)


PARSERS: dict[str, Parser] = {
    "CEREG": _registration("CEREG"),
    "CGREG": _registration("CGREG"),
    "CREG": _registration("CREG"),
    "CEDRXS": _edrx("CEDRXS"),
    "CEDRXP": _edrx("CEDRXP"),
    "CEDRXRDP": _edrx("CEDRXRDP"),
    "QPTWEDRXS": lambda body, ctx: qptwedrxs.parse_qptwedrxs(body),
    "CPSMS": lambda body, ctx: cpsms.parse_cpsms(body),
    "QPSMS": lambda body, ctx: qpsms.parse_qpsms(body),
    "UCPSMS": lambda body, ctx: ucpsms.parse_ucpsms(body),
    "QCFG": lambda body, ctx: qcfg.parse_qcfg(body, ctx.hints.band_layout),
    "UBANDMASK": lambda body, ctx: ubandmask.parse_ubandmask(body, ctx.hints.ubandmask_rats),
    "QBAND": lambda body, ctx: qband.parse_qband(body),
    "UBANDSEL": lambda body, ctx: ubandsel.parse_ubandsel(body),
    "NBAND": lambda body, ctx: nband.parse_nband(body),
    "NCONFIG": lambda body, ctx: nconfig.parse_nconfig(body),
    "NUESTATS": lambda body, ctx: nuestats.parse_nuestats(body),
    "CFUN": lambda body, ctx: cfun.parse_cfun(body),
    "URAT": lambda body, ctx: urat.parse_urat(body),
    "UMNOPROF": lambda body, ctx: umnoprof.parse_umnoprof(body),
    "QNWINFO": lambda body, ctx: qnwinfo.parse_qnwinfo(body, ctx.names),
    "QENG": lambda body, ctx: qeng.parse_qeng(body),
    "COPS": lambda body, ctx: cops.parse_cops(body, ctx.hints, ctx.names),
    "CSQ": lambda body, ctx: signal.parse_csq(body),
    "CESQ": lambda body, ctx: signal.parse_cesq(body),
    "QCSQ": lambda body, ctx: qcsq.parse_qcsq(body),
    "CGDCONT": lambda body, ctx: cgdcont.parse_cgdcont(body),
    "CPIN": lambda body, ctx: cpin.parse_cpin(body),
    "CME ERROR": lambda body, ctx: parse_error("CME", body),
    "CMS ERROR": lambda body, ctx: parse_error("CMS", body),
}

_LINE = re.compile(r"^\+?\s*([A-Za-z][A-Za-z0-9]*(?: ERROR)?)\s*:(.*)$", re.DOTALL)


def supported_prefixes() -> list[str]:
    return sorted(PARSERS)


def clean_text(line: str) -> str:
    """Text safe to keep and print as JSON: bytes that were not UTF-8 (surrogate escapes from
    argv/stdin, or lone surrogates) become U+FFFD, so no output carries a lone surrogate."""
    if line.isascii():
        return line
    try:
        raw = line.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = line.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "replace")


def split_line(line: str) -> tuple[str, str]:
    """'+CEREG: 1,"71F6"' -> ('CEREG', ' 1,"71F6"'); InputError when there is no prefix."""
    if not isinstance(line, str):
        raise InputError("a response line must be text")
    line = clean_text(line)
    match = _LINE.match(line.strip())
    if not match:
        raise InputError(f"{_short(line)} is not a response line of the form +PREFIX: values",
                         hint=f"supported prefixes: {', '.join(supported_prefixes())}")
    return match.group(1).upper(), match.group(2)


def parse_line(line: str, vendor: str | None = None, pending: Any = None, *, profile: Any = None,
               is_urc: bool | None = None, names: Callable[[str], str | None] | None = None,
               hints: ModuleHints | None = None) -> Parsed:
    """Decode one response line. `pending` is the command awaiting its reply (e.g. "AT+CEREG?"),
    which tells a read reply from a URC; `is_urc` says it directly. `names` maps a numeric PLMN
    to an operator name (atctl.data.plmn_name); without it +COPS/+QNWINFO carry no name.

    `hints` are what the module's dialect knows (Dialect.parse_context(): eMTC/NB-IoT AcT
    numbers, +QCFG band layout, +UBANDMASK RAT numbers); without them they are inferred from
    `profile`, or for a bare line from `vendor` (atctl.codecs.hints.module_hints).

    Optional fields that cannot be read do not fail the line: they are listed in
    `fields["unparsed"]` with one `fields["warnings"]` entry each (DESIGN.md)."""
    line = clean_text(line) if isinstance(line, str) else line
    prefix, body = split_line(line)
    parser = PARSERS.get(prefix)
    if parser is None:
        raise InputError(f"+{prefix} is not a supported response",
                         hint=f"supported prefixes: {', '.join(supported_prefixes())}")
    ctx = Context(hints=module_hints(vendor, profile, hints), pending=pending, is_urc=is_urc, names=names)
    try:
        with lenient() as issues:
            model = parser(body, ctx)
    except InputError:
        raise
    except (ValueError, IndexError, KeyError, TypeError, OverflowError) as exc:
        # defensive: a parser bug on odd input still surfaces as bad input, with the line
        raise InputError(f"+{prefix} line {_short(line)} could not be decoded ({exc})") from None
    fields = model.to_dict()
    if issues:
        fields.update(issues.as_fields())
    return Parsed(type=prefix, fields=fields, model=model)


def _short(line: Any, limit: int = 60) -> str:
    text = repr(line)
    return text if len(text) <= limit else text[: limit - 4] + "...'"
