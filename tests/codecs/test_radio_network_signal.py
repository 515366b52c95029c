"""Band/RAT configuration, operator/cell, signal, PDP, SIM and error replies with real lines.

Sources:
- DOMAIN: /work/shared/DOMAIN.md section 4 (BG95-M3 default read, EG25-G read, UBANDMASK, QNWINFO).
- TINYGSM-BG96: comment in a public TinyGSM-based BG96 client (stock BG96 reads of band/nwscanmode/
  nwscanseq/iotopmode), found with find_string '+QCFG: "nwscanseq",'.
- EC2X-SCRIPT: public Quectel EC2x test script comment (+QCFG: "band",0x93,0x80800c5,0x0).
- PARTICLE-LOG: Particle Device OS log-parser comment (SARA-R510S: +UMNOPROF: 90, +UBANDMASK: 0,185473183,1048578).
- MM: freedesktop/ModemManager src/tests/test-modem-helpers.c (+COPS, +CESQ, +CGDCONT).
- MM-UBLOX: ModemManager plugins/ublox/tests/test-modem-helpers-ublox.c (+UBANDSEL reads of SARA-U201, SARA-G310).
- SIERRA-LOG: pastebin.com/Yt2cQGVT (MC7455 session: +COPS: 0,2,"310260",7).
- SORACOM: public SORACOM BG96 tutorial log (+COPS: 0,0,"NTT DOCOMO",7, +QCSQ: "eMTC",-84,-91,165,-6).
- MIKROTIK: MikroTik LtAP/R11e-LTE-M docs (+QCSQ: "eMTC",-62,-87,111,-12).
- BC-LOG: public Quectel BG95 serial log (+QNWINFO: "NBIoT","46001","LTE BAND 3",1452, +QCSQ NBIoT, +CSQ: 5,99).
- QENG-*: real +QENG lines: ICELAND (BG95 incident report, Vodafone IS), PICOLTE (Sixfab picoLTE BG95 example),
  BG96-NB (BG96 field-test firmware parse_bg96_qeng comment), MIKROTIK-LOG (pastebin.com/2a9WR5hT, EG-series),
  EP06 (router rig fixture, EP06-A), GSM-CN (Quectel EC2x log comment), WCDMA-JP (public Go test fixture),
  MANUAL (Quectel EC2x/EG2x AT manual example "SEARCH").
- BC660K-MANUAL: Quectel BC660K-GL&BC950K-GL AT Commands Manual V1.4, 7.5 AT+QBAND examples.
- BC660-DRIVER: public BC660K driver table comment (+QENG: 0,1769,9,400,"00288516",...), found with
  find_string '+QENG: 0,'; field layout from the BC660K-GL AT manual V1.4 4.8 (AT+QENG=0).
- BC66-DRIVER: public BC66 driver comment "AT+QBAND=2,20,8 ... AT+QBAND?" (same write form on BC66).
"""

from __future__ import annotations

import pytest

from atctl.errors import InputError
from atctl.codecs import parse_line

