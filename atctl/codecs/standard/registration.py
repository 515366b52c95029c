"""+CREG / +CGREG / +CEREG: network registration (TS 27.007 7.2, 10.1.20, 10.1.22).

Read reply `+CEREG: <n>,<stat>[,...]` and URC `+CEREG: <stat>[,...]` differ only
by the leading `<n>`. With `is_urc` (or a `pending` command) the caller says
which one it is. Without it the line is classified by this rule:

1. one field -> URC (`+CEREG: 5`);
2. first field not a number 0-5 (the only <n> values) -> URC;
3. second field is an unquoted decimal of 1-3 digits that is a known <stat>
   -> read reply (`+CEREG: 2,1,"71F6",...`, `+CREG:002,001,...`);
   anything else there (quoted or hex TAC/LAC, empty) -> URC.

A URC whose <stat> is 0-5 followed by a small number is the one ambiguous case
(`+CEREG: 0,1` is read as n=0, stat=1, as 27.007 intends); pass is_urc to force.

Vendor quirk: SARA-R41x-02B (profile quirk `cereg4_extra_param`) and other
modules seen in the wild (Novatel E362, Quectel BC66) insert one extra parameter
after <tac> in +CEREG. When a +CEREG line holds exactly one field more than its
mode allows (a URC: 5, 7 or 9 fields), that field is taken out as `extra`.

The rule's choice is not final: every layout (read/URC, extra field or not) is
read and the one leaving the fewest unread fields wins, ties to the rule's choice
(`+CGREG:002,0011,"0f0d","14c3"` is a read reply, although its 4-digit <stat>
looks like a LAC). Unread fields go to `unparsed` with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from atctl.errors import InputError
from atctl.codecs.hints import ModuleHints, module_hints
from atctl.codecs.standard.act import rat_of_act
from atctl.codecs.fields import (
    FieldIssues,
    extra_fields,
    field,
    lenient,
    opt_bits,
    opt_hex,
    opt_int,
    opt_str,
    plain,
    quoted,
    reply_line,
    report,
    split_fields,
    to_int,
    unquote,
)
from atctl.codecs.model import Model
from atctl.registration_stat import REGISTERED
from atctl.timers.psm import seconds_of

STAT_TEXT: dict[int, str] = {
    0: "not-registered", 1: "home", 2: "searching", 3: "denied", 4: "unknown", 5: "roaming",
    6: "home-sms-only", 7: "roaming-sms-only", 8: "emergency-only", 9: "home-csfb-not-preferred",
    10: "roaming-csfb-not-preferred", 11: "emergency-bearer-only",
    90: "sim-failure",  # nRF91 extension: UICC failure
}

# Layout after <n>: field names by position (TS 27.007)
LAYOUT: dict[str, tuple[str, ...]] = {
    "CEREG": ("stat", "tac", "ci", "act", "cause_type", "reject_cause", "active_time", "periodic_tau"),
    "CREG": ("stat", "lac", "ci", "act", "cause_type", "reject_cause"),
    "CGREG": ("stat", "lac", "ci", "act", "rac", "cause_type", "reject_cause",
              "active_time", "periodic_rau", "gprs_ready"),
}
# number of fields after <n> that each <n> mode can produce
MAX_FIELDS: dict[str, dict[int, int]] = {
    "CEREG": {0: 1, 1: 1, 2: 4, 3: 6, 4: 8, 5: 8},
    "CREG": {0: 1, 1: 1, 2: 4, 3: 6, 4: 6, 5: 6},
    "CGREG": {0: 1, 1: 1, 2: 5, 3: 7, 4: 10, 5: 10},
}


@dataclass(frozen=True, slots=True)
class Registration(Model):
    type: str
    is_urc: bool
    n: int | None
    stat: int
    stat_text: str
    registered: bool
    tac: str | None          # TAC for +CEREG, LAC for +CREG/+CGREG (hex, upper case)
    ci: str | None
    act: int | None
    rat: str | None
    rac: str | None
    cause_type: int | None
    reject_cause: int | None
    active_time_bits: str | None
    active_time_s: int | None
    periodic_tau_bits: str | None
    periodic_tau_s: int | None
    extra: str | None = None  # vendor parameter inserted after <tac> (SARA-R41x-02B)


def _is_small_decimal(raw: str) -> bool:
    return '"' not in raw and raw.isdigit() and 1 <= len(raw) <= 3


def looks_like_read(values: list[str]) -> bool:
    """The classification rule of the module docstring (no hint given)."""
    if len(values) < 2:
        return False
    first, second = values[0].strip(), values[1].strip()
    if not _is_small_decimal(first) or int(first) > 5:
        return False
    return _is_small_decimal(second) and int(second) in STAT_TEXT


def _pending_is_read(prefix: str, pending: Any) -> bool | None:
    """True/False when the pending command tells read reply vs URC; None when unknown."""
    if pending is None:
        return None
    if isinstance(pending, bool):
        return pending
    text = str(pending).strip().upper().replace(" ", "")
    return text.startswith(f"AT+{prefix}?")


@dataclass(frozen=True, slots=True)
class _Layout:
    """One way to read a line: read reply or URC, and whether a vendor field sits after <tac>."""

    is_urc: bool
    extra_after_tac: bool
    penalty: int = 0  # the extra-field choice the rule did not pick: used only when clearly better


def _layouts(prefix: str, values: list[str], is_urc: bool | None, pending: Any, hints: ModuleHints) -> list[_Layout]:
    """Every plausible layout, the one the classification rule picks first."""
    if is_urc is None:
        read = _pending_is_read(prefix, pending)
        forced = None if read is None else not read
    else:
        forced = is_urc
    if forced is None:
        urc_order = [not looks_like_read(values), looks_like_read(values)]
    else:
        urc_order = [forced]
    layouts = []
    for urc in urc_order:
        preferred = prefix == "CEREG" and _extra_by_rule(values[0 if urc else 1:], urc, values, hints)
        layouts.append(_Layout(urc, preferred))
        if prefix == "CEREG":  # E362, SARA-R41x-02B, BC66: one vendor field after <tac>
            layouts.append(_Layout(urc, not preferred, penalty=1))
    return layouts


def _extra_by_rule(after_n: list[str], urc: bool, values: list[str], hints: ModuleHints) -> bool:
    """The rule: one field more than a mode produces (read: the <n> given; URC: 5, 7 or 9
    fields, which no mode produces), or the module's `cereg_extra_param` (profile quirk)."""
    if urc:
        return len(after_n) in _URC_WITH_EXTRA
    try:
        n = to_int(values[0], "+CEREG", "n")
    except InputError:
        return False
    limit = MAX_FIELDS["CEREG"].get(n, len(LAYOUT["CEREG"]))
    quirk = hints.cereg_extra_param and n == 4
    # the profile quirk says the parameter is there even when trailing fields are omitted
    return (len(after_n) == limit + 1 and len(after_n) >= 4) or (quirk and len(after_n) >= 4 and after_n[2] == "")


