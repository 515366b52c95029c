"""SIM state (#13): read first, shown by `status`, and apply/verify stop at once without a usable SIM.

Vectors: 3GPP TS 27.007 8.3 (+CPIN read codes) and 9.2.1 (+CME ERROR 10..15); the missing-SIM
answer `+CME ERROR: 10` as documented for a Quectel module in stylesuxx/v3xctrl docs/SIM.md
("FAIL - SIM not recognized"); `+CPIN: NOT INSERTED` is the Quectel BG95 boot URC for an empty holder
(Quectel BG95 AT Commands Manual, 'URC indicating SIM card status').
"""

import json

import pytest

from atctl.sim_card import SimNotReady, sim_state_from

EXAMPLE = "examples/lte-m-tracker-eu-us.yaml"


@pytest.mark.parametrize("lines, ok, code, final, state", [
    (["+CPIN: READY"], True, None, "OK", "ready"),
    (["+CPIN: SIM PIN"], True, None, "OK", "pin-required"),
    (["+CPIN: SIM PUK"], True, None, "OK", "puk-required"),
    (["+CPIN: PH-NET PIN"], True, None, "OK", "pin-required"),
    (["+CPIN: SIM PIN2"], True, None, "OK", "ready"),        # PIN2 guards FDN only, not registration
    (["+CPIN: NOT INSERTED"], True, None, "OK", "absent"),
    (['+CPIN: "READY"'], True, None, "OK", "ready"),          # quoted by some firmware
    (["+CPIN: NOT READY"], True, None, "OK", "unknown"),
    ([], False, 10, "+CME ERROR: 10", "absent"),
    ([], False, 10, "+CME ERROR: SIM not inserted", "absent"),
    ([], False, 11, "+CME ERROR: SIM PIN required", "pin-required"),
    ([], False, 12, "+CME ERROR: 12", "puk-required"),
    ([], False, 13, "+CME ERROR: SIM failure", "failure"),
    ([], False, 14, "+CME ERROR: SIM busy", "unknown"),
    ([], False, None, "ERROR", "unknown"),                    # AT+CMEE=0: no reason given
])
def test_cpin_answers(lines, ok, code, final, state):
    sim = sim_state_from(lines, ok, code, final)
    assert sim.state == state and sim.detail
    assert sim.blocking == (state in ("absent", "pin-required", "puk-required", "failure"))


def test_pin_message_never_holds_a_pin():
    exc = SimNotReady(sim_state_from(["+CPIN: SIM PIN"], True, None, "OK"))
    assert exc.one_line().startswith("SIM PIN required") and "atctl never stores PINs" in exc.one_line()


@pytest.mark.parametrize("query, state", [
    ("sim=absent", "absent"), ("sim=pin", "pin-required"), ("cme=AT%2BCPIN:12", "puk-required"),
    ("cme=AT%2BCPIN:13", "failure"), ("reg_delay=0", "ready"),
])
def test_status_json_has_sim(cli_json, query, state):
    code, doc = cli_json("status", "--port", f"sim://quectel-bg95-m3?{query}")
    assert code == 0
    assert doc["sim"]["state"] == state and doc["sim"]["detail"]
    for key in ("registration", "operator", "rat", "band", "signal", "psm", "edrx"):
        assert key in doc


def test_status_human_has_a_sim_line(cli):
    code, out, _ = cli("status", "--port", "sim://quectel-bg95-m3?sim=pin")
    assert code == 0
    line = next(ln for ln in out.splitlines() if "SIM" in ln)
    assert "PIN" in line and "1234" not in out


def _config(tmp_path, timeout="120s"):
    # the example with a short registration timeout: on the old code the run fails after it, "not registered"
    cfg = tmp_path / "c.yaml"
    cfg.write_text(open(EXAMPLE).read().replace("timeout: 120s", f"timeout: {timeout}"))
    return str(cfg)


def test_apply_without_sim_stops_before_writing(cli, tmp_path):
    transcript = tmp_path / "t.jsonl"
    code, out, err = cli("apply", _config(tmp_path), "--port", "sim://quectel-bg95-m3?sim=absent",
                         "--transcript", str(transcript))
    assert code == 1
    assert "no SIM inserted" in err and "not registered" not in err + out
    sent = [json.loads(line)["data"] for line in transcript.read_text().splitlines() if '"tx"' in line]
    assert not any(cmd.startswith(("AT+CPSMS=", "AT+CEDRXS=", "AT+QCFG=", "AT+CGDCONT=")) for cmd in sent)


def test_verify_with_locked_sim_stops_at_once(cli, tmp_path):
    transcript = tmp_path / "t.jsonl"
    code, out, err = cli("verify", _config(tmp_path), "--port", "sim://quectel-bg95-m3?sim=pin",
                         "--transcript", str(transcript))
    assert code == 1
    assert "SIM PIN required: unlock it or disable the PIN; atctl never stores PINs" in err
    sent = transcript.read_text()
    assert "AT+CEREG?" not in sent  # no registration wait at all
    assert "1234" not in out + err + sent  # the simulator's PIN is never asked for, shown or stored


def test_verify_json_reports_the_sim_error(cli_json, tmp_path):
    code, doc = cli_json("verify", _config(tmp_path), "--port", "sim://quectel-bg95-m3?cme=AT%2BCPIN:12")
    assert code == 1 and "SIM PUK required" in doc["error"]["message"]


def test_plan_still_works_without_sim_and_says_so(cli_json):
    # plan only reads settings (bench pre-configuration without a SIM is legitimate): it warns instead of stopping
    code, doc = cli_json("plan", EXAMPLE, "--port", "sim://quectel-bg95-m3?sim=absent")
    assert code == 0 and doc["steps"]
    assert any(w.startswith("no SIM inserted") for w in doc["warnings"])


def test_apply_no_wait_without_sim_still_writes(cli_json):
    # --no-wait does not need the network; the verify after it reports the missing registration
    code, doc = cli_json("apply", EXAMPLE, "--port", "sim://quectel-bg95-m3?sim=absent", "--no-wait")
    assert doc["changed"] is True
