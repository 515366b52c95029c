"""eDRX and PSM replies with real lines.

Sources:
- DOMAIN: /work/shared/DOMAIN.md sections 2-3.
- NRF: nrfconnect/sdk-nrf tests/lib/lte_lc/src/main.c, test_parse_edrx (nRF9160 +CEDRXP lines).
- NORDIC-DOC: Nordic infocenter, AT command reference, +CPSMS read example.
- UBX-R4: u-blox SARA-R4 AT commands manual UBX-17003787 (R09 14.8 +UCPSMS example; R16 table 14 +CPSMS).
"""

from __future__ import annotations

import pytest

from atctl.errors import InputError
from atctl.codecs import parse_line

EDRX = [
    ('+CEDRXP: 4,"1000","0101","1011"',
     dict(act=4, rat="lte-m", requested_s=143.36, granted_s=81.92, ptw_s=15.36, edrx_used=True), "DOMAIN / NRF ltem"),
    ('+CEDRXP: 4,"1000","0010","1110"', dict(rat="lte-m", granted_s=20.48, ptw_s=19.2), "NRF ltem_2"),
    ('+CEDRXP: 5,"1000","1101","0111"', dict(rat="nb-iot", granted_s=2621.44, ptw_s=20.48), "NRF nbiot"),
    ('+CEDRXP: 5,"1000","1101","0101"', dict(rat="nb-iot", granted_s=2621.44, ptw_s=15.36), "NRF nbiot_2"),
    ("+CEDRXP: 0", dict(act=0, rat=None, edrx_used=False, granted_s=None), "NRF none"),
    ("+CEDRXRDP: 0", dict(type="CEDRXRDP", act=0, edrx_used=False), "DOMAIN"),
    ('+CEDRXRDP: 4,"1000","0101","1011"', dict(type="CEDRXRDP", requested_s=143.36, granted_s=81.92, ptw_s=15.36),
     "DOMAIN (same layout as +CEDRXP)"),
    ('+CEDRXS: 4,"1000"', dict(type="CEDRXS", act=4, requested_s=143.36, granted_s=None), "DOMAIN seed AT+CEDRXS=1,4,\"1000\""),
]


@pytest.mark.parametrize("line,expected,source", EDRX, ids=[v[2] for v in EDRX])
def test_edrx_lines(line, expected, source):
    fields = parse_line(line).fields
    for key, value in expected.items():
        assert fields[key] == value, (key, source)


def test_nb_iot_request_reinterpreted_keeps_nominal_value_and_says_so():
    fields = parse_line('+CEDRXP: 5,"1000","1101","0111"').fields  # NRF nbiot: 143.36 s is not an NB-IoT value
    assert fields["requested_s"] == 143.36 and "20.48" in fields["note"]


def test_gsm_edrx_keeps_bits_without_seconds():
    fields = parse_line('+CEDRXP: 1,"1000","0101","1011"').fields  # NRF at_response_fail (EC-GSM-IoT AcT)
    assert fields["rat"] == "ec-gsm-iot" and fields["granted_bits"] == "0101" and fields["granted_s"] is None


PSM = [
    ('+QPSMS: 1,,,"6000","20"', dict(type="QPSMS", mode=1, periodic_tau_s=6000, active_time_s=20), "DOMAIN"),
    ('+UCPSMS: 1,,,"01000011","01000011",1',
     dict(type="UCPSMS", mode=1, periodic_tau_s=3 * 36000, active_time_s=3 * 360, tau_format="t3412-ext"), "DOMAIN"),
    ('+UCPSMS: 1,,,"01000011","01000011"', dict(periodic_tau_s=108000, tau_format=None), "UBX-R4 R09 14.8.2"),
    ('+CPSMS: 1,,,"10101111","01101100"', dict(type="CPSMS", periodic_tau_s=15 * 60, active_time_s=12 * 60),
     "NORDIC-DOC (active unit 011 is read as 1 min, TS 24.008)"),
    ('+CPSMS: 1,,,"10010100","00000001"', dict(periodic_tau_s=600, active_time_s=2), "UBX-R4 R16 table 14"),
    ('+CPSMS: 1,,,"01001110","00000101"', dict(periodic_tau_s=140 * 3600, active_time_s=10),
     "DOMAIN seed AT+CPSMS=1,,,\"01001110\",\"00000101\""),
    ('+CPSMS: 0,,,"11100000","11100000"', dict(mode=0, periodic_tau_s=None, active_time_s=None), "NRF test_parse_psm bits"),
]


@pytest.mark.parametrize("line,expected,source", PSM, ids=[v[2] for v in PSM])
def test_psm_lines(line, expected, source):
    fields = parse_line(line).fields
    for key, value in expected.items():
        assert fields[key] == value, (key, source)


def test_qpsms_bit_strings_are_decoded_too():
    fields = parse_line('+QPSMS: 1,,,"00001010","00001010"').fields
    assert (fields["periodic_tau_s"], fields["active_time_s"]) == (6000, 20)


@pytest.mark.parametrize("line", ['+CEDRXP: 7,"1000"', '+CPSMS: 5', "+CEDRXP:", "+CPSMS: x"])
def test_power_lines_without_their_key_field_are_errors(line):
    with pytest.raises(InputError):
        parse_line(line)


@pytest.mark.parametrize("line,name,kept", [
    ('+CEDRXP: 4,"10000"', "requested", {"act": 4, "rat": "lte-m", "requested_s": None}),
    ('+QPSMS: 1,,,"abc","20"', "periodic_tau", {"mode": 1, "active_time_s": 20}),
    ('+QPSMS: 1,,,"1e999","20"', "periodic_tau", {"mode": 1, "active_time_s": 20}),
    ('+CPSMS: 1,,,"0101","00000001"', "periodic_tau", {"mode": 1, "active_time_s": 2}),
])
def test_a_malformed_optional_field_is_unparsed_with_a_warning(line, name, kept):
    # DESIGN.md: a line decodes what it can; the field it could not read goes to `unparsed`
    fields = parse_line(line).fields
    assert name in fields["unparsed"] and len(fields["warnings"]) == 1
    assert "write" not in fields["warnings"][0]  # no hint meant for user input
    for key, value in kept.items():
        assert fields[key] == value
