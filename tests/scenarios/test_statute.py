"""Table-driven statute scenarios (``statute.yaml``): every rule in every law version, each case naming
its subsection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tipwatch.assess import assess
from tipwatch.evidence import Evidence
from tipwatch.law import law_version

HERE = Path(__file__).parent
PROFILES: dict[str, Any] = yaml.safe_load((HERE / "profiles.yaml").read_text())
CASES: list[dict[str, Any]] = yaml.safe_load((HERE / "statute.yaml").read_text())["cases"]


def _merge(base: Any, changes: Any) -> Any:
    if isinstance(base, dict) and isinstance(changes, dict):
        merged = dict(base)
        for key, value in changes.items():
            merged[key] = _merge(base.get(key), value)
        return merged
    return changes


def _evidence(case: dict[str, Any], year: int) -> Evidence:
    data = _merge(PROFILES[case["profile"]] or {}, case.get("evidence") or {})
    prior = case.get("prior") or {}
    placements = [
        {"report_year": (year + int(key)) if int(key) < 0 else int(key), "tier": str(tier)}
        for key, tier in prior.items()
    ]
    return Evidence.model_validate(
        {"jurisdiction": "Scenario", "report_year": year, "prior_placements": placements, **data}
    )


RUNS = [
    pytest.param(case, version, year, id=f"{case['subsection']} {case['name']} [{version} {year}]")
    for case in CASES
    for version, year in case["runs"]
]


@pytest.mark.parametrize(("case", "version", "year"), RUNS)
def test_scenario(case: dict[str, Any], version: str, year: int) -> None:
    law = law_version(version)
    assert law.governs(year), f"{version} does not govern {year}: fix the table"
    result = assess(_evidence(case, year), law_version=version)
    expect = case["expect"]
    assert str(result.tier) == str(expect["tier"]), [s.result for s in result.trace]
    for key in ("fully_meets_minimum_standards", "making_significant_efforts"):
        if key in expect:
            assert getattr(result, key) is expect[key]
    for code, status in (expect.get("findings") or {}).items():
        finding = result.finding(code)
        assert finding is not None, f"no finding {code}; have {[f.code for f in result.findings]}"
        assert str(finding.status) == status, finding.reason
    assert case["subsection"].startswith("22 U.S.C. 71")


def test_every_law_version_is_exercised() -> None:
    from tipwatch.law import load_law_versions

    used = {version for case in CASES for version, _ in case["runs"]}
    assert used == {v.id for v in load_law_versions()}


def test_every_statutory_rule_has_a_case() -> None:
    subsections = {case["subsection"].split("22 U.S.C. ")[1] for case in CASES}
    for rule in [
        "7107(b)(1)(A)",
        "7107(b)(1)(B)",
        "7107(b)(1)(C)",
        "7107(b)(2)(A)(iii)(I)",
        "7107(b)(2)(A)(iii)(II)",
        "7107(b)(2)(A)(iii)(III)",
        "7107(b)(2)(D)(i)",
        "7107(b)(2)(D)(ii)",
        "7107(b)(2)(F)",
        "7107(b)(3)(B)",
        "7106(a)(1)",
        "7106(a)(2)",
        "7106(a)(3)",
        "7106(b)(1)",
        "7106(b)(2)",
        "7106(b)(7)",
    ]:
        assert rule in subsections, rule
