"""`atctl decode '<response line>'`: decode one AT response line (+CEREG, +CEDRXP, +QCFG ...)."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from atctl.cli._common import DecodeVendor, JsonOpt, ProfilesOpt, emit

app = typer.Typer(add_completion=False, help="Decode one AT response line (+CEREG, +CEDRXP, +QCFG ...).", no_args_is_help=True)



@app.command()
def decode(
    line: Annotated[Optional[str], typer.Argument(help="The response line, quoted, e.g. '+CEDRXP: 4,\"1000\",\"0101\",\"1011\"'.")] = None,
    vendor: Annotated[Optional[DecodeVendor], typer.Option("--vendor", help="AcT numbering, layouts.")] = None,
    module: Annotated[Optional[str], typer.Option("--module", "-m", help="Module profile id, e.g. quectel-bg95-m3.")] = None,
    urc: Annotated[Optional[bool], typer.Option("--urc/--read", help="Treat a +CREG/+CGREG/+CEREG line as URC or read reply (default: inferred).")] = None,
    profiles: ProfilesOpt = None,
    log: Annotated[Optional[str], typer.Option("--log", help="Decode a whole serial log or atctl transcript (FILE, or - for stdin).")] = None,
    show_ids: Annotated[bool, typer.Option("--show-ids", help="With --log: keep IMEI/IMSI/ICCID in full (redacted by default).")] = False,
    json: JsonOpt = False,
) -> None:
    """Decode any supported response line into named fields with units; or a whole log with --log."""
    from atctl.errors import InputError
    from atctl.codecs import parse_line
    from atctl.data import plmn_name

    profile = None
    if module:
        from atctl.profiles import load_profile

        profile = load_profile(module, profiles)
    if log is not None or line is None:
        if log is None or line is not None:
            raise InputError("give one response line, or --log FILE", hint="atctl decode '+CEREG: 1' | atctl decode --log serial.log")
        from atctl.cli.log_input import decode_log

        return decode_log(log, vendor.lower() if vendor else (profile.vendor if profile else None), profile, json, show_ids)
    parsed = parse_line(line, vendor=vendor or (profile.vendor if profile else None), profile=profile, is_urc=urc,
                        names=plmn_name, hints=_dialect_hints(profile))
    doc = parsed.to_dict()
    emit(doc, json, lambda: _render(doc))


def _dialect_hints(profile: Any) -> Any:
    """What the module's dialect tells the parsers (AcT numbers, +QCFG band layout...); None
    without a profile, or when atctl has no dialect of that name (the profile's facts then serve)."""
    if profile is None:
        return None
    from atctl.dialects import get_dialect
    from atctl.errors import DataError

    try:
        return get_dialect(profile).parse_context()
    except DataError:
        return None


def _rows(fields: dict[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    from atctl.timers.duration import format_duration

    rows: list[tuple[str, str]] = []
    for key, value in fields.items():
        name = f"{prefix}{key}"
        if not prefix and key == "warnings":
            continue  # printed under the table
        if isinstance(value, dict):
            rows.extend(_rows(value, name + "."))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for i, item in enumerate(value):
                rows.extend(_rows(item, f"{name}[{i}]."))
        elif value is None or value == []:
            continue
        elif isinstance(value, list):
            rows.append((name, ", ".join(str(v) for v in value)))
        elif key.endswith("_s") and isinstance(value, (int, float)):
            human, plain = format_duration(value), f"{value:.10g} s"
            rows.append((name, plain if human == plain else f"{human} ({plain})"))
        else:
            rows.append((name, str(value)))
    return rows


def _render(doc: dict) -> None:
    from rich.table import Table
    from rich.text import Text

    from atctl.cli._common import console

    # every value may be modem text: rich.text.Text, never markup
    table = Table(title=Text(f"+{doc['type']}"), title_justify="left", show_header=True)
    table.add_column("field")
    table.add_column("value")
    for name, value in _rows(doc["fields"]):
        table.add_row(Text(name), Text(value))
    out = console()
    out.print(table)
    for warning in doc["fields"].get("warnings") or []:
        out.print(Text.assemble(("warning: ", "yellow"), str(warning)))
