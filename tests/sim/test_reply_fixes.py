"""Replies the simulator once printed wrong, pinned against the spec and the codecs tables.

Drives atctl.sim.modem.SimModem directly on a deterministic clock.
"""

from __future__ import annotations

import pytest

from atctl.codecs import parse_line
from atctl.codecs.ublox.umnoprof import MNO_PROFILES
from atctl.profiles import load_profile
from atctl.sim.modem import SimModem
from atctl.sim.scenarios import get_scenario


def _run(profile_id: str, network: str, commands: list[str]) -> tuple[SimModem, list[list[str]]]:
    sim = SimModem(load_profile(profile_id), get_scenario(network))
    now, replies = 0.0, []
    for command in commands:
        now += 10.0  # past the scenario's registration delay
        replies.append(sim.handle(command, now).lines)
    return sim, replies


@pytest.mark.parametrize("n", [3, 5])
def test_denied_cgreg_puts_the_cause_after_rac(n):
    # 27.007 10.1.20: +CGREG: <n>,<stat>[,[<lac>],[<ci>],[<AcT>],[<rac>][,<cause_type>,<reject_cause>]]
    # denied (stat 3) with no cell: lac, ci, AcT and rac empty, then cause_type 0 (EMM cause), 11.
    # The simulator used to print +CGREG: 3,3,,,,0,11 (the cause in <rac>'s place).
    sim, replies = _run("quectel-eg25-g", "denied", [f"AT+CGREG={n}", "AT+CGREG?"])
    assert replies[-1] == [f"+CGREG: {n},3,,,,,0,11"]
    reg = parse_line(replies[-1][0]).model
    assert (reg.stat, reg.rac, reg.cause_type, reg.reject_cause) == (3, None, 0, 11)


def test_denied_cgreg_urc_puts_the_cause_after_rac():
    sim = SimModem(load_profile("quectel-eg25-g"), get_scenario("denied"))
    sim.handle("AT+CGREG=3", 0.0)
    sim.handle("AT", 20.0)
    urcs = [text for _, text in sim.urc_out if text.startswith("+CGREG:")]
    assert urcs[-1] == "+CGREG: 3,,,,,0,11"


def test_denied_creg_and_cereg_keep_their_layout():
    # +CREG / +CEREG have no <rac>: <stat>,[<lac/tac>],[<ci>],[<AcT>],<cause_type>,<reject_cause>
    _, replies = _run("quectel-eg25-g", "denied", ["AT+CREG=3", "AT+CEREG=3", "AT+CREG?", "AT+CEREG?"])
    assert replies[2:] == [["+CREG: 3,3,,,,0,11"], ["+CEREG: 3,3,,,,0,11"]]


@pytest.mark.parametrize("profile_id", ["ublox-sara-r410m-02b", "ublox-sara-r510s", "ublox-lara-r6401"])
def test_umnoprof_test_lists_every_profile_of_the_table(profile_id):
    # The list used to be typed in the simulator and missed 8 (Sprint), 20 (NTT DoCoMo) and 32 (US Cellular).
    _, replies = _run(profile_id, "de-telekom", ["AT+UMNOPROF=?"])
    assert replies == [[f"+UMNOPROF: ({','.join(map(str, sorted(MNO_PROFILES)))})"]]
    listed = replies[0][0].split("(")[1].rstrip(")").split(",")
    assert {8, 20, 32} <= {int(n) for n in listed}


def test_qcsq_on_gsm_carries_the_gsm_rssi_only():
    # BG95/BG96 AT manual, AT+QCSQ: +QCSQ: "GSM",<gsm_rssi>; the LTE values follow only for the LTE
    # family. The simulator used to print the four LTE values after "GSM" (the parser then rejected
    # or misread them).
    _, replies = _run("quectel-bg95-m3", "de-telekom", ['AT+QCFG="nwscanmode",1,1', "AT+QCSQ"])
    assert replies[-1] == ['+QCSQ: "GSM",-65']
    parsed = parse_line(replies[-1][0]).model
    assert (parsed.rat, parsed.rssi_dbm, parsed.rsrp_dbm) == ("gsm", -65, None)
