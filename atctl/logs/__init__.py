"""Real serial logs as input: a pure reader (text or atctl transcript JSONL ->
exchanges, URCs, unparsed lines, each decoded), the timeline wording, and the
conversion of a pasted log into a transcript that `replay://` can play.

    from atctl.logs import read_log
    result = read_log(open("bg95.log", encoding="utf-8", errors="replace"))
    result.to_dict()   # {"exchanges": [...], "urcs": [...], "unparsed": [...], "summary": {...}}

The CLI streams files through `atctl.logs.stream.text_lines` (bounded line length).
"""

from atctl.logs.reader import Exchange, LogReader, LogResult, is_command, read_log

__all__ = ["Exchange", "LogReader", "LogResult", "is_command", "read_log"]
