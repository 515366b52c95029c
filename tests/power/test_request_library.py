"""atctl.power.request: what `atctl power estimate` computes, callable without the CLI (#14)."""

from __future__ import annotations

import pytest

from atctl.errors import InputError
from atctl.power.request import compare_cases, estimate_from_params, merge_params, parse_case


def test_command_line_groups_replace_the_configs_whole_group():
    base = {"module": "quectel-bg95-m3", "tau": "24h", "active": "30s", "every": "1h", "signal": "poor",
            "battery-mah": 3000, "battery-v": 3.6}
    merged = merge_params(base, {"per-day": 4, "tx-dbm": 10.0, "battery": "2xAA", "tau": None})
    assert "every" not in merged and merged["per-day"] == 4
    assert "signal" not in merged and merged["tx-dbm"] == 10.0
    assert "battery-mah" not in merged and "battery-v" not in merged and merged["battery"] == "2xAA"
    assert merged["tau"] == "24h"   # None on the command line keeps the config's value
    off = merge_params(base, {}, no_psm=True)
    assert off["psm"] == "off" and "tau" not in off and "active" not in off
    with pytest.raises(InputError, match="--no-psm"):
        merge_params(base, {"tau": "2h"}, no_psm=True)


def test_estimate_and_compare_from_parameters():
    params = {"module": "quectel-bg95-m3", "rat": "lte-m", "tau": "24h", "active": "30s", "uplink": "200B",
              "every": "1h"}
    one = estimate_from_params(params)
    assert one.scenario.rat == "lte-m" and one.battery_life_days > 0
    # an hourly uplink resets the TAU timer: only a TAU shorter than the uplink interval costs more
    results = compare_cases(params, [parse_case("name=asked,tau=24h"), parse_case("name=granted,tau=30m")])
    assert [name for name, _ in results] == ["asked", "granted"]
    assert results[0][1].average_current_ua < results[1][1].average_current_ua   # each case's own TAU is used
    with pytest.raises(InputError, match="two or more"):
        compare_cases(params, [parse_case("tau=1h")])
    with pytest.raises(InputError, match="known key"):
        parse_case("colour=blue")


def test_an_active_time_not_shorter_than_tau_is_named_as_such():
    # before: "this traffic keeps the module connected 26.4 h a day", with no traffic given at all
    with pytest.raises(InputError, match="not shorter than the periodic TAU"):
        estimate_from_params({"module": "quectel-bg95-m3", "tau": "10s", "active": "30s"})
