"""+CREG/+CGREG/+CEREG with real device lines.

Sources (cited per vector):
- DOMAIN: /work/shared/DOMAIN.md section 3 (real NB-IoT capture).
- MM: freedesktop/ModemManager src/tests/test-modem-helpers.c (test_creg_match vectors;
  solicited=TRUE means read reply). Device named in each row.
- NRF: nrfconnect/sdk-nrf tests/lib/lte_lc/src/main.c (test_parse_cereg, nRF9160 lines).
- UBX: u-blox/ubxlib cell/src/u_cell_net.c comments (SARA-R41x-02B inserts a parameter after <tac>
  with +CEREG type 4); line built on the DOMAIN capture with that insertion.
"""

from __future__ import annotations

import pytest

from atctl.errors import InputError
from atctl.codecs import parse_cereg, parse_line
from atctl.codecs.standard.registration import looks_like_read

# line, expected subset of fields, source
VECTORS = [
    ('+CEREG: 1,"71F6","14BCB0C",9,,,"00001010","00001010"',
     dict(type="CEREG", is_urc=True, stat=1, stat_text="home", tac="71F6", ci="14BCB0C", act=9, rat="nb-iot",
          active_time_s=20, periodic_tau_s=6000, active_time_bits="00001010"), "DOMAIN"),
    ("+CREG: 1,3", dict(is_urc=False, n=1, stat=3, stat_text="denied", tac=None), "MM CREG=1"),
    ("+CREG: 3", dict(is_urc=True, stat=3, stat_text="denied"), "MM CREG=1 unsolicited"),
    ("+CREG: 1,1,84CD,00D30173", dict(is_urc=False, n=1, stat=1, tac="84CD", ci="00D30173"), "MM Sierra Mercury"),
    ('+CREG: 2,1,"CE00","01CEAD8F"', dict(is_urc=False, n=2, stat=1, tac="CE00", ci="01CEAD8F"),
     "MM Sony Ericsson K850i"),
    ('+CREG: 1,"CE00","00005449"', dict(is_urc=True, stat=1, tac="CE00", ci="00005449"), "MM Sony Ericsson K850i URC"),
    ("+CREG: 2,0,00,0", dict(is_urc=False, n=2, stat=0, stat_text="not-registered", tac="00", ci="0"),
     "MM Huawei E160G unregistered"),
    ("+CREG: 2,1,8BE3,2BAF", dict(is_urc=False, stat=1, tac="8BE3", ci="2BAF"), "MM Huawei E160G"),
    ("+CREG: 1,8BE3,2BAF", dict(is_urc=True, stat=1, tac="8BE3", ci="2BAF"), "MM Huawei E160G URC"),
    ("+CREG: 2,,", dict(is_urc=True, stat=2, stat_text="searching", tac=None, ci=None), "MM Novatel XU870"),
    ('+CREG:002,001,"18d8","ffff"', dict(is_urc=False, n=2, stat=1, tac="18D8", ci="FFFF"), "MM Iridium"),
    ("+CREG: 1,0001,0010,0", dict(is_urc=True, stat=1, tac="0001", ci="0010", act=0, rat="gsm"),
     "MM unsolicited CREG=2 no leading zeros"),
    ('+CREG: 001,"0001","0010",000', dict(is_urc=True, stat=1, tac="0001", ci="0010", act=0),
     "MM unsolicited CREG=2 leading zeros"),
    ('+CREG: 2,6,"8B37","0A265185",7', dict(is_urc=False, stat=6, stat_text="home-sms-only", act=7, rat="lte"),
     "MM u-blox TOBY-L2 on LTE"),
    ('+CGREG: 2,1,"8BE3","00002B5D",3', dict(type="CGREG", is_urc=False, stat=1, act=3, rat="gsm"),
     "MM Ericsson F3607gw"),
    ('+CGREG: 5,"0502","0404736D",2', dict(type="CGREG", is_urc=True, stat=5, stat_text="roaming", act=2,
                                           rat="umts"), "MM Sony-Ericsson MD400"),
    ('+CGREG: 1,"1422","00000142",3,"00"', dict(type="CGREG", is_urc=True, stat=1, act=3, rac="00"),
     "MM CGREG=2 with RAC"),
    ("+CGREG: 2, 1, \"0426\", \"F00F\"", dict(type="CGREG", is_urc=False, stat=1, tac="0426", ci="F00F"),
     "MM Thuraya"),
    ("+CEREG: 1,3", dict(is_urc=False, n=1, stat=3), "MM CEREG=1"),
    ("+CEREG: 2,1, 1F00, 79D903 ,7", dict(is_urc=False, n=2, stat=1, tac="1F00", ci="79D903", act=7),
     "MM CEREG=2"),
    ("+CEREG: 1, 1F00, 79D903 ,7", dict(is_urc=True, stat=1, tac="1F00", ci="79D903", act=7), "MM CEREG=2 URC"),
    ("+CEREG: 2,1, 1F00, 20 ,79D903 ,7", dict(is_urc=False, n=2, stat=1, tac="1F00", extra="20", ci="79D903", act=7),
     "MM Novatel LTE E362 (extra field after TAC)"),
    ("+CEREG: 5,0,,,9,0,0,,", dict(is_urc=False, n=5, stat=0, act=9, cause_type=0, reject_cause=0,
                                   active_time_s=None, periodic_tau_s=None), "NRF at_response_0"),
    ('+CEREG: 5,1,"0A0B","01020304",9,0,0,"00100110","01011111"',
     dict(n=5, stat=1, tac="0A0B", ci="01020304", act=9, active_time_s=360, periodic_tau_s=31 * 36000),
     "NRF at_response_1"),
    ('+CEREG: 5,2,"0A0B","01020304",9,0,0,"11100000","11100000"',
     dict(n=5, stat=2, active_time_bits="11100000", active_time_s=None, periodic_tau_s=None), "NRF at_response_2"),
    ('+CEREG: 5,4,"0A0B","FFFFFFFF",9,0,0,,', dict(n=5, stat=4, stat_text="unknown", ci="FFFFFFFF"),
     "NRF at_response_4"),
    ('+CEREG: 5,90,,"FFFFFFFF",,,,,', dict(n=5, stat=90, stat_text="sim-failure"), "NRF at_response_90"),
    ('+CEREG: 0,"FFFF","FFFFFFFF",9,0,0,,', dict(is_urc=True, stat=0, tac="FFFF", act=9), "NRF at_notif_0"),
    ('+CEREG: 5,"0A0B","01020304",9,0,0,"11100000","00011111"',
     dict(is_urc=True, stat=5, stat_text="roaming", active_time_s=None, periodic_tau_s=31 * 600), "NRF at_notif_5"),
    ('+CEREG: 90,,"FFFFFFFF",,,,,', dict(is_urc=True, stat=90), "NRF at_notif_90"),
]


