"""The console's meaning line, on real module lines.

Sources (cited per vector):
- NRF-CLOUD: nrfconnect/sdk-nrf, cloud client sample README (nRF9160 console capture:
  +CEREG: 2,...,0,0,"11100000","11100000" / +CSCON: 1 / +CEREG: 1,...,"00000010","00000110").
- MAKERDIARY: makerdiary/nrf9151-connectkit, MQTT sample docs (nRF9151 console capture:
  +CEREG: 1,"1D23","0D70394B",9,,,"00100001","00000110"; +CSCON: 0/1).
- DOMAIN: /work/shared/DOMAIN.md sections 2-3 (+CEREG NB-IoT capture, +CEDRXP example).
- 27.007: 3GPP TS 27.007 9.2 (CME codes), 10.1.30 (+CSCON).
- QUECTEL: Quectel BG95 AT commands manual, AT+QCFG="psm/urc" (+QPSMTIMER: <TAU>,<T3324> in seconds).
"""

from __future__ import annotations

import pytest

from atctl.console.explain import Explainer
from atctl.profiles import load_profile

URCS = [
    ('+CEREG: 2,"7725","0138E000",7,0,0,"11100000","11100000"',
     ["not registered, searching", "PSM granted: active deactivated, TAU deactivated"], ["cause 0"], "NRF-CLOUD"),
    ("+CSCON: 1", ["radio connected"], [], "NRF-CLOUD"),
    ('+CEREG: 1,"7725","0138E000",7,,,"00000010","00000110"',
     ["registered, home network", "area 7725", "active 4 s", "TAU 1 h"], [], "NRF-CLOUD"),
    ('+CEREG: 1,"1D23","0D70394B",9,,,"00100001","00000110"',
     ["registered, home network", "nb-iot", "active 1 min", "TAU 1 h"], [], "MAKERDIARY"),
    ("+CSCON: 0", ["radio idle"], [], "MAKERDIARY"),
    ('+CEREG: 1,"71F6","14BCB0C",9,,,"00001010","00001010"', ["nb-iot", "active 20 s", "TAU 1 h 40 min"], [],
     "DOMAIN"),
    ('+CEDRXP: 4,"1000","0101","1011"', ["lte-m", "requested 143.36 s", "granted 81.92 s", "PTW 15.36 s",
                                         "the network gave a different cycle"], [], "DOMAIN"),
    ("+CME ERROR: 10", ["CME error 10: SIM not inserted"], [], "27.007"),
    ("+CME ERROR: SIM PIN required", ["CME error 11"], [], "27.007 verbose form"),
    ("+QPSMTIMER: 86400,30", ["TAU 1 d", "active 30 s"], [], "QUECTEL"),
    ("PSM POWER DOWN", ["PSM deep sleep"], [], "QUECTEL"),
]


@pytest.mark.parametrize("line,wanted,unwanted,source", URCS, ids=[f"{v[3]}:{v[0][:24]}" for v in URCS])
def test_urc_meanings(line, wanted, unwanted, source):
    meaning = Explainer().explain(line, is_urc=True)
    for words in wanted:
        assert words in meaning, (source, meaning)
    for words in unwanted:
        assert words not in meaning, (source, meaning)


def test_read_reply_with_vendor_act_numbers():
    # BG95: AcT 8 is eMTC (DOMAIN.md 4); same bits as the DOMAIN capture; n=4 read reply
    explainer = Explainer(load_profile("quectel-bg95-m3"))
    meaning = explainer.explain('+CEREG: 4,1,"71F6","14BCB0C",8,,,"00001010","00101100"', pending="AT+CEREG?")
    assert meaning.startswith("registered, home network; lte-m")
    assert "TAU 12 h" in meaning


def test_grant_compared_with_the_request_sent():
    explainer = Explainer()
    explainer.sent('AT+CPSMS=1,,,"00111000","00001111"')   # asks TAU 24 h, active 30 s
    meaning = explainer.explain('+CEREG: 1,"1D23","0D70394B",9,,,"00100001","00000110"', is_urc=True)
    assert "asked TAU 1 d, active 30 s: differs from the request" in meaning
    explainer.sent('AT+CPSMS=1,,,"00000110","00100001"')
    assert "as asked" in explainer.explain('+CEREG: 1,"1D23","0D70394B",9,,,"00100001","00000110"', is_urc=True)


def test_request_learnt_from_a_read_reply_and_turned_off():
    explainer = Explainer()
    assert "requested: TAU 1 h, active 10 s" in explainer.explain('+CPSMS: 1,,,"00100001","00000101"',
                                                                  pending="AT+CPSMS?")
    assert "differs" in explainer.explain('+CEREG: 1,"7725","0138E000",7,,,"00000010","00000110"', is_urc=True)
    explainer.sent("AT+CPSMS=0")
    assert "PSM was turned off" in explainer.explain('+CEREG: 1,"7725","0138E000",7,,,"00000010","00000110"')


def test_edrx_request_remembered_for_cedrxrdp():
    explainer = Explainer()
    explainer.sent('AT+CEDRXS=2,4,"0101"')
    assert explainer.requested.edrx == {"lte-m": 81.92}
    explainer.sent('AT+QPTWEDRXS=2,5,"0011","1001"')   # Quectel: PTW first, then the cycle
    assert explainer.requested.edrx["nb-iot"] == 163.84
    explainer.sent("AT+CEDRXS=0,4")
    assert "lte-m" not in explainer.requested.edrx
    explainer.sent('AT+QPTWEDRXS=2,4,"0011"')          # a PTW alone asks for no cycle (read 40.96 s before)
    assert "lte-m" not in explainer.requested.edrx


def test_chained_requests_are_each_remembered():
    explainer = Explainer()
    explainer.sent('AT+CPSMS=1,,,"00111000","00001111";+CEDRXS=2,4,"0101"')
    assert explainer.requested.psm == (86400, 30) and explainer.requested.edrx == {"lte-m": 81.92}


@pytest.mark.parametrize("line", ["", "OK", "AT+CSQ", "some app print", "+FOO: 1,2", "+CEREG: 12,1"])
def test_lines_with_nothing_to_add_give_empty_meaning(line):
    assert Explainer().explain(line) == ""
