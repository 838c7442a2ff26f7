"""The assess-from-narrative use case: the reader's facts become evidence citing the text, and the
engine assesses it; ``tipwatch read --assess`` and ``/api/read/assess`` are adapters over it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tipwatch.assess import assess
from tipwatch.cli import app
from tipwatch.problems import InputError
from tipwatch.services.assess_narrative import assess_narrative

MACAU = Path(__file__).parents[1] / "data" / "narratives" / "dev" / "macau-2023.txt"
CHAD = (
    "CHAD (Tier 2 Watch List)\n\nThe Government of Chad does not fully meet the minimum standards for the "
    "elimination of trafficking but is making significant efforts to do so. Officials investigated no "
    "trafficking crimes and initiated two prosecutions. Therefore Chad was downgraded to Tier 2 Watch List."
)


def test_the_evidence_cites_the_narrative_and_the_engine_assesses_it() -> None:
    result = assess_narrative(MACAU)
    assert (result.evidence.jurisdiction, result.evidence.report_year) == ("Macau", 2023)
    prosecutions = result.evidence.prosecution.prosecutions
    assert prosecutions is not None and prosecutions.total is not None
    count = prosecutions.total
    assert count.value == result.narrative.value("prosecutions") == 1
    assert count.source is not None and count.source.document == str(MACAU)
    span = result.narrative.facts["prosecutions"].span
    assert span.start is not None and span.end is not None
    assert result.narrative.text[span.start : span.end] == span.text
    assert count.source.page == f"characters {span.start}-{span.end}: {span.text}"
    assert result.assessment == assess(result.evidence)


def test_a_narrative_without_its_year_is_refused_naming_the_field_unless_given() -> None:
    with pytest.raises(InputError) as raised:
        assess_narrative(CHAD, file="pasted.txt")
    problems = raised.value.problems
    assert [(p.code, p.location.field, p.location.file) for p in problems] == [
        ("missing-identity", "report_year", "pasted.txt")
    ]
    given = assess_narrative(CHAD, file="pasted.txt", year=2024)
    assert (given.assessment.jurisdiction, given.assessment.report_year) == ("Chad", 2024)
    investigations = given.evidence.prosecution.investigations
    assert investigations is not None and investigations.total is not None
    assert investigations.total.value == 0


def test_the_cli_shows_what_the_use_case_returns() -> None:
    runner = CliRunner()
    shown = runner.invoke(app, ["read", str(MACAU), "--assess", "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout) == json.loads(json.dumps(assess_narrative(MACAU).to_dict()))
    table = runner.invoke(app, ["read", str(MACAU), "--assess"])
    assert table.exit_code == 0 and "Macau 2023: Tier 3" in table.stdout
    several = runner.invoke(app, ["read", str(MACAU), str(MACAU), "--assess"])
    assert several.exit_code == 2 and "--assess reads one narrative file" in several.output


@pytest.fixture
def client(sqlite_url: str) -> Iterator[TestClient]:
    from tipwatch.http import Settings, create_app

    web = create_app(Settings(database_url=sqlite_url))
    with TestClient(web, base_url="https://testserver") as test_client:
        yield test_client
    web.state.database.dispose()


def test_the_api_returns_what_the_use_case_returns(client: TestClient) -> None:
    answer = client.post("/api/read/assess", json={"text": CHAD, "year": 2024})
    assert answer.status_code == 200
    expected = json.loads(json.dumps(assess_narrative(CHAD, year=2024).to_dict()))
    assert answer.json() == expected
    assert answer.json()["evidence"]["prosecution"]["prosecutions"]["total"]["value"] == 2
    missing = client.post("/api/read/assess", json={"text": CHAD})
    assert missing.status_code == 400
    assert {e["code"] for e in missing.json()["errors"]} == {"missing-identity"}
