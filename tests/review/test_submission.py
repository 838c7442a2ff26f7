"""The annual submission: the data call's structure, the evidence file, and the tier it points to."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from typer.testing import CliRunner

from tipwatch.assess import assess
from tipwatch.assess.examples import EXAMPLES_DIR
from tipwatch.cli import app
from tipwatch.evidence import Tier, load_evidence
from tipwatch.reports.submission import write_submission
from tipwatch.services.submission import submission as build_submission
from tipwatch.store import Database

_spec = importlib.util.spec_from_file_location("registries", Path(__file__).with_name("registries.py"))
assert _spec and _spec.loader
registries = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(registries)

runner = CliRunner()
MACAU_2024 = EXAMPLES_DIR / "macau" / "macau-2024.yaml"


def test_submission_follows_the_data_call_and_points_to_a_tier(database: Database, tmp_path: Path) -> None:
    registries.macao_like(database)
    submission = build_submission(database, 2024, "Macau")
    call = submission.data_call
    assert call["reporting_period"] == {"start": "2023-04-01", "end": "2024-03-31", "name": "RP2024"}
    assert set(call) >= {"law_enforcement", "protection", "prevention", "findings"}
    assert call["law_enforcement"]["convictions"]["persons"] == {"current": 0, "previous": 0}
    assert call["prevention"]["plenary_meetings"] == {"current": 12, "previous": 0}
    codes = {f["code"] for f in call["findings"]}
    assert {"no-convictions-since", "no-forced-labour-victim-ever", "no-victims-consecutive-years"} <= codes
    evidence = submission.evidence
    assert evidence.prosecution.convictions is not None and evidence.prosecution.convictions.exact_total == 0
    assert evidence.prevention.coordinating_body_meetings_per_year is not None
    assert evidence.prevention.coordinating_body_meetings_per_year.value == 12
    assert submission.assessment.tier is Tier.TIER_3

    files = write_submission(submission, tmp_path)
    assert [p.name for p in files] == ["data-call-RP2024.json", "data-call-RP2024.md", "evidence-RP2024.yaml"]
    reloaded = load_evidence(tmp_path / "evidence-RP2024.yaml")
    assert reloaded == evidence
    assert assess(reloaded).tier is submission.assessment.tier
    written = json.loads((tmp_path / "data-call-RP2024.json").read_text())
    assert written["assessment"]["tier"] == "3"
    markdown = (tmp_path / "data-call-RP2024.md").read_text()
    assert "**The record points to: Tier 3**" in markdown
    assert "| plenary meetings | 12 | 0 |" in markdown


def test_a_busy_reporting_period_counts_its_figures(database: Database) -> None:
    registries.busy_month(database)
    submission = build_submission(database, 2025, "Testland")
    protection = submission.data_call["protection"]
    assert protection["victims_identified"] == {"current": 13, "previous": 0}
    assert protection["victims_by_sex_and_age"]["boys"]["current"] == 2
    evidence = submission.evidence
    assert evidence.protection.victims_identified is not None
    assert evidence.protection.victims_identified.exact_total == 13
    assert evidence.prosecution.convictions is not None
    assert evidence.prosecution.convictions.exact_total == 2
    assert evidence.previous_period.victims_identified is not None
    assert evidence.previous_period.victims_identified.value == 0
    sentences = evidence.prosecution.sentences
    assert sentences is not None and sentences.prison is not None and sentences.prison.value == 2


def test_base_evidence_keeps_what_the_registry_does_not_hold(database: Database) -> None:
    registries.macao_like(database)
    submission = build_submission(database, 2024, "Macau", MACAU_2024)
    base = load_evidence(MACAU_2024)
    assert submission.evidence.prior_placements == base.prior_placements
    assert submission.evidence.legal_framework == base.legal_framework
    convictions = submission.evidence.prosecution.convictions
    assert convictions is not None and convictions.exact_total == 0  # the registry's count wins
    assert len(submission.evidence.sources) == len(base.sources) + 1


def test_submission_command(database: Database, tmp_path: Path) -> None:
    registries.macao_like(database)
    url = database.engine.url.render_as_string(hide_password=False)
    args = [
        "submission",
        "--report-year",
        "2024",
        "--jurisdiction",
        "Macau",
        "-o",
        str(tmp_path),
        "--db",
        url,
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "the record points to Tier 3" in result.output
    assert (tmp_path / "evidence-RP2024.yaml").exists()
    mismatch = runner.invoke(app, [*args[:4], "Testland", *args[5:], "--base", str(MACAU_2024)])
    assert mismatch.exit_code == 2
    assert "base-evidence-mismatch" in mismatch.output


def test_submission_refuses_bad_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["submission", "--report-year", "1999", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "invalid-report-year" in result.output
    result = runner.invoke(
        app, ["submission", "--report-year", "2024", "-o", str(tmp_path / "nowhere" / "sub")]
    )
    assert result.exit_code == 2 and "does not exist" in result.output and "missing-folder" in result.output
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["submission", "--report-year", "2024", "-o", str(tmp_path / "a-file")])
    assert result.exit_code == 2 and "not-a-directory" in result.output
    assert not list(tmp_path.rglob("data-call-*")) and not list(tmp_path.rglob("evidence-*"))


def test_submission_makes_its_folder_when_the_parent_exists(database: Database, tmp_path: Path) -> None:
    """`submission -o sub` makes sub (issue 15, item 9: it failed when the folder did not exist)."""
    registries.macao_like(database)
    url = database.engine.url.render_as_string(hide_password=False)
    out = tmp_path / "sub"
    result = runner.invoke(app, ["submission", "--report-year", "2024", "-o", str(out), "--db", url])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "data-call-RP2024.json",
        "data-call-RP2024.md",
        "evidence-RP2024.yaml",
    ]
