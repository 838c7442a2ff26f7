"""``tipwatch reply`` end to end: a real Macau narrative against registries built in code, on SQLite and
PostgreSQL, through the command line."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.registry.models import AuditEntry
from tipwatch.store import Database

DATA = Path(__file__).resolve().parents[1] / "data" / "reply"
runner = CliRunner()


def macau_2023(tmp_path: Path) -> Path:
    for suffix in (".json", ".txt"):
        shutil.copy(DATA / f"macau-2023{suffix}", tmp_path / f"macau-2023{suffix}")
    return tmp_path / "macau-2023.json"


def run_reply(database: Database, narrative: Path, *args: str) -> Any:
    return runner.invoke(
        app, ["reply", "--narrative", str(narrative), "--report-year", "2023", "--db", database.url, *args]
    )


def matching_registry(registry: Any) -> dict[str, list[str]]:
    """What the 2023 Macau narrative says: five investigations and one prosecution in RP2023
    (2022-04-01 .. 2023-03-31), no victims identified or served for four periods, no conviction since
    2019, never a victim of forced labour."""
    old = registry.case(date(2018, 5, 2))
    registry.victim(old, date(2018, 5, 2), exploitation=["sexual"])
    suspect = registry.person(old, "suspect")
    registry.proceeding(old, "investigation_opened", date(2018, 5, 20))
    registry.proceeding(old, "prosecution_initiated", date(2018, 11, 5), suspect)
    registry.proceeding(old, "conviction", date(2019, 6, 14), suspect)
    cases = [registry.case(date(2022, month, 3)) for month in (5, 6, 8, 10, 12)]
    for case in cases:
        registry.proceeding(
            case, "investigation_opened", date(2022, 4, 20) if case == cases[0] else date(2022, 12, 20)
        )
    accused = registry.person(cases[0], "suspect")
    registry.proceeding(cases[0], "prosecution_initiated", date(2023, 2, 1), accused)
    return {"cases": [old, *cases], "persons": [suspect, accused]}


def test_matching_registry_agrees_with_every_claim(database: Database, registry: Any, tmp_path: Path) -> None:
    matching_registry(registry)
    result = run_reply(database, macau_2023(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    brief = json.loads(result.output)
    verdicts = {c["claim"]["kind"]: c["verdict"] for c in brief["claims"]}
    registry_claims = [c for c in brief["claims"] if c["claim"]["kind"] != "placement"]
    assert len(registry_claims) == 6
    assert all(c["verdict"] == "agrees" for c in registry_claims), [c["reason"] for c in registry_claims]
    assert verdicts["placement"] == "not-verifiable"
    assert brief["summary"] == {"agrees": 6, "contradicts": 0, "not-verifiable": 1}
    reassessment = brief["reassessment"]
    assert reassessment["changed"] is False
    assert reassessment["findings_fall"] == [] and reassessment["findings_new"] == []
    assert reassessment["findings_stand"]
    assert all(s["narrative"] == s["registry"]["value"] for s in reassessment["substitutions"])


def test_victims_identified_and_served_contradict_a_narrative_saying_none(
    database: Database, registry: Any, tmp_path: Path
) -> None:
    matching_registry(registry)
    case = registry.case(date(2022, 9, 1))
    victims = [registry.victim(case, date(2022, 9, day)) for day in (1, 2)]
    registry.service(victims[0], date(2022, 9, 3))
    result = run_reply(database, macau_2023(tmp_path), "--format", "md")
    assert result.exit_code == 0, result.output
    md = result.output
    assert "contradicts — count" in md and "contradicts — consecutive-years" in md
    assert f"Records behind the contradiction (pseudonymous): {victims[0]}, {victims[1]}" in md
    assert "| RP2023 | victims identified | 2 |" in md
    assert "| RP2023 | victims provided services | 1 |" in md

    as_json = json.loads(run_reply(database, macau_2023(tmp_path), "--format", "json").output)
    count = next(c for c in as_json["claims"] if c["claim"]["measures"] == ["victims_identified"])
    assert count["verdict"] == "contradicts" and count["records"] == victims
    reassessment = as_json["reassessment"]
    substituted = {
        s["field"]: (s["narrative"], s["registry"]["value"]) for s in reassessment["substitutions"]
    }
    assert substituted["victims_identified"] == (0, 2) and substituted["victims_served"] == (0, 1)
    assert reassessment["with_narrative_figures"]["tier"] == "3"
    assert reassessment["changed"] and reassessment["with_registry_figures"]["tier"] != "3"
    fell = {(f["code"], f["status"]) for f in reassessment["findings_fall"]}
    added = {(f["code"], f["status"]) for f in reassessment["findings_new"]}
    assert ("victim-protection", "not-met") in fell and ("victim-protection", "partly-met") in added
    assert "law-enforcement" in {f["code"] for f in reassessment["findings_stand"]}
    assert "The placement would change." in md and "With the narrative's figures: **Tier 3**" in md
    with database.session() as session:
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "reply_brief_internal")).all()
    assert len(audit) == 2 and set(victims) <= set(json.loads(audit[0].detail)["records_named"])


def test_public_brief_holds_no_personal_record_and_no_small_cell(
    database: Database, registry: Any, tmp_path: Path
) -> None:
    ids = matching_registry(registry)
    case = registry.case(date(2022, 9, 1))
    victims = [registry.victim(case, date(2022, 9, day), exploitation=["forced_labour"]) for day in (1, 2, 3)]
    registry.service(victims[0], date(2022, 9, 3))
    many = registry.case(date(2022, 10, 1))
    crowd = [registry.victim(many, date(2021, 10, day)) for day in range(1, 8)]  # 7 in RP2022: shown
    every_id = [*ids["cases"], *ids["persons"], case, many, *victims, *crowd]
    for output_format in ("md", "html", "json"):
        out = tmp_path / f"public.{output_format}"
        result = run_reply(
            database, macau_2023(tmp_path), "--audience", "public", "--format", output_format, "-o", str(out)
        )
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        assert "contradicts" in text
        leaked = [record for record in every_id if record in text]
        assert not leaked, f"{output_format} brief names {leaked}"
        assert "2022-09-0" not in text and "2021-10-0" not in text  # no individual dates
        for stated in re.findall(r"registry records ([^;<\n]*)", text):
            for number in re.findall(
                r"(?<!fewer than )\b(\d+) (?:victims|persons|investigations|prosecutions)", stated
            ):
                assert int(number) == 0 or int(number) >= 5, f"{output_format}: small cell in {stated!r}"
    brief = json.loads((tmp_path / "public.json").read_text(encoding="utf-8"))
    figures = [f for c in brief["claims"] for f in c["registry_figures"]]
    assert figures and all(f["record_ids"] == [] for f in figures)
    assert all(f["count"]["value"] in (None, 0) or f["count"]["value"] >= 5 for f in figures)
    assert any(f["count"]["suppressed"] for f in figures) and any(f["count"]["value"] == 7 for f in figures)
    assert all(c["records"] == [] for c in brief["claims"])
    md = (tmp_path / "public.md").read_text(encoding="utf-8")
    assert "| RP2023 | victims identified | fewer than 5 |" in md
    with database.session() as session:
        assert (
            session.scalars(select(AuditEntry).where(AuditEntry.action == "reply_brief_internal")).all() == []
        )


def test_bad_input_is_a_clear_error_and_changes_nothing(database: Database, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"report_year": 2023,\n "prosecutions": "one"}', encoding="utf-8")
    result = run_reply(database, bad)
    assert result.exit_code == 2
    assert (
        "bad.json" in result.output
        and "prosecutions" in result.output
        and "bad-narrative-field" in result.output
    )
    broken = tmp_path / "broken.json"
    broken.write_text('{"report_year": 2023,\n "tier": }', encoding="utf-8")
    result = run_reply(database, broken)
    assert result.exit_code == 2 and "broken.json:2" in result.output
    other_year = runner.invoke(
        app,
        ["reply", "--narrative", str(macau_2023(tmp_path)), "--report-year", "2024", "--db", database.url],
    )
    assert other_year.exit_code == 2 and "report-year-mismatch" in other_year.output
    with database.session() as session:
        assert session.scalars(select(AuditEntry)).all() == []


@pytest.mark.parametrize("missing", ["nowhere.json"])
def test_missing_narrative_file_is_named(database: Database, tmp_path: Path, missing: str) -> None:
    result = run_reply(database, tmp_path / missing)
    assert result.exit_code == 2 and missing in result.output


def test_soft_deleted_and_not_a_victim_records_are_not_counted(
    database: Database, registry: Any, tmp_path: Path
) -> None:
    from tipwatch.registry.repository import delete

    matching_registry(registry)
    case = registry.case(date(2022, 9, 1))
    deleted = registry.victim(case, date(2022, 9, 1))
    registry.victim(case, date(2022, 9, 2), trafficking_status="not_a_victim")
    registry.victim(case, date(2023, 4, 2))  # after RP2023: not counted for it
    delete(database, "persons", deleted, actor="tests", reason="entered twice")
    brief = json.loads(run_reply(database, macau_2023(tmp_path), "--format", "json").output)
    assert brief["summary"] == {"agrees": 6, "contradicts": 0, "not-verifiable": 1}


def test_unwritable_output_fails_before_anything_is_audited(database: Database, tmp_path: Path) -> None:
    result = run_reply(database, macau_2023(tmp_path), "-o", str(tmp_path / "missing" / "brief.md"))
    assert result.exit_code == 2 and "folder does not exist" in result.output
    with database.session() as session:
        assert session.scalars(select(AuditEntry)).all() == []
