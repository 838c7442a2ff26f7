"""Every page has a JSON twin built from the same data: the page shows what its twin returns."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from tipwatch.accounts import Role


@pytest.fixture
def sqlite_client(sqlite_url: str) -> Any:
    from tipwatch.http import Settings, create_app

    app = create_app(Settings(database_url=sqlite_url))
    with TestClient(app, base_url="https://testserver") as client:
        yield client
    app.state.database.dispose()


def test_overview_page_and_twin(sqlite_client: TestClient) -> None:
    data = sqlite_client.get("/api/overview?year=2022").json()
    page = sqlite_client.get("/overview?year=2022").text
    assert data["report_year"] == 2022 and len(data["placements"]) > 50
    for placement in data["placements"]:
        assert str(escape(placement["jurisdiction"])) in page
    assert str(escape(data["completeness"])) in page


def test_jurisdiction_page_and_twin(sqlite_client: TestClient) -> None:
    data = sqlite_client.get("/api/jurisdictions/macao").json()
    page = sqlite_client.get("/jurisdictions/macao").text
    assert data["iso3"] == "MAC" and data["latest_assessment"]["report_year"] == 2024
    for entry in data["history"]:
        assert f"<td>{entry['report_year']}</td>" in page
    assert page.count("<circle") == len([e for e in data["history"] if e["tier"] in ("1", "2", "2WL", "3")])
    assert data["latest_assessment"]["example"] in page
    missing = sqlite_client.get("/jurisdictions/narnia")
    assert missing.status_code == 404 and "Did you mean" in missing.text


def test_assessment_page_and_twin(sqlite_client: TestClient) -> None:
    data = sqlite_client.get("/api/examples/macau-2022").json()
    page = sqlite_client.get("/assessments/macau-2022").text
    assert data["assessment"]["tier"] == "3"
    for finding in data["assessment"]["findings"]:
        assert str(escape(finding["title"])) in page
    report = sqlite_client.get("/api/examples/macau-2022/report?format=md")
    assert report.status_code == 200 and "attachment" in report.headers["content-disposition"]
    assert "Macau" in report.text and "7106" in report.text
    posted = sqlite_client.post("/api/assess", json=data["evidence"]).json()
    assert posted["tier"] == data["assessment"]["tier"]
    assert posted["law_version"] == data["assessment"]["law_version"]


def test_posted_evidence_with_errors_names_the_field(sqlite_client: TestClient) -> None:
    bad = sqlite_client.post("/api/assess", json={"jurisdiction": "Macau", "report_year": 1800})
    assert bad.status_code == 422
    assert any(e["location"]["field"] == "report_year" for e in bad.json()["errors"])


def test_reading_a_narrative_as_text_and_as_a_file(sqlite_client: TestClient) -> None:
    text = (
        "CHAD (Tier 2 Watch List)\n\nThe Government of Chad does not fully meet the minimum standards for the "
        "elimination of trafficking but is making significant efforts to do so. Officials investigated no "
        "trafficking crimes. Therefore Chad was downgraded to Tier 2 Watch List."
    )
    as_text = sqlite_client.post("/api/read", json={"text": text}).json()
    assert as_text["tier"] == "2WL" and as_text["movement"] == "downgraded"
    as_file = sqlite_client.post(
        "/api/read/file", files={"file": ("chad.txt", text.encode(), "text/plain")}
    ).json()
    assert as_file[0]["tier"] == "2WL"
    page = sqlite_client.post("/read", data={"text": text}).text
    assert "downgraded to Tier 2 Watch List" in page
    wrong = sqlite_client.post(
        "/api/read/file", files={"file": ("chad.exe", b"MZ", "application/octet-stream")}
    )
    assert wrong.status_code == 400 and ".exe" in wrong.json()["error"]
    empty = sqlite_client.post("/api/read", json={"text": "   "})
    assert empty.status_code == 400 and empty.json()["errors"][0]["code"] == "empty-input"


def test_statistics_page_and_twin_change_with_the_registry(client: TestClient, accounts: Any) -> None:
    officer = accounts.headers(Role.CASE_OFFICER)
    before = client.get("/api/statistics?period=2024-05", headers=officer).json()
    client.post("/api/registry/cases", json={"case_id": "C-1", "opened_on": "2024-05-02"}, headers=officer)
    victim = {"person_id": "P-1", "case_id": "C-1", "role": "victim", "identified_on": "2024-05-03"}
    assert client.post("/api/registry/persons", json=victim, headers=officer).status_code == 201
    after = client.get("/api/statistics?period=2024-05", headers=officer).json()
    assert after["victims"]["identified"]["current"] == before["victims"]["identified"]["current"] + 1
    page = client.get("/statistics?period=2024-05", headers=officer).text
    assert 'data-figure="victims · identified"' in page
    public = client.get("/api/statistics/public?period=RP2025").json()  # 2024-04-01 .. 2025-03-31
    identified = next(r for r in public["statistics"] if r["path"] == "victims.identified")
    assert identified["current"] == "<5"
    review = client.get("/review?period=RP2025").text
    assert "&lt;5" in review and "P-1" not in review
