"""The modules added for issue #16 item 4: each one loads, identifies itself, and applies + verifies a small
config on the simulator with its family's dialect; `atctl modules` and `bands check` work for it.

Bands for the u-blox ones were read from the vendor data sheets (cited in each profile's `source`; TOBY-L2:
ModemManager's u-blox band table only, unverified); the
tests below pin the data-sheet facts that distinguish a variant from its sibling."""

import pytest

from atctl.profiles import load_profile, match_profile

# module id -> (RAT to configure, country, simulator network with that RAT on a band the module has)
NEW_MODULES = {
    "quectel-bg95-m2": ("lte-m", "DE", "de-telekom"),
    "quectel-bg95-m5": ("lte-m", "DE", "de-telekom"),
    "quectel-bg95-m6": ("nb-iot", "NL", "nl-kpn"),
    "quectel-bg770a-gl": ("lte-m", "DE", "de-telekom"),
    "quectel-eg21-g": ("lte", "DE", "de-telekom"),
    "quectel-ec25-e": ("lte", "DE", "de-telekom"),
    "quectel-ec25-eux": ("lte", "NL", "nl-kpn"),
    "quectel-ec25-af": ("lte", "US", "us-att"),
    "ublox-sara-r500s": ("lte-m", "DE", "de-telekom"),
    "ublox-sara-r510m8s": ("nb-iot", "NL", "nl-kpn"),
    "ublox-lara-r6001d": ("lte", "DE", "de-telekom"),
    "ublox-lara-r6401": ("lte", "US", "us-att"),
    "ublox-lara-r6401d": ("lte", "US", "us-att"),
    "ublox-lara-r6801": ("lte", "DE", "de-telekom"),
    "ublox-sara-r410m-52b": ("lte-m", "US", "us-att"),
    "ublox-sara-r410m-63b": ("lte-m", "JP", "jp-docomo"),
    "ublox-toby-l210": ("lte", "DE", "de-telekom"),
    "ublox-toby-l201": ("lte", "US", "us-att"),
    "ublox-sara-n211": ("nb-iot", "DE", "de-telekom"),
}


def ati_text(profile):
    ident = profile.identity
    return "\n".join(ident.ati or [ident.manufacturer, ident.model, f"Revision: {ident.revision}"])


@pytest.mark.parametrize("module_id", sorted(NEW_MODULES))
def test_new_profile_is_sourced_and_identifies_itself(module_id):
    profile = load_profile(module_id)
    assert profile.bands and set(profile.bands) <= set(profile.rats)
    for fact in profile.bands.values():
        assert fact.source and fact.as_of and (fact.verified or fact.note)  # unverified facts say what was read
    assert match_profile(ati_text(profile)).id == module_id


def test_catalog_has_at_least_30_modules(cli_json):
    code, doc = cli_json("modules")
    assert code == 0 and len(doc["modules"]) >= 30
    assert set(NEW_MODULES) <= {m["id"] for m in doc["modules"]}


@pytest.mark.parametrize("module_id,rat,band,present", [
    # LARA-R6 data sheet UBX-21004391 R10 Table 2: R6401 is North America only, R6801 has no TDD and no B12/B13
    ("ublox-lara-r6401", "lte", 71, True), ("ublox-lara-r6401", "lte", 1, False),
    ("ublox-lara-r6801", "lte", 7, True), ("ublox-lara-r6801", "lte", 41, False),
    ("ublox-lara-r6801", "lte", 13, False), ("ublox-lara-r6801", "umts", 1, True),
    # SARA-R4 data sheet UBX-16024152 R31 Table 2 footnotes 4/6 and section 8.3
    ("ublox-sara-r410m-52b", "lte-m", 13, True), ("ublox-sara-r410m-52b", "lte-m", 20, False),
    ("ublox-sara-r410m-63b", "lte-m", 19, True), ("ublox-sara-r410m-63b", "lte-m", 2, False),
    # SARA-R5 data sheet UBX-19016638 R16 Table 2: 01B versions have 66/71/85 on both RATs
    ("ublox-sara-r510m8s", "nb-iot", 71, True), ("ublox-sara-r500s", "lte-m", 85, True),
])
def test_data_sheet_facts(module_id, rat, band, present):
    assert (band in load_profile(module_id).bands_for(rat)) is present


def test_modules_without_a_rat_do_not_list_it():
    assert "gsm" not in load_profile("ublox-lara-r6401").rats            # no 3G/2G fallback (Table 2)
    assert "nb-iot" not in load_profile("ublox-sara-r410m-52b").rats     # footnote 10: no NB1 on 52B
    assert "gsm" not in load_profile("quectel-ec25-af").rats


@pytest.mark.parametrize("module_id", sorted(NEW_MODULES))
def test_new_module_applies_and_verifies_on_the_simulator(cli_json, applies_and_verifies, module_id):
    rat, country, network = NEW_MODULES[module_id]
    assert applies_and_verifies(module_id, rat, country, network)["changed"] is True
    code, shown = cli_json("modules", module_id)
    assert code == 0 and shown["module"]["bands"][rat]["source"]
    code, checked = cli_json("bands", "check", "--module", module_id, "--country", country, "--rat", rat)
    assert code in (0, 1) and checked["module"] == module_id
    verdict = checked["countries"][0]["rats"][rat]["verdict"]
    assert verdict in ("full", "partial"), checked


@pytest.mark.parametrize("module_id", sorted(NEW_MODULES))
def test_simulated_module_is_identified_without_module_option(cli_json, module_id):
    # the EC25 variants all answer EC25 to AT+CGMM: they are told apart by the ATI revision line
    code, doc = cli_json("info", "--port", f"sim://{module_id}")
    assert code == 0 and doc["profile"] == module_id
