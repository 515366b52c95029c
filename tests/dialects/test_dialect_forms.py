"""Forms the dialect chooses and callers ask it for (issue #14): eDRX/PTW write form, band-mask
layout, reboot command, the vendor commands the console offers. No profile carries them."""

from __future__ import annotations

import pytest

from atctl.config.desired import desired_state
from atctl.config.model import DeviceConfig
from atctl.console import catalog
from atctl.dialects import get_dialect
from atctl.profiles import all_profiles, load_profile


@pytest.mark.parametrize("module,form,commands", [
    # Quectel BG95 AT manual AT+QPTWEDRXS: PTW before the cycle; SARA-R5 AT manual +CEDRXS 4th parameter;
    # SARA-R4 and EC2x: the 27.007 form, cycle only
    ("quectel-bg95-m3", "qptwedrxs", ['AT+QPTWEDRXS=2,4,"1011","0101"']),
    ("ublox-sara-r510s", "cedrxs4", ['AT+CEDRXS=2,4,"0101","1011"']),
    ("ublox-sara-r410m-02b", "none", ['AT+CEDRXS=2,4,"0101"']),
])
def test_edrx_form_follows_the_ptw_quirk(module, form, commands):
    dialect = get_dialect(load_profile(module))
    assert dialect.ptw_form == form and dialect.edrx_commands("lte-m", "0101", "1011") == commands


def test_plan_warns_when_the_module_cannot_set_the_ptw():
    profile = load_profile("ublox-sara-r410m-02b")
    config = DeviceConfig(countries=["DE"], rat=["lte-m"], edrx={"lte-m": {"cycle": 81.92, "ptw": 15.36}})
    desired = desired_state(config, profile, get_dialect(profile))
    assert any("ublox-sara-r410m-02b cannot set the paging time window" in w for w in desired.warnings)
    r5 = load_profile("ublox-sara-r510s")
    assert not any("paging time window" in w for w in desired_state(config, r5, get_dialect(r5)).warnings)


def test_band_layout_is_the_dialects():
    layouts = {p.dialect: get_dialect(p).band_layout for p in all_profiles().values()}
    assert layouts["quectel-lpwa"] == "lpwa" and layouts["quectel-lte"] == "lte"
    assert {d: v for d, v in layouts.items() if not d.startswith("quectel-l")} == \
        {d: None for d in layouts if not d.startswith("quectel-l")}


@pytest.mark.parametrize("module,reboot", [("ublox-sara-r410m-02b", "15"), ("ublox-sara-r510s", "16"),
                                           ("ublox-lara-r6401", "16")])
def test_console_offers_the_dialects_reboot(module, reboot):
    profile = load_profile(module)
    assert (reboot, "reboot") in catalog.parameters("AT+CFUN=", profile)
    assert f"AT+CFUN={reboot}" in catalog.commands(profile.dialect)
    assert get_dialect(profile).reboot_command == f"AT+CFUN={reboot}"


def test_quectel_offers_no_reboot_value():
    assert not any(meta == "reboot" for _, meta in catalog.parameters("AT+CFUN=", load_profile("quectel-bg95-m3")))
