"""`atctl countries [CC] [--json]`."""

from __future__ import annotations


def test_list_json(cli_json):
    code, doc = cli_json("countries")
    assert code == 0
    assert len(doc["countries"]) >= 150
    de = next(c for c in doc["countries"] if c["country"] == "DE")
    assert de == {"country": "DE", "name": "Germany", "operators": 3}
    assert doc["dataset"]["licence"] == "CC BY 4.0"
    # The upstream commit the import came from, and its date (issue #16 item 1).
    assert doc["dataset"]["source"] == "https://github.com/365724-ctrl/band-atlas-data"
    assert len(doc["dataset"]["commit"]) == 40 and doc["dataset"]["date"] == "2026-10-02"


def test_country_json_contract(cli_json):
    code, doc = cli_json("countries", "de")
    assert code == 0
    (de,) = doc["countries"]
    assert de["country"] == "DE" and de["name"] == "Germany"
    op = de["operators"][0]
    assert op["name"] == "Deutsche Telekom" and op["mcc_mnc"] == ["26201"] and op["status"] == "live"
    lte = op["rats"]["lte"]
    assert {"bands", "verified", "derived", "source", "as_of", "status", "shutdown"} <= set(lte)
    assert 20 in lte["bands"] and all({"name", "url", "grade"} == set(s) for s in lte["source"])
    assert op["rats"]["umts"]["status"] == "shut-down" and op["rats"]["umts"]["shutdown"] == "2021-06-30"


def test_country_human(cli):
    code, out, err = cli("countries", "JP")
    assert code == 0 and err == ""
    assert "Japan (JP)" in out and "docomo" in out and "~ derived" in out
    assert "[none]" in out  # no GSM in Japan
    assert "Band Atlas" in out  # attribution line (may wrap)


def test_list_human(cli):
    code, out, _ = cli("countries")
    assert code == 0 and "Germany" in out and "countries" in out


def test_unknown_country_exit_2(cli):
    code, out, err = cli("countries", "XX")
    assert code == 2
    assert "no band data for country XX" in err and "atctl countries" in err


def test_unknown_country_json_error(cli_json):
    code, doc = cli_json("countries", "ZZZ")
    assert code == 2 and doc["error"]["exit_code"] == 2


def test_an_announced_date_that_has_passed_says_so(cli_json, cli, monkeypatch):
    # Kuwait 3G: CITRA's June 2025 deadline, no report that it happened (curated/mena-local-2g3g.yaml);
    # "ends 2025-06" read on 2026-12-01 looks like a date still ahead to a field tech
    code, doc = cli_json("countries", "KW")
    umts = {op["name"]: op["rats"]["umts"] for op in doc["countries"][0]["operators"]}["Zain Kuwait"]
    assert code == 0 and umts["status"] == "announced-shutdown" and umts["date_passed"] is True
    code, doc = cli_json("countries", "SZ")
    gsm = doc["countries"][0]["operators"][0]["rats"]["gsm"]
    assert gsm["shutdown"] == "2028-12" and gsm["date_passed"] is False
    monkeypatch.setenv("COLUMNS", "200")  # a cell folds at the terminal's width
    code, out, _ = cli("countries", "KW")
    assert code == 0 and "was to end 2025-06" in out and "ends 2025-06" not in out


def _renamed():
    from atctl.data import load_countries

    return next((c, op) for c in load_countries().values() for op in c.operators if op.name_change)


def test_a_renamed_network_shows_its_former_name_and_where_the_new_one_comes_from(cli_json, cli, monkeypatch):
    country, op = _renamed()   # the shipped data has renames (curated/operator-names.yaml)
    code, doc = cli_json("countries", country.code)
    assert code == 0
    entry = next(o for o in doc["countries"][0]["operators"] if o["name"] == op.name)
    change = entry["name_change"]
    assert change["from"] == op.name_change.former and change["as_of"] and isinstance(change["verified"], bool)
    assert change["source"] and all(s["name"] for s in change["source"])
    unchanged = {x.name for x in country.operators if x.name_change is None}
    assert all(o["name_change"] is None for o in doc["countries"][0]["operators"] if o["name"] in unchanged)
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = cli("countries", country.code)
    assert code == 0 and f"(formerly {op.name_change.former}" in out
