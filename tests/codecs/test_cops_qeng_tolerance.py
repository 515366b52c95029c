"""Issue #15 classes: +COPS=? scans with the AcT outside the parentheses, Quectel 5G +QENG
multi-line replies. Sources cited per vector."""

from __future__ import annotations

import pytest

from atctl.codecs import parse_line


def _networks(line):
    return [(n["stat"], n["long"], n["short"], n["numeric"], n["act"]) for n in parse_line(line).fields["networks"]]


def test_cops_act_outside_parentheses_tm506():
    # MM src/tests/test-modem-helpers.c test_cops_response_tm506: 31026 GSM, 310260 UMTS, 310410 GSM
    line = ('+COPS: (2,"","T-Mobile","31026",0),(2,"T - Mobile","T - Mobile","310260"),2),'
            '(1,"AT&T","AT&T","310410"),0)')
    assert _networks(line) == [(2, None, "T-Mobile", "31026", 0), (2, "T - Mobile", "T - Mobile", "310260", 2),
                               (1, "AT&T", "AT&T", "310410", 0)]


def test_cops_act_outside_parentheses_f3607gw():
    # MM test_cops_response_f3607gw
    line = ('+COPS: (2,"T - Mobile","T - Mobile","31026",0),(1,"AT&T","AT&T","310410"),2),'
            '(1,"AT&T","AT&T","310410"),0)')
    assert [n[4] for n in _networks(line)] == [0, 2, 0]
    assert [n["rat"] for n in parse_line(line).fields["networks"]] == ["gsm", "umts", "gsm"]


def test_cops_group_without_act_stays_without_act():
    # MM test_cops_response_sek600i (Sony-Ericsson K600i reports no AcT at all)
    line = '+COPS: (2,"blau","","26203"),(2,"blau","","26203"),(3,"","","26201"),(3,"","","26202")'
    assert [n[4] for n in _networks(line)] == [None] * 4


def test_qeng_5g_nsa_multi_line_reply():
    # pchat-imm/quectel_rm510q_gl README.md (RM510Q-GL, AT+QENG="servingcell" while not in EN-DC);
    # the LTE line's last field arrived as "23-" in that capture: kept as text, the line decodes
    head = parse_line('+QENG: "servingcell","NOCONN"').fields
    assert (head["state"], head["act"]) == ("NOCONN", None)
    lte = parse_line('+QENG: "LTE","FDD",520,04,4D8002,167,250,1,3,3,7E7,-128,-17,-94,7,10,23-').fields
    assert (lte["rat"], lte["plmn"], lte["cell"]["cell_id"], lte["cell"]["pcid"], lte["cell"]["band"]) == \
        ("lte", "52004", "4D8002", 167, 1)
    assert (lte["cell"]["tac"], lte["cell"]["rsrp_dbm"], lte["cell"]["sinr_db"]) == ("7E7", -128, 7)
    nr = parse_line('+QENG: "NR5G-NSA",').fields
    assert (nr["rat"], nr["state"], nr["cell"]) == ("nr", "INACTIVE", {})


@pytest.mark.parametrize("line,expected", [
    # layout: Quectel RG50xQ/RM5xxQ AT manual "servingcell" (NR5G-NSA: MCC,MNC,PCID,RSRP,SINR,RSRQ,ARFCN,band,
    # NR_DL_bandwidth,scs). Lines as quoted in the docstrings of public QENG parsers (an RM5xxQ in EN-DC);
    # no repository path recorded for them, so they count as layout checks, not as real vectors
    ('+QENG: "NR5G-NSA",222,01,920,-96,18,-10,648768,78,10,1',
     dict(plmn="22201", pcid=920, rsrp_dbm=-96, sinr_db=18, rsrq_db=-10, arfcn=648768, band=78)),
    ('+QENG: "LTE","FDD",222,01,4940206,427,1350,3,5,5,BFF,-94,-15,-58,9,5,100,-',
     dict(plmn="22201", cell_id="4940206", band=3, tac="BFF", rsrp_dbm=-94, srxlev=None)),
])
def test_qeng_5g_sub_lines(line, expected):
    fields = parse_line(line).fields
    got = {"plmn": fields["plmn"], **fields["cell"]}
    for key, value in expected.items():
        assert got[key] == value, key


def test_qeng_nr5g_sa_single_line():
    # RM5xxQ AT manual SA layout: duplex,MCC,MNC,cellID,PCID,TAC,ARFCN,band,NR_DL_bandwidth,RSRP,RSRQ,SINR,scs,srxlev
    # (line constructed on that layout)
    fields = parse_line('+QENG: "servingcell","NOCONN","NR5G-SA","TDD",311,480,1A2B3C4,505,D00,504990,41,12,'
                        '-88,-11,15,1,31').fields
    assert (fields["rat"], fields["plmn"], fields["cell"]["band"], fields["cell"]["rsrp_dbm"]) == \
        ("nr", "311480", 41, -88)


def test_qeng_unknown_rat_is_unparsed_not_an_error():
    fields = parse_line('+QENG: "servingcell","NOCONN","CDMA",1,2').fields
    assert fields["state"] == "NOCONN" and "act" in fields["unparsed"]
