"""The module catalog: every profile loads, is sourced, identifies its own module uniquely;
bad profiles fail with file:line."""

import pytest

from atctl.errors import DataError
from atctl.profiles import all_profiles, load_profile, match_profile
from atctl.profiles.loader import parse_profile_file

REQUIRED = {"quectel-bg95-m3", "quectel-bg95-m1", "quectel-bg96", "quectel-bg77", "quectel-bg600l-m3", "quectel-bc66",
            "quectel-bc660k-gl", "quectel-eg25-g", "quectel-eg91-ex", "quectel-ec21-e", "ublox-sara-r410m-02b",
            "ublox-sara-r412m", "ublox-sara-r422", "ublox-sara-r510s", "ublox-lara-r6001", "ublox-sara-u201"}


def test_catalog_has_the_required_modules():
    assert REQUIRED <= set(all_profiles())


@pytest.mark.parametrize("module_id", sorted(REQUIRED))
def test_profile_is_sourced_and_self_identifying(module_id):
    profile = load_profile(module_id)
    for rat, fact in profile.bands.items():
        assert fact.source and fact.as_of and isinstance(fact.verified, bool)
    assert match_profile(profile.identity.model).id == module_id
    for line in profile.identity.ati or []:
        assert match_profile(line) in (None, profile) or match_profile(line).id == module_id


def test_lte_m_and_nb_iot_lists_differ_where_the_datasheet_says_so():
    bg95 = load_profile("quectel-bg95-m3")
    assert 71 in bg95.bands_for("nb-iot") and 71 not in bg95.bands_for("lte-m")
    # SARA-R4 data sheet UBX-16024152 R31 Table 2, footnote 5: B25 is Cat M1 only on SARA-R410M-02B-01 and later.
    r410 = load_profile("ublox-sara-r410m-02b")
    assert 25 in r410.bands_for("lte-m") and 25 not in r410.bands_for("nb-iot")


def write(tmp_path, text, name="bad-module.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


GOOD = """id: bad-module
vendor: quectel
model: X
dialect: quectel-lpwa
identity: {manufacturer: Q, model: X, revision: '1', match: ['X']}
rats: [lte-m]
bands:
  lte-m: {bands: [8, 20], source: test, as_of: 2026-01-01, verified: false}
"""


@pytest.mark.parametrize("text,line,needle", [
    (GOOD.replace("[8, 20]", "[8, 200]"), 6, "not 3GPP band numbers"),
    (GOOD.replace("rats: [lte-m]", "rats: [lte-m, 5g]"), 6, "rats"),
    (GOOD.replace("vendor: quectel\n", ""), 1, "vendor"),
    (GOOD.replace("verified: false", "verified: maybe"), 8, "verified"),
    (GOOD.replace("rats: [lte-m]", "rats: [lte-m, gsm]") + "  gsm: {bands: [8], source: xyz, as_of: 2026-01-01, verified: false}\n", 6, "MHz"),
    ("id: [unclosed\n", 1, "not valid YAML"),
])
def test_bad_profile_reports_file_and_line(tmp_path, text, line, needle):
    path = write(tmp_path, text)
    with pytest.raises(DataError) as info:
        parse_profile_file(path)
    assert needle in info.value.one_line() and str(path) in info.value.one_line()


def test_user_profile_folder_overrides(tmp_path, monkeypatch):
    write(tmp_path, GOOD, "bad-module.yaml")
    assert "bad-module" in all_profiles(str(tmp_path))
    monkeypatch.setenv("ATCTL_PROFILES", str(tmp_path))
    assert load_profile("bad-module").model == "X"


def test_modules_cli(cli_json, cli):
    code, doc = cli_json("modules")
    assert code == 0 and len(doc["modules"]) >= 16
    code, doc = cli_json("modules", "quectel-bg96")
    assert code == 0 and doc["module"]["bands"]["lte-m"]["source"]
    code, out, _ = cli("modules", "ublox-sara-r410m-02b")
    assert code == 0 and "UBX-16024152" in out  # data sheet, not the AT manual's factory mask
    code, _, err = cli("modules", "quectel-bg97")
    assert code == 2 and "did you mean" in err


def test_no_profile_cites_the_projects_own_notes_as_a_source():
    """issue 13: a profile's sources and notes cite public documents or captures, never DOMAIN.md
    (which a user cannot open and which is not a capture)."""
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2] / "modem_profiles"
    offenders = [p.name for p in root.glob("*.yaml") if "DOMAIN.md" in p.read_text()]
    assert offenders == []


# ---- issue #14: quirks are a typed model ----------------------------------------------------------------

@pytest.mark.parametrize("text,line,needle", [
    (GOOD + "quirks:\n  act_emtc: 8\n  ptw_comand: qptwedrxs\n", 11, "unknown quirk 'ptw_comand'"),
    (GOOD + "quirks:\n  ptw_command: cedrxs5\n", 10, "ptw_command"),
    (GOOD + "quirks:\n  psm_requires_deregister: sometimes\n", 10, "psm_requires_deregister"),
    (GOOD + "quirks:\n  reboot_command: AT+CFUN=15\n", 10, "the dialect knows its reboot"),
    (GOOD.replace("rats:", "band_mask: qcfg-lpwa\nrats:"), 6, "the dialect chooses the band command"),
])
def test_bad_quirk_is_a_data_error_with_file_and_line(tmp_path, text, line, needle):
    path = write(tmp_path, text)
    with pytest.raises(DataError) as info:
        parse_profile_file(path)
    assert needle in info.value.one_line() and f"{path}:{line}:" in info.value.one_line()


def test_unknown_quirk_lists_the_known_ones(tmp_path):
    with pytest.raises(DataError) as info:
        parse_profile_file(write(tmp_path, GOOD + "quirks:\n  pin_blocks_psm: true\n"))
    assert "never used" in info.value.one_line()
    with pytest.raises(DataError) as info:
        parse_profile_file(write(tmp_path, GOOD + "quirks:\n  bootbanner: RDY\n"))
    assert "boot_banner" in info.value.one_line()


def test_quirks_are_typed_and_read_by_attribute():
    r410 = load_profile("ublox-sara-r410m-02b")
    assert r410.quirks.psm_requires_deregister is True and r410.quirks.ptw_command == "none"
    assert load_profile("quectel-bg95-m3").quirks.boot_banner == "RDY"
    assert r410.quirks.act_emtc == 7 and r410.quirks.signal_read is None
    assert not hasattr(r410.quirks, "get")   # no dict-style reads left: every reader uses attributes


def test_modules_json_shows_the_profiles_own_quirks(cli_json):
    code, doc = cli_json("modules", "ublox-sara-r510s")
    assert code == 0 and doc["module"]["quirks"] == {"act_emtc": 7, "ptw_command": "cedrxs4",
                                                     "psm_granted_read": "ucpsms", "unknown_command": "ERROR"}
    assert "band_mask" not in doc["module"]


def test_quectel_lte_and_lpwa_profiles_name_their_boot_banner():
    # apply waits for it after a reboot; before, EG25-G relied on a vendor == "quectel" default in apply
    for profile in all_profiles().values():
        if profile.dialect in ("quectel-lpwa", "quectel-lte"):
            assert profile.quirks.boot_banner == "RDY", profile.id
