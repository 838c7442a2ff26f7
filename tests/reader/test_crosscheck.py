"""Cross-checks against a tier record given as a plain mapping (the core takes any lookup)."""

from __future__ import annotations

from tipwatch.problems import Severity
from tipwatch.reader import read_narrative
from tipwatch.reader.crosscheck import cross_check, lookup_from_mapping

TEXT = (
    "MACAU: Tier 2 Watch List\n\nThe Government of Macau does not fully meet the minimum standards for the "
    "elimination of trafficking but is making significant efforts to do so. Therefore Macau remained on Tier 2 "
    "Watch List for the third consecutive year."
)


def test_consistent_record_gives_no_warnings() -> None:
    record = lookup_from_mapping({("Macau", 2021): "2WL", ("Macau", 2020): "2WL", ("Macau", 2019): "2WL"})
    assert cross_check(read_narrative(TEXT, year=2021), record) == []


def test_each_contradiction_is_a_warning_naming_both_sources() -> None:
    record = lookup_from_mapping({("Macau", 2021): "2WL", ("Macau", 2020): "2", ("Macau", 2019): "2WL"})
    narrative = read_narrative(TEXT, file="macau.txt", year=2021)
    problems = cross_check(narrative, record, record_name="tip_tiers.csv")
    assert [p.code for p in problems] == ["movement-mismatch", "streak-mismatch"]
    assert all(p.severity is Severity.WARNING for p in problems)
    movement = problems[0]
    assert "macau.txt" in movement.message and "tip_tiers.csv" in movement.message
    assert "Tier 2 in 2020" in movement.message and "(downgraded)" in movement.message
    assert movement.location.span is not None
    start, end = movement.location.span
    assert narrative.text[start:end] == narrative.facts["movement"].span.text
    assert "Tier 2 in 2020" in problems[1].message


def test_tier_mismatch() -> None:
    record = lookup_from_mapping({("Macau", 2021): "3"})
    problem, streak = cross_check(read_narrative(TEXT, year=2021), record)
    assert (problem.code, streak.code) == ("tier-mismatch", "streak-mismatch")
    assert "Tier 3" in problem.message and "Tier 2 Watch List" in problem.message


def test_unknown_years_are_not_contradictions() -> None:
    assert cross_check(read_narrative(TEXT, year=2021), lookup_from_mapping({})) == []
