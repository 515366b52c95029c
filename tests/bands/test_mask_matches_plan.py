"""`atctl bands mask` prints exactly the band commands `atctl plan` sends (issue #14).

Before, two builders disagreed: `bands mask` for SARA-R410M-02B printed the +UBANDMASK lines and
the reboot without the radio-off `plan` sends first, and for SARA-U201 a bare +UBANDSEL that `plan`
wraps in AT+CFUN=4 ... AT+CFUN=1. Both now come from the dialect's one band planner. `plan` runs
against the simulated module (`sim://<id>`, factory settings: every band enabled), as a user would.
"""

from __future__ import annotations

import pytest

from atctl.profiles import all_profiles

# settings other than the bands: their steps are not part of a band change
NOT_BANDS = {"rat", "mno_profile", "psm", "edrx", "apn", "radio"}


def _band_part(steps: list[dict]) -> list[str]:
    """The band writes of a plan with the radio-off / reboot steps around them."""
    if not any(step["setting"] == "bands" for step in steps):
        return []
    return [step["command"] for step in steps if step["setting"] not in NOT_BANDS]


@pytest.mark.parametrize("countries", [["DE"], ["US"], ["JP", "NL"]], ids=lambda c: "+".join(c))
@pytest.mark.parametrize("module", sorted(all_profiles()))
def test_bands_mask_prints_the_band_commands_plan_sends(cli_json, tmp_path, module, countries):
    profile = all_profiles()[module]
    config = tmp_path / "device.yaml"
    config.write_text(f"countries: [{', '.join(countries)}]\nrat: [{', '.join(profile.rats)}]\nbands: auto\n")
    code, planned = cli_json("plan", "--port", f"sim://{module}", str(config))
    assert code == 0, planned
    args = [arg for country in countries for arg in ("--country", country)]
    code, mask = cli_json("bands", "mask", "--module", module, *args)
    assert code == 0, mask
    if mask["commands"] and not _band_part(planned["steps"]):
        # every band of the module is needed: the factory state already has them, the mask restores them
        assert any("every band" in note for note in mask["notes"]), mask
        return
    assert mask["commands"] == _band_part(planned["steps"])
    if not mask["commands"]:  # nothing to send (11 of the 96 cases): both must say why, not stay silent
        assert any("uses a band" in note for note in mask["notes"]), mask
        assert any("uses a band" in w for w in planned["warnings"]), planned


def test_the_ublox_reboot_is_the_dialects(cli_json):
    # the issue's own examples, command for command
    code, doc = cli_json("bands", "mask", "--module", "ublox-sara-r410m-02b", "--country", "DE", "--rat", "lte-m")
    assert code == 0 and doc["commands"] == ["AT+CFUN=0", "AT+UBANDMASK=0,524288", "AT+CFUN=15"]
    code, doc = cli_json("bands", "mask", "--module", "ublox-sara-u201", "--country", "DE")
    assert code == 0 and doc["commands"] == ["AT+CFUN=4", "AT+UBANDSEL=900", "AT+CFUN=1"]
    code, doc = cli_json("bands", "mask", "--module", "ublox-sara-r510s", "--country", "DE", "--rat", "lte-m")
    assert code == 0 and doc["commands"][-1] == "AT+CFUN=16"


def test_human_output_says_why_the_radio_goes_off(cli):
    code, out, _ = cli("bands", "mask", "--module", "ublox-sara-u201", "--country", "DE")
    assert code == 0 and "AT+CFUN=4: radio off" in out and "AT+CFUN=1: radio back on" in out
    assert "no umts band is planned" in " ".join(out.split())  # +UBANDSEL couples RATs: umts follows 900 MHz
