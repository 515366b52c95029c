"""Deadlines per command form (#20): a deadline listed for a command's writes does not cover its
read (`?`) and test (`=?`) forms; form-specific entries (AT+COPS=? scans) keep theirs.
Sources: Quectel BC660K-GL AT manual V1.4 7.5 (AT+QBAND max 900 s, for the write), BG95 AT
manual (AT+COPS=? 180 s, AT+CFUN 15 s), 27.007 (read/test forms answer from local state)."""

import pytest

from atctl.at.timeouts import DEFAULT_S, timeout_for
from atctl.profiles import load_profile

BC660K = load_profile("quectel-bc660k-gl")
BG95 = load_profile("quectel-bg95-m3")
R410 = load_profile("ublox-sara-r410m-02b")


@pytest.mark.parametrize("profile, command, seconds", [
    (BC660K, "AT+QBAND=1,20", 900),     # the write waits on the radio: the manual's 900 s
    (BC660K, "AT+QBAND?", DEFAULT_S),   # the read answers from local state (was 900)
    (BC660K, "AT+QBAND=?", DEFAULT_S),  # the test form lists ranges (was 900)
    (BC660K, "at+qband?", DEFAULT_S),
    (BC660K, "AT+CFUN=0", 85),
    (BC660K, "AT+CFUN?", 5),
    (BC660K, "AT+COPS=?", 180),         # documented slow: a scan
    (BG95, "AT+COPS=?", 180),
    (BG95, "AT+COPS?", 15),
    (BG95, "AT+COPS=1,2,\"26201\"", 180),
    (BG95, "AT+CEREG?", 2),             # a listed deadline shorter than the default stays
    (BG95, "AT+CSQ", 1),
    (R410, "AT+CFUN=15", 180),
    (R410, "AT+CFUN?", 5),
    (R410, "AT+CGATT?", DEFAULT_S),     # AT+CGATT: 140 s is for attach/detach
    (R410, "AT+CGACT?", DEFAULT_S),
    (None, "AT+CGACT=1,1", 150),
    (None, "AT", 1),
    (None, "AT+CGDCONT?", DEFAULT_S),
])
def test_read_and_test_forms_get_read_deadlines(profile, command, seconds):
    assert timeout_for(command, profile) == seconds


def test_session_overrides_still_win_for_every_form():
    assert timeout_for("AT+QBAND?", BC660K, {"AT+QBAND": 30}) == 30
