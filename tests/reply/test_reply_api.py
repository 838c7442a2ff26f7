"""``POST /api/reply`` and the ``/reply`` page: the same briefs as the CLI, with least privilege (viewers
get public briefs only), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tipwatch.accounts import Role
from tipwatch.accounts.tokens import issue_token
from tipwatch.accounts.users import create_user
from tipwatch.http import Settings, create_app
from tipwatch.store import Database

DATA = Path(__file__).resolve().parents[1] / "data" / "reply"
NARRATIVE_JSON = (DATA / "macau-2023.json").read_text(encoding="utf-8")
NARRATIVE_TEXT = (DATA / "macau-2023.txt").read_text(encoding="utf-8")
PASSWORD = "correct horse battery"


@pytest.fixture
def served(database_url: str) -> Iterator[tuple[TestClient, Database, dict[str, str]]]:
    app = create_app(Settings(database_url=database_url, setup_token="setup-secret"))
    db: Database = app.state.database
    tokens = {}
    for role in (Role.VIEWER, Role.ANALYST, Role.CASE_OFFICER):
        create_user(db, role.value, PASSWORD, role, actor="tests")
        tokens[role.value] = issue_token(db, role.value, "tests", actor=role.value).token
    with TestClient(app, base_url="https://testserver") as client:
        yield client, db, tokens
    db.dispose()


def victims_in_period(db: Database) -> list[str]:
    from tipwatch.registry.repository import add, parse_record

    records = [
        parse_record("cases", {"case_id": "C-1", "opened_on": date(2018, 1, 10)}),
        parse_record("cases", {"case_id": "C-2", "opened_on": date(2022, 9, 1)}),
    ]
    victims = ["V-a1", "V-b2"]
    for number, victim in enumerate(victims, start=1):
        records.append(
            parse_record(
                "persons",
                {
                    "person_id": victim,
                    "case_id": "C-2",
                    "role": "victim",
                    "trafficking_status": "actual",
                    "identified_on": date(2022, 9, number),
                },
            )
        )
    add(db, records, actor="tests")
    return victims


def post(client: TestClient, token: str, body: str, content_type: str, **query: Any) -> Any:
    params = {"report_year": 2023, **query}
    headers = {"Authorization": f"Bearer {token}", "content-type": content_type}
    return client.post("/api/reply", params=params, content=body.encode("utf-8"), headers=headers)


def test_analyst_gets_the_internal_brief_without_records(served: Any) -> None:
    """The role table gives analysts no personal records, so not the pseudonymous ids behind a figure
    either (issue 16, item 7); case officers, who may read records, get them."""
    client, db, tokens = served
    victims = victims_in_period(db)
    response = post(client, tokens["analyst"], NARRATIVE_JSON, "application/json")
    assert response.status_code == 200, response.text
    brief = response.json()
    count = next(c for c in brief["claims"] if c["claim"]["measures"] == ["victims_identified"])
    assert count["verdict"] == "contradicts" and count["records"] == []
    assert all(f["record_ids"] == [] for f in count["registry_figures"])
    assert not [v for v in victims if v in response.text]
    fell = {(f["code"], f["status"]) for f in brief["reassessment"]["findings_fall"]}
    assert ("victim-protection", "not-met") in fell
    officer = post(client, tokens["case_officer"], NARRATIVE_JSON, "application/json").json()
    count = next(c for c in officer["claims"] if c["claim"]["measures"] == ["victims_identified"])
    assert count["verdict"] == "contradicts" and count["records"] == victims


def test_viewer_may_not_see_an_internal_brief_but_gets_a_public_one(served: Any) -> None:
    client, db, tokens = served
    victims = victims_in_period(db)
    refused = post(client, tokens["viewer"], NARRATIVE_JSON, "application/json")
    assert refused.status_code == 403
    assert refused.json()["ok"] is False and "all_statistics" in refused.json()["error"]
    public = post(client, tokens["viewer"], NARRATIVE_TEXT, "text/plain", audience="public", format="md")
    assert public.status_code == 200 and public.headers["content-type"].startswith("text/markdown")
    assert "| RP2023 | victims identified | fewer than 5 |" in public.text
    assert not [v for v in victims if v in public.text]


def test_bad_narrative_is_a_400_in_the_one_error_shape(served: Any) -> None:
    client, _, tokens = served
    response = post(client, tokens["analyst"], '{"report_year": 2023,\n "tier": }', "application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False and body["errors"][0]["code"] == "invalid-syntax"
    assert body["errors"][0]["location"]["line"] == 2
    wrong_year = post(client, tokens["analyst"], NARRATIVE_JSON, "application/json", report_year=2024)
    assert wrong_year.status_code == 400 and wrong_year.json()["errors"][0]["code"] == "report-year-mismatch"
    anonymous = client.post("/api/reply", params={"report_year": 2023}, content=NARRATIVE_JSON.encode())
    assert anonymous.status_code in (401, 403)


def test_the_page_shows_a_brief_and_offers_viewers_the_public_audience_only(served: Any) -> None:
    client, db, tokens = served
    victims_in_period(db)
    headers = {"Authorization": f"Bearer {tokens['viewer']}"}
    page = client.get("/reply", headers=headers)
    assert page.status_code == 200 and 'value="public"' in page.text and 'value="internal"' not in page.text
    form = {"report_year": "2023", "audience": "public", "narrative": NARRATIVE_JSON}
    shown = client.post("/reply", data=form, headers=headers)
    assert shown.status_code == 200, shown.text
    assert "Right of reply: Macau, 2023 TIP Report" in shown.text and "fewer than 5" in shown.text
    assert "V-a1" not in shown.text
    sneaky = client.post("/reply", data={**form, "audience": "internal"}, headers=headers)
    assert sneaky.status_code == 400 and "audience" in sneaky.text
    assert json.loads(NARRATIVE_JSON)["report_year"] == 2023
