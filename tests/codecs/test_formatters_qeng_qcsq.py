"""format_qeng / format_qeng0 / format_qcsq: real reply lines rebuilt byte for byte from their
values, and read back by parse_qeng / parse_qcsq to the same values (round trip).

Sources (the lines tests/codecs/test_radio_network_signal.py already decodes):
- QENG-ICELAND: BG95 incident report, Vodafone IS (eMTC servingcell).
- QENG-EP06: router rig fixture, EP06-A (LTE servingcell, 18 fields).
- QENG-MIKROTIK-LOG: pastebin.com/2a9WR5hT, EG-series (LTE with <CQI>,<tx_power>, 20 fields).
- QENG-GSM-CN: Quectel EC2x log comment (GSM servingcell, every field).
- QENG-WCDMA-JP: public Go test fixture (WCDMA servingcell).
- QENG-MANUAL: Quectel EC2x/EG2x AT manual example ("SEARCH").
- BC660-DRIVER: public BC660K driver comment, layout from BC660K-GL AT manual V1.4 4.8 (AT+QENG=0).
- MIKROTIK: MikroTik LtAP/R11e-LTE-M docs; SORACOM: BG96 tutorial log; BC-LOG: BG95 serial log (+QCSQ).
"""

from __future__ import annotations

import pytest

from atctl.codecs import parse_line
from atctl.codecs.quectel.qcsq import format_qcsq, qcsq_sinr
from atctl.codecs.quectel.qeng import QENG_GSM, format_qeng, format_qeng0
from atctl.errors import InputError

LTE = ("duplex", "mcc", "mnc", "cell_id", "pcid", "earfcn", "band", "ul_bandwidth", "dl_bandwidth", "tac",
       "rsrp_dbm", "rsrq_db", "rssi_dbm", "sinr_db")


def _values(names, text: str) -> dict:
    return dict(zip(names, text.split(",")))


@pytest.mark.parametrize("rat, names, values, line", [
    ("lte-m", LTE + ("srxlev",), 'FDD,274,02,44F5C,267,3600,8,3,3,8,-80,-12,-53,11,47',
     '+QENG: "servingcell","NOCONN","eMTC","FDD",274,02,44F5C,267,3600,8,3,3,8,-80,-12,-53,11,47'),   # ICELAND
    ("lte", LTE + ("srxlev",), 'FDD,310,260,1452808,315,5035,12,2,2,3AFD,-104,-11,-78,12,20',
     '+QENG: "servingcell","NOCONN","LTE","FDD",310,260,1452808,315,5035,12,2,2,3AFD,-104,-11,-78,12,20'),  # EP06
    ("lte", LTE + ("cqi", "tx_power", "srxlev"), 'FDD,216,70,127328,189,476,1,3,3,D17,-104,-9,-77,18,-,-,-',
     '+QENG: "servingcell","NOCONN","LTE","FDD",216,70,127328,189,476,1,3,3,D17,-104,-9,-77,18,-,-,-'),  # MIKROTIK-LOG
    ("gsm", QENG_GSM, '460,00,247C,1327,35,82,-,-52,255,255,0,53,179,1,-,-,-,-,-,-,-,-,-,-',
     '+QENG: "servingcell","NOCONN","GSM",460,00,247C,1327,35,82,-,-52,255,255,0,53,179,1,-,-,-,-,-,-,-,-,-,"-"'),  # GSM-CN
    ("umts", ("mcc", "mnc", "lac", "cell_id", "uarfcn", "psc", "rac", "rscp_dbm", "ecio_db", "phych", "sf", "slot",
              "speech_code", "com_mod"), '440,10,75,6FE0090,10736,58,0,-78,-3,-,-,-,-,-',
     '+QENG: "servingcell","NOCONN","WCDMA",440,10,75,6FE0090,10736,58,0,-78,-3,-,-,-,-,-'),  # WCDMA-JP
])
def test_format_qeng_rebuilds_real_servingcell_lines(rat, names, values, line):
    cell = _values(names, values)
    assert format_qeng("NOCONN", rat, **cell) == line
    parsed = parse_line(line).model
    assert (parsed.state, parsed.rat) == ("NOCONN", rat)
    assert parsed.plmn == cell["mcc"] + cell["mnc"]
    channel = {"gsm": "arfcn", "umts": "uarfcn"}.get(rat, "earfcn")
    assert str(parsed.cell[channel]) == cell[channel]


