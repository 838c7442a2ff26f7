from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tipwatch.assess.examples import example_path
from tipwatch.cli import app
from tipwatch.evidence import load_evidence

runner = CliRunner()


def test_assess_json_has_the_issue_keys() -> None:
    result = runner.invoke(app, ["assess", str(example_path("macau-2022")), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in (
        "jurisdiction",
        "report_year",
        "tier",
        "fully_meets_minimum_standards",
        "making_significant_efforts",
        "findings",
        "trace",
        "law_version",
    ):
        assert key in data
    assert data["tier"] == "3" and data["law_version"] == "ndaa-2021"
    for finding in data["findings"]:
        assert {"rule", "subsection", "status", "reason", "evidence"} <= set(finding)


def test_several_files_give_a_list_and_law_version_is_honoured() -> None:
    result = runner.invoke(
        app, ["assess", "example:macau-2021", "example:macau-2022", "--json", "--law-version", "tvpra-2008"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["report_year"] for d in data] == [2021, 2022]
    assert {d["law_version"] for d in data} == {"tvpra-2008"}


def test_what_if_lists_changes_up_and_down() -> None:
    result = runner.invoke(app, ["assess", "example:macau-2020", "--json", "--what-if"])
    assert result.exit_code == 0, result.output
    options = json.loads(result.stdout)["what_if"]
    assert options["tier"] == "2WL"
    assert options["up"] and all(o["tier"] in ("1", "2") for o in options["up"])
    assert options["down"] and all(o["tier"] == "3" for o in options["down"])
    sizes = {len(o["changes"]) for o in options["up"] if o["search"] == "smallest"}
    assert sizes == {min(sizes)}


def test_invalid_evidence_lists_every_problem_of_every_file(tmp_path: Path) -> None:
    first = tmp_path / "a.yaml"
    first.write_text("jurisdiction: X\nreport_year: 1990\nprosecution:\n  convictions: -1\n")
    second = tmp_path / "b.yaml"
    second.write_text("report_year: 2020\nprotection: {proactive_screening: maybe}\n")
    result = runner.invoke(app, ["assess", str(first), str(second)])
    assert result.exit_code == 2
    assert f"{first}:2: report_year" in result.stderr
    assert f"{first}:4: prosecution.convictions.total.value" in result.stderr
    assert f"{second}:1: jurisdiction" in result.stderr
    assert f"{second}:2: protection.proactive_screening.value" in result.stderr


def test_markdown_and_html_narratives() -> None:
    markdown = runner.invoke(app, ["assess", "example:macau-2022", "--format", "md"])
    assert markdown.exit_code == 0, markdown.output
    assert "does not fully meet the minimum standards" in markdown.stdout
    assert "Therefore Macau was downgraded to Tier 3." in markdown.stdout
    assert "## Prioritized recommendations" in markdown.stdout
    html = runner.invoke(app, ["assess", "example:macau-2019", "--format", "html"])
    assert html.exit_code == 0
    assert "<h2>Protection</h2>" in html.stdout and "Therefore Macau was upgraded to Tier 2." in html.stdout
    bad = runner.invoke(app, ["assess", "example:macau-2019", "--format", "pdf"])
    assert bad.exit_code == 2


def test_policy_file_changes_the_outcome(tmp_path: Path) -> None:
    from tipwatch.assess.policy import DEFAULT_POLICY

    strict = tmp_path / "strict.yaml"
    strict.write_text(DEFAULT_POLICY.read_text().replace("min_score: 3", "min_score: 5"))
    result = runner.invoke(app, ["assess", "example:macau-2021", "--json", "--policy", str(strict)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["tier"] == "3"
    broken = tmp_path / "broken.yaml"
    broken.write_text(DEFAULT_POLICY.read_text().replace("min_score: 3", "min_score: lots"))
    result = runner.invoke(app, ["assess", "example:macau-2021", "--policy", str(broken)])
    assert result.exit_code == 2 and "significant_efforts.min_score" in result.stderr


def test_evidence_schema_and_template(tmp_path: Path) -> None:
    schema = runner.invoke(app, ["evidence", "schema"])
    assert schema.exit_code == 0 and json.loads(schema.stdout)["title"] == "tipwatch evidence"
    target = tmp_path / "macau-2025.yaml"
    made = runner.invoke(app, ["evidence", "new", "Macau", "--year", "2025", "--output", str(target)])
    assert made.exit_code == 0, made.output
    text = target.read_text()
    assert "# Reporting period: 2024-04-01 .. 2025-03-31" in text
    evidence = load_evidence(target)
    assert (evidence.jurisdiction, evidence.report_year) == ("Macau", 2025)
    again = runner.invoke(app, ["evidence", "new", "Macau", "--year", "2025", "--output", str(target)])
    assert again.exit_code == 2


def test_template_mentions_every_field() -> None:
    from tipwatch.evidence import Evidence
    from tipwatch.evidence.template import evidence_template

    text = evidence_template("X", 2024)
    for name, field in Evidence.model_fields.items():
        assert f"{name}:" in text, name
        annotation = field.annotation
        if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
            for inner in annotation.model_fields:
                assert f"  {inner}:" in text, f"{name}.{inner}"


def test_evidence_examples_never_breaks_a_path_across_lines(monkeypatch: Any) -> None:
    """However narrow the terminal, each example is one line: its name, a tab, its whole path (a path
    broken across lines cannot be copied, and the docs' example failed in a deeper checkout)."""
    from tipwatch.assess.examples import example_files
    from tipwatch.cli.common import console

    monkeypatch.setattr(console, "width", 30)
    result = runner.invoke(app, ["evidence", "examples"])
    assert result.exit_code == 0, result.output
    assert [line.split() for line in result.stdout.splitlines()] == [
        [p.stem, str(p)] for p in example_files()
    ]
