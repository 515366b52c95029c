"""replay:// end to end: a --transcript capture replays to the same answers; polls walk
through recorded replies; URCs follow their command; unrecorded commands diverge."""

from __future__ import annotations

import json

import pytest


def _record(tmp_path, cli, *args):
    # a fresh file per capture: atctl refuses to overwrite an existing transcript without --force
    transcript = tmp_path / f"T{len(list(tmp_path.glob('T*.jsonl')))}.jsonl"
    code, out, err = cli(*args, "--transcript", str(transcript), "--json")
    return code, json.loads(out), transcript


@pytest.mark.parametrize("module, network", [("quectel-bg95-m3", None), ("ublox-sara-r410m-02b", "psm-refused"),
                                             ("quectel-bg95-m3", "denied")])
def test_status_capture_replays_to_the_same_status(cli, tmp_path, module, network):
    url = f"sim://{module}" + (f"?network={network}" if network else "")
    code, live, transcript = _record(tmp_path, cli, "status", "--port", url)
    code2, out, err = cli("status", "--port", f"replay://{transcript}", "--json")
    replayed = json.loads(out)
    assert code2 == code
    live.pop("port"), replayed.pop("port")
    assert replayed == live
    assert "divergence" not in err


def test_verify_and_diagnose_run_on_a_replay(cli, tmp_path):
    config = "examples/lte-m-tracker-eu-us.yaml"
    url = "sim://quectel-bg95-m3?network=de-telekom&reg_delay=0"
    code, live, transcript = _record(tmp_path, cli, "verify", config, "--port", url)
    code2, out, _ = cli("verify", config, "--port", f"replay://{transcript}", "--json")
    assert code2 == code and json.loads(out)["checks"] == live["checks"]
    code, diag, transcript = _record(tmp_path, cli, "diagnose", "--port", url, "--wait", "2")
    code2, out, _ = cli("diagnose", "--port", f"replay://{transcript}", "--wait", "2", "--json")
    assert code2 == code
    assert [f["code"] for f in json.loads(out)["findings"]] == [f["code"] for f in diag["findings"]]


def _session(tmp_path, text: str):
    path = tmp_path / "s.jsonl"
    records = []
    for line in text.strip().splitlines():
        direction, data = line.split(" ", 1)
        records.append(json.dumps({"t": 0, "dir": direction, "data": data.replace("\\r", "\r").replace("\\n", "\n")}))
    path.write_text("\n".join(records) + "\n")
    return path


def test_a_poll_walks_through_recorded_answers_and_the_last_repeats(tmp_path, replay_port):
    import serial

    path = _session(tmp_path, r"""
tx AT+CEREG?\r
rx \r\n+CEREG: 0,2\r\n\r\nOK\r\n
tx AT+CEREG?\r
rx \r\n+CEREG: 0,1\r\n\r\nOK\r\n
""")
    from atctl.at.session import AtSession

    session = AtSession(serial.serial_for_url(replay_port(path), timeout=0.5))
    answers = [session.command("AT+CEREG?").lines for _ in range(4)]
    assert answers == [["+CEREG: 0,2"], ["+CEREG: 0,1"], ["+CEREG: 0,1"], ["+CEREG: 0,1"]]


def test_urcs_come_after_the_command_they_followed(tmp_path, replay_port):
    import serial

    from atctl.at.session import AtSession

    path = _session(tmp_path, r"""
rx \r\nRDY\r\n
tx AT+CFUN=1\r
rx \r\nOK\r\n
rx \r\n+CEREG: 1\r\n
tx AT+CSQ\r
rx \r\n+CSQ: 20,99\r\n\r\nOK\r\n
""")
    session = AtSession(serial.serial_for_url(replay_port(path), timeout=0.5))
    assert session.command("AT+CSQ").lines == ["+CSQ: 20,99"]
    assert "+CEREG: 1" not in session.urcs  # not yet: it followed AT+CFUN=1
    session.command("AT+CFUN=1")
    assert session.wait_urc("+CEREG:", 1.0) == "+CEREG: 1"
    assert session.urcs[0] == "RDY"  # what came before any command is there from the start


def test_an_unrecorded_command_gets_error_and_is_named(cli, tmp_path):
    path = _session(tmp_path, r"""
tx AT\r
rx \r\nOK\r\n
""")
    code, out, err = cli("send", "--port", f"replay://{path}", "AT+QCFG=\"band\"", "--json")
    doc = json.loads(out)
    assert doc["responses"][0]["final"] == "ERROR"
    named = [d["command"] for d in doc["replay"]["divergences"]]
    assert 'AT+QCFG="band"' in named
    assert 'AT+QCFG="band" was never recorded' in err


def test_missing_replay_file_is_exit_3_with_one_line(cli, tmp_path):
    code, out, err = cli("status", "--port", f"replay://{tmp_path}/nope.jsonl")
    assert code == 3 and "does not exist" in err and "Traceback" not in err


def test_diagnose_log_with_a_config_runs_the_verify_checks(cli, cli_json, tmp_path):
    config = "examples/lte-m-tracker-eu-us.yaml"
    url = "sim://quectel-bg95-m3?network=psm-refused&reg_delay=0"
    transcript = tmp_path / "T.jsonl"
    cli("send", "--port", url + f"&nvm={tmp_path}/nvm.json", 'AT+CPSMS=1,,,"00100001","00000011"')
    code, _, _ = cli("status", "--port", url + f"&nvm={tmp_path}/nvm.json", "--transcript", str(transcript))
    code, doc = cli_json("diagnose", "--log", str(transcript), "--config", config)
    checks = {c["name"]: c for c in doc["facts"]["checks"]}
    assert "registered" in checks and checks["registered"]["ok"]
    assert "psm-not-granted" in {f["code"] for f in doc["findings"]}
    assert doc["source"] == "log" and code == 1


def test_apply_replays_to_the_same_steps(cli, tmp_path):
    config = "examples/lte-m-tracker-eu-us.yaml"
    url = f"sim://quectel-bg95-m3?network=de-telekom&reg_delay=0&nvm={tmp_path}/nvm.json"
    code, live, transcript = _record(tmp_path, cli, "apply", config, "--port", url)
    code2, out, err = cli("apply", config, "--port", f"replay://{transcript}", "--json")
    replayed = json.loads(out)
    assert code2 == code == 0
    assert replayed["steps"] == live["steps"] and replayed["verify"] == live["verify"]
    assert "divergence" not in err
