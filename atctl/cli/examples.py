"""`atctl examples [NAME] [-o FILE]`: the example device configs shipped with atctl."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from atctl.cli._common import JsonOpt, complete_example, emit

app = typer.Typer(add_completion=False)


@app.command()
def examples(
    name: Annotated[Optional[str], typer.Argument(help="Example to print or write (see the list).",
                                                  autocompletion=complete_example)] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Write the example to FILE instead of printing it.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    json: JsonOpt = False,
) -> None:
    """List the example device configs, print one, or write it to a file to start your own.
    Band data attribution: `atctl countries --sources`."""
    from pathlib import Path

    from atctl.errors import InputError
    from atctl.examples import example_names, example_path, example_summary

    if name is None:
        if output:
            raise InputError("--output needs an example NAME", hint="e.g. atctl examples lte-m-tracker-eu-us -o device.yaml")
        listed = [{"name": n, "summary": example_summary(n)} for n in example_names()]

        def render() -> None:
            from rich.table import Table

            from atctl.cli._common import console, copyable, note, plain

            table = Table(title=f"{len(listed)} example configs", title_justify="left")
            table.add_column("name", no_wrap=True)
            table.add_column("what it is for", overflow="fold")
            for item in listed:
                table.add_row(copyable(item["name"]), plain(item["summary"]))
            console().print(table)
            note("Write one to start from: atctl examples NAME -o device.yaml")

        emit({"examples": listed}, json, render)
        return

    source = example_path(name)
    text = source.read_text(encoding="utf-8")
    if output is None:
        if json:
            emit({"name": source.name, "config": text}, json, lambda: None)
        else:
            typer.echo(text, nl=False)
        return
    target = Path(output)
    if target.is_dir():
        target = target / source.name
    if target.exists() and not force:
        raise InputError(f"{target} already exists", hint="choose another path or pass --force")
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror}", hint="choose a writable path with -o") from None
    doc = {"name": source.name, "written": str(target)}

    def render() -> None:
        typer.echo(f"wrote {target} (from the example {source.name}); next: atctl plan {target} --port PORT")

    emit(doc, json, render)
