"""Registry through the API and the forms: writes carry the user into the audit log, deletes are soft,
a viewer or analyst never sees a record, and injection or script payloads in every text field are stored
verbatim and shown inert."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import inspect

from tipwatch.accounts import Role
from tipwatch.http.web.forms import describe
from tipwatch.registry.records import RECORD_TYPES

PAYLOADS = [
    "<script>alert('x')</script>",
    "Robert'); DROP TABLE registry_cases;--",
    '" onmouseover="alert(1)',
    "' OR '1'='1",
]

# A valid record of every table, to which the payloads are added field by field.
BASE: dict[str, dict[str, Any]] = {
    "cases": {"case_id": "C-1", "opened_on": "2024-05-02"},
    "screenings": {
        "screening_id": "SC-1",
        "screened_on": "2024-05-01",
        "setting": "labour_inspection",
        "population": "workers",
        "persons_screened": 12,
        "outcome": "no_indicators",
    },
    "persons": {"person_id": "P-1", "case_id": "C-1", "role": "victim", "identified_on": "2024-05-03"},
    "proceedings": {
        "proceeding_id": "PR-1",
        "case_id": "C-1",
        "event": "investigation_opened",
        "occurred_on": "2024-05-04",
    },
    "services": {
        "service_id": "SV-1",
        "person_id": "P-1",
        "service": "shelter",
        "provider": "NGO",
        "referred_on": "2024-05-05",
    },
    "recommendations": {
        "recommendation_id": "R-1",
        "source": "tip_report",
        "issued_on": "2024-06-24",
        "text": "Do more.",
    },
    "action_items": {
        "action_id": "A-1",
        "recommendation_id": "R-1",
        "description": "Train police",
        "owner": "police",
        "due_on": "2024-12-31",
    },
    "meetings": {"meeting_id": "M-1", "held_on": "2024-05-20", "attendees": "chair"},
}
ORDER = [
    "cases",
    "screenings",
    "persons",
    "proceedings",
    "services",
    "recommendations",
    "action_items",
    "meetings",
]


def _text_fields(table: str) -> list[str]:
    return [
        f.name
        for f in describe(RECORD_TYPES[table])
        if f.kind in ("text", "list")
        and not f.choices
        and not f.name.endswith("_id")
        and f.name not in ("citizenship", "location_of_recruitment", "location_of_exploitation")
    ]


def test_every_table_has_a_base_record_and_text_fields_are_found() -> None:
    assert set(BASE) == set(RECORD_TYPES) == set(ORDER)
    assert "case_owner" in _text_fields("cases") and "provider" in _text_fields("services")


def _fix_enums(client: TestClient, headers: dict[str, str]) -> None:
    """Use the first allowed value of each choice field, so the base records stay valid as the
    vocabulary evolves."""
    for table, record in BASE.items():
        for field in describe(RECORD_TYPES[table]):
            if field.kind == "choice" and field.name in record and record[field.name] not in field.choices:
                record[field.name] = field.choices[0]


def test_payloads_in_every_text_field_are_stored_verbatim_and_shown_inert(
    client: TestClient, accounts: Any, app_db: Any
) -> None:
    officer = accounts.headers(Role.CASE_OFFICER)
    _fix_enums(client, officer)
    tables_before = set(inspect(app_db.engine).get_table_names())
    checked = 0
    for table in ORDER:
        base = dict(BASE[table])
        response = client.post(f"/api/registry/{table}", json=base, headers=officer)
        assert response.status_code == 201, (table, response.text)
        for number, field in enumerate(_text_fields(table)):
            for index, payload in enumerate(PAYLOADS):
                record = dict(base)
                key = RECORD_TYPES[table].key
                record[key] = f"{base[key]}-{number}-{index}"
                is_list = any(f.name == field and f.kind == "list" for f in describe(RECORD_TYPES[table]))
                record[field] = [payload] if is_list else payload
                created = client.post(f"/api/registry/{table}", json=record, headers=officer)
                assert created.status_code == 201, (table, field, created.text)
                stored = client.get(f"/api/registry/{table}/{record[key]}", headers=officer).json()
                value = stored[field]
                assert value == payload or value == [payload], (table, field, value)
                page = client.get(f"/registry/{table}/{record[key]}", headers=officer).text
                assert payload not in page
                assert str(escape(payload)) in page
                checked += 1
    assert checked >= 40
    assert set(inspect(app_db.engine).get_table_names()) == tables_before
    listing = client.get("/registry/cases", headers=officer).text
    assert "<script>alert(" not in listing


def test_writes_are_audited_under_the_user_and_deletes_are_soft(client: TestClient, accounts: Any) -> None:
    officer = accounts.headers(Role.CASE_OFFICER)
    assert client.post("/api/registry/cases", json=BASE["cases"], headers=officer).status_code == 201
    deleted = client.post("/api/registry/cases/C-1/delete", json={"reason": "entered twice"}, headers=officer)
    assert deleted.status_code == 200 and deleted.json()["rows_marked"] == 1
    assert client.get("/api/registry/cases", headers=officer).json() == []
    kept = client.get("/api/registry/cases/C-1", headers=officer).json()
    assert kept["deleted_at"] is not None
    audit = client.get("/api/registry/audit", headers=officer).json()
    assert [(e["action"], e["actor"]) for e in audit[:2]] == [
        ("delete", "case-officer"),
        ("create", "case-officer"),
    ]
    again = client.post("/api/registry/cases/C-1/delete", json={"reason": "again"}, headers=officer)
    assert again.status_code == 400


def test_invalid_records_are_refused_with_their_fields_and_nothing_is_written(
    client: TestClient, accounts: Any
) -> None:
    officer = accounts.headers(Role.CASE_OFFICER)
    bad = client.post(
        "/api/registry/cases",
        json={"case_id": "C-9", "opened_on": "1800-01-01", "colour": "red"},
        headers=officer,
    )
    assert bad.status_code == 400
    fields = {e["location"]["field"] for e in bad.json()["errors"]}
    assert {"opened_on", "colour"} <= fields
    assert client.get("/api/registry/cases", headers=officer).json() == []
    assert client.get("/api/registry/audit", headers=officer).json() == []


@pytest.mark.parametrize("role", [Role.VIEWER, Role.ANALYST, Role.ADMINISTRATOR])
def test_roles_without_records_never_see_one(client: TestClient, accounts: Any, role: Role) -> None:
    officer = accounts.headers(Role.CASE_OFFICER)
    client.post("/api/registry/cases", json=BASE["cases"], headers=officer)
    for path in (
        "/api/registry/cases",
        "/api/registry/cases/C-1",
        "/api/registry/audit",
        "/registry/cases/C-1",
    ):
        response = client.get(path, headers=accounts.headers(role))
        assert response.status_code == 403 and "C-1" not in response.text


def test_form_adds_a_record_in_the_users_name(
    client: TestClient, accounts: Any, log_in: Any, csrf_of: Any
) -> None:
    log_in(client, "case-officer")
    form = {
        "csrf_token": csrf_of(client),
        "case_id": "C-7",
        "opened_on": "2024-05-02",
        "case_owner": "<b>x</b>",
    }
    response = client.post("/registry/cases/new", data=form, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/registry/cases/C-7"
    page = client.get("/registry/cases/C-7").text
    assert "&lt;b&gt;x&lt;/b&gt;" in page
    bad = {"csrf_token": csrf_of(client), "case_id": "C-8", "opened_on": "1800-01-01"}
    refused = client.post("/registry/cases/new", data=bad, follow_redirects=False)
    assert refused.status_code == 400 and "opened_on" in refused.text and "not plausible" in refused.text
    assert client.get("/registry/cases/C-8").status_code == 404


def test_records_are_updated_in_the_users_name_through_api_and_form(
    client: TestClient, accounts: Any, log_in: Any, csrf_of: Any
) -> None:
    officer = accounts.headers(Role.CASE_OFFICER)
    client.post("/api/registry/cases", json={"case_id": "C-5", "opened_on": "2024-05-02"}, headers=officer)
    changed = client.patch("/api/registry/cases/C-5", json={"case_owner": "<i>unit 2</i>"}, headers=officer)
    assert changed.status_code == 200 and changed.json()["case_owner"] == "<i>unit 2</i>"
    immutable = client.patch("/api/registry/cases/C-5", json={"case_id": "C-6"}, headers=officer)
    assert immutable.status_code == 400 and immutable.json()["errors"][0]["location"]["field"] == "case_id"
    log_in(client, "case-officer")
    form = {"csrf_token": csrf_of(client), "opened_on": "2024-05-03", "status": "closed", "case_owner": ""}
    edited = client.post("/registry/cases/C-5/edit", data=form, follow_redirects=False)
    assert edited.status_code == 303
    record = client.get("/api/registry/cases/C-5").json()
    assert (
        record["status"] == "closed" and record["case_owner"] is None and record["opened_on"] == "2024-05-03"
    )
    audit = client.get("/api/registry/audit").json()
    assert [(e["action"], e["actor"]) for e in audit[:2]] == [
        ("update", "case-officer"),
        ("update", "case-officer"),
    ]
    page = client.get("/registry/cases/C-5/edit").text
    assert 'name="case_id"' not in page and 'value="2024-05-03"' in page
    assert 'action="/registry/cases/C-5/edit"' in page and "<h1>Edit cases C-5</h1>" in page
    new = client.get("/registry/cases/new").text  # the same form, for a new record
    assert (
        'action="/registry/cases/new"' in new and 'name="case_id"' in new and "<h1>Add to cases</h1>" in new
    )
