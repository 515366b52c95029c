"""The `verify --json` and `diagnose --json` documents from simulator runs, pinned byte for byte (issue #14:
checks and facts became typed dataclasses; their as_dict() must give exactly the JSON of before), and the
report.md rendered from each diagnose document.
Regenerate only for an intended contract change: ATCTL_UPDATE_GOLDEN=1 pytest tests/diagnose/test_json_pinned.py"""

import json
import os
from pathlib import Path

import pytest

from atctl.diagnose.report import render_markdown

GOLDEN = Path(__file__).parent.parent / "fixtures" / "golden"
CFG = "examples/lte-m-tracker-eu-us.yaml"
CASES = {  # name: (scenario, apply first)
    "healthy-unconfigured": ("de-telekom", False),
    "healthy-applied": ("de-telekom", True),
    "psm-clamp-applied": ("psm-clamp", True),
    "edrx-refused-applied": ("edrx-refused", True),
    "denied": ("denied", False),
    "roaming-applied": ("roaming", True),
}


def _stable(doc):
    """Drop what changes run to run: the creation time and the measured registration wait."""
    doc = json.loads(json.dumps(doc))
    doc.pop("created", None)
    if "facts" in doc:
        doc["facts"].pop("waited_s", None)
    return doc


def _check(name, doc, tmp_path):
    path = GOLDEN / f"{name}.json"
    text = json.dumps(_stable(doc), indent=1, sort_keys=False, ensure_ascii=False) + "\n"
    text = text.replace(str(tmp_path), "TMP")  # the simulator's NVM file is in the port URL
    if os.environ.get("ATCTL_UPDATE_GOLDEN") == "1":
        path.write_text(text)   # the test fails at its end, after every golden of the case is written
        return
    assert text == path.read_text(), f"{name}: the JSON document changed"


@pytest.mark.parametrize("name", sorted(CASES))
def test_verify_and_diagnose_json_unchanged(cli_json, tmp_path, name):
    scenario, applied = CASES[name]
    port = f"sim://quectel-bg95-m3?network={scenario}&reg_delay=0&nvm={tmp_path}/nvm.json"
    if applied:
        cli_json("apply", CFG, "--port", port)
    _, verified = cli_json("verify", CFG, "--port", port, "--no-observations")
    _check(f"verify-{name}", verified, tmp_path)
    _, diagnosed = cli_json("diagnose", "--port", port, "--config", CFG, "--wait", "1", "--no-observations")
    _check(f"diagnose-{name}", diagnosed, tmp_path)
    markdown = GOLDEN / f"diagnose-{name}.md"  # report.md: rendered from the same document
    text = render_markdown(diagnosed).replace(str(tmp_path), "TMP")
    if os.environ.get("ATCTL_UPDATE_GOLDEN") == "1":
        # all three goldens of the case are rewritten in one run (before, the first rewrite stopped the
        # test, so a change that touched verify's document could never reach diagnose's)
        markdown.write_text(text)
        pytest.fail(f"{name}: goldens rewritten; commit them on their own and run again without ATCTL_UPDATE_GOLDEN")
    assert text == markdown.read_text(), f"{name}: report.md changed"