@pytest.mark.parametrize("line,expected,source", VECTORS, ids=[v[2] for v in VECTORS])
def test_real_registration_lines(line, expected, source):
    fields = parse_line(line).fields
    for key, value in expected.items():
        assert fields[key] == value, (key, source)


def test_reject_cause_with_n3():
    # 27.007 n=3: <cause_type>,<reject_cause> after <AcT>; 15 = no suitable cells in tracking area
    fields = parse_line('+CEREG: 3,3,"71F6","14BCB0C",7,0,15').fields
    assert (fields["n"], fields["stat_text"], fields["cause_type"], fields["reject_cause"]) == (3, "denied", 0, 15)


def test_sara_r410m_02b_extra_parameter_with_n4():
    line = '+CEREG: 4,1,"71F6","FE","14BCB0C",7,,,"00001010","00001010"'
    fields = parse_line(line, vendor="ublox").fields
    assert fields["extra"] == "FE"
    assert (fields["ci"], fields["act"], fields["rat"]) == ("14BCB0C", 7, "lte-m")
    assert (fields["active_time_s"], fields["periodic_tau_s"]) == (20, 6000)


def test_quirk_from_profile_object():
    from atctl.profiles import load_profile

    profile = load_profile("ublox-sara-r410m-02b")
    reg = parse_cereg('+CEREG: 1,"71F6","FE","14BCB0C",7,,,"00001010","00001010"', profile=profile)
    assert reg.is_urc and reg.extra == "FE" and reg.ci == "14BCB0C" and reg.rat == "lte-m"


