"""Several ports in one call (`--port A --port B`, `--ports FILE`, `labgrid://bench-*`).

Each port runs the very same single-port command in its own thread (atctl.fleet), so the document
a port gets in `ports` is the one `atctl CMD --port P --json` prints for it alone. What a command
writes to stdout/stderr is routed per thread: its JSON document is kept, its progress lines feed
the live table, and nothing of one port lands in another's output.
On a terminal: one live table (port, step, registration, elapsed, verdict). Otherwise: one plain
line per port as it finishes, then a summary. `--json`: {"ports": [...], "ok": ..., "exit_code": ...}.
Exit code: the highest of the per-port codes.
"""

from __future__ import annotations

import io
import os
import sys
import threading
from typing import Callable

_local = threading.local()


def fleet_progress() -> Callable[[str], None] | None:
    """The live-table reporter of the port this thread works on (None outside a fleet)."""
    return getattr(_local, "report", None)


def fleet_registration(state: str) -> None:
    """Tell the live table this thread's port's registration state (nothing outside a fleet)."""
    report = getattr(_local, "report", None)
    if report is not None and hasattr(report, "registration"):
        report.registration(state)


class _Router(io.TextIOBase):
    """sys.stdout / sys.stderr while a fleet runs: each worker thread writes to its own buffer."""

    def __init__(self, fallback, which: str):
        self.fallback, self.which = fallback, which

    def _target(self):
        return getattr(_local, self.which, None)

    def write(self, text: str) -> int:
        target = self._target()
        (target if target is not None else self.fallback).write(text)
        return len(text)

    def flush(self) -> None:
        target = self._target()
        (target if target is not None else self.fallback).flush()

    def isatty(self) -> bool:
        return False if self._target() is not None else self.fallback.isatty()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:
        return "utf-8"

    @property
    def errors(self) -> str:
        return "replace"


class _Lines(io.StringIO):
    """A worker's stderr: every complete line goes to the port's reporter too."""

    def __init__(self, report: Callable[[str], None]):
        super().__init__()
        self.report, self._partial = report, ""

    def write(self, text: str) -> int:
        super().write(text)
        lines = (self._partial + text).split("\n")
        self._partial = lines.pop()
        for line in lines:
            line = line.strip().lstrip("…").strip()
            if line and not line.startswith("atctl: error:"):
                self.report(line.removeprefix("atctl: "))
        return len(text)


def per_port_path(path: str | None, slug: str, *, folder_name: str | None = None) -> str | None:
    """A port's own file next to the one the user named: out.zip -> out-<port>.zip; a folder gets
    `folder_name` (with the port in it) inside."""
    if not path:
        return path
    if folder_name and os.path.isdir(path):
        return os.path.join(path, folder_name.format(slug=slug))
    stem, ext = os.path.splitext(path)
    return f"{stem}-{slug}{ext}"


def run_command_fleet(command: Callable, params: dict, ports: list[str], *,
                      paths: dict[str, str | None] | None = None) -> None:
    """Run `command(**params)` once per port (port=..., json=True) and report; raises typer.Exit."""
    import json as jsonlib

    import typer

    from atctl.fleet import run_fleet
    from atctl.fleet.ports import port_slugs

    as_json = bool(params.get("json"))
    slugs = dict(zip(ports, port_slugs(ports)))
    paths = paths or {}

    def job(port: str, report: Callable[[str], None]):
        kwargs = {**params, "port": port, "json": True}
        if "ports_file" in kwargs:
            kwargs["ports_file"] = None
        for name, folder_name in paths.items():
            kwargs[name] = per_port_path(params.get(name), slugs[port], folder_name=folder_name)
        out, err = io.StringIO(), _Lines(report)
        _local.stdout, _local.stderr, _local.report = out, err, report
        code = 0
        try:
            command(**kwargs)
        except (typer.Exit, SystemExit) as exc:
            code = getattr(exc, "exit_code", None)
            code = getattr(exc, "code", 1) if code is None else code
        finally:
            _local.stdout = _local.stderr = _local.report = None
        text = out.getvalue().strip()
        try:
            doc = jsonlib.loads(text) if text else {}
        except ValueError:
            doc = {"output": text}
        if code and "error" not in doc:
            message = next((line[len("atctl: error: "):] for line in err.getvalue().splitlines()
                            if line.startswith("atctl: error: ")), None)
            if message:
                doc["error"] = {"message": message, "exit_code": int(code)}
        return doc, int(code or 0)

    display = _Display(as_json, ports)
    real_out, real_err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Router(real_out, "stdout"), _Router(real_err, "stderr")
    try:
        display.start(real_out)
        result = run_fleet(ports, job, on_change=display.update)
    finally:
        sys.stdout, sys.stderr = real_out, real_err
        display.stop()
    for run in result.runs:
        run.document.setdefault("ok", run.exit_code == 0)
        run.document["exit_code"] = run.exit_code
    if as_json:
        from atctl.cli._common import print_json

        print_json(result.as_dict())
    else:
        display.summary(result)
    raise typer.Exit(result.exit_code)