def test_format_qeng_search_and_bad_input():
    assert format_qeng("SEARCH") == '+QENG: "servingcell","SEARCH"'  # QENG-MANUAL
    assert parse_line(format_qeng("search")).model.state == "SEARCH"
    with pytest.raises(InputError, match="BUSY"):
        format_qeng("BUSY")
    with pytest.raises(InputError, match="no field"):
        format_qeng("NOCONN", "lte-m", rxlev=3)
    with pytest.raises(InputError, match="RAT name"):
        format_qeng("NOCONN", "nr", mcc="001")


def test_format_qeng0_rebuilds_the_bc660k_line():
    line = '+QENG: 0,1769,9,400,"00288516",-103,-9,-94,5,3,"A924",0,14,2'  # BC660-DRIVER
    cell = dict(earfcn=1769, earfcn_offset=9, pcid=400, cell_id="00288516", rsrp_dbm=-103, rsrq_db=-9, rssi_dbm=-94,
                sinr_db=5, band=3, tac="A924", ecl=0, tx_power=14, operation_mode=2)
    assert format_qeng0(**cell) == line
    assert parse_line(line).model.cell == cell
    # searching (BC660K-GL V1.4 4.8: EARFCN 0): empty signal fields stay in place
    searching = format_qeng0(earfcn=0, earfcn_offset=0, pcid=0, cell_id="00000000", rsrp_dbm=-157, band=0,
                             tac="0000", operation_mode=0)
    assert searching == '+QENG: 0,0,0,0,"00000000",-157,,,,0,"0000",,,0'
    assert parse_line(searching).model.state == "SEARCH"


@pytest.mark.parametrize("rat, values, line", [
    ("lte-m", dict(rssi_dbm=-62, rsrp_dbm=-87, sinr=111, rsrq_db=-12), '+QCSQ: "eMTC",-62,-87,111,-12'),  # MIKROTIK
    ("lte-m", dict(rssi_dbm=-84, rsrp_dbm=-91, sinr=165, rsrq_db=-6), '+QCSQ: "eMTC",-84,-91,165,-6'),   # SORACOM
    ("nb-iot", dict(rssi_dbm=-103, rsrp_dbm=-114, sinr=152, rsrq_db=-10), '+QCSQ: "NBIoT",-103,-114,152,-10'),  # BC-LOG
    ("gsm", dict(rssi_dbm=-65), '+QCSQ: "GSM",-65'),                  # BG95/BG96 AT manual: "GSM",<gsm_rssi>
    (None, {}, '+QCSQ: "NOSERVICE"'),                                 # BG95 manual
])
def test_format_qcsq_rebuilds_real_lines_and_reads_back(rat, values, line):
    assert format_qcsq(rat, **values) == line
    parsed = parse_line(line).model
    assert parsed.rat == rat
    assert {name: getattr(parsed, name) for name in values} == values


def test_qcsq_sinr_is_the_inverse_of_the_parser():
    for raw in (111, 165, 152, 0, 250):
        assert qcsq_sinr(parse_line(f'+QCSQ: "eMTC",-62,-87,{raw},-12').model.sinr_db) == raw
    with pytest.raises(InputError, match="no value"):
        format_qcsq("gsm", rsrp_dbm=-90)


# cell_in_use: what device.network takes from a serving-cell read (band, channel, RAT, signal)
def test_cell_in_use_from_the_nb_iot_form():
    from atctl.codecs import parse_line

    cell = parse_line('+QENG: 0,1769,9,400,"00288516",-103,-9,-94,5,3,"A924",0,14,2').model.cell_in_use()  # BC660-DRIVER
    assert (cell.band, cell.channel, cell.rat) == (3, 1769, "nb-iot")
    assert cell.signal == {"rsrp_dbm": -103, "rsrq_db": -9, "rssi_dbm": -94, "sinr_db": 5}
    assert parse_line('+QENG: 0,0,0,0,"00000000",-157,,,,0,"0000",,,0').model.cell_in_use() is None  # searching


def test_cell_in_use_from_the_servingcell_form():
    from atctl.codecs import parse_line

    # ICELAND: the BG95 eMTC servingcell line in test_radio_network_signal.py (Síminn 274-02, B8)
    line = '+QENG: "servingcell","NOCONN","eMTC","FDD",274,02,44F5C,267,3600,8,3,3,8,-80,-12,-53,11,47'
    cell = parse_line(line).model.cell_in_use()
    assert (cell.band, cell.channel, cell.rat) == (8, 3600, "lte-m") and cell.signal["rsrp_dbm"] == -80
    assert parse_line('+QENG: "servingcell","SEARCH"').model.cell_in_use() is None
