"""`atctl status` and the network-state reader against simulator scenarios."""

from atctl.at import open_session
from atctl.device.network import read_network_state
from atctl.network_values import PsmTimers
from atctl.profiles import load_profile


def _state(url, profile_id, before=()):
    with open_session(url, profile=load_profile(profile_id)) as session:
        for command in before:
            session.check(command)
        session.wait_urc("+CEREG: 1", 1.0)
        return read_network_state(session), session


def test_granted_psm_differs_from_requested():
    state, session = _state("sim://quectel-bg95-m3?network=psm-clamp&reg_delay=0.02", "quectel-bg95-m3",
                            ["AT+CEREG=2", 'AT+CPSMS=1,,,"00111000","00001111"'])
    assert state.registered and state.rat == "lte-m" and state.band in (8, 20)
    assert state.psm.requested == PsmTimers(mode=1, tau_s=86400, active_s=30)
    assert state.psm.granted.tau_s == 7200 and state.psm.granted.active_s == 10
    assert state.operator.country == "DE"


def test_reporting_settings_are_restored():
    with open_session("sim://quectel-bg95-m3?reg_delay=0", profile=load_profile("quectel-bg95-m3")) as session:
        session.check("AT+CEREG=1")
        session.check("AT+COPS=3,0")
        read_network_state(session)
        assert session.check("AT+CEREG?").lines[0].startswith("+CEREG: 1,")
        assert session.check("AT+COPS?").lines[0].startswith("+COPS: 0,0,")


def test_denied_shows_reject_cause():
    state, _ = _state("sim://quectel-bg95-m3?network=denied&reg_delay=0.02", "quectel-bg95-m3")
    assert state.registration.stat == 3 and state.registration.denied


def test_status_cli_json(cli_json):
    code, doc = cli_json("status", "--port", "sim://ublox-sara-r410m-02b?network=roaming&reg_delay=0")
    assert code == 0
    assert doc["module"] == "ublox-sara-r410m-02b"
    assert doc["operator"]["mcc_mnc"] == "22801" and doc["operator"]["country"] == "CH"
    for key in ("registration", "operator", "rat", "band", "signal", "psm", "edrx"):
        assert key in doc


def test_status_cli_human(cli):
    code, out, _ = cli("status", "--port", "sim://quectel-bg95-m3?reg_delay=0")
    assert code == 0 and "registration" in out and "PSM" in out


def test_nb_module_band_and_signal_from_qeng0():
    # BC660K-GL: no AT+QNWINFO; the band in use comes from AT+QENG=0 (profile quirk serving_cell_read: qeng0)
    state, _ = _state("sim://quectel-bc660k-gl?reg_delay=0.02", "quectel-bc660k-gl")
    assert state.registered and state.rat == "nb-iot"
    assert state.band == 8 and state.channel is not None
    assert state.signal.rsrp_dbm == -95
    assert not any("QNWINFO" in e for e in state.errors)


def test_stalled_format_change_reads_on_in_the_current_format():
    # AT+COPS=3,2 never answers but the module does: the operator is read as it is, not aborted
    url = "sim://ublox-sara-r510s?reg_delay=0&stall=AT%2BCOPS=3"
    with open_session(url, profile=load_profile("ublox-sara-r510s")) as session:
        session.timeouts["AT+COPS=3"] = 0.3
        session.wait_urc("+CEREG: 1", 1.0)
        state = read_network_state(session)
    assert state.registered and state.operator.name
    assert any("AT+COPS=3,2" in e for e in state.errors)


def test_module_short_option_works_wherever_module_is_detected(cli_json):
    # -m was accepted by bands/decode/sim but refused by status, console and monitor ("No such option: -m")
    code, doc = cli_json("status", "-m", "quectel-bg95-m3", "--port", "sim://quectel-bg95-m3")
    assert code == 0 and doc["module"] == "quectel-bg95-m3"
