"""`atctl examples` (shipped example configs), `countries --sources`, `sim serve --json`."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_examples_lists_every_shipped_config(cli_json):
    code, doc = cli_json("examples")
    assert code == 0
    names = [e["name"] for e in doc["examples"]]
    assert names == sorted(p.name for p in (ROOT / "examples").glob("*.yaml"))
    assert all(e["summary"] for e in doc["examples"])


def test_example_written_to_a_file_is_a_loadable_config(cli, tmp_path):
    from atctl.config.loader import load_config

    target = tmp_path / "device.yaml"
    code, out, err = cli("examples", "nbiot-meter-nl", "-o", str(target))
    assert code == 0, err
    assert target.read_text() == (ROOT / "examples" / "nbiot-meter-nl.yaml").read_text()
    assert load_config(str(target)).module == "quectel-bg95-m3"
    code, _, err = cli("examples", "nbiot-meter-nl", "-o", str(target))
    assert code == 2 and "--force" in err  # never overwrite what the user wrote
    assert cli("examples", "nbiot-meter-nl", "-o", str(target), "--force")[0] == 0


def test_unknown_example_names_the_choices(cli):
    code, _, err = cli("examples", "nope")
    assert code == 2 and "lte-m-tracker-eu-us.yaml" in err and err.count("\n") == 1


def test_countries_sources_shows_the_attribution(cli, cli_json):
    code, out, _ = cli("countries", "--sources")
    assert code == 0
    assert "CC BY 4.0" in out and "Band Atlas" in out
    code, doc = cli_json("countries", "--sources")
    assert doc["data_notes"].startswith("# Country and operator band data")


def test_version_names_the_data_attribution(cli):
    code, out, _ = cli("--version")
    assert code == 0 and "CC BY 4.0" in out and "countries --sources" in out


def test_sim_list_json_includes_options(cli_json):
    code, doc = cli_json("sim", "serve", "--list")
    assert code == 0
    assert "de-telekom" in doc["scenarios"]
    assert {"latency", "stall", "nvm", "sim"} <= set(doc["options"])
    assert "across opens" in doc["options"]["nvm"]["help"]


@pytest.mark.slow
def test_sim_serve_json_is_one_document_with_pty_and_rfc2217_url():
    import serial

    proc = subprocess.Popen([sys.executable, "-m", "atctl", "sim", "serve", "--rfc2217", "0", "--json",
                             "--option", "latency=0.01"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        text = ""
        deadline = time.monotonic() + 20
        doc = None
        while doc is None and time.monotonic() < deadline:
            text += proc.stdout.readline()
            try:
                doc = json.loads(text)
            except json.JSONDecodeError:
                continue
        assert doc is not None, text
        assert doc["pty"].startswith("/dev/") and doc["rfc2217"].startswith("rfc2217://127.0.0.1:")
        with serial.Serial(doc["pty"], timeout=2) as port:
            port.write(b"AT\r")
            reply = b""
            end = time.monotonic() + 5
            while b"OK" not in reply and time.monotonic() < end:
                reply += port.read(64)
        assert b"OK" in reply
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        assert proc.stdout.read() == ""  # exactly one document
    finally:
        if proc.poll() is None:
            proc.kill()


def test_wheel_ships_the_files_the_output_points_at():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    included = project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included["examples"] == "atctl/_shipped/examples" and included["docs/DATA.md"] == "atctl/_shipped/DATA.md"
    for source in included:
        assert (ROOT / source).exists(), source
    assert project["project"]["license-files"] == ["LICENSE"]
    assert "Apache License" in (ROOT / "LICENSE").read_text() and "Version 2.0" in (ROOT / "LICENSE").read_text()
    assert project["project"]["classifiers"] and project["project"]["urls"]
    sdist = project["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    assert {"LICENSE", "docs", "examples"} <= set(sdist)
