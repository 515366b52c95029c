"""Each fault option of the simulator, seen through the AT engine."""

import time

import pytest

from atctl.at.session import ModemRebooted
from atctl.errors import ModemTimeout, ModemUnreachable


@pytest.mark.parametrize("option", ["fragment=1", "garbage=0.5", "urc_storm=0.8", "latency=0.02", "echo=0"])
def test_session_survives(open_sim, option):
    s = open_sim(f"sim://quectel-bg95-m3?seed=3&{option}")
    for _ in range(3):
        assert s.check("AT+CGMM").lines == ["BG95-M3"]
        assert s.check('AT+QCFG="iotopmode"').lines == ['+QCFG: "iotopmode",2']


def test_drop_urc_drops_registration_urcs(open_sim):
    s = open_sim("sim://quectel-bg95-m3?drop_urc=1&reg_delay=0.05")
    s.check("AT+CEREG=2")
    assert s.wait_urc("+CEREG", 0.4) is None


def test_reboot_after_n_commands(open_sim):
    s = open_sim("sim://quectel-bg95-m3?reboot_after=6")  # start() uses 5 commands
    with pytest.raises((ModemRebooted, ModemTimeout)):
        s.command("AT+CGMM", timeout=1.0)
    s.start(boot_timeout=3)
    assert s.check("AT+CGMM").ok


def test_stall_respects_deadline(open_sim):
    s = open_sim("sim://quectel-bg95-m3?stall=AT%2BCOPS")
    start = time.monotonic()
    with pytest.raises(ModemTimeout):
        s.command("AT+COPS?", timeout=0.2)
    assert time.monotonic() - start < 1.0
    assert s.check("AT+CGMM").ok


def test_die_after_makes_modem_silent(open_sim):
    s = open_sim("sim://quectel-bg95-m3?die_after=6")
    assert s.check("AT").ok
    with pytest.raises(ModemTimeout):
        s.command("AT", timeout=0.2)


def test_cme_injection(open_sim):
    s = open_sim("sim://quectel-bg95-m3?cme=AT%2BCPSMS:50&cmee=2")
    assert s.command('AT+CPSMS=1,,,"00111000","00001111"').error_code == 50


def test_still_booting_then_ready(open_sim):
    s = open_sim("sim://quectel-bg95-m3?boot=0.3", boot_timeout=3)
    assert "RDY" in s.urcs and s.check("AT").ok


def test_never_answers_gives_first_contact_error():
    from atctl.at import open_session

    with pytest.raises(ModemUnreachable, match="no answer at all"):
        with open_session("sim://quectel-bg95-m3?die_after=0", boot_timeout=0.3):
            pass


def test_reboot_time_sets_how_long_every_reboot_takes(open_sim):
    # boot= is the first power-on only; reboot_time= is each reboot after it (AT+CFUN=1,1 here), so
    # a bench can model a module that takes seconds to come back (SARA-N2's AT+NRB, a BG95 reset)
    s = open_sim("sim://quectel-bg95-m3?reboot_time=2")
    s.command("AT+CFUN=1,1", expect_reboot=True)
    assert s.wait_urc("RDY", 1.0) is None          # still rebooting one second later
    assert s.wait_urc("RDY", 3.0) is not None
    assert s.check("AT").ok


def test_reboot_time_bad_value_is_refused(cli):
    code, _, err = cli("send", "--port", "sim://quectel-bg95-m3?reboot_time=-1", "AT")
    assert code == 2 and "reboot_time" in err and "from 0 to 600" in err   # the range, not "unknown option"
