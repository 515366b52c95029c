"""format_X: the reply lines a (simulated) module prints, checked against real lines, and read back
by parse_X to the same values (round trip). Sources per row; most lines are the ones the parser
tests already use (ModemManager test-modem-helpers.c, Nordic sdk-nrf lte_lc tests, vendor manuals,
DOMAIN.md)."""

from __future__ import annotations

import pytest

from atctl.bands.masks import mask_to_bands
from atctl.codecs import parse_line
from atctl.codecs.hints import ModuleHints
from atctl.codecs.quectel.qband import format_qband, format_qband_test
from atctl.codecs.quectel.qcfg import format_qcfg, format_qcfg_band
from atctl.codecs.quectel.qnwinfo import format_qnwinfo
from atctl.codecs.quectel.qpsms import format_qpsms
from atctl.codecs.quectel.qptwedrxs import format_qptwedrxs
from atctl.codecs.standard.cfun import format_cfun
from atctl.codecs.standard.cgdcont import format_cgdcont
from atctl.codecs.standard.cops import format_cops, format_cops_list
from atctl.codecs.standard.cpin import format_cpin
from atctl.codecs.standard.cpsms import format_cpsms
from atctl.codecs.standard.edrx import format_cedrxp, format_cedrxrdp, format_cedrxs
from atctl.codecs.standard.registration import format_registration, format_registration_model, parse_cereg
from atctl.codecs.standard.signal import cesq_rsrp, cesq_rsrq, csq_rssi, format_cesq, format_csq
from atctl.codecs.ublox.ubandmask import format_ubandmask
from atctl.codecs.ublox.ubandsel import format_ubandsel
from atctl.codecs.ublox.ucpsms import format_ucpsms
from atctl.codecs.ublox.umnoprof import format_umnoprof
from atctl.codecs.ublox.urat import format_urat
from atctl.errors import InputError

REGISTRATION = [
    # sdk-nrf lte_lc tests (URC, mode 5 fields): stat, tac, ci, act, cause, timers
    ('+CEREG: 1,"0A0B","01020304",9,0,0,"00100110","01011111"',
     dict(prefix="CEREG", stat=1, tac="0A0B", ci="01020304", act=9, cause_type=0, reject_cause=0,
          active_time="00100110", periodic_tau="01011111")),
    # BG95 read, n=2, AcT 8 = eMTC
    ('+CEREG: 2,1,"71F6","0A3B2C01",8', dict(prefix="CEREG", n=2, stat=1, tac="71F6", ci="0A3B2C01", act=8)),
    # SARA-R410M-02B mode 4 with the vendor field after <tac> (DOMAIN.md 3)
    ('+CEREG: 4,1,"71F6","FE","14BCB0C",7,,,"00001010","00001010"',
     dict(prefix="CEREG", n=4, stat=1, tac="71F6", ci="14BCB0C", act=7, active_time="00001010",
          periodic_tau="00001010", extra_after_tac=True, extra="FE")),
    # 27.007 mode 3 with a reject cause
    ('+CEREG: 3,3,"71F6","14BCB0C",7,0,15', dict(prefix="CEREG", n=3, stat=3, tac="71F6", ci="14BCB0C", act=7,
                                                   cause_type=0, reject_cause=15)),
    ("+CEREG: 3", dict(prefix="CEREG", stat=3)), ("+CEREG: 1,3", dict(prefix="CEREG", n=1, stat=3)),
    # ModemManager: +CGREG read and URC with <rac>
    ('+CGREG: 2,1,"8BE3","00002B5D",3', dict(prefix="CGREG", n=2, stat=1, lac="8BE3", ci="00002B5D", act=3)),
    ('+CGREG: 1,"1422","00000142",3,"00"', dict(prefix="CGREG", stat=1, lac="1422", ci="00000142", act=3, rac="00")),
    ('+CREG: 2,1,"8BE3","2BAF"', dict(prefix="CREG", n=2, stat=1, lac="8BE3", ci="2BAF")),
]


@pytest.mark.parametrize("line,values", REGISTRATION)
def test_registration_lines(line, values):
    values = dict(values)
    prefix, stat = values.pop("prefix"), values.pop("stat")
    assert format_registration(prefix, stat, **values) == line
    parsed = parse_line(line, is_urc="n" not in values, hints=ModuleHints(cereg_extra_param=True)).model
    assert format_registration_model(parsed) == line  # parse(format(x)) == x, at the line level
    assert parsed.stat == stat and parsed.n == values.get("n") and parsed.act == values.get("act")


