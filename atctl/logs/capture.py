"""A read log -> atctl transcript records that `replay://` plays (pure).

Each exchange becomes the command sent (tx), its echo if the log showed one, and
everything the module sent while it was pending (rx), then its final result; URCs
outside commands are rx records in log order. `t` is the log line number in
milliseconds: a text log rarely has a clock the replay could use, and replay
matches by text, not time.
"""

from __future__ import annotations

from atctl.logs.reader import LogResult


def _rx(line: str) -> str:
    return "\r\n" + line + "\r\n"


def to_transcript(result: LogResult, name: str = "log") -> list[dict]:
    events: list[tuple[int, int, list[dict]]] = []
    for order, ex in enumerate(result.exchanges):
        t = round(ex.line_no / 1000, 3)
        records = []
        if ex.command is not None:
            records.append({"t": t, "dir": "tx", "data": ex.command + "\r"})
            if ex.echoed:
                records.append({"t": t, "dir": "rx", "data": ex.command + "\r"})
            lines = ex.rx
        else:
            lines = ex.lines
        records += [{"t": t, "dir": "rx", "data": _rx(line)} for line in lines]
        if ex.result is not None:
            records.append({"t": round((ex.result_line_no or ex.line_no) / 1000, 3), "dir": "rx", "data": _rx(ex.result)})
        events.append((ex.line_no, order, records))
    for urc in result.urcs:
        if not urc["during"]:
            events.append((urc["line_no"], len(events), [{"t": round(urc["line_no"] / 1000, 3), "dir": "rx",
                                                           "data": _rx(urc["line"])}]))
    events.sort(key=lambda e: (e[0], e[1]))
    out = [{"t": 0.0, "dir": "note", "data": f"imported from {name} by atctl capture import"}]
    for _, _, records in events:
        out.extend(records)
    return out
