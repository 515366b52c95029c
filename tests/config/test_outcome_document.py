"""apply as a library gives the same document as `atctl apply --json` (issue #14: the CLI holds no
logic a library user could not call). Before, the document and its summary were built in the CLI."""

from __future__ import annotations

from pathlib import Path

from atctl.at import open_session
from atctl.config.apply import apply_config, resolve_profile
from atctl.config.loader import load_config

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "lte-m-tracker-eu-us.yaml")


def test_the_outcome_document_is_the_cli_document(cli_json, tmp_path):
    port = f"sim://quectel-bg95-m3?network=de-telekom&nvm={tmp_path / 'a.json'}"
    cfg = load_config(EXAMPLE)
    with open_session(port) as session:
        outcome = apply_config(session, cfg, resolve_profile(session, cfg, None, None))
    doc = outcome.as_dict()
    # the apply --json contract (DESIGN.md): a key dropped from the document fails here
    assert set(doc) == {"module", "steps", "changed", "verify", "ok", "warnings", "written", "reboots", "summary",
                        "wait"}
    assert set(doc["wait"]) == {"registered", "waited_s", "state", "last_urc"}
    assert doc["ok"] and doc["changed"] and doc["summary"].endswith("; verified")
    assert doc["written"] == sorted(doc["written"]) and doc["wait"]["registered"]

    code, cli_doc = cli_json("apply", EXAMPLE, "--port", port.replace("a.json", "b.json"))
    assert code == 0
    cli_doc.pop("battery", None)
    strip = lambda d: {**d, "wait": {**d["wait"], "waited_s": None}}  # noqa: E731 - timing differs run to run
    assert strip(doc) == strip(cli_doc)
