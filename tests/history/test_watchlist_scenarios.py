"""The Watch List audit against the scenario table in ``watchlist_scenarios.yaml``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tipwatch.evidence import Tier
from tipwatch.history import Placement, TierRecord, YearCoverage, watchlist_audit
from tipwatch.history.audit_results import AuditFinding, Strength

SCENARIOS = yaml.safe_load((Path(__file__).with_name("watchlist_scenarios.yaml")).read_text(encoding="utf-8"))


def _record(scenario: dict[str, Any]) -> TierRecord:
    placements = [
        Placement("Alpha", "ALP", int(year), Tier(str(tier)), "scenario")
        for year, tier in scenario["tiers"].items()
    ]
    placements += [Placement("Zulu", "ZUL", year, Tier.TIER_1, "scenario") for year in range(2001, 2026)]
    incomplete = set(scenario.get("incomplete", []))
    coverage = tuple(YearCoverage(y, "no" if y in incomplete else "yes", None, "") for y in range(2001, 2026))
    return TierRecord(tuple(placements), coverage)


def _row(finding: AuditFinding) -> list[Any]:
    row: list[Any] = [finding.code, list(finding.years), finding.law_version, str(finding.strength)]
    if not finding.certain:
        row.append(list(finding.readings))
    if finding.strength is Strength.UNCERTAIN:
        row.append(list(finding.unknown_years))
    return row


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario(scenario: dict[str, Any]) -> None:
    merits = {"ALP": frozenset(scenario.get("merits", []))}
    report = watchlist_audit(_record(scenario), merits=merits)
    findings = [_row(f) for f in report.findings if f.iso3 == "ALP"]
    assert findings == scenario["findings"]
    runs = [r for r in report.runs if r.iso3 == "ALP"]
    last = runs[-1]
    if "waiver_years" in scenario:
        assert list(last.waiver_years) == scenario["waiver_years"]
    if "automatic_downgrade_year" in scenario:
        assert last.automatic_downgrade_year == scenario["automatic_downgrade_year"]
    if "outcome" in scenario:
        assert last.outcome == scenario["outcome"]
