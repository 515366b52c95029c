"""Sixteen real public sessions (tests/fixtures/logs/SOURCES.md) through decode --log,
diagnose --log and capture import + replay, end to end through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

LOGS = Path(__file__).parent.parent / "fixtures" / "logs"

# file -> (exchanges, decoded at least, expectations on the decoded document)
EXPECT = {
    "wiolte-ec21-arrows.log": (41, 40, {"command": "AT+CEREG?", "stat_text": "searching"}),
    "bg96-azure-freertos-brackets.log": (3, 4, {"command": "AT+CPIN?", "type": "CPIN"}),
    "sim808-tinygsm-echo.log": (39, 25, {"command": "AT+CPIN?", "code": "SIM PIN"}),
    "sara-r510-ubxlib-psm.log": (14, 2, {"command": "AT+CPSMS?", "periodic_tau_s": 14400, "active_time_s": 60}),
    "sim7600-cmee-curly-quotes.log": (9, 0, {"command": "AT+CMEE?"}),
    "sim7000e-nbiot-telenor.log": (6, 4, {"command": "AT+CGREG?", "stat_text": "home"}),
    "sim7080g-att-nbiot-dots.log": (4, 3, {"command": "AT+CEREG?", "stat_text": "searching"}),
    "xmm7360-modemmanager.log": (2, 2, {"command": "AT+COPS=0", "code": 30}),
    "gtm382-modemmanager-old.log": (8, 1, {"command": "AT+CFUN?", "fun": 1}),
    "pygsmmodem-echo-ztemodem.log": (5, 2, {"command": "AT+CPIN?", "type": "CPIN"}),
    "pygsmmodem-qualcomm-cme14.log": (17, 5, {"command": "AT+CSCA?", "code": 14}),
    "nrf9160-slm-tinygsm.log": (27, 12, {"command": "AT+CEREG?", "stat_text": "home"}),
    "mbed-trace-cellular.log": (3, 3, {"command": "AT+CGREG?", "message": "operation not supported"}),
    "bg770-zephyr-modem-chat.log": (2, 6, {}),
    "sim800l-lowercase-cops-scan.log": (2, 2, {"command": "at+cops?", "mode": 0}),
    "gammu-smsd-modem.log": (4, 1, {"command": "AT+CGREG?", "stat_text": "home", "tac": "DF16"}),
}


def test_every_fixture_is_listed_with_its_source():
    sources = (LOGS / "SOURCES.md").read_text()
    files = sorted(p.name for p in LOGS.glob("*.log"))
    assert files == sorted(EXPECT)
    assert all(name in sources for name in files)


def _find(doc: dict, want: dict) -> bool:
    command = want.get("command")
    rest = {k: v for k, v in want.items() if k != "command"}
    for ex in doc["exchanges"]:
        if command and ex["command"] != command:
            continue
        if not rest:
            return True
        for decoded in ex["decoded"]:
            fields = {**decoded["fields"], "type": decoded["type"]}
            if all(fields.get(k) == v for k, v in rest.items()):
                return True
    return not command and not rest


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_decode_log(cli, cli_json, name):
    exchanges, decoded, want = EXPECT[name]
    code, doc = cli_json("decode", "--log", str(LOGS / name))
    assert code == 0
    assert doc["summary"]["exchanges"] == exchanges
    assert doc["summary"]["decoded"] >= decoded
    assert _find(doc, want), want
    assert {"exchanges", "urcs", "unparsed", "summary"} <= set(doc)
    for ex in doc["exchanges"]:
        assert {"line_no", "command", "lines", "result", "decoded"} <= set(ex)
    code, out, err = cli("decode", "--log", str(LOGS / name))
    assert code == 0 and "exchanges" in out and "Traceback" not in out + err


DIAGNOSE = {
    "sim808-tinygsm-echo.log": ("critical", {"sim-pin", "echo-on", "reset-requested"}),
    "pygsmmodem-qualcomm-cme14.log": ("critical", {"sim-pin", "errors-returned"}),
    "wiolte-ec21-arrows.log": ("critical", {"not-registered"}),
    "xmm7360-modemmanager.log": ("critical", {"not-registered", "errors-returned"}),
    "bg770-zephyr-modem-chat.log": ("major", {"roaming", "no-final-result"}),
    "nrf9160-slm-tinygsm.log": ("ok", {"reset-requested", "errors-returned", "module"}),
    "bg96-azure-freertos-brackets.log": ("ok", set()),
}


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_diagnose_log(cli_json, name, tmp_path):
    bundle = tmp_path / "bundle.zip"
    code, doc = cli_json("diagnose", "--log", str(LOGS / name), "--out", str(bundle))
    assert doc["source"] == "log"
    assert doc["log"]["cannot_show"][0].startswith("the module's state after the log ends")
    severity = doc["summary"]["severity"]
    assert code == (1 if severity in ("critical", "major") else 0)
    if name in DIAGNOSE:
        want_severity, codes = DIAGNOSE[name]
        assert severity == want_severity
        assert codes <= {f["code"] for f in doc["findings"]}
    import zipfile

    with zipfile.ZipFile(bundle) as z:
        assert set(z.namelist()) == {"report.json", "report.md", "transcript.jsonl"}
        assert json.loads(z.read("report.json"))["source"] == "log"
        assert "What this log cannot show" in z.read("report.md").decode()


@pytest.mark.parametrize("name", sorted(EXPECT))
def test_capture_import_then_replay_answers_as_recorded(cli, cli_json, name, tmp_path):
    from atctl.logs import read_log

    session = tmp_path / "session.jsonl"
    code, doc = cli_json("capture", "import", str(LOGS / name), "-o", str(session))
    assert code == 0 and doc["commands"] >= 1
    recorded = [ex for ex in read_log((LOGS / name).read_text(encoding="utf-8").splitlines()).exchanges
                if ex.command and ex.result is not None and "****" not in ex.command]
    if not recorded:  # every command in this log is cut before its result: replay would let it time out
        assert doc["without_result"]
        return
    first = recorded[0]
    code, sent = cli_json("send", "--port", f"replay://{session}", first.command)
    (response,) = sent["responses"]
    assert response["final"] == first.result
    prefixed = [line for line in first.lines if line.startswith("+")]
    assert [line for line in response["lines"] if line.startswith("+")] == prefixed
    # the session start-up (ATV1, AT+CMEE=2 ...) may diverge from what this host sent; the command itself does not
    assert first.command not in {d["command"] for d in (sent.get("replay") or {}).get("divergences", [])}
