"""One reading of "what the network granted" for status, verify and diagnose."""

from atctl.status_view import granted_psm, psm_text


def test_granted_from_cereg_else_ucpsms():
    # SARA-R4 (quirk psm_granted_read: ucpsms): +CEREG n=4 carries no timers, +UCPSMS does
    psm = {"requested": {"mode": 1, "tau_s": 43200, "active_s": 30},
           "granted": {"tau_s": None, "active_s": None}, "granted_ucpsms": {"mode": 1, "tau_s": 7200, "active_s": 30}}
    assert granted_psm(psm)["tau_s"] == 7200
    assert psm_text(psm) == "asked TAU 12 h, active 30 s; granted TAU 2 h, active 30 s"
    assert granted_psm({"granted": {"tau_s": 3600, "active_s": None}}) == {}
    assert psm_text({"requested": {"mode": 1, "tau_s": 3600, "active_s": 20}}).endswith("granted nothing")
