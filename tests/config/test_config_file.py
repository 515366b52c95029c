"""Config file validation: every example loads; errors name file, line and field."""

from pathlib import Path

import pytest

from atctl.config.loader import load_config
from atctl.errors import DataError, InputError

EXAMPLES = sorted(Path(__file__).parents[2].joinpath("examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_load(path):
    config = load_config(path)
    assert config.countries and config.rat


def write(tmp_path, text):
    path = tmp_path / "device.yaml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("text,line,needle", [
    ("countries: [DE]\nrat: [lte-m]\npsn: {tau: 1h, active: 10s}\n", 3, "did you mean psm"),
    ("countries: [DE]\nrat: [lte-m]\npsm: {tau: soon, active: 10s}\n", 3, "not a duration"),
    ("countries: [XX]\nrat: [lte-m]\n", 1, "unknown country code"),
    ("countries: [DE]\nrat: [lte-m, 5g]\n", 2, "rat"),
    ("countries: [DE]\nrat: [lte-m]\nedrx: {nb-iot: {cycle: 20.48s}}\n", 1, "not in rat"),
    ("countries: [DE]\nrat: [lte-m]\nexpect: {tolerance: 25%, registraton: [home]}\n", 3, "unknown field"),
    ("countries: [DE\n", 2, "not valid YAML"),
])
def test_errors_point_at_the_line(tmp_path, text, line, needle):
    path = write(tmp_path, text)
    with pytest.raises(DataError) as info:
        load_config(path)
    message = info.value.one_line()
    assert f"{path}:{line}:" in message and needle in message


def test_missing_file_is_input_error():
    with pytest.raises(InputError, match="does not exist"):
        load_config("/nonexistent/device.yaml")


def test_cli_reports_config_error_in_one_line(cli, tmp_path):
    path = write(tmp_path, "countries: [DE]\nrat: [lte-m]\nbands: {lte-m: [8, 20]}\npsm: {tau: 1h, activ: 10s}\n")
    code, out, err = cli("plan", str(path), "--port", "sim://quectel-bg95-m3")
    assert code == 2 and f"{path}:4:" in err and "psm.activ" in err and len(err.strip().splitlines()) == 1


BASE = "countries: [DE]\nrat: [lte-m, nb-iot]\n"


@pytest.mark.parametrize("extra,line,needle", [
    # numbers out of range: each names the accepted range
    ("expect: {tolerance: 200%}\n", 3, "give 0% to 100%"),
    ("expect: {tolerance: -500%}\n", 3, "-500% is out of range"),
    ("expect: {tolerance: 2}\n", 3, "200% is out of range"),
    ("expect: {tolerance: .nan}\n", 3, "not a finite number"),
    ("expect: {tolerance: lots}\n", 3, "not a number"),
    ("expect: {timeout: .inf}\n", 3, "not a finite duration"),
    ("expect: {timeout: 0.1s}\n", 3, "from 1 s to 1 d"),
    ("expect: {timeout: 30d}\n", 3, "from 1 s to 1 d"),
    ("psm: {tau: .inf, active: 10s}\n", 3, "psm.tau"),
    ("psm: {tau: 1h, active: .nan}\n", 3, "not a finite duration"),
    ("psm: {tau: 500d, active: 10s}\n", 3, "from 0 s to 413 d 8 h"),   # T3412 ext max 31 x 320 h (TS 24.008 10.5.7.4a)
    ("psm: {tau: 1h, active: 4h}\n", 3, "from 0 s to 3 h 6 min"),      # T3324 max 31 x 6 min (TS 24.008 10.5.7.3)
    ("edrx: {lte-m: {cycle: .inf}}\n", 3, "not a finite duration"),
    ("edrx: {lte-m: {cycle: 4h}}\n", 3, "from 0 s to 10485.76 s"),      # 10485.76 s (TS 24.008 10.5.5.32)
    ("edrx: {nb-iot: {cycle: 20.48s, ptw: 1h}}\n", 3, "edrx.nb-iot.ptw"),
    ("edrx: {lte-m: {cycle: 20.48s, ptw: 30s}}\n", 3, "lte-m ptw 30 s is above the lte-m maximum 20.48 s"),
    ("apn: {name: internet, cid: 0}\n", 3, "greater than or equal to 1"),
    ("apn: {name: internet, cid: 16}\n", 3, "less than or equal to 15"),
    ("mno_profile: -1\n", 3, "greater than or equal to 0"),
    ("bands: {lte-m: [20, -5]}\n", 3, "greater than or equal to 1"),
])
def test_nonsense_numbers_refused_with_the_range(tmp_path, extra, line, needle):
    path = write(tmp_path, BASE + extra)
    with pytest.raises(DataError) as info:
        load_config(path)
    message = info.value.one_line()
    assert f"{path}:{line}:" in message and needle in message, message


