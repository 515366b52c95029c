"""`atctl bands check | mask | decode`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import CountryOpt, JsonOpt, ModuleIdOpt, ProfilesOpt, Rat, complete_module_id, emit

app = typer.Typer(add_completion=False, help="Check module bands against countries; compute and decode band masks.", no_args_is_help=True)

ModuleOpt = ModuleIdOpt
RatOpt = Annotated[Optional[list[Rat]], typer.Option("--rat", help="Radio access technology; repeatable (default: the module's).")]
VERDICT_STYLE = {"full": "green", "partial": "yellow", "none": "red", "not-deployed": "dim"}


def _inputs(module: str, countries: list[str], rats: list[str] | None, profiles: str | None):
    from atctl.data import get_country
    from atctl.errors import InputError
    from atctl.profiles import load_profile
    from atctl.profiles.model import RATS

    profile = load_profile(module, profiles)
    rats = [str(rat) for rat in rats] if rats else None  # plain strings for the library
    for rat in rats or []:
        if rat not in RATS:
            raise InputError(f"unknown RAT {rat!r}", hint=f"use one of {', '.join(RATS)}")
    return profile, [get_country(c) for c in countries], list(rats or profile.rats)


@app.command()
def check(module: ModuleOpt, country: CountryOpt, rat: RatOpt = None, profiles: ProfilesOpt = None,
          json: JsonOpt = False) -> None:
    """Per country, operator and RAT: network bands, usable bands, missing bands, verdict.
    Exit 1 when a country has no usable band on any requested RAT."""
    from atctl.bands.coverage import check as run_check
    from atctl.observations import load_index_quietly

    profile, countries, rats = _inputs(module, country, rat, profiles)
    observed, problem = load_index_quietly()  # bands seen on the user's own devices
    report = run_check(profile, countries, rats, observed)
    if problem:
        report.warnings.append(problem)
    doc = report.as_dict()
    emit(doc, json, lambda: _render_check(doc))
    if not report.ok:
        raise typer.Exit(1)


def _render_check(doc: dict) -> None:
    from rich.table import Table

    from atctl.cli._common import warn

    from atctl.cli._common import console, line, plain

    out = console()
    notes: list[str] = []
    for country in doc["countries"]:
        table = Table(title=plain(f"{country['name']} ({country['country']}) — {doc['module']}"), title_justify="left")
        for col in ("RAT", "verdict", "usable", "missing", "operators"):
            table.add_column(col, overflow="fold")
        for rat, cov in country["rats"].items():
            style = VERDICT_STYLE[cov["verdict"]]
            ops = "; ".join(_operator_cell(op) for op in cov["operators"] if op["verdict"] != "not-deployed") or "-"
            shown = "no data" if cov.get("no_data") else cov["verdict"]  # JSON keeps the contract's verdict
            table.add_row(rat, line((shown, style), " ~" if cov["derived"] else ""),
                          " ".join(map(str, cov["usable_bands"])) or "-", " ".join(map(str, cov["missing_bands"])) or "-",
                          plain(ops))
            notes += [w for w in cov["warnings"] if w not in notes]
        out.print(table)
    for note in notes:
        out.print(line(("note: ", "yellow"), note))
    for warning in doc["warnings"]:
        warn(warning)
    out.print(plain("~ rests on derived bands (IoT from LTE bands, 2G/3G the region's usual ones); seen: bands "
                    "your own modules registered on (atctl data observations); GSM in MHz. Sources: --json.", "dim"))


def _operator_cell(op: dict) -> str:
    seen = [b for b, how in op.get("evidence", {}).items() if how == "observed"]
    derived_left = op["derived"] and any(op["evidence"].get(b, "derived") == "derived" for b in op["network_bands"])
    text = f"{op['name']}: {op['verdict']}" + ("~" if derived_left else "")
    return text + (f" (seen {' '.join(map(str, seen))})" if seen else "")


@app.command()
def mask(module: ModuleOpt, country: CountryOpt, rat: RatOpt = None, profiles: ProfilesOpt = None,
         json: JsonOpt = False) -> None:
    """The smallest band set per RAT that reaches every usable operator, and the commands that
    enable exactly those bands: the ones `atctl plan` sends for them (radio off and reboot included)."""
    from atctl.dialects.band_change import band_change

    profile, countries, rats = _inputs(module, country, rat, profiles)
    change = band_change(profile, countries, rats)
    bands, commands, notes = change.bands, change.commands, change.notes
    doc = {"module": profile.id, "countries": [c.code for c in countries], "bands": bands, "commands": commands,
           "steps": [step.as_dict() for step in change.steps], "notes": notes}

    def render() -> None:
        from atctl.cli._common import console, copyable, plain

        out = console()
        for r, b in bands.items():
            out.print(plain(f"{r:7} {' '.join(map(str, b)) or '(no usable band)'}"))
        for command in commands:
            out.print(copyable(command, "bold"))  # folds at the width: a cut command cannot be pasted
        for note in change.around + notes:
            out.print(plain(note, "dim"))

    emit(doc, json, render)


@app.command()
def decode(line: Annotated[str, typer.Argument(help="A band read: +QCFG: \"band\", +UBANDMASK, +NBAND, +QBAND or +UBANDSEL.")],
           module: Annotated[Optional[str], typer.Option("--module", "-m", help="Module profile: its mask layout and RAT "
                                                         "numbers, and the bands a +UBANDSEL value means on it.",
                                                         autocompletion=complete_module_id)] = None,
           profiles: ProfilesOpt = None, json: JsonOpt = False) -> None:
    """Decode a band read into band lists per RAT."""
    from atctl.dialects.band_reads import decode_band_read
    from atctl.profiles import load_profile

    profile = load_profile(module, profiles) if module else None
    line_type, fields = decode_band_read(line, profile)
    doc = {"type": line_type, "fields": fields}

    def render() -> None:
        from atctl.cli._common import console, copyable, plain

        out = console()
        for key, value in fields.items():  # band lists and the mask layout; flags become the notes below
            if key in ("warnings", "unparsed") or isinstance(value, bool) or (key == "mhz" and not value):
                continue
            out.print(copyable(f"{key:7} {' '.join(map(str, value)) if isinstance(value, list) else value}"))
        if fields.get("supported_list"):
            out.print(plain("the bands the module supports (the =? answer), not the ones enabled", "dim"))
        if fields.get("default") or fields.get("all_bands"):
            out.print(plain("0 is the module's default: every band it supports", "dim"))
        if line_type == "UBANDSEL" and profile is None:
            out.print(plain("every band each MHz value can mean; give --module for the ones your module has", "dim"))
        for warning in fields.get("warnings", []):
            out.print(plain(f"warning: {warning}", "yellow"))

    emit(doc, json, render)