VECTORS = [
    # ---- +QCFG
    ('+QCFG: "band",0xf,0x100002000000000f0e189f,0x10004200000000090e189f',
     dict(key="band", layout="lpwa", gsm=[850, 900, 1800, 1900],
          lte_m=[1, 2, 3, 4, 5, 8, 12, 13, 18, 19, 20, 25, 26, 27, 28, 66, 85],
          nb_iot=[1, 2, 3, 4, 5, 8, 12, 13, 18, 19, 20, 25, 28, 66, 71, 85]), "DOMAIN BG95-M3 default"),
    ('+QCFG: "band",0xbff,0x1e00b0e18df,0x0',
     dict(layout="lte", gsm=[850, 900, 1800, 1900],
          lte=[1, 2, 3, 4, 5, 7, 8, 12, 13, 18, 19, 20, 25, 26, 28, 38, 39, 40, 41]), "DOMAIN EG25-G"),
    ('+QCFG: "band",0x3,0x80084,0x80084', dict(layout="lpwa", gsm=[900, 1800], lte_m=[3, 8, 20], nb_iot=[3, 8, 20]),
     "TINYGSM-BG96"),
    ('+QCFG: "band",0x93,0x80800c5,0x0', dict(layout="lte", gsm=[900, 1800], lte=[1, 3, 7, 8, 20, 28]), "EC2X-SCRIPT"),
    ('+QCFG: "nwscanseq",020301', dict(key="nwscanseq", value="020301", text=["lte-m", "nb-iot", "gsm"]),
     "TINYGSM-BG96"),
    ('+QCFG: "nwscanmode",3', dict(key="nwscanmode", value=3, text="lte"), "TINYGSM-BG96"),
    ('+QCFG: "iotopmode",2', dict(key="iotopmode", value=2, text=["lte-m", "nb-iot"]), "TINYGSM-BG96"),
    ('+QCFG: "iotopmode",0', dict(value=0, text=["lte-m"]), "TINYGSM-BG96"),
    ('+QCFG: "psm/urc",1', dict(key="psm/urc", value=1, text="on"), "DOMAIN AT+QCFG=\"psm/urc\",1"),
    ('+QCFG: "urc/ri/ring","pulse",120,1000,5000,"off",1', dict(key="urc/ri/ring", text=None), "generic key"),
    # ---- +QBAND (Quectel NB-IoT modules)
    ("+QBAND: 4", dict(bands=[4], all_bands=False, test=False), "BC660K-MANUAL read after AT+QBAND=1,4"),
    ("+QBAND: (0- 17 ),(1,2,3,4,5,8,12,13,17,18,19,20,25,28,66,70,85)",
     dict(test=True, bands=[1, 2, 3, 4, 5, 8, 12, 13, 17, 18, 19, 20, 25, 28, 66, 70, 85]), "BC660K-MANUAL test form"),
    ("+QBAND: 20,8", dict(bands=[20, 8], all_bands=False), "BC66-DRIVER read after AT+QBAND=2,20,8"),
    # ---- +CFUN
    ("+CFUN: 1", dict(fun=1), "27.007 read"),
    ("+CFUN: 4,0", dict(fun=4), "u-blox form +CFUN: <power_mode>,<STK_mode>"),
    # ---- u-blox
    ("+UBANDSEL: 800,850,900,1900,2100", dict(mhz=[800, 850, 900, 1900, 2100], default=False), "MM-UBLOX SARA-U201"),
    ("+UBANDSEL: 850,900,1800,1900", dict(mhz=[850, 900, 1800, 1900]), "MM-UBLOX SARA-G310"),
    ("+UBANDMASK: 0,168761503,1,168761503",
     dict(lte_m=[1, 2, 3, 4, 5, 8, 12, 13, 17, 18, 19, 20, 26, 28], nb_iot=[1, 2, 3, 4, 5, 8, 12, 13, 17, 18, 19, 20,
                                                                            26, 28]), "DOMAIN"),
    ("+UBANDMASK: 0,185473183,1048578",
     dict(lte_m=[1, 2, 3, 4, 5, 8, 12, 13, 18, 19, 20, 25, 26, 28, 66, 85]), "PARTICLE-LOG (mask2 = bands 65-128)"),
    ("+URAT: 7,8", dict(acts=[7, 8], rats=["lte-m", "nb-iot"]), "DOMAIN AT+URAT=7,8"),
    ("+UMNOPROF: 90", dict(profile=90, name="global"), "PARTICLE-LOG"),
    # ---- +COPS
    ('+COPS: 1,0,"CHINA MOBILE",7', dict(mode=1, format=0, operator="CHINA MOBILE", act=7, rat="lte"), "MM"),
    ('+COPS: 1,2,"46000"', dict(format=2, operator="46000", act=None), "MM"),
    ('+COPS: 0,2,"310260",7', dict(mode=0, mode_text="automatic", operator="310260", act=7), "SIERRA-LOG"),
    ('+COPS: 0,0,"NTT DOCOMO",7', dict(operator="NTT DOCOMO", operator_name="NTT DOCOMO"), "SORACOM"),
    ("+COPS: 0", dict(mode=0, format=None, operator=None), "27.007 deregistered read"),
    # ---- +QNWINFO
    ('+QNWINFO: "eMTC","24701","LTE BAND 20",6300',
     dict(service=True, act="eMTC", rat="lte-m", operator="24701", band="LTE BAND 20", band_number=20, channel=6300),
     "DOMAIN"),
    ('+QNWINFO: "NBIoT","46001","LTE BAND 3",1452', dict(rat="nb-iot", band_number=3, channel=1452), "BC-LOG"),
    ("+QNWINFO: No Service", dict(service=False, act=None, operator=None, band=None), "BG95 manual / DOMAIN"),
    # ---- +CSQ / +CESQ / +QCSQ
    ("+CSQ: 5,99", dict(rssi_dbm=-103, ber=None), "BC-LOG"),
    ("+CSQ: 99,99", dict(rssi_dbm=None, ber=None), "27.007 unknown"),
    ("+CSQ: 31,0", dict(rssi_dbm=-51, ber=0), "27.007 top level"),
    ("+CESQ: 99,99,255,255,20,80", dict(rssi_dbm=None, rsrq_db=-10.0, rsrp_dbm=-61), "MM"),
    ("+CESQ: 99,99,95,40,255,255", dict(rscp_dbm=-26, ecno_db=-4.5, rsrp_dbm=None), "MM"),
    ("+CESQ: 10,6,255,255,255,255", dict(rssi_dbm=-101, ber=6, rsrq_db=None), "MM"),
    ('+QCSQ: "eMTC",-62,-87,111,-12', dict(rat="lte-m", rssi_dbm=-62, rsrp_dbm=-87, sinr=111, sinr_db=2.2,
                                            rsrq_db=-12), "MIKROTIK"),
    ('+QCSQ: "eMTC",-84,-91,165,-6', dict(rsrp_dbm=-91, sinr_db=13.0), "SORACOM"),
    ('+QCSQ: "NBIoT",-103,-114,152,-10', dict(rat="nb-iot", rsrp_dbm=-114, sinr_db=10.4), "BC-LOG"),
    ('+QCSQ: "NOSERVICE"', dict(rat=None, rssi_dbm=None), "BG95 manual"),
    # ---- +QENG "servingcell"
    ('+QENG: "servingcell","NOCONN","eMTC","FDD",274,02,44F5C,267,3600,8,3,3,8,-80,-12,-53,11,47',
     dict(state="NOCONN", rat="lte-m", plmn="27402"), "QENG-ICELAND"),
    ('+QENG: "servingcell","NOCONN","eMTC","FDD",310,410,B0DD811,152,5110,12,3,3,5003,-88,-11,-62,11,41',
     dict(rat="lte-m", plmn="310410"), "QENG-PICOLTE"),
    ('+QENG: "servingcell","NOCONN","CAT-NB","FDD",460,11,DDA1451,280,2506,5,0,0,69C9,-84,-17,-67,8,44',
     dict(rat="nb-iot", plmn="46011"), "QENG-BG96-NB"),
    ('+QENG: "servingcell","NOCONN","LTE","FDD",216,70,127328,189,476,1,3,3,D17,-104,-9,-77,18,-,-,-',
     dict(rat="lte", plmn="21670"), "QENG-MIKROTIK-LOG"),
    ('+QENG: "servingcell","NOCONN","LTE","FDD",310,260,1452808,315,5035,12,2,2,3AFD,-104,-11,-78,12,20',
     dict(rat="lte", plmn="310260"), "QENG-EP06"),
    ('+QENG: "servingcell","NOCONN","GSM",460,00,247C,1327,35,82,-,-52,255,255,0,53,179,1,-,-,-,-,-,-,-,-,-,"-"',
     dict(rat="gsm", plmn="46000"), "QENG-GSM-CN"),
    ('+QENG: "servingcell","NOCONN","WCDMA",440,10,75,6FE0090,10736,58,0,-78,-3,-,-,-,-,-',
     dict(rat="umts", plmn="44010"), "QENG-WCDMA-JP"),
    ('+QENG: "servingcell","SEARCH"', dict(state="SEARCH", rat=None, cell={}), "QENG-MANUAL"),
    ('+QENG: 0,1769,9,400,"00288516",-103,-9,-94,5,3,"A924",0,14,2',
     dict(state="CAMPED", rat="nb-iot", cell={"earfcn": 1769, "earfcn_offset": 9, "pcid": 400, "cell_id": "00288516",
                                              "rsrp_dbm": -103, "rsrq_db": -9, "rssi_dbm": -94, "sinr_db": 5, "band": 3,
                                              "tac": "A924", "ecl": 0, "tx_power": 14, "operation_mode": 2}),
     "BC660-DRIVER (EARFCN 1769 is in band 3, as <sc_band> says)"),
    # ---- +CGDCONT / +CPIN / errors
    ('+CGDCONT: 1,"IP","nate.sktelecom.com","",0,0', dict(cid=1, pdp_type="IP", apn="nate.sktelecom.com"), "MM"),
    ('+CGDCONT: 1,"IP",,,0,0', dict(cid=1, apn=None), "MM"),
    ('+CGDCONT: (1-10),"IP",,,(0,1),(0,1)', dict(cid="1-10", pdp_type="IP"), "MM test reply"),
    ("+CPIN: READY", dict(code="READY", ready=True, needs=None), "DOMAIN URC list"),
    ("+CPIN: SIM PIN", dict(code="SIM PIN", ready=False, needs="SIM PIN"), "27.007 8.3"),
    ("+CME ERROR: 10", dict(kind="CME", code=10, message="SIM not inserted", verbose=False), "DOMAIN CMEE=1"),
    ("+CME ERROR: SIM not inserted", dict(code=10, message="SIM not inserted", verbose=True), "DOMAIN CMEE=2"),
    ("+CME ERROR: 50", dict(code=50, message="incorrect parameters"), "DOMAIN"),
    ("+CMS ERROR: 500", dict(kind="CMS", code=500, message="unknown error"), "27.005 3.2.5"),
]


