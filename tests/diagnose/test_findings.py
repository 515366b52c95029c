"""Pure findings rules: facts -> findings and severities."""

from atctl.config.verify import Check
from atctl.diagnose.facts import ConfigFacts, Facts, HygieneFacts, SimFacts
from atctl.diagnose.findings import classify
from atctl.dialects.settings import Settings
from atctl.network_values import NetworkState
from atctl.sim_card import SimCard


def sim(state):
    return SimFacts(SimCard(state, ""))


def codes(facts):
    return {(f.severity, f.code) for f in classify(facts)}


def registered(**network):
    base = {"registration": {"stat": 1, "stat_text": "home"}, "operator": {"country": "DE"}, "rat": "lte-m",
            "band": 20, "signal": {"rsrp_dbm": -90, "rsrq_db": -9}, "psm": {}, "edrx": {}}
    base.update(network)
    return Facts(port="p", sim=sim("ready"), network=NetworkState.from_dict(base))


def test_healthy_has_no_critical_or_major():
    assert not {s for s, _ in codes(registered())} & {"critical", "major"}


def test_unreachable():
    assert codes(Facts(port="p", reachable=False)) == {("critical", "no-answer")}


def test_sim_states():
    assert ("critical", "no-sim") in codes(Facts(port="p", sim=sim("absent")))
    assert ("critical", "sim-pin") in codes(Facts(port="p", sim=sim("pin-required")))


def test_denied_names_the_cause():
    facts = registered(registration={"stat": 3, "stat_text": "denied", "reject_cause": 15})
    finding = next(f for f in classify(facts) if f.code == "registration-denied")
    assert finding.severity == "critical" and "no suitable cells" in finding.explanation


def test_never_registered():
    facts = registered(registration={"stat": 2, "stat_text": "searching"})
    facts.waited_s = 30
    assert ("critical", "not-registered") in codes(facts)


def test_psm_requested_not_granted_and_differs():
    facts = registered(psm={"requested": {"mode": 1, "tau_s": 86400, "active_s": 30}, "granted": {}})
    assert ("major", "psm-not-granted") in codes(facts)
    facts = registered(psm={"requested": {"mode": 1, "tau_s": 86400, "active_s": 30},
                            "granted": {"tau_s": 7200, "active_s": 10}})
    assert ("major", "psm-granted-differs") in codes(facts)


def test_roaming_weak_signal_edrx():
    facts = registered(registration={"stat": 5, "stat_text": "roaming"}, signal={"rsrp_dbm": -124, "rsrq_db": -18},
                       edrx={"requested": {"lte-m": 81.92}, "granted": {"used": False}})
    assert {("major", "roaming"), ("major", "weak-signal"), ("major", "edrx-not-granted")} <= codes(facts)


def test_band_outside_plan_and_legacy_sunset():
    facts = registered()
    facts.config = ConfigFacts(countries=["DE"], rat=["lte-m"], bands={"lte-m": [8]})
    assert ("major", "band-outside-plan") in codes(facts)
    facts = registered()
    facts.config = ConfigFacts(countries=["US"], rat=["gsm"], bands={}, sunset={"gsm": ["US"]})
    assert ("major", "legacy-rat-sunset") in codes(facts)


def test_hygiene():
    facts = registered()
    facts.hygiene = HygieneFacts(echo_on=True, cmee=0)
    facts.settings = Settings(bands={"lte-m": frozenset({1, 2, 3, 4, 5, 8, 12, 13, 20})})
    facts.local_bands = {"lte-m": [8, 20]}
    assert {("minor", "echo-on"), ("minor", "cmee-off"), ("minor", "unused-bands")} <= codes(facts)


def test_severities_come_first():
    facts = registered(registration={"stat": 5, "stat_text": "roaming"})
    facts.hygiene = HygieneFacts(echo_on=True)
    severities = [f.severity for f in classify(facts)]
    assert severities == sorted(severities, key=["critical", "major", "minor", "info"].index)


def test_failed_config_check_is_reported_once():
    psm_check = Check("psm_granted", None, None, False, "the module does not request PSM")
    # the module asks for nothing: only the config check explains the failure
    facts = registered()
    facts.checks = [psm_check]
    assert ("major", "verify-psm_granted") in codes(facts)
    # the module asks and the network refuses: the PSM finding covers it, no duplicate
    facts = registered(psm={"requested": {"mode": 1, "tau_s": 86400, "active_s": 30}, "granted": {}})
    facts.checks = [psm_check]
    found = codes(facts)
    assert ("major", "psm-not-granted") in found and ("major", "verify-psm_granted") not in found


def test_unregistered_psm_check_is_not_a_second_finding():
    facts = registered(registration={"stat": 3, "stat_text": "denied", "reject_cause": 15})
    facts.checks = [Check("psm_granted", None, None, False, "not registered: the network has granted nothing yet")]
    found = codes(facts)
    assert ("critical", "registration-denied") in found and ("major", "verify-psm_granted") not in found


def test_settings_the_module_lacks_explain_the_checks_that_need_them():
    facts = registered()
    facts.checks = [Check("configured", ["psm"], ["AT+CPSMS=1"], False, "does not report the planned psm"),
                    Check("psm_granted", None, None, False, "the module does not request PSM")]
    found = codes(facts)
    assert ("major", "verify-configured") in found and ("major", "verify-psm_granted") not in found
