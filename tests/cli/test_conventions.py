"""Conventions: choices listed and completed, shell completion of ids/codes/scenarios/files,
--port auto, -v/-q."""

from __future__ import annotations

import os
import subprocess
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from atctl.cli._common import PortOpt  # module level: typer resolves the string annotations below

ROOT = Path(__file__).resolve().parents[2]


def complete(words: str, env_extra: dict | None = None, cwd: Path | None = None) -> list[str]:
    """What bash completion offers for the last word of `words` (typer's own completion)."""
    parts = words.split(" ")
    env = {**os.environ, "_ATCTL_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    env.update(env_extra or {})
    proc = subprocess.run([sys.executable, "-m", "atctl"], env=env, capture_output=True, text=True, timeout=60,
                          cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    return [line for line in proc.stdout.splitlines() if line]


def test_choice_enums_equal_the_library_tables():
    from atctl.cli import _common
    from atctl.data import RATS
    from atctl.codecs.edrx_request import VENDORS
    from atctl.timers.rounding import POLICIES

    assert [r.value for r in _common.Rat] == list(RATS)
    assert [v.value for v in _common.Vendor] == list(VENDORS)
    assert [p.value for p in _common.Rounding] == list(POLICIES)
    from atctl.timers.psm import representable

    for timer in _common.PsmTimer:
        assert representable(timer)  # every choice is a timer the library knows


def test_rat_choices_are_listed_in_help_and_refused_otherwise(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = cli("bands", "check", "--help")
    assert code == 0 and "lte-m" in out and "nb-iot" in out
    code, _, err = cli("bands", "check", "-m", "quectel-bg95-m3", "-c", "DE", "--rat", "5g")
    assert code == 2 and "5g" in err and "nb-iot" in err and err.count("\n") == 1


@pytest.mark.slow
def test_completion_of_choices_ids_codes_scenarios_and_files(tmp_path):
    assert complete("atctl bands check --rat ") == ["gsm", "umts", "lte", "lte-m", "nb-iot"]
    assert "quectel-bg95-m3" in complete("atctl bands check --module quectel-bg9")
    assert "quectel-bg95-m3" in complete("atctl modules quectel-bg9")
    codes = complete("atctl countries D")
    assert "DE" in codes and all(c.startswith("D") for c in codes)
    assert {"psm-clamp", "psm-round", "psm-refused"} <= set(complete("atctl sim serve --network psm"))
    assert "nbiot-meter-nl.yaml" in complete("atctl examples nb")
    (tmp_path / "device.yaml").write_text("module: x\n")
    (tmp_path / "notes.txt").write_text("")
    from atctl.cli._common import complete_config_file

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert complete_config_file("") == ["device.yaml"]
        assert complete_config_file("dev") == ["device.yaml"]
    finally:
        os.chdir(cwd)


def test_typer_completion_install_options_exist(cli):
    code, out, _ = cli("--help")
    assert "--install-completion" in out and "--show-completion" in out


@dataclass
class FakePort:
    device: str
    vid: int | None = None
    pid: int | None = None
    location: str | None = None
    description: str = "fake"


BG95_AT = dict(vid=0x2C7C, pid=0x0700, location="1-1:1.2")   # modem_profiles/quectel-bg95-m3.yaml: at_interface 2


@pytest.fixture
def fake_ports(monkeypatch):
    import serial.tools.list_ports

    monkeypatch.delenv("ATCTL_PORT", raising=False)

    def install(*ports):
        monkeypatch.setattr(serial.tools.list_ports, "comports", lambda *a, **k: list(ports))

    return install


def test_no_port_uses_the_one_likely_at_port(cli_json, fake_ports):
    # the 'device' is a simulator URL so the whole path runs: scan, pick, open, send
    fake_ports(FakePort("/dev/ttyS0"), FakePort("sim://quectel-bg95-m3", **BG95_AT),
               FakePort("/dev/ttyUSB1", vid=0x2C7C, pid=0x0700, location="1-1:1.1"))
    code, doc = cli_json("send", "AT")
    assert code == 0, doc
    assert doc["port"] == "sim://quectel-bg95-m3"
    code, doc = cli_json("send", "AT", "--port", "auto")
    assert code == 0 and doc["port"] == "sim://quectel-bg95-m3"


def test_two_likely_ports_is_exit_2_naming_both(cli, fake_ports):
    fake_ports(FakePort("/dev/ttyUSB2", **BG95_AT), FakePort("/dev/ttyUSB6", vid=0x2C7C, pid=0x0700, location="1-2:1.2"))
    code, out, err = cli("send", "AT")
    assert code == 2
    assert "/dev/ttyUSB2" in err and "/dev/ttyUSB6" in err and "--port" in err and err.count("\n") == 1


def test_no_module_port_is_exit_2(cli, fake_ports):
    fake_ports(FakePort("/dev/ttyS0"))
    code, _, err = cli("send", "AT")
    assert code == 2 and "/dev/ttyS0" in err and "sim://" in err


def test_atctl_port_still_wins(cli_json, fake_ports, monkeypatch):
    fake_ports()
    monkeypatch.setenv("ATCTL_PORT", "sim://quectel-eg25-g")
    code, doc = cli_json("send", "AT")
    assert code == 0 and doc["port"] == "sim://quectel-eg25-g"


def test_ports_lists_the_likely_one(cli_json, fake_ports):
    fake_ports(FakePort("/dev/ttyUSB2", **BG95_AT), FakePort("/dev/ttyUSB1", vid=0x2C7C, pid=0x0700, location="1-1:1.1"))
    code, doc = cli_json("ports")
    likely = [p["device"] for p in doc["ports"] if p["likely_at_port"]]
    assert likely == ["/dev/ttyUSB2"]


def test_verbose_and_quiet_are_global_flags(cli):
    from atctl.cli import _common

    code, out, err = cli("modules")
    assert code == 0 and "atctl modules ID" in err  # a hint is a note, on stderr
    code, out, err = cli("-q", "modules")
    assert code == 0 and _common.quiet() is True
    assert "atctl modules ID" not in err + out  # -q drops notes
    assert "quectel-bg95-m3" in out
    code, _, _ = cli("-v", "psm", "encode", "--tau", "1h", "--active", "10s")
    assert code == 0 and _common.verbose() is True
    code, _, err = cli("-v", "-q", "modules")
    assert code == 2 and err.count("\n") == 1


def test_verbose_traces_every_exchange_on_stderr_redacted(tmp_path):
    """-v: the live exchange on stderr for every modem command, redacted like a transcript."""
    import subprocess

    for args in (["status"], ["info"], ["send", "AT+CGSN"], ["diagnose", "--wait", "1"]):
        run = subprocess.run([sys.executable, "-m", "atctl", "-v", *args, "--port", "sim://quectel-bg95-m3"],
                             capture_output=True, text=True, timeout=120, cwd=tmp_path)
        assert "-> AT" in run.stderr and "<- OK" in run.stderr, (args, run.stderr[-500:])
        assert not re.search(r"\b\d{15}\b", run.stderr), (args, "a full IMEI/IMSI in the trace")
    quiet = subprocess.run([sys.executable, "-m", "atctl", "status", "--port", "sim://quectel-bg95-m3"],
                           capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert "-> AT" not in quiet.stderr


def test_force_lets_a_transcript_replace_an_existing_file(tmp_path):
    import subprocess

    path = tmp_path / "t.jsonl"
    path.write_text("mine\n")
    base = [sys.executable, "-m", "atctl", "status", "--port", "sim://quectel-bg95-m3", "--transcript", str(path)]
    refused = subprocess.run(base, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "--force" in refused.stderr and path.read_text() == "mine\n"
    forced = subprocess.run(base + ["--force"], capture_output=True, text=True, timeout=60)
    assert forced.returncode == 0, forced.stderr
    assert '"dir": "tx"' in path.read_text()


def test_only_a_required_port_defaults_to_auto():
    # diagnose --log FILE declares `port: PortOpt = None` (no port: read the log): keep that
    import typer

    from atctl.cli.main import _port_defaults_to_auto

    required_app, optional_app = typer.Typer(), typer.Typer()

    @required_app.command()
    def live(port: PortOpt) -> None: ...

    @optional_app.command()
    def offline(port: PortOpt | None = None) -> None: ...

    for app, default, required in ((required_app, "auto", False), (optional_app, None, False)):
        command = typer.main.get_command(app)
        _port_defaults_to_auto(command)
        param = next(p for p in command.params if p.name == "port")
        assert param.default == default and param.required is required


def test_plan_apply_verify_complete_config_files(tmp_path):
    # plan/apply/verify declared their own config argument without completion, so Tab offered nothing
    import os
    import shutil
    import subprocess

    (tmp_path / "tracker.yaml").write_text("countries: [DE]\n")
    (tmp_path / "notes.txt").write_text("")
    for command in ("plan", "apply", "verify"):
        env = {**os.environ, "_ATCTL_COMPLETE": "complete_bash", "COMP_WORDS": f"atctl {command} tr", "COMP_CWORD": "2"}
        offered = subprocess.run([shutil.which("atctl")], env=env, cwd=tmp_path, capture_output=True, text=True,
                                 timeout=30).stdout.split()
        assert offered == ["tracker.yaml"], (command, offered)
