"""The IMEI read of `identify`: plain AT+CGSN first, then the 27.007 form AT+CGSN=1.

3GPP TS 27.007 section 5.4: AT+CGSN[=<snt>], <snt> 1 = IMEI, answered `+CGSN: <imei>`. The
Huawei/Neul command set of SARA-N2 and BC95 is driven with AT+CGSN=1 by every driver read
(ublox-cellular-base-n2xx `at_req(cmd, "+CGSN: %32[^\\n]\\n", ...)`, TelenorNBIoT.cpp
`// Line 1 contains IMEI ("+CGSN: <15-digit IMEI>")`); a module that refuses the bare form
must still be identified.
"""

import pytest
from scripted import ScriptedPort

from atctl.at.session import AtSession
from atctl.device.identify import identify

IMEI = "357517080123456"
BASE = {
    "AT+CGMI": b"\r\nu-blox\r\n\r\nOK\r\n",
    "AT+CGMM": b"\r\nSARA-N211\r\n\r\nOK\r\n",
    "AT+CGMR": b"\r\nV100R100C10B656\r\n\r\nOK\r\n",
    "AT+CIMI": b"\r\n262011234567890\r\n\r\nOK\r\n",
}


def _identify(script):
    port = ScriptedPort({**BASE, **script})
    return identify(AtSession(port)), [w.decode().strip() for w in port.written]


def test_bare_cgsn_refused_falls_back_to_the_snt_form():
    ident, written = _identify({"AT+CGSN": b"\r\nERROR\r\n", "AT+CGSN=1": f"\r\n+CGSN: {IMEI}\r\n\r\nOK\r\n".encode()})
    assert ident.imei == IMEI
    assert written.index("AT+CGSN") < written.index("AT+CGSN=1")


def test_bare_cgsn_answered_sends_no_second_read():
    ident, written = _identify({"AT+CGSN": f"\r\n{IMEI}\r\n\r\nOK\r\n".encode()})
    assert ident.imei == IMEI and "AT+CGSN=1" not in written


def test_no_imei_either_way_is_none_not_an_error_text():
    ident, _ = _identify({"AT+CGSN": b"\r\nERROR\r\n", "AT+CGSN=1": b"\r\n+CME ERROR: 4\r\n"})
    assert ident.imei is None


@pytest.mark.parametrize("module, form", [("quectel-bg95-m3", '+CGSN: "{}"'),   # 27.007's string, nRF91's form
                                          ("ublox-sara-n211", "+CGSN: {}")])    # TelenorNBIoT.cpp: unquoted
def test_simulator_answers_each_form(module, form):
    from atctl.at.session import open_session

    with open_session(f"sim://{module}") as session:
        bare = session.command("AT+CGSN").lines
        assert session.command("AT+CGSN=0").lines == bare      # <snt>=0 is the bare form
        snt = session.command("AT+CGSN=1").lines
        assert session.command("AT+CGSN=2").error_code == 50
        assert session.command("AT+CGSN?").ok is False        # 27.007 defines no read form
    assert len(bare) == 1 and bare[0].isdigit() and snt == [form.format(bare[0])]


def test_bare_answer_that_is_no_imei_falls_back_too():
    # 27.007: the bare form (<snt>=0) answers <sn>, which need not be the IMEI: on Quectel BC26/BC66
    # (MT2625) <sn> is "the 128-bit UUID of the UE" (BC26 AT commands manual, AT+CGSN)
    uuid = b"\r\n3a5f0c2e9b7d4e1f8a6b2c4d5e6f7a8b\r\n\r\nOK\r\n"
    ident, written = _identify({"AT+CGSN": uuid, "AT+CGSN=1": f"\r\n+CGSN:{IMEI}\r\n\r\nOK\r\n".encode()})
    assert ident.imei == IMEI and "AT+CGSN=1" in written


@pytest.mark.parametrize("line", [f"+CGSN:{IMEI}", f"+CGSN: {IMEI}", f'+CGSN: "{IMEI}"'])
def test_every_written_form_of_the_snt_answer(line):
    # BC26 writes no space; 27.007 and Nordic's nRF91 docs quote the value (+CGSN: "490154203237518")
    ident, _ = _identify({"AT+CGSN": b"\r\nERROR\r\n", "AT+CGSN=1": f"\r\n{line}\r\n\r\nOK\r\n".encode()})
    assert ident.imei == IMEI
