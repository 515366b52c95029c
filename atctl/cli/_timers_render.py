"""Human rendering shared by `psm` and `edrx` (rich is imported here, only for human output)."""

from __future__ import annotations


def timer_table(title: str, rows: list[dict]) -> None:
    """rows: {name, requested_s?, bits, seconds, delta_s?, note?}."""
    from rich.table import Table

    from atctl.cli._common import console
    from atctl.timers.duration import format_duration

    table = Table(title=title, title_justify="left")
    for col in ("timer", "bits", "seconds", "duration", "requested", "delta"):
        table.add_column(col, justify="right" if col in ("seconds", "delta") else "left")
    for row in rows:
        seconds = row.get("seconds")
        requested = row.get("requested_s")
        delta = row.get("delta_s")
        table.add_row(
            row["name"], row["bits"] or "-",
            "-" if seconds is None else f"{seconds:.10g}",
            row.get("human") or format_duration(seconds),
            "" if requested is None else format_duration(requested),
            "" if not delta else f"{delta:+.10g} s",
        )
    out = console()
    out.print(table)
    for row in rows:
        if row.get("note"):
            out.print(f"[dim]{row['name']}: {row['note']}[/dim]")


def commands_and_warnings(commands: list[str], warnings: list[str]) -> None:
    from atctl.cli._common import console

    out = console()
    for command in commands:
        out.print(f"[bold]{command}[/bold]")
    for warning in warnings:
        out.print(f"[yellow]warning:[/yellow] {warning}")
