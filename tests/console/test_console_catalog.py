"""Tab completion data comes from the module's dialect and profile, through the codecs."""

from __future__ import annotations

from atctl.bands.masks import decode_qcfg_band
from atctl.cli.console import _choices
from atctl.console import catalog
from atctl.profiles import load_profile
from atctl.timers.psm import decode_t3324, decode_t3412_ext


def test_vendor_commands_only_for_their_dialect():
    assert 'AT+QCFG="band"' in catalog.commands("quectel-lpwa")
    assert "AT+UBANDMASK=" not in catalog.commands("quectel-lpwa")
    assert "AT+UBANDMASK=" in catalog.commands("ublox-r5")
    assert "AT+CEREG?" in catalog.commands(None)


def test_qcfg_band_parameter_is_every_band_of_the_module():
    profile = load_profile("quectel-bg95-m3")
    value, _ = catalog.parameters("AT+QCFG=", profile)[0]
    masks = value.split(",")[1:4]
    assert decode_qcfg_band(masks)["lte_m"] == profile.bands_for("lte-m")


def test_psm_parameters_are_valid_bit_strings():
    for value, meta in catalog.parameters("AT+CPSMS=", None)[1:]:
        tau, active = [part.strip('"') for part in value.split(",")[3:5]]
        assert decode_t3412_ext(tau).seconds and decode_t3324(active).seconds is not None, meta


def test_choices_complete_commands_parameters_and_helpers():
    profile = load_profile("quectel-bg95-m3")
    commands = catalog.commands(profile.dialect)
    assert ("AT+CEDRXS=", "request eDRX") in _choices("at+cedr", commands, profile)
    assert ('AT+CEDRXS=2,4,"0101"', "lte-m eDRX 81.92s, with URCs") in _choices('AT+CEDRXS=2,4', commands, profile)
    assert [c for c, _ in _choices(":ps", commands, profile)] == [":psm"]
    assert (":edrx nb-iot ", "radio technology") in _choices(":edrx n", commands, profile)
    assert ":bands DE NL" in [c for c, _ in _choices(":bands DE N", commands, profile)]
