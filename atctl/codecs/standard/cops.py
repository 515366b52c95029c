"""+COPS: operator selection read and test replies (TS 27.007 7.3)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from atctl.codecs.fields import opt_int, opt_str, operator_name, plain, quoted, reply_line, req_int, split_fields
from atctl.codecs.model import Model
from atctl.codecs.hints import ModuleHints
from atctl.codecs.standard.act import rat_of_act
from atctl.errors import InputError


COPS_FORMATS = {0: "long", 1: "short", 2: "numeric"}


COPS_MODES = {0: "automatic", 1: "manual", 2: "deregistered", 3: "set-format", 4: "manual-automatic"}


COPS_NETWORK_STAT = {0: "unknown", 1: "available", 2: "current", 3: "forbidden"}


@dataclass(frozen=True, slots=True)
class Cops(Model):
    mode: int
    mode_text: str | None
    format: int | None
    operator: str | None
    operator_name: str | None
    act: int | None
    rat: str | None


@dataclass(frozen=True, slots=True)
class CopsNetwork(Model):
    stat: int | None
    stat_text: str | None
    long: str | None
    short: str | None
    numeric: str | None
    act: int | None
    rat: str | None


@dataclass(frozen=True, slots=True)
class CopsList(Model):
    networks: list[CopsNetwork]
    modes: str | None
    formats: str | None


_GROUP = re.compile(r'\((?:[^()"]|"[^"]*")*\)')


# Some firmware (Sony Ericsson TM-506, Ericsson F3607gw; ModemManager's tests) closes the
# group before the AcT: (2,"T - Mobile","T - Mobile","310260"),2)
_STRAY_ACT = re.compile(r"\s*,\s*([0-9]{1,2})\s*\)")


def parse_cops(body: str, hints: ModuleHints = ModuleHints(),
               names: Callable[[str], str | None] | None = None) -> Cops | CopsList:
    if body.strip().startswith("(") or body.strip().startswith(",,"):
        return _parse_cops_list(body, hints)
    values = split_fields(body)
    mode = req_int(values, 0, "+COPS", "mode")
    fmt = opt_int(values, 1, "+COPS", "format")
    oper = opt_str(values, 2)
    act = opt_int(values, 3, "+COPS", "act")
    numeric = oper if fmt == 2 else None
    return Cops(mode=mode, mode_text=COPS_MODES.get(mode), format=fmt, operator=oper,
                operator_name=operator_name(numeric, names) if numeric else (oper if fmt in (0, 1) else None),
                act=act, rat=rat_of_act(act, hints))


def _parse_cops_list(body: str, hints: ModuleHints) -> CopsList:
    networks: list[CopsNetwork] = []
    ranges: list[str] = []
    for match in _GROUP.finditer(body):
        inner = match.group(0)[1:-1]
        values = split_fields(inner)
        if len(values) >= 4 and any('"' in v for v in values):
            stray = _STRAY_ACT.match(body, match.end()) if len(values) == 4 else None
            if stray:
                values.append(stray.group(1))
            act = opt_int(values, 4, "+COPS", "act")
            stat = opt_int(values, 0, "+COPS", "stat")
            networks.append(CopsNetwork(stat=stat, stat_text=COPS_NETWORK_STAT.get(stat) if stat is not None else None,
                                        long=opt_str(values, 1), short=opt_str(values, 2), numeric=opt_str(values, 3),
                                        act=act, rat=rat_of_act(act, hints)))
        else:
            ranges.append(inner.replace(" ", ""))
    if not networks and not ranges:
        raise InputError("+COPS test reply holds no (stat,long,short,numeric[,AcT]) group",
                         hint='a reply looks like +COPS: (2,"Telekom.de","TDG","26201",7),,(0-4),(0-2)')
    return CopsList(networks=networks, modes=ranges[0] if ranges else None,
                    formats=ranges[1] if len(ranges) > 1 else None)


def format_cops(mode: int, format: int | None = None, operator: str | None = None, act: int | None = None) -> str:
    """The AT+COPS? reply `+COPS: <mode>[,<format>,"<oper>"[,<AcT>]]` (27.007 7.3)."""
    return reply_line("COPS", [str(mode), plain(format), quoted(operator), plain(act)])


def format_cops_list(networks: Iterable[tuple[int, str, str, str, int | None]], modes: str = "(0-4)",
                     formats: str = "(0-2)") -> str:
    """The AT+COPS=? reply: `(stat,"long","short","numeric"[,AcT])` groups, then `,,(modes),(formats)`."""
    groups = [f'({stat},"{long}","{short}","{numeric}"' + (f",{act})" if act is not None else ")")
              for stat, long, short, numeric, act in networks]
    return f"+COPS: {','.join(groups)},,{modes},{formats}"
