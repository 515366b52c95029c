"""The monitor's picture: URCs (real nRF91 lines, see test_console_explain.py sources) move it at once."""

from __future__ import annotations

import json

from atctl.console.dashboard import Dashboard
from atctl.network_values import Operator


def _board() -> Dashboard:
    ticks = iter(range(1000, 2000))
    return Dashboard("sim://x", None, interval_s=300, clock=lambda: next(ticks))


def test_registration_urcs_update_state_and_grant():
    board = _board()
    board.apply_urc('+CEREG: 2,"1D23","0D70394B",9')
    assert board.registration.stat_text == "searching" and board.psm_granted is None
    board.apply_urc("+CSCON: 1")
    assert board.connection.startswith("radio connected")
    meaning = board.apply_urc('+CEREG: 1,"1D23","0D70394B",9,,,"00100001","00000110"')
    assert "active 1 min" in meaning
    snap = board.snapshot()
    assert snap["registration"]["stat_text"] == "home" and snap["rat"] == "nb-iot"
    assert snap["psm"]["granted"] == {"tau_s": 3600, "active_s": 60, "tau_bits": "00000110", "active_bits": "00100001",
                                      "source": "+CEREG URC"}
    assert [u["line"] for u in snap["urcs"]][-1].startswith("+CEREG: 1")
    json.dumps(snap)   # the --json line must serialise
    assert ("PSM granted", "TAU 1 h, active 1 min") in board.rows()


def test_losing_registration_drops_the_grant():
    board = _board()
    board.apply_urc('+CEREG: 1,"7725","0138E000",7,,,"00000010","00000110"')
    board.apply_urc("+CEREG: 0")
    assert board.psm_granted is None and board.registration.stat_text == "not-registered"


def test_status_poll_sets_request_used_for_later_urcs():
    board = _board()
    board.apply_status({"registration": {"stat": 2, "stat_text": "searching"}, "operator": {}, "rat": None,
                        "band": None, "signal": {"rsrp_dbm": -95, "rsrq_db": -10},
                        "psm": {"requested": {"mode": 1, "tau_s": 86400, "active_s": 30}, "granted": {}},
                        "edrx": {"requested": {}, "granted": None}, "errors": ["AT+QENG timed out"]})
    meaning = board.apply_urc('+CEREG: 1,"7725","0138E000",7,,,"00000010","00000110"')
    assert "asked TAU 1 d, active 30 s: differs from the request" in meaning
    assert board.snapshot()["errors"] == ["AT+QENG timed out"]
    assert "RSRP -95 dBm" in dict(board.rows())["history"]


def test_signal_history_is_bounded():
    board = _board()
    for rsrp in range(-140, -40):
        board.apply_urc(f"+CESQ: 99,99,255,255,20,{rsrp + 141}")
    assert len(board.snapshot()["signal_history"]) == 20


def test_modem_text_on_the_monitor_screen_is_never_markup():
    from rich.console import Console

    from atctl.cli.monitor import Monitor

    monitor = Monitor.__new__(Monitor)      # the renderer only: no port is opened
    monitor.port, monitor.interval_s = "sim://x?[bold]", 300
    monitor.board = _board()
    monitor.board.operator = Operator(name="[red]Evil[/red] Telekom", mcc_mnc="26201")
    monitor.board.apply_urc("+QIURC: [blink]\"recv\"[/blink],0")
    console = Console(record=True, width=200, color_system=None)
    console.print(monitor._render())
    text = console.export_text()
    assert "[red]Evil[/red] Telekom" in text and '+QIURC: [blink]"recv"[/blink],0' in text
    assert "sim://x?[bold]" in text


def test_a_status_poll_shows_the_status_document_as_it_is():
    """The poll is read back into the typed NetworkState; the monitor --json parts are the status document's
    (a live BG95-M3 simulator read, pinned in tests/fixtures/golden/diagnose-healthy-applied.json)."""
    from pathlib import Path

    golden = Path(__file__).parent.parent / "fixtures" / "golden" / "diagnose-healthy-applied.json"
    doc = json.loads(golden.read_text())["facts"]["network"]
    board = _board()
    board.apply_status(doc)
    snap = board.snapshot()
    assert snap["registration"] == {k: v for k, v in doc["registration"].items() if k != "all"}
    assert snap["operator"] == doc["operator"] and snap["signal"] == doc["signal"]
    assert snap["psm"] == {"requested": doc["psm"]["requested"], "granted": doc["psm"]["granted"]}
    assert snap["edrx"] == doc["edrx"]
    assert dict(board.rows())["eDRX granted"] == "lte-m cycle 81.92 s, PTW 5.12 s"
