"""diagnose --log reads the SIM card with the live reader's interpretation (atctl.sim_card.sim_state_from):
the same states, details and findings as a live run for the same answers. Answers in the TS 27.007 8.3 /
9.2.1 forms: `+CPIN: SIM PIN` as in tests/fixtures/logs/sim808-tinygsm-echo.log, `+CME ERROR: 10` as
Quectel BG95/BG96 answer AT+CPIN? without a SIM, `+CPIN: NOT INSERTED` the Quectel boot URC."""

import pytest

from atctl.diagnose.facts import SimFacts
from atctl.diagnose.from_log import diagnose_log, facts_from_log
from atctl.logs import read_log
from atctl.sim_card import SimCard

CASES = [
    (["AT+CPIN?", "+CPIN: READY", "OK"], "ready", None),
    (["AT+CPIN?", "+CPIN: SIM PIN", "OK"], "pin-required", "sim-pin"),
    (["AT+CPIN?", "+CPIN: SIM PUK", "OK"], "puk-required", "sim-puk"),
    (["AT+CPIN?", "+CME ERROR: 10"], "absent", "no-sim"),
    (["AT+CIMI", "+CME ERROR: 10"], "absent", "no-sim"),          # no SIM, whichever command meets it
    (["AT+CPIN?", "+CME ERROR: 13"], "failure", "sim-error"),
    (["AT+CPIN?", "+CPIN: READY", "OK", "+CPIN: NOT INSERTED"], "absent", "no-sim"),  # the later URC counts
    (["AT+CPIN?", "+CPIN: SIM PIN", "OK", "+CPIN: NOT READY"], "pin-required", "sim-pin"),  # says nothing new
]


@pytest.mark.parametrize("log,state,code", CASES, ids=[" / ".join(c[0][1:]) for c in CASES])
def test_log_sim_state_is_the_live_interpretation(log, state, code):
    facts, limits, _ = facts_from_log(read_log(log), "t.log")
    assert facts.sim.card.state == state and facts.sim.card.detail
    assert not any("SIM state" in item for item in limits)
    report, _ = diagnose_log(read_log(log), "t.log")
    found = {f["code"] for f in report["findings"]}
    assert (code in found) if code else not found & {"no-sim", "sim-pin", "sim-puk", "sim-error"}


def test_no_cpin_in_the_log_says_so():
    facts, limits, _ = facts_from_log(read_log(["AT+CSQ", "+CSQ: 20,99", "OK"]), "t.log")
    assert facts.sim.card is None and "the SIM state (no AT+CPIN? in the log)" in limits
    assert facts.as_dict()["sim"] == {}


def test_sim_facts_document_round_trip():
    live = SimFacts(SimCard("ready", "the SIM is ready", "+CPIN: READY"), True, "8949", None)
    assert live.as_dict() == {"iccid": "8949", "imsi": None, "state": "ready", "detail": "the SIM is ready",
                              "raw": "+CPIN: READY"}  # identity read: both keys, null when not given
    assert SimFacts.from_dict(live.as_dict()) == live
    assert SimFacts(imsi="2620").as_dict() == {"imsi": "2620"}  # a log: only what it shows