def test_registration_model_round_trip():
    for line in ('+CEREG: 5,"0A0B","01020304",9,0,0,"11100000","00011111"', '+CEREG: 2,5,"2046","07BA7016",7'):
        reg = parse_cereg(line)
        assert parse_cereg(format_registration_model(reg)) == reg


def test_registration_refuses_a_field_of_another_layout():
    with pytest.raises(InputError, match="no field tac"):
        format_registration("CREG", 1, tac="71F6")


def _fields(line):
    return parse_line(line).fields


@pytest.mark.parametrize("built,line,check", [
    # 27.007 7.38 / DOMAIN.md: TAU 140 h, active 10 s
    (format_cpsms(1, "01001110", "00000101"), '+CPSMS: 1,,,"01001110","00000101"',
     {"mode": 1, "periodic_tau_s": 504000, "active_time_s": 10}),
    (format_cpsms(0, "11100000", "11100000"), '+CPSMS: 0,,,"11100000","11100000"', {"mode": 0}),
    # BG95 AT manual +QPSMS (seconds)
    (format_qpsms(1, 6000, 20), '+QPSMS: 1,,,"6000","20"', {"periodic_tau_s": 6000, "active_time_s": 20}),
    # SARA-R4 AT manual +UCPSMS (network-assigned)
    (format_ucpsms(1, "01000011", "01000011"), '+UCPSMS: 1,,,"01000011","01000011"', {"mode": 1}),
    (format_ucpsms(0), "+UCPSMS: 0", {"mode": 0}),
    # 27.007 7.40/7.41 and DOMAIN.md's +CEDRXP example (143.36 s asked, 81.92 s granted, PTW 15.36 s)
    (format_cedrxs(4, "1000"), '+CEDRXS: 4,"1000"', {"requested_s": 143.36}),
    (format_cedrxs(4, "0111", "0001"), '+CEDRXS: 4,"0111","0001"', {"ptw_bits": "0001"}),
    (format_cedrxp(4, "1000", "0101", "1011"), '+CEDRXP: 4,"1000","0101","1011"',
     {"granted_s": 81.92, "ptw_s": 15.36}),
    (format_cedrxrdp(4, "1000", "0101", "1011"), '+CEDRXRDP: 4,"1000","0101","1011"', {"granted_bits": "0101"}),
    (format_cedrxrdp(0), "+CEDRXRDP: 0", {"edrx_used": False}),
    # BG95 AT manual +QPTWEDRXS: PTW first
    (format_qptwedrxs(4, "0011", "0101"), '+QPTWEDRXS: 4,"0011","0101"', {"requested_bits": "0101", "ptw_bits": "0011"}),
    # BG95 AT manual AT+QCFG reads
    (format_qcfg("iotopmode", 2), '+QCFG: "iotopmode",2', {"text": ["lte-m", "nb-iot"]}),
    (format_qcfg("nwscanseq", "020301"), '+QCFG: "nwscanseq",020301', {"text": ["lte-m", "nb-iot", "gsm"]}),
    (format_qcfg("nwscanmode", 3), '+QCFG: "nwscanmode",3', {"value": 3}),
    (format_qcfg_band("lpwa", {"gsm": [900, 1800], "lte-m": [3, 8, 20], "nb-iot": [3, 8, 20]}),
     '+QCFG: "band",0x3,0x80084,0x80084', {"lte_m": [3, 8, 20], "nb_iot": [3, 8, 20], "gsm": [900, 1800]}),
    # DOMAIN.md's real EG25-G read: its LTE mask; the first mask without 0x800, a bit atctl has no band for
    (format_qcfg_band("lte", {"gsm": [900, 1800, 850, 1900], "umts": [1, 2, 5, 8, 6, 4],
                              "lte": mask_to_bands(0x1e00b0e18df)}),
     '+QCFG: "band",0x3ff,0x1e00b0e18df,0x0', {"layout": "lte", "lte": mask_to_bands(0x1e00b0e18df)}),
    # BC660K-GL AT manual V1.4 7.5
    (format_qband([20, 8]), "+QBAND: 8,20", {"bands": [8, 20]}),
    (format_qband_test([1, 3, 20]), "+QBAND: (0-3),(1,3,20)", {"bands": [1, 3, 20], "test": True}),
    # DOMAIN.md: SARA-R5 read
    (format_ubandmask({0: mask_to_bands(168761503), 1: mask_to_bands(168761503)}),
     "+UBANDMASK: 0,168761503,1,168761503", {"lte_m": mask_to_bands(168761503)}),
    # ModemManager u-blox tests (SARA-U201)
    (format_ubandsel([850, 900, 1800, 1900]), "+UBANDSEL: 850,900,1800,1900", {"mhz": [850, 900, 1800, 1900]}),
    (format_ubandsel([]), "+UBANDSEL: 0", {"default": True}),
    # SARA-R4/R5 AT manuals
    (format_urat([7, 8]), "+URAT: 7,8", {"rats": ["lte-m", "nb-iot"]}),
    (format_umnoprof(100), "+UMNOPROF: 100", {"name": "standard Europe"}),
    # 27.007 7.3 read (ModemManager: "NTT DOCOMO"); the simulator's numeric form and a deregistered read
    (format_cops(0, 0, "NTT DOCOMO", 7), '+COPS: 0,0,"NTT DOCOMO",7', {"operator": "NTT DOCOMO", "act": 7}),
    (format_cops(0, 2, "24701", 8), '+COPS: 0,2,"24701",8', {"operator": "24701"}),
    (format_cops(2), "+COPS: 2", {"mode": 2, "operator": None}),
    # ModemManager +COPS=? reply
    (format_cops_list([(2, "T-Mobile", "TMO", "31026", 0), (1, "AT&T", "AT&T", "310410", 0)], "(0,1,2,3,4)", "(0,1,2)"),
     '+COPS: (2,"T-Mobile","TMO","31026",0),(1,"AT&T","AT&T","310410",0),,(0,1,2,3,4),(0,1,2)',
     {"modes": "0,1,2,3,4", "formats": "0,1,2"}),
    (format_cops_list([]), "+COPS: ,,(0-4),(0-2)", {"networks": []}),
    # 27.007 8.5 / 8.69 (ModemManager lines)
    (format_csq(5), "+CSQ: 5,99", {"rssi_dbm": -103, "ber": None}),
    (format_cesq(rsrq=20, rsrp=80), "+CESQ: 99,99,255,255,20,80", {"rsrq_db": -10.0, "rsrp_dbm": -61}),
    # BG95 AT manual / DOMAIN.md +QNWINFO
    (format_qnwinfo("lte-m", "24701", "LTE BAND 20", 6300), '+QNWINFO: "eMTC","24701","LTE BAND 20",6300',
     {"rat": "lte-m", "band_number": 20, "channel": 6300}),
    (format_qnwinfo("nb-iot", "46001", "LTE BAND 3", 1452), '+QNWINFO: "NBIoT","46001","LTE BAND 3",1452',
     {"rat": "nb-iot"}),
    (format_qnwinfo(None), "+QNWINFO: No Service", {"service": False}),
    (format_cfun(4), "+CFUN: 4", {"fun": 4}),
    # ModemManager +CGDCONT reads; the simulator's 4-number form
    (format_cgdcont(1, "IP", "telefonica.es"), '+CGDCONT: 1,"IP","telefonica.es","",0,0', {"apn": "telefonica.es"}),
    (format_cgdcont(1, "IP", "iot.1nce.net", "0.0.0.0", (0, 0, 0, 0)), '+CGDCONT: 1,"IP","iot.1nce.net","0.0.0.0",0,0,0,0',
     {"cid": 1, "address": "0.0.0.0"}),
    (format_cpin("SIM PIN"), "+CPIN: SIM PIN", {"needs": "SIM PIN"}),
    (format_cpin("READY"), "+CPIN: READY", {"ready": True}),
])
def test_reply_lines(built, line, check):
    assert built == line
    fields = _fields(line)
    assert not fields.get("unparsed")
    for key, value in check.items():
        assert fields[key] == value, key


def test_signal_levels_invert_the_parser():
    # 27.007 8.5 / 8.69: level -> dB(m) is the interval's lower edge; the inverse picks that level
    for rssi in range(32):
        assert csq_rssi(_fields(format_csq(rssi))["rssi_dbm"]) == rssi
    for rsrq in range(35):
        for rsrp in (0, 40, 97):
            f = _fields(format_cesq(rsrq=rsrq, rsrp=rsrp))
            assert (cesq_rsrq(f["rsrq_db"]), cesq_rsrp(f["rsrp_dbm"])) == (rsrq, rsrp)
    assert (csq_rssi(None), cesq_rsrq(None), cesq_rsrp(None)) == (99, 255, 255)
    assert (csq_rssi(-40), cesq_rsrp(-200)) == (31, 0)


def test_ubandmask_prints_mask2_once_a_band_is_above_64():
    line = format_ubandmask({0: [20], 1: [20, 71]})
    assert line == f"+UBANDMASK: 0,524288,0,1,524288,{1 << 6}"
    assert _fields(line)["nb_iot"] == [20, 71]


def test_cpin_refuses_an_unknown_code():
    with pytest.raises(InputError, match="not a 27.007 SIM state"):
        format_cpin("MAYBE")
