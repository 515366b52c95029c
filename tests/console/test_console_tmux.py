"""`atctl console` and `atctl monitor` driven for real in a terminal (tmux) against the simulator."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from tmux_driver import TMUX, Tmux, atctl_argv

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it with apt-get)")]

BG95 = "sim://quectel-bg95-m3"
PROMPT_IDLE = "Tab completes, :help for helpers"


@pytest.fixture
def console(tmp_path):
    opened = []

    def start(port: str = BG95, *extra: str) -> Tmux:
        env = {"ATCTL_CONSOLE_HISTORY": str(tmp_path / "history"), "ATCTL_PORT": ""}
        transcript = tmp_path / ("t.jsonl" if not opened else f"t{len(opened)}.jsonl")   # never overwritten
        term = Tmux(atctl_argv("console", "--port", port, "--transcript", str(transcript), *extra), env=env)
        opened.append(term)
        term.wait_for(PROMPT_IDLE, what="the console's prompt")
        return term

    yield start
    for term in opened:
        term.close()


def _after(screen: str, marker: str) -> str:
    """The screen from the last `marker` on ('' while it has not appeared)."""
    return screen[screen.rindex(marker):] if marker in screen else ""


def test_a_urc_explained_as_it_arrives_then_a_reply_with_its_meaning(console):
    term = console(BG95 + "?reg_delay=1")
    term.type("AT+CEREG=2")
    term.send("Enter")
    term.wait_for(lambda s: "AT> AT+CEREG=2\nOK" in s, what="OK to AT+CEREG=2")
    # deregister and re-attach: the registration URC comes a second after OK, while the prompt is idle
    term.type("AT+CFUN=0")
    term.send("Enter")
    term.wait_for("= not registered, not searching", what="the +CEREG: 0 URC explained")
    term.type("AT+CFUN=1")
    term.send("Enter")
    screen = term.wait_for(lambda s: re.search(r"AT\+CFUN=1\n(.*\n)*OK\n(.*\n)*URC \+CEREG: 1,\"[0-9A-F]+\"",
                                               _after(s, "AT> AT+CFUN=1")),
                           what="the registration URC after OK")
    tail = _after(screen, "URC +CEREG: 1,")
    assert tail.splitlines()[1].strip().startswith("= registered, home network; lte-m")
    term.type("AT+CEREG?")
    term.send("Enter")
    screen = term.wait_for(re.compile(r"\+CEREG: 2,1,\"[0-9A-F]+\",\"[0-9A-F]+\",8\n\s+= registered, home network; "
                                      r"lte-m").search, what="+CEREG read reply and its meaning")
    assert "\nOK" in _after(screen, "AT> AT+CEREG?")


def test_tab_offers_the_dialects_commands_and_completes_a_unique_one(console):
    term = console()
    term.type("AT+QCF")
    term.send("Tab")
    screen = term.wait_for('AT+QCFG="iotopmode"', what="the completion menu")
    assert "LTE-M / NB-IoT selection" in screen and "AT+UBANDMASK" not in screen   # Quectel dialect only
    term.send("Escape")
    term.send("C-c")   # drops the half-typed line
    term.type("AT+CEDRXR")
    term.send("Tab")
    term.wait_for("AT> AT+CEDRXRDP", what="AT+CEDRXRDP completed")
    term.send("Enter")
    term.wait_for("+CEDRXRDP: 0", what="the reply to the completed command")


def test_psm_helper_inserts_the_command_for_review(console):
    term = console()
    term.type(":psm 24h 30s")
    term.send("Enter")
    screen = term.wait_for('AT> AT+CPSMS=1,,,"00111000","00001111"', what="the inserted AT+CPSMS")
    assert 'TAU 1 d ("00111000"), active 30 s ("00001111")' in screen
    assert "OK" not in _after(screen, ":psm 24h 30s")    # nothing sent before Enter
    term.send("Enter")
    term.wait_for(lambda s: "\nOK" in _after(s, 'AT> AT+CPSMS=1,,,"00111000","00001111"'), what="OK to AT+CPSMS")


def test_ctrl_c_cancels_a_stalled_command_and_the_console_goes_on(console):
    term = console(BG95 + "?stall=AT%2BCOPS")
    term.type("AT+COPS?")
    term.send("Enter")
    term.wait_for("running AT+COPS?: Ctrl-C cancels", what="the busy toolbar")
    term.send("C-c")
    term.wait_for("cancelled AT+COPS?", what="the cancel message")
    term.wait_for(PROMPT_IDLE, what="idle again")
    term.type("AT+CSQ")
    term.send("Enter")
    term.wait_for(lambda s: "+CSQ:" in _after(s, "AT> AT+CSQ"), what="the module still answering")
    term.send("C-d")
    term.wait_for("EXIT=0", what="Ctrl-D leaving with exit code 0")


def test_pin_never_reaches_screen_history_or_transcript(console, tmp_path):
    term = console(BG95 + "?sim=pin")   # the simulated SIM's PIN is 1234 by default
    term.type('AT+CPIN="1234"')
    term.send("Enter")
    screen = term.wait_for(lambda s: "\nOK" in _after(s, 'AT> AT+CPIN="****"'), what="the masked command answered")
    term.send("C-d")
    term.wait_for("EXIT=0")
    assert '"1234"' not in term.screen() and '"1234"' not in screen
    assert 'AT+CPIN="****"' in (tmp_path / "history").read_text()
    assert "1234" not in (tmp_path / "history").read_text()
    sent = [json.loads(line)["data"] for line in (tmp_path / "t.jsonl").read_text().splitlines()]
    assert any("AT+CPIN=" in data for data in sent) and not any('"1234"' in data for data in sent)


def _csq_round_trip(term: Tmux) -> None:
    term.type("AT+CESQ")
    term.send("Enter")
    term.wait_for(lambda s: "    = signal" in _after(s, "AT> AT+CESQ"), what="+CESQ with its meaning")
    term.send("C-d")
    term.wait_for("EXIT=0", what="Ctrl-D leaving")


def test_console_on_a_device_path(console, sim_pty):
    _csq_round_trip(console(sim_pty))


def test_console_over_rfc2217(console):
    import threading

    from atctl.sim.pty_server import Rfc2217Server

    server = Rfc2217Server(BG95, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        _csq_round_trip(console(f"rfc2217://127.0.0.1:{server.port}"))
    finally:
        server.stop()


def test_console_on_a_replayed_session(console, tmp_path):
    _csq_round_trip(console(BG95))                      # records t.jsonl (the fixture's --transcript)
    recorded = tmp_path / "recorded.jsonl"
    recorded.write_bytes((tmp_path / "t.jsonl").read_bytes())
    _csq_round_trip(console(f"replay://{recorded}"))    # the same session, answered from the recording


@pytest.mark.parametrize("quit_key", ["q", "C-c"])
def test_monitor_shows_registration_then_the_granted_psm_and_restores_urcs(tmp_path, quit_key):
    nvm = tmp_path / "nvm.json"
    # the module asks for TAU 24 h / active 30 s and keeps it in NVM; the network clamps to 2 h / 10 s
    subprocess.run(atctl_argv("send", "--port", f"{BG95}?nvm={nvm}", 'AT+CPSMS=1,,,"00111000","00001111"'),
                   check=True, capture_output=True)
    port = f"{BG95}?network=psm-clamp&reg_delay=2&nvm={nvm}"
    term = Tmux(atctl_argv("monitor", "--port", port, "--transcript", str(tmp_path / "m.jsonl")),
                env={"ATCTL_PORT": ""})
    try:
        term.wait_for(re.compile(r"registration\s+searching").search, what="searching first")
        screen = term.wait_for(re.compile(r"registration\s+home").search, what="the registration change")
        screen = term.wait_for(re.compile(r"PSM granted\s+TAU 2 h, active 10 s").search, what="the granted PSM")
        assert re.search(r"PSM requested\s+TAU 1 d, active 30 s", screen)
        assert "asked TAU 1 d, active 30 s: differs from the request" in screen
        assert "a short interval keeps an LTE-M module awake" in screen
        term.send(quit_key)
        screen = term.wait_for("EXIT=0", what=f"{quit_key} quitting")
        assert "restored AT+CEREG=0" in screen
    finally:
        term.close()
    sent = [json.loads(line)["data"] for line in (tmp_path / "m.jsonl").read_text().splitlines()
            if json.loads(line)["dir"] == "tx"]
    assert "AT+CEREG=5\r" in sent and sent[-1] == "AT+CEREG=0\r"


def test_monitor_json_streams_one_document_per_update(tmp_path):
    done = subprocess.run(atctl_argv("monitor", "--port", f"{BG95}?reg_delay=1", "--json", "--for", "3"),
                          capture_output=True, text=True, timeout=30, env={**os.environ, "ATCTL_PORT": ""})
    assert done.returncode == 0, done.stderr
    docs = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(docs) >= 2
    assert {"registration", "operator", "rat", "band", "signal", "signal_history", "psm", "edrx", "urcs",
            "errors"} <= set(docs[0])
    assert docs[-1]["registration"]["stat_text"] == "home"


def test_console_without_a_terminal_is_exit_2_before_the_port_is_opened():
    done = subprocess.run(atctl_argv("console", "--port", "/dev/does-not-exist"), capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=30)
    assert done.returncode == 2
    assert "needs an interactive terminal" in done.stderr and "Traceback" not in done.stderr


def test_monitor_bad_interval_is_exit_2():
    done = subprocess.run(atctl_argv("monitor", "--port", BG95, "--interval", "soon"), capture_output=True,
                          text=True, timeout=30)
    assert done.returncode == 2 and "--interval" in done.stderr


if sys.platform == "win32":  # pragma: no cover
    pytest.skip("tmux tests need a POSIX terminal", allow_module_level=True)


@pytest.mark.parametrize("command", ["console", "monitor"])
def test_a_link_lost_under_the_ui_is_said_and_exit_3(command):
    from atctl.sim.pty_server import PtyServer

    server = PtyServer("quectel-bg95-m3", {}).start()
    term = Tmux(atctl_argv(command, "--port", server.path),
                env={"ATCTL_CONSOLE_HISTORY": "/dev/null", "ATCTL_PORT": ""})
    try:
        term.wait_for(PROMPT_IDLE if command == "console" else "registration", what="the UI up")
        server.stop()    # the pty goes away, as when a USB module is unplugged
        screen = term.wait_for("lost the link", what="the lost link said")
        if command == "console":
            term.send("C-d")
        screen = term.wait_for("EXIT=", what="the exit code")
        assert "EXIT=3" in screen and "Traceback" not in screen
    finally:
        term.close()
        server.stop()


def test_monitor_refuses_an_existing_transcript_before_the_port_and_force_replaces_it(tmp_path):
    existing = tmp_path / "kept.jsonl"
    existing.write_text("the user's notes\n")
    refused = subprocess.run(atctl_argv("monitor", "--port", BG95, "--json", "--for", "1", "--transcript",
                                        str(existing)), capture_output=True, text=True, timeout=30)
    assert refused.returncode == 2 and existing.read_text() == "the user's notes\n", refused.stderr
    forced = subprocess.run(atctl_argv("monitor", "--port", BG95, "--json", "--for", "1", "--transcript",
                                       str(existing), "--force"), capture_output=True, text=True, timeout=30)
    assert forced.returncode == 0, forced.stderr
    assert '"dir": "tx"' in existing.read_text()