@pytest.mark.parametrize("line,expected,source", VECTORS, ids=[f"{v[2]}:{v[0][:30]}" for v in VECTORS])
def test_real_lines(line, expected, source):
    fields = parse_line(line).fields
    for key, value in expected.items():
        assert fields[key] == value, (key, fields.get(key), source)


def test_qeng_lte_fields_in_manual_order():
    cell = parse_line('+QENG: "servingcell","NOCONN","eMTC","FDD",274,02,44F5C,267,3600,8,3,3,8,'
                      '-80,-12,-53,11,47').fields["cell"]  # QENG-ICELAND
    assert (cell["cell_id"], cell["pcid"], cell["earfcn"], cell["band"], cell["tac"]) == ("44F5C", 267, 3600, 8, "8")
    assert (cell["rsrp_dbm"], cell["rsrq_db"], cell["rssi_dbm"], cell["sinr_db"], cell["srxlev"]) == (-80, -12, -53, 11, 47)
    assert cell["dl_bandwidth_mhz"] == 10


def test_qeng_20_field_lte_variant():
    cell = parse_line('+QENG: "servingcell","NOCONN","LTE","FDD",216,70,127328,189,476,1,3,3,D17,-104,-9,-77,18,'
                      '-,-,-').fields["cell"]  # QENG-MIKROTIK-LOG
    assert (cell["tac"], cell["rsrp_dbm"], cell["sinr_db"], cell["cqi"], cell["srxlev"]) == ("D17", -104, 18, None, None)


