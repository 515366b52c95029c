"""`atctl countries [CC]`: list covered countries, or one country's operators and bands."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import JsonOpt, complete_country, console, emit, warn

app = typer.Typer(add_completion=False, help="List countries or show one country's operators and bands.")

def _cell(rat: str, fact, observed: list[dict] | None = None, data_checked: str = "") -> str:
    """'8 20 28 *' style cell: bands, status when not live, mark on derived/unverified facts, and the
    bands seen on the user's devices ('seen 20'); a derived fact whose every band was seen is not marked ~."""
    if fact is None:
        return ""
    unit = " MHz" if rat == "gsm" else ""
    text = " ".join(str(b) for b in fact.bands) + (unit if fact.bands else "")
    if fact.status != "live":
        label = {"shut-down": "off", "announced-shutdown": "ends", "not-deployed": "none"}[fact.status]
        if fact.date_passed(data_checked):
            label = "was to end"  # the date passed with no report that it happened
        text = f"{text} [{label}{' ' + fact.shutdown if fact.shutdown else ''}]".strip()
    seen = sorted({o["band"] for o in observed or ()})
    if fact.derived and not set(fact.bands) <= set(seen):
        text += " ~"
    elif not fact.verified:
        text += " ?"
    return text + (f" (seen {' '.join(map(str, seen))})" if seen else "")


def _operator_cell(op) -> str:
    """'Cellfie (formerly Beeline)': the former name is what a SIM, a phone or an old table may still show."""
    change = op.name_change
    if change is None:
        return op.name
    return f"{op.name} (formerly {change.former}{'' if change.verified else ' ?'})"


@app.command()
def countries(
    country: Annotated[Optional[str], typer.Argument(help="ISO 3166-1 alpha-2 code (DE, US, JP); omit to list all.",
                                                     autocompletion=complete_country)] = None,
    sources: Annotated[bool, typer.Option("--sources", help="Show where the data comes from, its licences and "
                                          "how it was converted (docs/DATA.md, shipped with atctl).")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List countries with band data, or show one country's operators and bands per RAT."""
    from atctl.data import dataset_info, get_country, load_countries

    info = dataset_info()
    if sources:
        from atctl.examples import data_doc

        text = data_doc()
        emit({"dataset": info, "data_notes": text}, as_json, lambda: typer.echo(text, nl=False))
        return
    if country is None:
        all_c = load_countries()
        from atctl.bands.report import countries_summary

        doc = {"dataset": info, "countries": countries_summary(all_c.values())}

        def render() -> None:
            from rich.table import Table

            from atctl.cli._common import copyable, plain

            table = Table(title=f"{len(all_c)} countries", show_lines=False)
            table.add_column("code", no_wrap=True)
            table.add_column("country", overflow="fold")
            table.add_column("operators", justify="right")
            for c in all_c.values():
                table.add_row(copyable(c.code), plain(c.name), str(len(c.operators)))
            out = console()
            out.print(table)
            out.print(copyable(f"Data: {info['attribution']} (as of {info['as_of']}). "
                               "Sources and licences: atctl countries --sources"))

        emit(doc, as_json, render)
        return

    from atctl.bands.observed import observed_for
    from atctl.bands.report import RAT_ORDER, country_json
    from atctl.observations import load_index_quietly

    found = get_country(country)
    observed, problem = load_index_quietly()  # bands seen on the user's own devices
    checked = info.get("as_of") or ""  # the dataset's date: an announced end before it has passed
    doc = {"dataset": info, "countries": [country_json(found, observed, checked)]}
    if problem:
        doc["warnings"] = [problem]

    def render() -> None:
        from rich.table import Table
        from rich.text import Text

        from atctl.cli._common import copyable

        table = Table(title=Text(f"{found.name} ({found.code})"))
        table.add_column("operator", overflow="fold")
        table.add_column("MCC-MNC", overflow="fold")
        for rat in RAT_ORDER:
            table.add_column(rat, overflow="fold")
        for op in found.operators:
            cells = [_operator_cell(op), " ".join(op.mcc_mnc) or "-",
                     *(_cell(rat, op.rats.get(rat), observed_for(observed, op.mcc_mnc, rat), checked) for rat in RAT_ORDER)]
            table.add_row(*(Text(c) for c in cells))  # Text: '[off 2021]' is not rich markup
        out = console()
        out.print(table)
        for note in found.notes:
            out.print(Text(f"note: {note}"))
        out.print("~ derived (inferred from the LTE coverage layer or the region's allocation), "
                  "? not verified (single or low-grade source), seen: bands your own modules registered on "
                  "(atctl data observations); GSM in MHz, others 3GPP band numbers.")
        for warning in doc.get("warnings", []):
            warn(warning)
        out.print(copyable(f"Data: {info['attribution']} (as of {info['as_of']}). "
                           f"Sources per fact: atctl countries {found.code} --json; licences: atctl countries --sources."))

    emit(doc, as_json, render)
