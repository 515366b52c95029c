"""One reading of "what the network granted" for status, verify and diagnose."""

from atctl.network_values import PsmState
from atctl.status_view import psm_text, status_warnings


def granted_psm(psm: dict) -> dict:
    granted = PsmState.from_dict(psm).granted_timers()
    return granted.as_dict() if granted is not None else {}


def test_granted_from_cereg_else_ucpsms():
    # SARA-R4 (quirk psm_granted_read: ucpsms): +CEREG n=4 carries no timers, +UCPSMS does
    psm = {"requested": {"mode": 1, "tau_s": 43200, "active_s": 30},
           "granted": {"tau_s": None, "active_s": None}, "granted_ucpsms": {"mode": 1, "tau_s": 7200, "active_s": 30}}
    assert granted_psm(psm)["tau_s"] == 7200
    assert psm_text(psm) == "asked TAU 12 h, active 30 s; granted TAU 2 h, active 30 s"
    assert granted_psm({"granted": {"tau_s": 3600, "active_s": None}}) == {}
    assert psm_text({"requested": {"mode": 1, "tau_s": 3600, "active_s": 20}}).endswith("granted nothing")


def test_status_warnings_name_a_blocking_sim_and_a_radio_that_is_off():
    doc = {"sim": {"state": "pin-required", "detail": "the SIM asks for its PIN", "raw": "+CPIN: SIM PIN"},
           "radio": {"state": "off", "fun": 0, "detail": "the radio is off (AT+CFUN=0)", "next_step": "send AT+CFUN=1"}}
    assert status_warnings(doc) == ["SIM pin-required: the SIM asks for its PIN",
                                    "the radio is off (AT+CFUN=0): send AT+CFUN=1"]
    assert status_warnings({"sim": {"state": "ready", "detail": "the SIM is ready"}, "radio": {}}) == []
    assert status_warnings({"sim": {}, "radio": {}}) == []
