"""The console's colon helpers (pure): `:psm 24h 30s` and friends turn intent into the
module's own commands through the same codecs `atctl psm/edrx/bands` use, and hand them
back for the input line, so the user reviews them before pressing Enter."""

from __future__ import annotations

from dataclasses import dataclass, field

from atctl.errors import InputError


@dataclass
class HelperResult:
    insert: list[str] = field(default_factory=list)   # commands to put on the input line, one after the other
    lines: list[str] = field(default_factory=list)    # what to print (plain text)
    action: str | None = None                         # "status": needs the modem


def run_helper(text: str, profile=None, explainer=None) -> HelperResult:
    """`text` starts with ':'. InputError (printed as one line by the console) on bad input."""
    from atctl.console.catalog import HELPERS

    name, _, rest = text.strip().partition(" ")
    name, rest = name.lower(), rest.strip()
    if name in (":help", ":h", ":?"):
        return HelperResult(lines=[f"{n:8} {what}" for n, what in HELPERS.items()] +
                            ["Tab completes commands and parameters; Ctrl-C cancels a running command; Ctrl-D leaves."])
    if name == ":psm":
        return _psm(rest.split(), profile)
    if name == ":edrx":
        return _edrx(rest.split(), profile)
    if name == ":bands":
        return _bands(rest.split(), profile)
    if name == ":decode":
        return _decode(rest, profile, explainer)
    if name == ":status":
        return HelperResult(action="status")
    import difflib

    close = difflib.get_close_matches(name, list(HELPERS), n=1)
    raise InputError(f"unknown helper {name}" + (f" (did you mean {close[0]}?)" if close else ""),
                     hint="type :help for the list")


def _psm(args: list[str], profile) -> HelperResult:
    from atctl.timers.duration import format_duration, parse_duration
    from atctl.codecs.standard.cpsms import encode_cpsms as encode_psm

    if len(args) != 2:
        raise InputError(":psm needs a TAU and an active time", hint="e.g. :psm 24h 30s")
    enc = encode_psm(parse_duration(args[0], what="TAU"), parse_duration(args[1], what="active time"))
    lines = [f"TAU {format_duration(enc.tau.seconds)} (\"{enc.tau.bits}\"), "
             f"active {format_duration(enc.active.seconds)} (\"{enc.active.bits}\")", *enc.warnings]
    if profile is not None and profile.quirks.psm_requires_deregister:
        from atctl.dialects import get_dialect

        reboot = get_dialect(profile).reboot_command or "a reboot"
        lines.append(f"this module applies PSM timers only after AT+COPS=2 (or AT+CFUN=0) and a reboot ({reboot})")
    return HelperResult(insert=[enc.command], lines=lines)


def _edrx(args: list[str], profile) -> HelperResult:
    from atctl.dialects import get_dialect
    from atctl.timers.duration import format_duration, parse_duration
    from atctl.codecs.edrx_request import edrx_commands
    from atctl.timers.edrx import check_rat, encode_edrx, encode_ptw

    if len(args) not in (2, 3):
        raise InputError(":edrx needs a RAT and a cycle, optionally a paging time window",
                         hint="e.g. :edrx lte-m 81.92s or :edrx nb-iot 163.84s 10.24s")
    rat = check_rat(args[0].lower())
    cycle = encode_edrx(rat, parse_duration(args[1], what="eDRX cycle"))
    ptw = encode_ptw(rat, parse_duration(args[2], what="paging time window")) if len(args) == 3 else None
    lines = [f"{rat} cycle {format_duration(cycle.seconds)} (\"{cycle.bits}\")" +
             (f", PTW {format_duration(ptw.seconds)} (\"{ptw.bits}\")" if ptw else ""), *cycle.warnings]
    if ptw is not None:
        lines += list(ptw.warnings)
    if profile is None:  # no module known: the 27.007 form, which has no PTW
        return HelperResult(insert=edrx_commands(rat, cycle.bits), lines=lines)
    dialect = get_dialect(profile)
    if ptw is not None and not dialect.ptw_settable:
        lines.append(f"{profile.id} cannot set the paging time window: only the cycle is sent")
    return HelperResult(insert=dialect.edrx_commands(rat, cycle.bits, ptw.bits if ptw else None), lines=lines)


def _bands(args: list[str], profile) -> HelperResult:
    from atctl.data import get_country
    from atctl.dialects.band_change import band_change

    if not args:
        raise InputError(":bands needs one or more country codes", hint="e.g. :bands DE NL")
    if profile is None:
        raise InputError("the module is not known, so its band mask cannot be computed",
                         hint="start the console with --module ID (atctl modules lists them)")
    countries = [get_country(code.upper()) for code in args]
    rats = [r for r in profile.rats if r in ("lte-m", "nb-iot", "lte", "gsm", "umts")]
    change = band_change(profile, countries, rats)
    commands = change.commands
    lines = [f"{rat}: {', '.join(map(str, b)) or 'no usable band'}" for rat, b in change.bands.items()]
    lines += change.around + change.notes
    if len(commands) > 1:
        lines.append(f"{len(commands)} commands: each comes to the input line after the one before is sent")
    return HelperResult(insert=commands, lines=lines)


def _decode(line: str, profile, explainer) -> HelperResult:
    from atctl.console.explain import Explainer

    if not line:
        raise InputError(":decode needs a response line", hint='e.g. :decode +CEREG: 1,"71F6","14BCB0C",9')
    explainer = explainer or Explainer(profile)
    parsed = explainer.parse(line)
    meaning = explainer.explain(line)
    if parsed is None and not meaning:
        raise InputError(f"{line!r} is not a response line atctl can decode",
                         hint="give a line such as +CEREG: ..., +CEDRXP: ..., +CPSMS: ... or +CME ERROR: ...")
    out = [meaning] if meaning else []
    if parsed is not None:
        out += [f"  {k}: {v}" for k, v in parsed.fields.items() if v not in (None, [], {})]
    return HelperResult(lines=out)
