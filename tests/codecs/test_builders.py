"""build_X: exact AT command strings, one table per command family, each row citing its source.

DOMAIN.md quotes the vendor manuals; the rows below are the forms the dialects send and that
`atctl plan` / `atctl psm encode` / `atctl edrx encode` print (tests/config/test_planning.py
checks the same strings end to end).
"""

from __future__ import annotations

import pytest

from atctl.codecs.edrx_request import build_edrx_request, edrx_commands, vendor_warnings
from atctl.codecs.quectel.qband import build_qband
from atctl.codecs.quectel.qcfg import build_qcfg, build_qcfg_band
from atctl.codecs.quectel.qptwedrxs import build_qptwedrxs
from atctl.codecs.standard.cfun import build_cfun
from atctl.codecs.standard.cgdcont import build_cgdcont
from atctl.codecs.standard.cpsms import build_cpsms, encode_cpsms
from atctl.codecs.standard.edrx import build_cedrxs
from atctl.codecs.ublox.cedrxs import build_cedrxs_ptw
from atctl.codecs.ublox.ubandmask import build_ubandmask
from atctl.codecs.ublox.ubandsel import build_ubandsel
from atctl.codecs.ublox.umnoprof import build_umnoprof
from atctl.codecs.ublox.urat import build_urat, build_urat_priority, build_urat_set
from atctl.errors import InputError


@pytest.mark.parametrize("built,expected", [
    # 27.007 7.38 AT+CPSMS=<mode>,<RAU>,<READY>,<TAU>,<Active>; DOMAIN.md section 2: TAU 140 h, active 10 s
    (build_cpsms(1, "01001110", "00000101"), 'AT+CPSMS=1,,,"01001110","00000101"'),
    (build_cpsms(0), "AT+CPSMS=0"),
    # 27.007 10.1.23: timers with mode 0 (a restore: PSM off, its old timers back)
    (build_cpsms(0, "00000110", ""), 'AT+CPSMS=0,,,"00000110",""'),
    # 27.007 7.40 AT+CEDRXS=<mode>,<AcT-type>[,<eDRX>]; DOMAIN.md seed example LTE-M 143.36 s
    (build_cedrxs(1, 4, "1000"), 'AT+CEDRXS=1,4,"1000"'),
    (build_cedrxs(0, 5), "AT+CEDRXS=0,5"),
    # BG95/BG96 AT manual AT+QPTWEDRXS: PTW before the cycle (DOMAIN.md)
    (build_qptwedrxs(2, 4, "0011", "0101"), 'AT+QPTWEDRXS=2,4,"0011","0101"'),
    # SARA-R5 AT manual +CEDRXS: <Requested_Paging_time_window> 4th
    (build_cedrxs_ptw(2, 4, "0101", "0011"), 'AT+CEDRXS=2,4,"0101","0011"'),
    # 27.007 8.2 AT+CFUN
    (build_cfun(0), "AT+CFUN=0"), (build_cfun(4), "AT+CFUN=4"), (build_cfun(1), "AT+CFUN=1"),
    # 27.007 10.1.1 AT+CGDCONT=<cid>,<PDP_type>,<APN>
    (build_cgdcont(1, "IP", "iot.1nce.net"), 'AT+CGDCONT=1,"IP","iot.1nce.net"'),
    # BG95 AT manual AT+QCFG="iotopmode" / "nwscanmode" / "nwscanseq" (<effect> 1 = at once)
    (build_qcfg("iotopmode", 0, effect=1), 'AT+QCFG="iotopmode",0,1'),
    (build_qcfg("nwscanmode", 3, effect=1), 'AT+QCFG="nwscanmode",3,1'),
    (build_qcfg("nwscanseq", "020301", effect=1), 'AT+QCFG="nwscanseq",020301,1'),
    # BG95 AT manual AT+QCFG="band",<gsm>,<emtc>,<nbiot>,<effect>: B8+B20 on LTE-M (tests/config/test_planning.py)
    (build_qcfg_band("lpwa", {"lte-m": [8, 20]}), 'AT+QCFG="band",0x0,0x80080,0x0,1'),
    (build_qcfg_band("lpwa", {"gsm": [900, 1800], "nb-iot": [20]}, effect=None), 'AT+QCFG="band",0x3,0x0,0x80000'),
    # EC2x/EG2x AT manual: <gsm+wcdma>,<lte>,<tds>; GSM900 0x1 + WCDMA2100 0x10, LTE B1+B3
    (build_qcfg_band("lte", {"gsm": [900], "umts": [1], "lte": [1, 3]}), 'AT+QCFG="band",0x11,0x5,0x0,1'),
    # BC660K-GL AT manual V1.4 7.5: AT+QBAND=<count>,<band>...; 0 = every band
    (build_qband([20, 8]), "AT+QBAND=2,8,20"), (build_qband(None), "AT+QBAND=0"),
    # SARA-R4/R5 AT manual +UBANDMASK, decimal; DOMAIN.md: B20 only = 0,524288
    (build_ubandmask(0, [20]), ["AT+UBANDMASK=0,524288"]),
    (build_ubandmask(1, [20, 71, 85]), [f"AT+UBANDMASK=1,{1 << 19},{(1 << 6) | (1 << 20)}"]),
    # SARA-U2 AT manual +UBANDSEL (MHz); 0 = module default
    (build_ubandsel([1900, 850]), "AT+UBANDSEL=850,1900"), (build_ubandsel([]), "AT+UBANDSEL=0"),
    # SARA-R4/R5 +URAT priority list (7 LTE-M, 8 NB-IoT); LARA-R6 set form (4 = GSM/UMTS/LTE, then 3, 2)
    (build_urat_priority(("lte-m", "nb-iot")), "AT+URAT=7,8"), (build_urat_set(("lte", "umts", "gsm")), "AT+URAT=4,3,2"),
    (build_urat_set(("lte", "gsm")), "AT+URAT=5,3"), (build_urat([7]), "AT+URAT=7"),
    # SARA-R4/R5 AT manual +UMNOPROF: 100 = standard Europe
    (build_umnoprof(100), "AT+UMNOPROF=100"),
])
def test_exact_commands(built, expected):
    assert built == expected


