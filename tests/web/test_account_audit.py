"""Who changed an account, through the API, the users page, the setup link or the command line, is in the
audit log — never a password or a token."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tipwatch.accounts import Role
from tipwatch.cli import app as cli
from tipwatch.registry.repository import audit_log
from tipwatch.store import Database, open_database


def account_entries(database: Database) -> list[tuple[str, str, str, dict[str, Any]]]:
    entries = reversed(audit_log(database, limit=1000, accounts=True))
    return [
        (e["actor"], e["action"], e["entity_id"], json.loads(e["detail"]))
        for e in entries
        if e["entity"] == "accounts" and e["actor"] != "tests" and not _fixture_token(e)
    ]


def _fixture_token(entry: dict[str, Any]) -> bool:
    """The tokens the ``accounts`` fixture has each account mint for itself."""
    return bool(entry["action"] == "issue-token" and json.loads(entry["detail"]).get("name") == "tests")


def test_api_changes_are_recorded_as_the_administrator_who_made_them(
    client: TestClient, accounts: Any, app_db: Database
) -> None:
    admin = accounts.headers(Role.ADMINISTRATOR)
    body = {"username": "gina", "password": "a long passphrase", "role": "viewer"}
    assert client.post("/api/users", json=body, headers=admin).status_code == 201
    change = {"role": "analyst", "password": "a longer passphrase"}
    assert client.patch("/api/users/gina", json=change, headers=admin).status_code == 200
    refused = client.post("/api/users/gina/tokens", json={"name": "sync"}, headers=admin)
    assert refused.status_code == 403  # tokens are minted by their owner only
    issued = client.post("/api/users/administrator/tokens", json={"name": "sync"}, headers=admin).json()
    ended = {"sessions_ended": 0, "tokens_revoked": 0}
    assert account_entries(app_db) == [
        ("administrator", "create", "gina", {"role": "viewer"}),
        ("administrator", "update", "gina", {"changed": {"role": ["viewer", "analyst"]}}),
        ("administrator", "set-password", "gina", ended),
        ("administrator", "issue-token", "administrator", {"token_id": issued["id"], "name": "sync"}),
    ]
    logged = json.dumps(audit_log(app_db, limit=1000, accounts=True), default=str)
    assert "passphrase" not in logged and issued["token"] not in logged
    listed = client.get("/api/users/audit", headers=admin).json()
    assert [(e["actor"], e["action"], e["entity_id"]) for e in listed][:4] == [
        ("administrator", "issue-token", "administrator"),
        ("administrator", "set-password", "gina"),
        ("administrator", "update", "gina"),
        ("administrator", "create", "gina"),
    ]
    officer = accounts.headers(Role.CASE_OFFICER)
    assert client.get("/api/users/audit", headers=officer).status_code == 403
    assert client.get("/api/registry/audit", headers=officer).json() == []  # the registry's log only
    refused = client.patch(
        "/api/users/gina", json={"role": "administrator"}, headers=accounts.headers(Role.ANALYST)
    )
    assert refused.status_code == 403 and len(account_entries(app_db)) == 4


def test_the_users_page_and_the_setup_link_record_who_acted(
    client: TestClient, app_db: Database, csrf_of: Any, log_in: Any
) -> None:
    form = {"csrf_token": csrf_of(client), "token": "setup-secret", "username": "root-admin"}
    form["password"] = "a long passphrase"
    assert client.post("/setup", data=form, follow_redirects=False).status_code == 303
    log_in(client, "root-admin", "a long passphrase")
    page = {"csrf_token": csrf_of(client), "action": "add", "username": "hal", "role": "viewer"}
    assert client.post("/users", data={**page, "password": "a long passphrase"}).status_code == 200
    assert client.post("/users", data={**page, "action": "deactivate"}).status_code == 200
    page_text = client.get("/users").text
    assert "Latest changes to accounts" in page_text and page_text.count("<td>hal</td>") >= 2
    assert account_entries(app_db) == [
        ("root-admin", "create", "root-admin", {"role": "administrator"}),
        ("root-admin", "create", "hal", {"role": "viewer"}),
        (
            "root-admin",
            "update",
            "hal",
            {"changed": {"active": [True, False]}, "sessions_ended": 0, "tokens_revoked": 0},
        ),
    ]


def test_the_command_line_records_its_actor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = f"sqlite:///{tmp_path / 'users.db'}"
    runner = CliRunner()
    monkeypatch.setenv("TIPWATCH_PASSWORD", "a long passphrase")
    monkeypatch.setenv("TIPWATCH_ACTOR", "ops")
    assert runner.invoke(cli, ["users", "add", "ivy", "--db", db]).exit_code == 0
    assert (
        runner.invoke(cli, ["users", "set-role", "ivy", "analyst", "--actor", "lead", "--db", db]).exit_code
        == 0
    )
    logged = runner.invoke(cli, ["users", "audit", "--db", db, "--json"])
    assert [(e["actor"], e["action"]) for e in json.loads(logged.output)] == [
        ("lead", "update"),
        ("ops", "create"),
    ]
    database = open_database(db)
    assert account_entries(database) == [
        ("ops", "create", "ivy", {"role": "viewer"}),
        ("lead", "update", "ivy", {"changed": {"role": ["viewer", "analyst"]}}),
    ]
    database.dispose()