def test_qeng_gsm_and_wcdma_fields():
    gsm = parse_line('+QENG: "servingcell","NOCONN","GSM",460,00,247C,1327,35,82,-,-52,255,255,0,53,179,1,-,-,-,'
                     '-,-,-,-,-,-,"-"').fields["cell"]
    assert (gsm["lac"], gsm["cell_id"], gsm["bsic"], gsm["arfcn"], gsm["rxlev_dbm"]) == ("247C", "1327", 35, 82, -52)
    wcdma = parse_line('+QENG: "servingcell","NOCONN","WCDMA",440,10,75,6FE0090,10736,58,0,-78,-3,-,-,-,-,-').fields["cell"]
    assert (wcdma["uarfcn"], wcdma["psc"], wcdma["rscp_dbm"], wcdma["ecio_db"]) == (10736, 58, -78, -3)


def test_cops_network_list():
    fields = parse_line('+COPS: (2,"T-Mobile","TMO","31026",0),(1,"AT&T","AT&T","310410",0),,(0,1,2,3,4),(0,1,2)').fields
    assert [(n["stat_text"], n["numeric"], n["rat"]) for n in fields["networks"]] == [
        ("current", "31026", "gsm"), ("available", "310410", "gsm")]  # MM
    assert (fields["modes"], fields["formats"]) == ("0,1,2,3,4", "0,1,2")
    blau = parse_line('+COPS: (2,"blau","","26203"),(2,"blau","","26203"),(3,"","","26201")').fields  # MM
    assert [n["stat_text"] for n in blau["networks"]] == ["current", "current", "forbidden"]
    assert blau["networks"][0]["act"] is None


