"""Country band data as the JSON documents `atctl countries` prints (DESIGN.md JSON contract).

Pure: takes the loaded Country models (atctl.data) and the user's sightings index
(atctl.bands.observed.index_by_operator) and returns plain dicts, so a library user gets the
same documents the CLI prints.
"""

from __future__ import annotations

from atctl.bands.observed import band_evidence, observed_for

RAT_ORDER = ("gsm", "umts", "lte", "lte-m", "nb-iot")


def sources_json(sources) -> list[dict]:
    """Where a fact comes from, as the JSON contract writes it: a list of {name, url, grade}."""
    return [{"name": s.name, "url": s.url, "grade": s.grade} for s in sources]


def fact_json(fact, data_checked: str = "") -> dict:
    """One operator's RAT fact with its provenance (source, as_of, verified, derived); `date_passed`:
    an announced end whose date had passed by the last check, with no report that it happened."""
    return {
        "bands": list(fact.bands),
        "status": fact.status,
        "shutdown": fact.shutdown,
        "date_passed": fact.date_passed(data_checked),
        "verified": fact.verified,
        "derived": fact.derived,
        "source": sources_json(fact.sources),
        "as_of": fact.as_of,
        "note": fact.note,
    }


def name_change_json(change) -> dict | None:
    """An operator's new name with its provenance; None when the dataset's name is the table's."""
    if change is None:
        return None
    return {"from": change.former, "since": change.since, "verified": change.verified,
            "source": sources_json(change.sources),
            "as_of": change.as_of, "note": change.note}


def _with_observed(entry: dict, fact, observed: list[dict]) -> dict:
    """A RAT entry with the user's own sightings beside the shipped bands (DESIGN.md `observed`)."""
    if not observed:
        return entry
    return {**entry, "observed": observed, "evidence": band_evidence(fact.bands, fact.derived, observed)}


def country_json(country, observed: dict | None = None, data_checked: str = "") -> dict:
    """One country, its operators and their bands per RAT; observed: index_by_operator() of the
    user's store (None: not shown); data_checked: the dataset's as-of date."""

    def seen(op, rat):
        return observed_for(observed, op.mcc_mnc, rat) if observed else []

    return {
        "country": country.code,
        "name": country.name,
        "notes": list(country.notes),
        "operators": [
            {
                "name": op.name,
                "mcc_mnc": list(op.mcc_mnc),
                "status": op.status,
                "name_change": name_change_json(op.name_change),
                "rats": {rat: _with_observed(fact_json(op.rats[rat], data_checked), op.rats[rat], seen(op, rat))
                         for rat in RAT_ORDER if rat in op.rats},
            }
            for op in country.operators
        ],
    }


def countries_summary(countries) -> list[dict]:
    """The `atctl countries` list: code, name and operator count per country."""
    return [{"country": c.code, "name": c.name, "operators": len(c.operators)} for c in countries]