def test_in_range_values_still_load(tmp_path):
    config = load_config(write(tmp_path, BASE + "expect: {tolerance: 0%, timeout: 1d}\n"
                                               "psm: {tau: 413d 8h, active: 186min}\n"
                                               "edrx: {nb-iot: {cycle: 10485.76s, ptw: 40.96s}}\n"))
    assert config.expect.tolerance == 0 and config.expect.timeout == 86400
    assert config.psm.tau == 35712000 and config.edrx["nb-iot"].ptw == 40.96


def _alias_bomb(levels: int) -> str:
    """A "billion laughs" list: each level is nine aliases of the one before (9^(levels+1) items)."""
    items = ["&l0 [DE, DE, DE, DE, DE, DE, DE, DE, DE]"]
    items += [f"&l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return "rat: [lte-m]\ncountries: [" + ", ".join(items) + "]\n"


def test_alias_bomb_refused_with_line(tmp_path):
    # 9^6 = 531441 values; the security report's nine-level bomb took 47 s and 5 GB before this check
    path = write(tmp_path, _alias_bomb(5))
    with pytest.raises(DataError) as info:
        load_config(path)
    assert f"{path}:2:" in info.value.one_line() and "aliases expand to more than 100000" in info.value.one_line()


def test_modest_aliases_still_load(tmp_path):
    config = load_config(write(tmp_path, "rat: &r [lte-m]\ncountries: [DE]\nbands: {lte-m: &b [8, 20]}\n"))
    assert config.rat == ["lte-m"]


def test_file_above_one_mib_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text(BASE + "# " + "x" * (2 << 20) + "\n")
    with pytest.raises(DataError, match=r"larger than 1024 KiB"):
        load_config(path)


@pytest.mark.parametrize("raw,line", [(b"countries: [DE]\nrat: [lte-m]\napn: caf\xe9\n", 3), (b"\xff\xfe\x00c", 1)])
def test_non_utf8_file_is_a_data_error_with_line(tmp_path, raw, line):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(raw)
    with pytest.raises(DataError) as info:
        load_config(path)
    assert f"{path}:{line}:" in info.value.one_line() and "not UTF-8" in info.value.one_line()


@pytest.mark.parametrize("text", ["expect: {timeout: .inf}\n", "expect: {tolerance: 200%}\n",
                                  "psm: {tau: .nan, active: 10s}\n"])
def test_cli_refuses_nonsense_before_the_modem(cli, tmp_path, text):
    path = write(tmp_path, BASE + text)
    nvm = tmp_path / "nvm.json"
    code, out, err = cli("apply", str(path), "--port", f"sim://quectel-bg95-m3?nvm={nvm}")
    assert code == 2 and f"{path}:3:" in err and len(err.strip().splitlines()) == 1 and not nvm.exists()


@pytest.mark.parametrize("value", ["9" * 5000, "2001-02-30", "0x" + "f" * 5000 + "g"])
def test_unreadable_scalar_is_a_data_error_with_line(tmp_path, value):
    # a 5000-digit integer hit Python's int() digit limit and a bad date datetime(): both "internal error"
    path = write(tmp_path, BASE + f"mno_profile: {value}\n")
    with pytest.raises(DataError) as info:
        load_config(path)
    assert f"{path}:3:" in info.value.one_line()
