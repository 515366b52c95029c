"""The human `decode --log` timeline: every line in log order with its meaning (pure).

Plain text, not rich markup: the lines are the module's and the user's, never
interpreted. One entry per line keeps 100k-line logs fast to print.
"""

from __future__ import annotations

from typing import Iterator

from atctl.logs.describe import describe
from atctl.logs.reader import LogResult

_WIDTH = 52


def _row(line_no: int, mark: str, text: str, meaning: str = "") -> str:
    head = f"{line_no:>6}  {mark} {text}"
    if not meaning:
        return head
    return f"{head:<{_WIDTH + 10}}  {meaning}" if len(head) < _WIDTH + 10 else f"{head}  {meaning}"


def timeline(result: LogResult, show_unparsed: bool = True) -> Iterator[str]:
    events: list[tuple[int, int, str]] = []
    for index, ex in enumerate(result.exchanges):
        events.append((ex.line_no, 1, f"x{index}"))
    for index, urc in enumerate(result.urcs):
        events.append((urc["line_no"], 2, f"u{index}"))
    if show_unparsed:
        for index, item in enumerate(result.unparsed):
            events.append((item["line_no"], 0, f"p{index}"))
    events.sort()
    for line_no, _, key in events:
        kind, index = key[0], int(key[1:])
        if kind == "x":
            yield from _exchange(result, result.exchanges[index])
        elif kind == "u":
            urc = result.urcs[index]
            yield _row(line_no, "URC", urc["line"], describe(urc["decoded"]))
        else:
            yield _row(line_no, " · ", result.unparsed[index]["line"])


def _exchange(result: LogResult, ex) -> Iterator[str]:
    command = ex.command if ex.command is not None else "(command not in the log)"
    yield _row(ex.line_no, ">> ", command, "echoed" if ex.echoed else "")
    decoded = iter(ex.decoded)
    pending = next(decoded, None)
    for line, line_no in zip(ex.lines, ex.line_nos or [ex.line_no] * len(ex.lines)):
        meaning = ""
        if pending is not None and line.upper().startswith("+" + pending["type"]):
            meaning = describe(pending)
            pending = next(decoded, None)
        yield _row(line_no, "<< ", line, meaning)
    if ex.result is None:
        yield _row(ex.line_no, "!! ", "no final result in the log")
    else:
        meaning = describe(pending) if pending is not None and ex.result.startswith("+C") else ""
        yield _row(ex.result_line_no or ex.line_no, "<< ", ex.result, meaning or ("" if ex.result == "OK" else "failed"))


def summary_lines(result: LogResult) -> list[str]:
    s = result.summary()
    out = [f"{s['lines']} lines: {s['exchanges']} exchanges ({s['errors']} failed, {s['no_result']} without a result), "
           f"{s['urcs']} URCs, {s['unparsed']} other lines; {s['decoded']} responses decoded"
           + (f"; {s['reboots']} boot banner(s)" if s["reboots"] else "")]
    out += [f"warning: {w}" for w in result.warnings[:20]]
    if len(result.warnings) > 20:
        out.append(f"... {len(result.warnings) - 20} more warnings (see --json)")
    return out
