"""27.007 <stat> 6/7 ("registered for SMS only") and 9/10 ("CSFB not preferred") are registrations,
home or roaming: ModemManager counts them so too (REG_STATE_IS_REGISTERED in
src/mm-iface-modem-3gpp.c lists HOME, ROAMING, HOME_SMS_ONLY, ROAMING_SMS_ONLY,
HOME_CSFB_NOT_PREFERRED, ROAMING_CSFB_NOT_PREFERRED). Before, the codec counted them registered
while status, verify, diagnose and the observation store did not."""

from __future__ import annotations

import pytest

from atctl.bands import observed
from atctl.codecs.dispatch import parse_line
from atctl.config.desired import Desired
from atctl.config.model import DeviceConfig
from atctl.config.verify import verify_state
from atctl.diagnose.from_log import diagnose_log
from atctl.dialects.settings import Settings
from atctl.logs import read_log
from atctl.network_values import NetworkState, RegistrationStatus

HOME_LIKE = (1, 6, 9)
ROAMING_LIKE = (5, 7, 10)


@pytest.mark.parametrize("stat", HOME_LIKE + ROAMING_LIKE)
def test_every_registered_stat_is_registered_in_the_codec_and_the_state(stat):
    assert parse_line(f"+CREG: 0,{stat}").model.registered
    assert RegistrationStatus(stat=stat).registered


@pytest.mark.parametrize("stat", (0, 2, 3, 4, 8, 11))
def test_the_others_are_not(stat):
    assert not RegistrationStatus(stat=stat).registered


def _state(stat: int) -> NetworkState:
    text = {6: "home-sms-only", 7: "roaming-sms-only", 9: "home-csfb-not-preferred",
            10: "roaming-csfb-not-preferred", 1: "home", 5: "roaming"}[stat]
    return NetworkState(registration=RegistrationStatus(stat=stat, stat_text=text, via="CREG"), rat="lte-m")


@pytest.mark.parametrize("stat,allowed,ok", [(6, ["home"], True), (9, ["home"], True), (7, ["home"], False),
                                             (10, ["roaming"], True), (7, ["home", "roaming"], True)])
def test_verify_compares_home_and_roaming_not_the_stat_text(stat, allowed, ok):
    config = DeviceConfig(countries=["DE"], rat=["lte-m"], expect={"registration": allowed})
    check = next(c for c in verify_state(config, Desired(settings=Settings()), _state(stat)) if c.name == "registered")
    assert check.ok is ok, check.reason
    if not ok:
        assert "roaming" in check.reason and "not registered" not in check.reason


@pytest.mark.parametrize("stat", ROAMING_LIKE)
def test_diagnose_sees_roaming_in_every_roaming_stat(stat):
    report, _ = diagnose_log(read_log(["AT+CREG?", f"+CREG: 0,{stat}", "OK"]), "t.log")
    assert "roaming" in {f["code"] for f in report["findings"]}


def test_an_sms_only_registration_is_recorded_as_a_sighting():
    doc = {"registration": {"stat": 6}, "operator": {"mcc_mnc": "26201"}, "rat": "lte-m", "band": 20}
    assert observed.sighting_of(doc) == ("26201", "lte-m", 20)


@pytest.mark.parametrize("stat", HOME_LIKE + ROAMING_LIKE)
def test_the_log_timeline_says_registered_for_every_registered_stat(stat):
    from atctl.logs.describe import describe

    assert "registered" in describe(parse_line(f"+CREG: 0,{stat}").to_dict()).replace("not registered", "")


def test_status_colours_an_sms_only_registration_as_home(cli, monkeypatch):
    # the table's registration cell: green for home (1, 6, 9), yellow for roaming, red otherwise
    from rich.console import Console

    from atctl.cli import status as status_cli

    import json

    code, out, _ = cli("status", "--port", "sim://quectel-bg95-m3?reg_delay=0", "--json")
    doc = json.loads(out)
    doc["registration"].update(stat=6, stat_text="home-sms-only")  # a status the simulator never gives
    console = Console(record=True, force_terminal=True, color_system="truecolor", width=120)
    monkeypatch.setattr("atctl.cli._common.console", lambda *a, **k: console)
    status_cli._render(doc)
    assert "\x1b[32mhome-sms-only" in console.export_text(styles=True)