@pytest.mark.parametrize("form,expected", [
    ("none", ['AT+CEDRXS=2,4,"0101"']), ("qptwedrxs", ['AT+QPTWEDRXS=2,4,"0011","0101"']),
    ("cedrxs4", ['AT+CEDRXS=2,4,"0101","0011"']),
])
def test_edrx_request_by_ptw_form(form, expected):
    # the profile quirk ptw_command names the form (modem_profiles/README.md)
    assert build_edrx_request("lte-m", "0101", "0011", form) == expected


def test_edrx_commands_by_vendor_name():
    # `atctl edrx encode --vendor`: the forms by vendor name
    assert edrx_commands("lte-m", "1000") == ['AT+CEDRXS=2,4,"1000"']
    assert edrx_commands("lte-m", "0101", "0011", "quectel") == ['AT+QPTWEDRXS=2,4,"0011","0101"']
    assert edrx_commands("lte-m", "0101", "0011", "ublox-r5") == ['AT+CEDRXS=2,4,"0101","0011"']
    assert edrx_commands("nb-iot", "0101", "0011", "ublox-r4") == ['AT+CEDRXS=2,5,"0101"']
    assert vendor_warnings("ublox-r4", "0011") and vendor_warnings("standard", "0011")
    assert vendor_warnings("quectel", "0011") == () and vendor_warnings("ublox-r4", None) == ()


@pytest.mark.parametrize("call,message", [
    (lambda: edrx_commands("lte-m", "0101", None, "nokia"), "vendor 'nokia' is not known"),
    (lambda: edrx_commands("gsm", "0101"), "no eDRX table"),
    (lambda: edrx_commands("lte-m", "101"), "not a 4-bit string"),
    (lambda: build_edrx_request("lte-m", "0101", "0011", "cedrxs5"), "form 'cedrxs5' is not known"),
    (lambda: build_cpsms(3), "mode 3"),
    (lambda: build_qcfg_band("nb", {}), "unknown \\+QCFG band layout"),
])
def test_bad_builder_input_is_one_input_error(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_encode_cpsms_carries_the_command():
    request = encode_cpsms(140 * 3600, 10)
    assert request.command == 'AT+CPSMS=1,,,"01001110","00000101"' and request.warnings == ()
