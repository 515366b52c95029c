"""The findings rule table (atctl.diagnose.findings.RULES), one row per rule: the facts that trigger it and
the exact codes classify() returns, in order (severity first, then the rule order of the report)."""

import pytest

from atctl.config.verify import Check
from atctl.diagnose.facts import ConfigFacts, Facts, HygieneFacts, IdentityFacts, SimFacts
from atctl.diagnose.findings import RULES, classify
from atctl.dialects.settings import Settings
from atctl.network_values import NetworkState, RadioState
from atctl.sim_card import SimCard

REG = {"registration": {"stat": 1, "stat_text": "home"}, "operator": {"country": "DE"}, "rat": "lte-m", "band": 20,
       "signal": {"rsrp_dbm": -90, "rsrq_db": -9}, "psm": {}, "edrx": {}}


def facts(**kw):
    """Facts with the typed parts written as their report documents in the table."""
    base = {"port": "p", "sim": {"state": "ready", "detail": ""}, "network": dict(REG)}
    base.update(kw)
    base["sim"] = SimFacts(SimCard(**base["sim"]))
    base["network"] = NetworkState.from_dict(base["network"]) if base["network"] else None
    if "radio" in base:
        base["radio"] = RadioState.from_dict(base["radio"])
    if "settings" in base:
        base["settings"] = Settings(bands={rat: frozenset(b) for rat, b in base["settings"]["bands"].items()})
    return Facts(**base)


TABLE = [
    ("healthy", {}, []),
    ("unreachable stops everything", {"reachable": False, "failures": ["opening the port: x"]}, ["no-answer"]),
    ("stopped answering", {"stopped_answering": "identity", "network": {}}, ["stopped-answering"]),
    ("no SIM", {"sim": {"state": "absent", "detail": ""}, "network": {}}, ["no-sim"]),
    ("PIN", {"sim": {"state": "pin-required", "detail": ""}, "network": {}}, ["sim-pin"]),
    ("PUK", {"sim": {"state": "puk-required", "detail": ""}, "network": {}}, ["sim-puk"]),
    ("SIM error", {"sim": {"state": "failure", "detail": "SIM failure"}, "network": {}}, ["sim-error"]),
    ("radio off", {"radio": {"state": "off", "fun": 0, "detail": ""}, "network": {}}, ["radio-off"]),
    ("denied", {"network": {"registration": {"stat": 3, "reject_cause": 11}}}, ["registration-denied"]),
    ("searching", {"network": {"registration": {"stat": 2}}}, ["not-registered"]),
    ("roaming", {"network": {**REG, "registration": {"stat": 5}}}, ["roaming"]),
    ("PSM not granted", {"network": {**REG, "psm": {"requested": {"mode": 1, "tau_s": 3600, "active_s": 10}}}},
     ["psm-not-granted"]),
    ("eDRX not used", {"network": {**REG, "edrx": {"requested": {"lte-m": "0101"}}}}, ["edrx-not-granted"]),
    ("weak signal", {"network": {**REG, "signal": {"rsrp_dbm": -120}}}, ["weak-signal"]),
    ("band outside plan", {"config": ConfigFacts(["DE"], ["lte-m"], {"lte-m": [8]})}, ["band-outside-plan"]),
    ("legacy sunset", {"config": ConfigFacts(["DE"], ["gsm"], {}, {"gsm": ["DE"]})}, ["legacy-rat-sunset"]),
    ("failed check", {"checks": [Check("apn", "iot", "x", False, "APN is x")]}, ["verify-apn"]),
    ("echo and cmee", {"hygiene": HygieneFacts(echo_on=True, cmee=0)}, ["echo-on", "cmee-off"]),
    ("unused bands", {"settings": {"bands": {"lte-m": [1, 2, 3, 4, 8, 20]}}, "local_bands": {"lte-m": [8, 20]}},
     ["unused-bands"]),
    ("collection gap", {"failures": ["radio read: x"]}, ["collection-gap"]),
    ("module", {"identity": IdentityFacts(model="BG95-M3")}, ["module"]),
    ("battery grant", {"battery": {"requested_life_days": 100, "granted_life_days": 40, "text": "t"}},
     ["battery-grant"]),
    ("severity first, then rule order",
     {"hygiene": HygieneFacts(echo_on=True), "identity": IdentityFacts(model="BG95-M3"), "network": {"registration": {"stat": 2}},
      "failures": ["x"]}, ["not-registered", "echo-on", "collection-gap", "module"]),
]


@pytest.mark.parametrize("name,kw,expected", TABLE, ids=[row[0] for row in TABLE])
def test_rule_table(name, kw, expected):
    assert [f.code for f in classify(facts(**kw))] == expected


def test_every_rule_is_in_the_table():
    assert len(RULES) == 14  # a new rule gets a row above
