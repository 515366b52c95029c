"""docs/DATA_FACTS.md (every curated fact and disagreement, with counts) is generated from the overlay
and the shipped data by scripts/data_report.py: it must be current, and it must list them all."""

from __future__ import annotations

from pathlib import Path

from band_atlas_script import script_module

ROOT = Path(__file__).resolve().parents[2]


def _report():
    return script_module("data_report")


def test_the_generated_file_is_current():
    report = _report()
    assert report.main(["--check"]) == 0, "run python scripts/data_report.py"


def test_every_curated_fact_and_disagreement_has_a_row():
    report = _report()
    text = report.build()
    curated = report._importer().load_curated(ROOT / "scripts" / "band_atlas_overlay")
    facts_section, rest = text.split("## Networks trading under a new name")
    names, disagreements = rest.split("## Disagreements")
    assert facts_section.count("\n| ") - 1 == sum(len(r) for r in curated["facts"].values())
    assert names.count("\n| ") - 1 == len(curated["names"])
    says = [i for rats in curated["corroborate"].values() for items in rats.values() for i in items
            if not i.get("agrees", True)]
    assert disagreements.count("\n| ") - 1 == len(says)


def test_the_counts_tell_second_sources_that_confirm_the_status_from_those_that_do_not():
    """A `verifies: false` second source (a relay, a country-wide statement, a 2018 launch story) adds a
    publisher but does not confirm today's status: the report gives both counts, the firm one smaller."""
    import re

    text = _report().build()
    two = int(re.search(r"; (\d+) with two independent sources", text).group(1))
    firm = int(re.search(r"Of these, (\d+) have two publishers that each confirm the current status", text).group(1))
    assert 0 < firm < two