def final_registration(doc: dict) -> str:
    reg = doc.get("registration")
    if isinstance(reg, dict) and reg.get("stat_text"):
        return str(reg["stat_text"])
    wait = doc.get("wait")
    if isinstance(wait, dict) and wait.get("state"):
        return str(wait["state"])
    for check in (doc.get("verify") or {}).get("checks") or doc.get("checks") or []:
        if isinstance(check, dict) and check.get("name") in ("registration", "registered") \
                and check.get("actual") is not None:
            return str(check["actual"])
    facts = doc.get("facts")
    if isinstance(facts, dict):
        freg = facts.get("registration")
        if isinstance(freg, dict) and freg.get("stat_text"):
            return str(freg["stat_text"])
    return ""


_WORDS = {0: "ok", 1: "FAILED", 2: "bad input", 3: "unreachable", 130: "interrupted"}


def verdict(run) -> str:
    """One short line: ok / FAILED: why / unreachable: why / interrupted: what state."""
    doc = run.document or {}
    word = _WORDS.get(run.exit_code, f"exit {run.exit_code}")
    error = doc.get("error")
    if isinstance(error, dict):
        error = error.get("message")
    if error:
        return f"{word}: {error}"
    if run.exit_code == 0:
        if doc.get("summary"):
            return f"ok: {doc['summary']}" if isinstance(doc["summary"], str) else "ok"
        if "changed" in doc and "verify" in doc:  # apply
            sent = len(doc.get("steps") or [])
            return f"ok: {sent} step(s) sent, verified" if sent else "ok: nothing to change, verified"
        if "changes" in doc:
            steps = doc.get("steps") or []
            return f"ok: {len(steps)} change(s) to send" if steps else "ok: nothing to change"
        return "ok"
    checks = (doc.get("verify") or {}).get("checks") or doc.get("checks") or []
    failing = [c.get("name") for c in checks if isinstance(c, dict) and not c.get("ok")]
    if failing:
        return f"{word}: {', '.join(str(f) for f in failing)}"
    severity = (doc.get("summary") or {}).get("severity") if isinstance(doc.get("summary"), dict) else None
    return f"{word}: {severity}" if severity else word


class _Display:
    def __init__(self, as_json: bool, ports: list[str]):
        self.as_json, self.ports = as_json, ports
        self.live = None
        self.console = None
        self.printed: set[str] = set()

    def start(self, stream) -> None:
        if self.as_json:
            return
        from rich.console import Console

        self.console = Console(file=stream, highlight=False)
        if stream.isatty():
            from rich.live import Live

            self.live = Live(console=self.console, refresh_per_second=8, transient=False)
            self.live.start()

    def update(self, runs) -> None:
        if self.as_json:
            return
        if self.live is not None:
            self.live.update(self._table(runs))
            return
        for run in runs:  # plain: one line per port as it finishes
            if run.done and run.port not in self.printed:
                self.printed.add(run.port)
                self.console.print(self._line(run), soft_wrap=True)

    def stop(self) -> None:
        if self.live is not None:
            self.live.stop()
            self.live = None

    def _line(self, run):
        from rich.text import Text

        reg = final_registration(run.document or {}) or run.registration
        return Text(f"{run.port}: {verdict(run)} (exit {run.exit_code}, {run.elapsed_s:.1f} s"
                    + (f", registration {reg}" if reg else "") + ")")

    def _table(self, runs):
        from rich.table import Table
        from rich.text import Text

        table = Table(title_justify="left", expand=False)
        for col in ("port", "step", "registration", "elapsed", "verdict"):
            table.add_column(col, overflow="fold")
        for run in runs:
            doc = run.document or {}
            reg = (final_registration(doc) or run.registration) if run.done else run.registration
            style = None if not run.done else ("green" if run.exit_code == 0 else "red")
            table.add_row(Text(run.port), Text(run.step if not run.done else "done", style="dim"),
                          Text(reg or "-"), Text(f"{run.elapsed_s:.1f} s"),
                          Text(verdict(run) if run.done else "…", style=style))
        return table

    def summary(self, result) -> None:
        from rich.text import Text

        good = sum(1 for r in result.runs if r.exit_code == 0)
        text = f"{good} of {len(result.runs)} port(s) ok in {result.wall_s:.1f} s; exit {result.exit_code}"
        if result.interrupted:
            text += " (interrupted: each port's line says what state it was left in)"
        self.console.print(Text(text, style="bold"), soft_wrap=True)
