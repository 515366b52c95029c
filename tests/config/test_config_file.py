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
