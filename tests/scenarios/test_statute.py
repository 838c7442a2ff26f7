"""Table-driven statute scenarios (``statute.yaml``): every rule in every law version, each case naming
its subsection and the act that made it; refused report years; the readings of 7107(b)(2)(F)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError
from typer.testing import CliRunner

from tipwatch.assess import assess
from tipwatch.cli import app
from tipwatch.evidence import Evidence
from tipwatch.law import check_report_year, law_version, load_law_versions
from tipwatch.law.readings import LIMIT_AFTER_DOWNGRADE, read_rule
from tipwatch.problems import InputError

HERE = Path(__file__).parent
PROFILES: dict[str, Any] = yaml.safe_load((HERE / "profiles.yaml").read_text())
TABLE: dict[str, Any] = yaml.safe_load((HERE / "statute.yaml").read_text())
CASES: list[dict[str, Any]] = TABLE["cases"]
REFUSED: list[dict[str, Any]] = TABLE["refused"]


def _merge(base: Any, changes: Any) -> Any:
    if isinstance(base, dict) and isinstance(changes, dict):
        merged = dict(base)
        for key, value in changes.items():
            merged[key] = _merge(base.get(key), value)
        return merged
    return changes


def _placement(year: int, value: Any) -> dict[str, Any]:
    fields = value if isinstance(value, dict) else {"tier": value}
    return {"report_year": year, **fields, "tier": str(fields["tier"])}


def _evidence(case: dict[str, Any], year: int) -> Evidence:
    data = _merge(PROFILES[case["profile"]] or {}, case.get("evidence") or {})
    prior = case.get("prior") or {}
    placements = [
        _placement((year + int(key)) if int(key) < 0 else int(key), value) for key, value in prior.items()
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
    result = assess(_evidence(case, year), law_version=version, reading=case.get("reading"))
    expect = case["expect"]
    assert str(result.tier) == str(expect["tier"]), [s.result for s in result.trace]
    for key in ("fully_meets_minimum_standards", "making_significant_efforts"):
        if key in expect:
            assert getattr(result, key) is expect[key]
    if "movement" in expect:
        assert str(result.movement) == expect["movement"]
    if "criteria" in expect:
        graded = [f.rule for f in result.findings if f.rule.startswith("7106(b)")]
        assert graded == expect["criteria"]
    for code, status in (expect.get("findings") or {}).items():
        finding = result.finding(code)
        assert finding is not None, f"no finding {code}; have {[f.code for f in result.findings]}"
        assert str(finding.status) == status, finding.reason


def test_every_case_names_its_subsection_and_act() -> None:
    for case in [*CASES, *REFUSED]:
        assert case["subsection"].startswith("22 U.S.C. 71"), case["name"]
        assert case["act"].startswith("Pub. L. "), case["name"]


def test_every_law_version_is_exercised() -> None:
    used = {version for case in CASES for version, _ in case["runs"]}
    assert used == {v.id for v in load_law_versions()}


def test_every_reading_of_f_is_exercised() -> None:
    used = {case["reading"] for case in CASES if "reading" in case}
    assert used == {r.name for r in read_rule(LIMIT_AFTER_DOWNGRADE).readings}


def test_every_statutory_rule_has_a_case() -> None:
    subsections = {case["subsection"].split("22 U.S.C. ")[1] for case in CASES}
    for rule in [
        "7107(b)(1)(A)",
        "7107(b)(1)(B)",
        "7107(b)(1)(C)",
        "7107(b)(2)(A)",
        "7107(b)(2)(A)(ii)",
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


REFUSED_YEARS = [
    pytest.param(case, year, id=f"{case['name']} [{year}]") for case in REFUSED for year in case["years"]
]


@pytest.mark.parametrize(("case", "year"), REFUSED_YEARS)
def test_refused_report_year(case: dict[str, Any], year: int) -> None:
    today = date(2026, 12, 5)
    with pytest.raises(InputError) as info:
        check_report_year(year, today)
    assert str(year) in str(info.value)
    with pytest.raises((InputError, ValidationError)):
        assess(_evidence({"profile": "strong"}, year), law_version="ndaa-2021")


@pytest.mark.parametrize("year", [1999, 2000, date.today().year + 1, 2031 + date.today().year])
def test_cli_assess_refuses_the_year_with_exit_2(tmp_path: Path, year: int) -> None:
    path = tmp_path / "evidence.json"
    path.write_text(json.dumps({"jurisdiction": "Scenario", "report_year": year, **PROFILES["strong"]}))
    result = CliRunner().invoke(app, ["assess", str(path)])
    assert result.exit_code == 2, result.output
    assert "report_year" in result.output or f"report year {year}" in result.output, result.output


def test_the_current_year_is_not_refused() -> None:
    check_report_year(date.today().year)
    check_report_year(2001)