def test_pending_hint_overrides_inference():
    # "+CEREG: 0,1" is n=0, stat=1 as a read reply, but stat=0 + TAC "1" if it arrived as a URC
    assert parse_line("+CEREG: 0,1", pending="AT+CEREG?").fields["stat"] == 1
    urc = parse_line("+CEREG: 0,1", pending="AT+CSQ").fields
    assert urc["is_urc"] and urc["stat"] == 0 and urc["tac"] == "1"
    assert parse_line("+CEREG: 0,1", is_urc=True).fields["stat"] == 0


def test_inference_rule():
    assert looks_like_read(["2", "1", '"71F6"'])
    assert not looks_like_read(["1", '"71F6"'])
    assert not looks_like_read(["7"])
    assert not looks_like_read(["6", "1"])  # 6 cannot be <n>


@pytest.mark.parametrize("line,is_urc", [
    ("+CEREG: 5,12", False),  # stat 12 does not exist
    ("+CEREG: 9,1", False),   # n is 0-5
    ("+CEREG: 12", True),
    ("+CEREG:", None),
    ("+CEREG: ,,", None),
    ("+CEREG: x,y", None),
])
def test_malformed_registration_is_input_error(line, is_urc):
    with pytest.raises(InputError):
        parse_line(line, is_urc=is_urc)


@pytest.mark.parametrize("line,unparsed,kept", [
    ('+CEREG: 1,"71F6","14BCB0C",x', ["act"], dict(stat=1, tac="71F6", ci="14BCB0C", act=None)),
    ('+CEREG: 1,"71F6","14BCB0C",9,,,"0000101","00001010"', ["active_time"],  # 7-bit active time
     dict(stat=1, act=9, active_time_s=None, periodic_tau_s=6000)),
])
def test_unreadable_optional_fields_are_unparsed(line, unparsed, kept):
    fields = parse_line(line).fields
    assert sorted(fields["unparsed"]) == unparsed and len(fields["warnings"]) == len(unparsed)
    for key, value in kept.items():
        assert fields[key] == value


def test_typed_helpers_stay_strict():
    with pytest.raises(InputError, match="act"):
        parse_cereg('+CEREG: 1,"71F6","14BCB0C",x')


# ---- issue #15: classes of real lines ModemManager decodes ----------------------------------

def test_samsung_junk_act_and_extra_field():
    # MM src/tests/test-modem-helpers.c test_creg2_s8500_wave_unsolicited: lac 0x000B, ci 0x2816
    fields = parse_line("+CREG: 2,1,000B,2816, B, C2816").fields
    assert (fields["stat"], fields["tac"], fields["ci"], fields["act"]) == (1, "000B", "2816", None)
    assert fields["unparsed"] == {"act": "B", "cause_type": "C2816"}
    assert all("write" not in w and "hex strings such as" not in w for w in fields["warnings"])


def test_novatel_extra_field_in_the_urc_form():
    # MM test_cereg2_novatel_lte_unsolicited: tac 0x1F00, ci 0x79D903, LTE
    fields = parse_line("+CEREG: 1, 1F00, 20 ,79D903 ,7").fields
    assert fields["is_urc"] and (fields["tac"], fields["extra"], fields["ci"], fields["act"]) == \
        ("1F00", "20", "79D903", 7)
    assert "unparsed" not in fields


def test_bc66_registration_denied_urc_extra_field_is_not_active_time():
    # issue #15 (BC66 registration-denied URC): the extra field used to land on active time and
    # fail with "write 8 characters of 0 and 1"; it is denied with EMM cause 15
    fields = parse_line("+CEREG: 3,,,,,0,15").fields
    assert fields["is_urc"] and fields["stat_text"] == "denied"
    assert (fields["cause_type"], fields["reject_cause"], fields["active_time_s"]) == (0, 15, None)
    assert "unparsed" not in fields


def test_multi_digit_stat_without_space_tries_the_read_layout():
    # issue #15: `+CGREG:002,0011,...` looked like a URC (4-digit second field) and failed on <act>
    fields = parse_line('+CGREG:002,0011,"0f0d","14c3"').fields
    assert (fields["is_urc"], fields["n"], fields["stat"], fields["tac"], fields["ci"]) == \
        (False, 2, 11, "0F0D", "14C3")
    assert "unparsed" not in fields
