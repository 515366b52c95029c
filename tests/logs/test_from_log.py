"""diagnose --log on text logs: requested vs granted from the host's own set commands and
URCs, registration denied with its cause, what the log cannot show. Lines are constructed
in the 27.007 formats the real fixtures use (URC n=5 layout as in the u-blox SARA-R42
PSM application note UBX-20050829 section 8.1.4)."""

from __future__ import annotations

from atctl.diagnose.from_log import diagnose_log
from atctl.logs import read_log


def codes(report):
    return {f["code"]: f for f in report["findings"]}


def test_psm_granted_differs_from_what_the_host_asked_for():
    log = ['AT+CPSMS=1,,,"00100110","00001010"', "OK", "AT+CEREG=5", "OK",
           '+CEREG: 1,"1A2B","01A2B3C",7,,,"00000101","00100001"']
    report, _ = diagnose_log(read_log(log), "t.log")
    found = codes(report)
    assert "psm-granted-differs" in found
    assert "6 h" in found["psm-granted-differs"]["explanation"] and "1 h" in found["psm-granted-differs"]["explanation"]
    assert not any("PSM timers the module requests" in x for x in report["log"]["cannot_show"])


def test_edrx_asked_but_not_used():
    log = ['AT+CEDRXS=2,4,"0101"', "OK", '+CEREG: 1,"1A2B","01A2B3C",7', "AT+CEDRXRDP", "+CEDRXRDP: 0", "OK"]
    found = codes(diagnose_log(read_log(log), "t.log")[0])
    assert "edrx-not-granted" in found


def test_registration_denied_names_the_cause():
    log = ["AT+CEREG=3", "OK", '+CEREG: 3,"1A2B","01A2B3C",7,0,15']
    report, _ = diagnose_log(read_log(log), "t.log")
    denied = codes(report)["registration-denied"]
    assert denied["severity"] == "critical" and "15" in denied["explanation"]
    assert report["facts"]["network"]["registration"]["reject_cause"] == 15


def test_a_log_without_registration_does_not_claim_not_registered():
    report, _ = diagnose_log(read_log(["AT+CSQ", "+CSQ: 20,99", "OK"]), "t.log")
    assert "not-registered" not in codes(report)
    assert any(x.startswith("registration: no +CEREG") for x in report["log"]["cannot_show"])


def test_an_unrequested_restart_is_major_and_a_requested_one_info():
    unasked = ["AT", "OK", "AT+CSQ", "RDY", "AT", "OK"]
    asked = ["AT", "OK", "AT+CFUN=1,1", "OK", "RDY", "AT", "OK"]
    assert codes(diagnose_log(read_log(unasked), "t.log")[0])["reboot-seen"]["severity"] == "major"
    found = codes(diagnose_log(read_log(asked), "t.log")[0])
    assert "reboot-seen" not in found and found["reset-requested"]["severity"] == "info"


def test_edrx_asked_with_quectels_ptw_command_is_a_request_too():
    # BG95/BG96 hosts set eDRX with AT+QPTWEDRXS (PTW first); before, only AT+CEDRXS= was read
    log = ['AT+QPTWEDRXS=2,4,"0011","0101"', "OK", '+CEREG: 1,"1A2B","01A2B3C",8', "AT+CEDRXRDP", "+CEDRXRDP: 0", "OK"]
    report, _ = diagnose_log(read_log(log), "t.log")
    assert "edrx-not-granted" in codes(report)
    assert report["facts"]["network"]["edrx"]["requested"] == {"lte-m": 81.92}


def test_the_serving_cell_of_an_nb_iot_module_is_read_from_its_qeng_line():
    # BC660K-GL: AT+QENG=0 is its serving-cell read (BC660-DRIVER line, tests/codecs/test_formatters_qeng_qcsq.py)
    log = ["AT+QENG=0", '+QENG: 0,1769,9,400,"00288516",-103,-9,-94,5,3,"A924",0,14,2', "OK"]
    net = diagnose_log(read_log(log), "t.log")[0]["facts"]["network"]
    assert (net["band"], net["channel"], net["rat"]) == (3, 1769, "nb-iot") and net["signal"]["rsrp_dbm"] == -103


def test_a_ptw_alone_and_chained_requests_in_a_log():
    log = ['AT+QPTWEDRXS=2,4,"0011"', "OK", 'AT+CPSMS=1,,,"00000111","00000101";+CEDRXS=2,4,"0101"', "OK",
           '+CEREG: 1,"1A2B","01A2B3C",8']
    report, _ = diagnose_log(read_log(log), "t.log")
    assert report["facts"]["network"]["edrx"]["requested"] == {"lte-m": 81.92}       # not the PTW's 40.96
    assert report["facts"]["network"]["psm"]["requested"]["tau_s"] == 4200