_URC_WITH_EXTRA = frozenset(count + 1 for count in MAX_FIELDS["CEREG"].values() if count >= 4)


def _read_layout(prefix: str, values: list[str], layout: _Layout, hints: ModuleHints) -> Registration:
    """The line read in one layout; InputError when the layout cannot hold it at all."""
    p = f"+{prefix}"
    n = None
    if not layout.is_urc:
        if len(values) < 2:
            raise InputError(f"{p} read reply needs <n>,<stat>")
        n = to_int(values[0], p, "n")
        if n not in MAX_FIELDS[prefix]:
            raise InputError(f"{p} field n {n} is not a mode 0-5")
        values = values[1:]
    extra = None
    if layout.extra_after_tac:
        if len(values) < 4:
            raise InputError(f"{p} is too short for a vendor field after <tac>")
        extra = opt_str(values, 2)
        values = values[:2] + values[3:]
    names = LAYOUT[prefix]
    pos = {name: i for i, name in enumerate(names)}
    if field(values, 0) is None:
        raise InputError(f"{p} has no <stat> field")
    stat = to_int(values[0], p, "stat")
    if stat not in STAT_TEXT:
        raise InputError(f"{p} field stat {stat} is not a 27.007 registration state (0-11)")
    # fields past the layout are unread; past the <n> mode's count they are read anyway
    # (Sierra Mercury answers LAC and CI with n=1)
    extra_fields(values, len(names), p)
    area = "tac" if prefix == "CEREG" else "lac"
    act = opt_int(values, pos["act"], p, "act")
    active_bits = opt_bits(values, pos["active_time"], 8, p, "active_time") if "active_time" in pos else None
    tau_key = "periodic_tau" if prefix == "CEREG" else "periodic_rau"
    tau_bits = opt_bits(values, pos[tau_key], 8, p, tau_key) if tau_key in pos else None
    return Registration(
        type=prefix,
        is_urc=layout.is_urc,
        n=n,
        stat=stat,
        stat_text=STAT_TEXT[stat],
        registered=stat in REGISTERED,
        tac=opt_hex(values, pos[area], p, area),
        ci=opt_hex(values, pos["ci"], p, "ci"),
        act=act,
        rat=rat_of_act(act, hints),
        rac=opt_hex(values, pos["rac"], p, "rac") if "rac" in pos else None,
        cause_type=opt_int(values, pos["cause_type"], p, "cause_type"),
        reject_cause=opt_int(values, pos["reject_cause"], p, "reject_cause"),
        active_time_bits=active_bits,
        active_time_s=seconds_of(active_bits, "active"),
        periodic_tau_bits=tau_bits,
        periodic_tau_s=seconds_of(tau_bits, "tau"),
        extra=extra,
    )


