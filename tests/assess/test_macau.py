"""The Macau worked examples reproduce the tier record's placements for 2019-2024 from the evidence and
the rules, each with findings that cite evidence."""

from __future__ import annotations

import re

import pytest

from tipwatch.assess import Status, assess
from tipwatch.assess.examples import EXAMPLES_DIR, example_path
from tipwatch.evidence import Tier, load_evidence

# Copied from shared data/tiers/tip_tiers.csv (rows Macau 2019-2024).
TIER_RECORD = {2019: "2", 2020: "2WL", 2021: "2WL", 2022: "3", 2023: "3", 2024: "3"}


@pytest.mark.parametrize("year", sorted(TIER_RECORD))
def test_placement_matches_the_tier_record(year: int) -> None:
    evidence = load_evidence(example_path(f"macau-{year}"))
    result = assess(evidence)
    assert result.tier == Tier(TIER_RECORD[year])
    assert result.findings and all(
        f.rule and f.subsection.startswith("22 U.S.C. 71") for f in result.findings
    )
    cited = [f for f in result.findings if f.evidence]
    assert cited, "no finding cites evidence"
    assert all(c.sources for f in cited for c in f.evidence if not c.path.startswith("previous_period"))


@pytest.mark.parametrize("year", sorted(TIER_RECORD))
def test_placement_matches_the_bundled_tier_record(year: int) -> None:
    from tipwatch.history import load_bundled_record

    record = load_bundled_record()
    expected = record.placement("Macau", year)
    assert expected == Tier(TIER_RECORD[year])
    assert assess(load_evidence(example_path(f"macau-{year}"))).tier == expected


@pytest.mark.parametrize("year", sorted(TIER_RECORD))
def test_prior_placements_come_from_the_tier_record(year: int) -> None:
    from tipwatch.history import load_bundled_record

    record = load_bundled_record()
    evidence = load_evidence(example_path(f"macau-{year}"))
    assert evidence.prior_placements
    for placement in evidence.prior_placements:
        assert record.placement("Macau", placement.report_year) == placement.tier


def test_2019_upgrade_rests_on_increasing_efforts() -> None:
    result = assess(load_evidence(example_path("macau-2019")))
    assert result.increasing_efforts is True
    assert result.making_significant_efforts and not result.fully_meets_minimum_standards
    assert result.movement == "upgraded"


def test_2022_is_the_automatic_downgrade_without_waiver() -> None:
    result = assess(load_evidence(example_path("macau-2022")))
    downgrade = result.finding("automatic-downgrade")
    assert downgrade is not None and downgrade.status is Status.APPLIED
    assert "2020, 2021" in downgrade.reason and "no waiver" in downgrade.reason
    assert downgrade.subsection == "22 U.S.C. 7107(b)(2)(D)(i)"


def test_2024_presumes_no_vigorous_enforcement_without_data() -> None:
    result = assess(load_evidence(example_path("macau-2024")))
    enforcement = result.finding("law-enforcement")
    assert enforcement is not None and enforcement.status is Status.NOT_MET
    assert "presumed" in enforcement.reason


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("year", sorted(TIER_RECORD))
def test_every_quote_is_in_the_narrative_it_names(year: int) -> None:
    path = example_path(f"macau-{year}")
    evidence = load_evidence(path)
    quotes = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("quote") and str(node.get("document", "")).startswith("narratives/"):
                quotes.append((node["document"], node["quote"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(evidence.model_dump(mode="json"))
    assert quotes
    for document, quote in quotes:
        text = (EXAMPLES_DIR / "macau" / document).read_text(encoding="utf-8")
        assert _normal(quote) in _normal(text), (document, quote)
