"""A database held by another writer (issue 15, item 11): writers wait a bounded time, then the CLI says
the database is busy (exit 3, no traceback) and the web answers 503 with Retry-After, not 500."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tipwatch.cli import app as cli
from tipwatch.http import Settings, create_app

runner = CliRunner()


@pytest.fixture
def held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    """A database with a user and a token, then held by another connection's write transaction."""
    monkeypatch.setenv("TIPWATCH_BUSY_TIMEOUT", "0.2")
    monkeypatch.setenv("TIPWATCH_PASSWORD", "a long passphrase")
    path = tmp_path / "busy.db"
    db = f"sqlite:///{path}"
    assert runner.invoke(cli, ["users", "add", "carla", "--role", "case-officer", "--db", db]).exit_code == 0
    token = json.loads(runner.invoke(cli, ["users", "token", "carla", "--db", db, "--json"]).output)["token"]
    yield db, token


def _hold(db: str) -> sqlite3.Connection:
    writer = sqlite3.connect(db.removeprefix("sqlite:///"), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("CREATE TABLE IF NOT EXISTS held_by_a_test (a)")
    return writer


def test_a_cli_write_says_the_database_is_busy(held: tuple[str, str]) -> None:
    db, _ = held
    writer = _hold(db)
    try:
        result = runner.invoke(cli, ["registry", "add", "cases", "case_id=C1", "--db", db])
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert result.exit_code == 3, result.output
    assert "the database is busy" in result.output and "TIPWATCH_BUSY_TIMEOUT" in result.output
    assert isinstance(result.exception, SystemExit)
    assert runner.invoke(cli, ["registry", "add", "cases", "case_id=C1", "--db", db]).exit_code == 0


def test_a_web_write_answers_503_with_retry_after(held: tuple[str, str]) -> None:
    db, token = held
    client = TestClient(
        create_app(Settings(database_url=db)), raise_server_exceptions=False, base_url="https://testserver"
    )
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/me", headers=headers).status_code == 200
    writer = _hold(db)
    try:
        response = client.post("/api/registry/cases", headers=headers, json={"case_id": "C1"})
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    body = response.json()
    assert body["ok"] is False and body["status"] == 503 and body["errors"][0]["code"] == "database-busy"
    assert client.post("/api/registry/cases", headers=headers, json={"case_id": "C1"}).status_code == 201