def parse_registration(prefix: str, body: str, *, hints: ModuleHints = ModuleHints(),
                       is_urc: bool | None = None, pending: Any = None) -> Registration:
    """Try every layout (read/URC, with or without a vendor field after <tac>) and keep the
    one that leaves the fewest fields unread; ties go to the classification rule's choice.
    Unread fields are reported (unparsed + warning under `lenient`, InputError otherwise)."""
    values = split_fields(body)
    if not values or not values[0]:
        raise InputError(f"+{prefix} has no <stat> field")
    best: tuple[Registration, FieldIssues, int] | None = None
    first_error: InputError | None = None
    for layout in _layouts(prefix, values, is_urc, pending, hints):
        try:
            with lenient() as issues:
                reg = _read_layout(prefix, values, layout, hints)
        except InputError as exc:
            first_error = first_error or exc
            continue
        score = len(issues) + layout.penalty
        if best is None or score < best[2]:
            best = (reg, issues, score)
        if score == 0:
            break
    if best is None:
        assert first_error is not None
        raise first_error
    reg, issues, _ = best
    for (name, raw), warning in zip(issues.unparsed.items(), issues.warnings):
        report(name, raw, warning)
    return reg


def parse_cereg(line: str, vendor: str | None = None, profile: Any = None, *, is_urc: bool | None = None,
                pending: Any = None, hints: ModuleHints | None = None) -> Registration:
    return parse_registration("CEREG", _body(line, "CEREG"), hints=module_hints(vendor, profile, hints),
                              is_urc=is_urc, pending=pending)


def parse_creg(line: str, vendor: str | None = None, profile: Any = None, *, is_urc: bool | None = None,
               pending: Any = None, hints: ModuleHints | None = None) -> Registration:
    return parse_registration("CREG", _body(line, "CREG"), hints=module_hints(vendor, profile, hints),
                              is_urc=is_urc, pending=pending)


def parse_cgreg(line: str, vendor: str | None = None, profile: Any = None, *, is_urc: bool | None = None,
                pending: Any = None, hints: ModuleHints | None = None) -> Registration:
    return parse_registration("CGREG", _body(line, "CGREG"), hints=module_hints(vendor, profile, hints),
                              is_urc=is_urc, pending=pending)


def _body(line: str, prefix: str) -> str:
    text = line.strip()
    head, sep, rest = text.partition(":")
    if not sep or unquote(head).lstrip("+").upper() != prefix:
        raise InputError(f"not a +{prefix} line: {line!r}", hint=f"it should start with +{prefix}:")
    return rest


__all__ = ["Registration", "STAT_TEXT", "parse_registration", "parse_cereg", "parse_creg", "parse_cgreg",
           "looks_like_read"]


# ---------------------------------------------------------------- replies (the simulator's side)

_QUOTED = {"tac", "lac", "ci", "rac", "active_time", "periodic_tau", "periodic_rau", "gprs_ready"}


def format_registration(prefix: str, stat: int, *, n: int | None = None, extra_after_tac: bool = False,
                        extra: str | None = None, **values: object) -> str:
    """A +CREG/+CGREG/+CEREG line: the read reply with `n`, the URC without it (27.007 7.2,
    10.1.20, 10.1.22). `values` are the LAYOUT fields after <stat> by name (tac/lac, ci, act,
    rac, cause_type, reject_cause, active_time, periodic_tau/periodic_rau, gprs_ready): strings
    quoted, numbers bare, trailing empty fields dropped. `extra_after_tac` inserts the vendor
    field after <tac> (SARA-R41x-02B, profile quirk cereg4_extra_param), `extra` its value."""
    names = LAYOUT[prefix][1:]
    unknown = set(values) - set(names)
    if unknown:
        raise InputError(f"+{prefix} has no field {', '.join(sorted(unknown))}",
                         hint=f"fields: {', '.join(names)}")
    fields = [str(stat)] + [(quoted if name in _QUOTED else plain)(values.get(name)) for name in names]
    while len(fields) > 1 and fields[-1] == "":
        fields.pop()
    if extra_after_tac and len(fields) > 2:
        fields.insert(2, quoted(extra))
    return reply_line(prefix, ([str(n)] if n is not None else []) + fields)


def format_registration_model(reg: Registration, extra_after_tac: bool | None = None) -> str:
    """The line a parsed Registration came from (modulo spacing and quoting). `extra_after_tac`
    None: the vendor field is printed when the model has one (an empty one leaves no trace)."""
    area = "tac" if reg.type == "CEREG" else "lac"
    tau = "periodic_tau" if reg.type == "CEREG" else "periodic_rau"
    values: dict[str, object] = {area: reg.tac, "ci": reg.ci, "act": reg.act, "cause_type": reg.cause_type,
                                 "reject_cause": reg.reject_cause}
    if reg.type == "CGREG":
        values["rac"] = reg.rac
    if reg.type != "CREG":
        values.update({"active_time": reg.active_time_bits, tau: reg.periodic_tau_bits})
    return format_registration(reg.type, reg.stat, n=None if reg.is_urc else reg.n,
                               extra_after_tac=reg.extra is not None if extra_after_tac is None else extra_after_tac,
                               extra=reg.extra, **values)
