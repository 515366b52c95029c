"""The simulator through pyserial and the AT engine: identity, state, network policies, vendor syntax."""

import pytest
import serial
from sim_registration import wait_registered

import atctl  # noqa: F401  - registers sim://
from atctl.timers.psm import decode_t3324, decode_t3412_ext


def test_pyserial_url_works_after_import_atctl():
    port = serial.serial_for_url("sim://quectel-bg95-m3?echo=0", timeout=1)
    port.write(b"AT+CGMM\r")
    data = b""
    while b"OK" not in data:
        chunk = port.read(64)
        assert chunk, "no answer"
        data += chunk
    assert b"BG95-M3" in data


def test_unknown_option_is_refused():
    with pytest.raises(ValueError, match="unknown sim:// option"):
        serial.serial_for_url("sim://quectel-bg95-m3?latnecy=1")


def test_registers_with_cereg_urcs_and_grants_psm(open_sim):
    s = open_sim("sim://quectel-bg95-m3?network=de-telekom&reg_delay=0.05")
    s.check("AT+CEREG=4")
    s.check('AT+CPSMS=1,,,"00111000","00001111"')  # 24 h / 30 s
    urc = s.wait_urc("+CEREG:", 2.0, lambda line: '"00111000"' in line)
    assert urc is not None
    line = wait_registered(s)
    fields = line.split(":")[1].split(",")
    assert decode_t3324(fields[-2].strip('"')).seconds == 30
    assert decode_t3412_ext(fields[-1].strip('"')).seconds == 86400


def test_psm_clamp_grants_less(open_sim):
    s = open_sim("sim://quectel-bg95-m3?network=psm-clamp&reg_delay=0.05")
    s.check("AT+CEREG=4")
    s.check('AT+CPSMS=1,,,"00111000","00001111"')
    s.wait_urc("+CEREG:", 2.0, lambda line: line.count(",") >= 6)
    fields = wait_registered(s).split(":")[1].split(",")
    assert decode_t3412_ext(fields[-1].strip('"')).seconds == 7200
    assert decode_t3324(fields[-2].strip('"')).seconds == 10


def test_psm_refused_has_no_timers(open_sim):
    s = open_sim("sim://ublox-sara-r410m-02b?network=psm-refused&reg_delay=0.05")
    s.check("AT+CEREG=4")
    wait_registered(s)
    assert s.check("AT+UCPSMS?").lines == ["+UCPSMS: 0"]


def test_denied_with_reject_cause(open_sim):
    s = open_sim("sim://quectel-bg95-m3?network=denied&reg_delay=0.05")
    s.check("AT+CEREG=5")
    urc = s.wait_urc("+CEREG: 3", 2.0)
    assert urc is not None and urc.endswith(",0,11")


def test_registration_needs_an_enabled_band(open_sim):
    # de-telekom offers LTE-M on 8 and 20 only: enabling only B3 keeps the module searching
    s = open_sim("sim://quectel-bg95-m3?network=de-telekom&reg_delay=0.05")
    s.check('AT+QCFG="nwscanmode",3,1')  # LTE only: no GSM fallback
    s.check('AT+QCFG="band",0,0x4,0x4,1')
    s.check("AT+CEREG=2")
    assert s.wait_urc("+CEREG: 1", 0.5) is None
    s.check('AT+QCFG="band",0,0x80000,0x80000,1')  # B20
    assert s.wait_urc("+CEREG: 1", 2.0) is not None
    assert s.check("AT+QNWINFO").lines == ['+QNWINFO: "eMTC","26201","LTE BAND 20",6200']


def test_quectel_band_outside_module_is_error(open_sim):
    s = open_sim("sim://quectel-bg95-m3")
    assert not s.command('AT+QCFG="band",0,0x40,0,1').ok  # B7 is not a BG95-M3 LTE-M band


def test_edrx_granted_and_read(open_sim):
    s = open_sim("sim://quectel-bg95-m3?network=edrx-fixed&reg_delay=0.05")
    s.check('AT+QPTWEDRXS=2,4,"0011","1000"')
    urc = s.wait_urc("+CEDRXP:", 2.0)
    assert urc == '+CEDRXP: 4,"1000","0101","0011"'
    assert s.check("AT+CEDRXRDP").lines == ['+CEDRXRDP: 4,"1000","0101","0011"']


def test_sara_r4_has_no_ptw_and_needs_radio_off_for_umnoprof(open_sim):
    s = open_sim("sim://ublox-sara-r410m-02b")
    assert s.command('AT+CEDRXS=2,4,"0101","0011"').error_code == 50
    assert s.command("AT+UMNOPROF=100").error_code == 3
    s.check("AT+CFUN=0")
    s.check("AT+UMNOPROF=100")
    assert s.check("AT+UMNOPROF?").lines == ["+UMNOPROF: 100"]


def test_sara_r4_psm_applies_only_after_reboot(open_sim):
    s = open_sim("sim://ublox-sara-r410m-02b?reg_delay=0.05")
    wait_registered(s)
    s.check('AT+CPSMS=1,,,"00111000","00001111"')
    assert s.check("AT+UCPSMS?").lines == ["+UCPSMS: 0"]
    s.check("AT+COPS=2")
    s.command("AT+CFUN=15", expect_reboot=True)
    s.start(boot_timeout=3)
    wait_registered(s)
    assert s.check("AT+UCPSMS?").lines == ['+UCPSMS: 1,,,"00111000","00001111"']


def test_no_sim(open_sim):
    s = open_sim("sim://quectel-bg95-m3?sim=absent")
    r = s.command("AT+CPIN?")
    assert r.error_code == 10 and r.error_text == "SIM not inserted"


def test_unknown_command_per_profile(open_sim):
    s = open_sim("sim://quectel-bg95-m3")
    assert s.command("AT+UBANDMASK?").final == "ERROR"  # a u-blox command on a Quectel module


def test_deterministic_identity():
    from atctl.sim.modem import SimModem
    from atctl.profiles import load_profile
    from atctl.sim.scenarios import get_scenario

    a = SimModem(load_profile("quectel-bg95-m3"), get_scenario(None), seed=7)
    b = SimModem(load_profile("quectel-bg95-m3"), get_scenario(None), seed=7)
    assert (a.imei, a.imsi, a.iccid) == (b.imei, b.imsi, b.iccid) and len(a.imei) == 15


def test_nb_module_sets_bands_with_qband_not_qcfg(open_sim):
    # BC660K-GL AT manual V1.4 7.5 (AT+QBAND); QCFG "band" is a BG9x/EC2x command
    s = open_sim("sim://quectel-bc660k-gl?reg_delay=0")
    assert not s.command('AT+QCFG="band"').ok
    assert not s.command("AT+QBAND=2,8").ok            # count does not match the list
    assert not s.command("AT+QBAND=1,71").ok           # B71 is not a BC660K-GL band
    s.check("AT+QBAND=2,8,20")
    assert s.check("AT+QBAND?").lines == ["+QBAND: 8,20"]
    s.check("AT+QBAND=0")
    assert s.check("AT+QBAND?").lines[0].startswith("+QBAND: 1,2,3,4,5,8,")
