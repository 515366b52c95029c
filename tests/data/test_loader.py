"""atctl.data API: load_countries, get_country, lookup_plmn, plmn_name, dataset_info."""

from __future__ import annotations

import pytest

from atctl.bands.model import Country, Operator, RatFact, Source
from atctl.data import dataset_info, get_country, load_countries, lookup_plmn, plmn_name
from atctl.errors import InputError


def test_load_countries_builds_model_objects():
    countries = load_countries()
    assert load_countries() is countries  # cached
    de = countries["DE"]
    assert isinstance(de, Country) and de.name == "Germany"
    op = de.operators[0]
    assert isinstance(op, Operator) and all(isinstance(f, RatFact) for f in op.rats.values())
    assert all(isinstance(s, Source) for f in op.rats.values() for s in f.sources)


def test_get_country_case_and_name():
    assert get_country("de").code == "DE"
    assert get_country(" US ").name == "United States"
    assert get_country("Japan").code == "JP"


@pytest.mark.parametrize("bad,needle", [("XX", "no band data"), ("DEU", "not a country code"), ("", "not a country")])
def test_get_country_errors(bad, needle):
    with pytest.raises(InputError, match=needle) as exc:
        get_country(bad)
    assert exc.value.exit_code == 2 and exc.value.hint


@pytest.mark.parametrize("plmn,name,cc", [
    ("26201", "Deutsche Telekom", "DE"),   # +COPS: 0,2,"26201",7
    ("262-02", "Vodafone", "DE"),
    ("24701", "LMT", "LV"),                # +QNWINFO: "eMTC","24701","LTE BAND 20"
    ("310410", "AT&T", "US"),              # 6-digit PLMN
    ("44010", "NTT docomo", "JP"),
    (23415, "Vodafone", "GB"),
])
def test_lookup_plmn(plmn, name, cc):
    country, op = lookup_plmn(plmn)
    assert (country.code, op.name) == (cc, name)
    assert plmn_name(plmn) == name


def test_lookup_unknown_plmn():
    assert lookup_plmn("00101") is None  # 3GPP test network
    assert plmn_name("99999") is None


def test_dataset_info():
    info = dataset_info()
    assert info["licence"] == "CC BY 4.0"
    assert info["url"].startswith("https://github.com/365724-ctrl/band-atlas-data")
    assert info["as_of"] == "2026-10-02" and "Hyper Nexus" in info["attribution"]
