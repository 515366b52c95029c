"""atctl.bands.report: the countries JSON documents, called as a library (not through the CLI)."""

from atctl.bands.observed import index_by_operator
from atctl.bands.report import countries_summary, country_json
from atctl.data import get_country, load_countries


def test_country_json_carries_every_fact_with_its_provenance():
    doc = country_json(get_country("DE"))
    assert doc["country"] == "DE" and doc["name"] == "Germany"
    telekom = next(op for op in doc["operators"] if op["mcc_mnc"] == ["26201"])
    assert list(telekom["rats"]) == [r for r in ("gsm", "umts", "lte", "lte-m", "nb-iot") if r in telekom["rats"]]
    lte = telekom["rats"]["lte"]
    assert set(lte) == {"bands", "status", "shutdown", "date_passed", "verified", "derived", "source", "as_of", "note"}
    assert "observed" not in lte  # no sightings given: no observed key
    assert telekom["rats"]["umts"]["status"] == "shut-down" and telekom["rats"]["umts"]["shutdown"] == "2021-06-30"


def test_country_json_puts_sightings_beside_the_shipped_bands():
    index = index_by_operator([{"mcc_mnc": "26201", "rat": "lte-m", "band": 8, "count": 2,
                                "first_seen": "2026-11-01", "last_seen": "2026-11-02"}])
    telekom = next(op for op in country_json(get_country("DE"), index)["operators"] if op["mcc_mnc"] == ["26201"])
    ltem = telekom["rats"]["lte-m"]
    assert ltem["observed"] == [{"band": 8, "count": 2, "first_seen": "2026-11-01", "last_seen": "2026-11-02"}]
    assert ltem["evidence"][8] == "observed"


def test_countries_summary():
    rows = countries_summary(load_countries().values())
    assert {"country": "DE", "name": "Germany", "operators": 3} in rows
