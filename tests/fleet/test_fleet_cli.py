"""Several ports in one call through the real CLI: apply, plan, verify, status, diagnose.

The simulator's faults (die_after=, reboot_after=, stall=) hit some ports; the others must end
exactly as they would alone.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import zipfile

import pytest

CONFIG = "examples/lte-m-tracker-eu-us.yaml"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("ATCTL_PORT", raising=False)


def url(tmp_path, i, **extra):
    options = {"network": "de-telekom", "reg_delay": 0, "seed": i, "nvm": f"{tmp_path}/nvm-{i}.json", **extra}
    return "sim://quectel-bg95-m3?" + "&".join(f"{k}={v}" for k, v in options.items())


def ports_args(urls):
    return [arg for u in urls for arg in ("--port", u)]


def test_apply_then_verify_eight_ports_with_faults_on_two(cli_json, tmp_path):
    good = [url(tmp_path, i) for i in range(1, 7)]
    dead = url(tmp_path, 7, die_after=12)      # stops answering mid-apply
    rebooting = url(tmp_path, 8, reboot_after=15)
    urls = good[:3] + [dead] + good[3:5] + [rebooting] + good[5:]
    code, doc = cli_json("apply", CONFIG, *ports_args(urls))
    assert [p["port"] for p in doc["ports"]] == urls  # the order given, every port reported
    by_port = {p["port"]: p for p in doc["ports"]}
    for u in good:
        assert by_port[u]["exit_code"] == 0, by_port[u]
        assert by_port[u]["verify"]["ok"] and by_port[u]["changed"]
    assert by_port[dead]["exit_code"] == 3 and by_port[dead]["ok"] is False
    assert code == max(p["exit_code"] for p in doc["ports"]) == 3
    assert doc["ok"] is False
    # the six good modules keep what was written: a fleet verify of them passes on its own
    code, doc = cli_json("verify", CONFIG, *ports_args(good))
    assert code == 0 and doc["ok"] and all(p["ok"] for p in doc["ports"])


def test_a_fleet_port_document_is_what_that_port_prints_alone(cli_json, tmp_path):
    a, b = url(tmp_path, 1), url(tmp_path, 2)
    _, alone = cli_json("plan", CONFIG, "--port", a)
    _, fleet = cli_json("plan", CONFIG, "--port", a, "--port", b)
    mine = dict(fleet["ports"][0])
    assert mine.pop("port") == a and mine.pop("exit_code") == 0 and mine.pop("ok") is True
    assert mine == alone


def test_ports_file_with_comments(cli_json, tmp_path):
    listing = tmp_path / "bench.txt"
    listing.write_text(f"# bench A\n{url(tmp_path, 1)}   # left shelf\n\n  {url(tmp_path, 2)}\n", encoding="utf-8")
    code, doc = cli_json("status", "--ports", str(listing))
    assert code == 0 and [p["port"] for p in doc["ports"]] == [url(tmp_path, 1), url(tmp_path, 2)]
    assert all(p["registration"]["stat_text"] for p in doc["ports"])


@pytest.mark.parametrize("content, message", [("# nothing\n\n", "lists no port"), (None, "does not exist")])
def test_a_bad_ports_file_is_one_line_exit_2(cli, tmp_path, content, message):
    listing = tmp_path / "ports.txt"
    if content is not None:
        listing.write_text(content, encoding="utf-8")
    code, out, err = cli("status", "--ports", str(listing))
    assert code == 2 and message in err and "Traceback" not in err + out


def test_the_same_port_twice_is_exit_2(cli, tmp_path):
    code, _, err = cli("status", "--port", url(tmp_path, 1), "--port", url(tmp_path, 1))
    assert code == 2 and "given twice" in err


def test_plain_lines_per_port_and_a_summary_when_not_a_terminal(cli, tmp_path):
    code, out, _ = cli("status", "--port", url(tmp_path, 1), "--port", url(tmp_path, 2, die_after=0))
    lines = out.strip().splitlines()
    assert code == 3
    assert any(line.startswith(url(tmp_path, 1) + ": ok") for line in lines)
    assert any(line.startswith(url(tmp_path, 2, die_after=0) + ": unreachable") for line in lines)
    assert lines[-1].startswith("1 of 2 port(s) ok") and "exit 3" in lines[-1]


def test_modem_text_in_the_port_name_is_never_markup(cli, tmp_path):
    odd = url(tmp_path, 1) + "&pin=[bold]1234"  # an option value with markup: refused, shown as typed
    code, out, _ = cli("status", "--port", url(tmp_path, 2), "--port", odd)
    assert "[bold]" in out


def test_diagnose_writes_one_bundle_per_port(cli_json, tmp_path):
    out = tmp_path / "bundles"
    out.mkdir()
    urls = [url(tmp_path, 1), url(tmp_path, 2)]
    code, doc = cli_json("diagnose", *ports_args(urls), "--out", str(out), "--timeout", "1s")
    bundles = sorted(out.iterdir())
    assert len(bundles) == 2 and code == doc["exit_code"]
    for bundle in bundles:
        with zipfile.ZipFile(bundle) as z:
            assert "report.json" in z.namelist()
    assert {p["port"] for p in doc["ports"]} == set(urls)


def test_a_transcript_per_port(cli, tmp_path):
    log = tmp_path / "t.jsonl"
    code, _, _ = cli("status", "--port", url(tmp_path, 1), "--port", url(tmp_path, 2), "--transcript", str(log))
    made = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("t-"))
    assert code == 0 and len(made) == 2 and all(name.endswith(".jsonl") for name in made)


def test_live_table_on_a_terminal(tmp_path):
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "160"}
    env.pop("ATCTL_PORT", None)
    proc = subprocess.Popen([sys.executable, "-m", "atctl", "status", "--port", url(tmp_path, 1),
                             "--port", url(tmp_path, 2, latency=0.02)], stdout=slave, stderr=slave, cwd=ROOT, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=60) == 0
    text = b"".join(chunks).decode("utf-8", "replace")
    for column in ("port", "step", "registration", "elapsed", "verdict"):
        assert column in text
    assert "2 of 2 port(s) ok" in text


def test_ctrl_c_mid_apply_restores_every_port_and_reports_each(tmp_path):
    """SIGINT while every port is mid-apply (the RAT already written, the PSM write stalled): each
    module is put back as it was, one JSON document names each port's state, exit 130."""
    urls = [url(tmp_path, i, stall="AT%2BCPSMS=") for i in (1, 2, 3)]
    nvm = [tmp_path / f"nvm-{i}.json" for i in (1, 2, 3)]
    env = {k: v for k, v in os.environ.items() if k != "ATCTL_PORT"}
    fresh = url(tmp_path, 9)  # a module as it comes: what each port must be back to
    subprocess.run([sys.executable, "-m", "atctl", "status", "--port", fresh], capture_output=True, cwd=ROOT, env=env,
                   timeout=60, check=True)
    before = json.loads((tmp_path / "nvm-9.json").read_text(encoding="utf-8"))
    proc = subprocess.Popen([sys.executable, "-m", "atctl", "apply", CONFIG, "--json", *ports_args(urls)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    import time

    def written(path) -> bool:
        try:
            return json.loads(path.read_text(encoding="utf-8")).get("nwscanmode") == 3  # apply's first write
        except (OSError, ValueError):
            return False

    deadline = time.monotonic() + 60
    while not all(written(p) for p in nvm) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert all(written(p) for p in nvm), proc.communicate(timeout=60)
    proc.send_signal(signal.SIGINT)  # the PSM write is stalled for 5 s: every port is mid-apply
    out, err = proc.communicate(timeout=120)
    doc = json.loads(out)
    assert proc.returncode == 130, err
    assert [p["port"] for p in doc["ports"]] == urls
    for port_doc, path in zip(doc["ports"], nvm):
        assert port_doc["exit_code"] == 130
        assert "interrupted after" in port_doc["error"] and "back as" in port_doc["error"], port_doc["error"]
        after = json.loads(path.read_text(encoding="utf-8"))
        assert after["nwscanmode"] != 3 and after["bands"] == before["bands"]  # restored
    assert "Traceback" not in err



def test_ports_of_different_modules_at_once_each_get_their_own_answers(cli_json, tmp_path):
    """Nothing of one session leaks into another: four module families (different dialects,
    profiles, networks) side by side give the documents each gives alone."""
    urls = ["sim://quectel-bg95-m3?network=de-telekom&reg_delay=0", "sim://ublox-sara-r410m-02b?network=us-att&reg_delay=0",
            "sim://quectel-eg25-g?network=us-att&reg_delay=0", "sim://ublox-lara-r6001?network=de-telekom&reg_delay=0"]
    alone = []
    for u in urls:
        code, doc = cli_json("status", "--port", u)
        assert code == 0
        alone.append(doc)
    code, fleet = cli_json("status", *ports_args(urls))
    assert code == 0
    for doc, single in zip(fleet["ports"], alone):
        doc = {k: v for k, v in doc.items() if k not in ("ok", "exit_code")}
        assert doc == single
