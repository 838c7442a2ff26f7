"""Rubric scenarios (``rubric.yaml``): what counts as effort under the default rubric, each case naming its
subsection and act, run under the law version in force for each report year; and what-if never proposes a
route that rests on absence or on a single case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tipwatch.assess import assess, what_if
from tipwatch.assess.policy import DEFAULT_POLICY
from tipwatch.evidence import Evidence
from tipwatch.law import law_for_report_year

HERE = Path(__file__).parent
CASES: list[dict[str, Any]] = yaml.safe_load((HERE / "rubric.yaml").read_text(encoding="utf-8"))["cases"]
RUNS = [
    pytest.param(case, year, id=f"{case['subsection']} {case['name']} [{year}]")
    for case in CASES
    for year in case["years"]
]


def _evidence(case: dict[str, Any], year: int) -> Evidence:
    return Evidence.model_validate({"jurisdiction": "Scenario", "report_year": year, **case["evidence"]})


@pytest.mark.parametrize(("case", "year"), RUNS)
def test_rubric_scenario(case: dict[str, Any], year: int) -> None:
    assert case["subsection"].startswith("22 U.S.C. 71") and "Pub. L." in case["act"]
    result = assess(_evidence(case, year))
    assert result.law_version == law_for_report_year(year).id
    expect = case["expect"]
    if "tier" in expect:
        assert str(result.tier) == str(expect["tier"]), [s.result for s in result.trace]
    if "making_significant_efforts" in expect:
        assert result.making_significant_efforts is expect["making_significant_efforts"]
    for code, status in (expect.get("findings") or {}).items():
        finding = result.finding(code)
        if finding is None:  # the criterion is not graded under this law version
            assert code in {"appreciable-progress", "official-complicity"} and year < 2004
            continue
        assert str(finding.status) == status, finding.reason


def test_the_old_rubric_keeps_its_meaning() -> None:
    """rubric-2024 is not silently changed: it still scores the absence of allegations as met."""
    case = next(c for c in CASES if c["subsection"] == "22 U.S.C. 7106(b)(7)")
    old = DEFAULT_POLICY.with_name("rubric-2024.yaml")
    result = assess(_evidence(case, 2023), policy=old)
    assert result.policy_version == "rubric-2024@1"
    assert str(result.finding("official-complicity").status) == "met"  # type: ignore[union-attr]
    assert assess(_evidence(case, 2023)).policy_version == "rubric-2026@1"


@pytest.mark.parametrize("year", [2012, 2023])
def test_what_if_proposes_no_route_resting_on_absence_or_a_single_case(year: int) -> None:
    options = what_if(Evidence.model_validate({"jurisdiction": "Empty", "report_year": year}))
    assert str(options.tier) == "3" and options.up
    for option in options.up:
        codes = {change.code for change in option.changes}
        assert "no-complicity-unaddressed" not in codes, codes
        assert len(option.changes) >= 2, codes
        # the route holds up without its most hopeful part: dropping any change loses the upgrade
        changed = Evidence.model_validate(
            {"jurisdiction": "Empty", "report_year": year}
            | _apply({}, [(c.path, c.value) for c in option.changes])
        )
        assert assess(changed).tier == option.tier


def _apply(data: dict[str, Any], changes: list[tuple[str, Any]]) -> dict[str, Any]:
    for path, value in changes:
        *parents, last = path.split(".")
        node = data
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return data
