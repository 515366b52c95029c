"""`diagnose --log --json` and the report.md of every real log in tests/fixtures/logs, pinned byte for byte
(issue #14: the facts became typed values; the report a support desk reads must not drift with them).
Regenerate only for an intended contract change: ATCTL_UPDATE_GOLDEN=1 pytest tests/diagnose/test_log_json_pinned.py"""

import json
import os
from pathlib import Path

import pytest

from atctl.diagnose.from_log import render_log_markdown

GOLDEN = Path(__file__).parent.parent / "fixtures" / "golden"
LOGS = Path(__file__).parent.parent / "fixtures" / "logs"


def _pinned(path: Path, text: str) -> None:
    if os.environ.get("ATCTL_UPDATE_GOLDEN") == "1":
        path.write_text(text)
        pytest.fail(f"{path.name}: golden rewritten; commit it on its own and run again without ATCTL_UPDATE_GOLDEN")
    assert text == path.read_text(), f"{path.name}: the report changed"


@pytest.mark.parametrize("log", sorted(p.name for p in LOGS.glob("*.log")))
def test_diagnose_log_report_unchanged(cli_json, log, monkeypatch):
    monkeypatch.chdir(LOGS)  # a relative path: the report names the log as given, not the checkout's place
    _, doc = cli_json("diagnose", "--log", log)
    doc.pop("created")
    doc["log"]["file"] = log  # the checkout's path
    stem = f"diagnose-log-{log.removesuffix('.log')}"
    _pinned(GOLDEN / f"{stem}.json", json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    _pinned(GOLDEN / f"{stem}.md", render_log_markdown(doc))