def test_qcfg_layout_comes_from_the_profile():
    from atctl.profiles import load_profile

    eg25 = load_profile("quectel-eg25-g")
    fields = parse_line('+QCFG: "band",0xf,0x1e00b0e18df,0x0', profile=eg25).fields
    assert fields["layout"] == "lte" and 41 in fields["lte"]
    assert parse_line('+QCFG: "band",0xf,0x1e00b0e18df,0x0').fields["layout"] == "lpwa"


@pytest.mark.parametrize("line", ['+QCFG: "band",0xf', '+QCFG: "nwscanseq",02x3', "+URAT: x", "+QBAND: -",
                                  "+QNWINFO: ", "+CSQ: 40,99", "+CESQ: 1,2,3", '+QCSQ: "FOO",1',
                                  '+QENG: "servingcell","BUSY"',
                                  "+COPS: x", "+CPIN: MAYBE", "+CME ERROR:", "+URAT: ", "+UBANDMASK: 0"])
def test_malformed_lines(line):
    with pytest.raises(InputError):
        parse_line(line)


# ---- issue #20 / DESIGN.md: an unreadable mask or number is unparsed, never a hang ----------

@pytest.mark.parametrize("line,unparsed,kept", [
    ('+UBANDMASK: 0,-5', ["value 2"], {"lte_m": [], "masks": [0, -5]}),
    ('+UBANDMASK: 0,-5,1,524288', ["value 2"], {"lte_m": [], "nb_iot": [20]}),
    ('+UBANDMASK: 0,' + str(1 << 64) + ',1,524288', ["value 2"], {"nb_iot": [20]}),
    ('+QCFG: "band",0xf,-0x5,0x0', ["lte_m_mask"], {"gsm": [850, 900, 1800, 1900], "lte_m": []}),
    ('+QCFG: "band",0xq,0x1,0x1', ["gsm_mask"], {"gsm": [], "lte_m": [1], "nb_iot": [1]}),
    ('+QCFG: "band",0xf,0x' + "f" * 10000 + ',0x80000', ["lte_m_mask"], {"nb_iot": [20]}),
    ("+URAT: 7,x,8", ["AcT 2"], {"acts": [7, 8], "rats": ["lte-m", "nb-iot"]}),
    ("+UBANDSEL: 850,-,900", ["value 2"], {"mhz": [850, 900]}),
    ("+QBAND: 8,-20,20", ["band 2"], {"bands": [8, 20]}),
])
def test_unreadable_band_values_are_unparsed(line, unparsed, kept):
    fields = parse_line(line).fields
    assert sorted(fields.get("unparsed", {})) == unparsed
    assert len(fields.get("warnings", [])) == len(unparsed)
    for key, value in kept.items():
        assert fields[key] == value, key


def test_qeng_neighbour_cell_lines_keep_their_values():
    # was an error ("only servingcell is decoded"); a response line decodes what it can
    fields = parse_line('+QENG: "neighbourcell intra","LTE",38950,276,-3,-88,-65,0,37,7,16,6,44').fields
    assert (fields["state"], fields["rat"], fields["cell"]["kind"]) == ("NEIGHBOUR", "lte", "neighbourcell intra")
    assert fields["cell"]["values"][:2] == [38950, 276]
