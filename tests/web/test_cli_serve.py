"""``tipwatch users …`` and the checks ``tipwatch serve`` makes before it starts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.http import Settings, create_app

runner = CliRunner()


def test_users_commands_add_list_change_and_issue_tokens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = f"sqlite:///{tmp_path / 'users.db'}"
    monkeypatch.setenv("TIPWATCH_PASSWORD", "a long passphrase")
    added = runner.invoke(app, ["users", "add", "carla", "--role", "case-officer", "--db", db])
    assert added.exit_code == 0 and "added carla (case_officer)" in added.output
    listed = runner.invoke(app, ["users", "list", "--db", db, "--json"])
    assert json.loads(listed.output) == [
        {"id": 1, "username": "carla", "role": "case_officer", "active": True}
    ]
    assert runner.invoke(app, ["users", "set-role", "carla", "analyst", "--db", db]).exit_code == 0
    token = json.loads(runner.invoke(app, ["users", "token", "carla", "--db", db, "--json"]).output)["token"]
    client = TestClient(create_app(Settings(database_url=db)), base_url="https://testserver")
    me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["account"]["role"] == "analyst" and "all_statistics" in me["permissions"]
    assert runner.invoke(app, ["users", "deactivate", "carla", "--db", db]).exit_code == 0
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_users_commands_refuse_bad_input_with_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = f"sqlite:///{tmp_path / 'users.db'}"
    monkeypatch.setenv("TIPWATCH_PASSWORD", "short")
    short = runner.invoke(app, ["users", "add", "bob", "--db", db])
    assert short.exit_code == 2 and "password-too-short" in short.output
    monkeypatch.setenv("TIPWATCH_PASSWORD", "a long passphrase")
    role = runner.invoke(app, ["users", "add", "bob", "--role", "emperor", "--db", db])
    assert role.exit_code == 2 and "unknown role" in role.output
    missing = runner.invoke(app, ["users", "set-role", "nobody", "viewer", "--db", db])
    assert missing.exit_code == 2 and "no user named 'nobody'" in missing.output
    assert json.loads(runner.invoke(app, ["users", "list", "--db", db, "--json"]).output) == []


def test_insecure_dev_cookies_only_on_loopback(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    refused = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--insecure-dev-cookies", "--db", db])
    assert refused.exit_code == 2 and "loopback" in refused.output
    plain = TestClient(create_app(Settings(database_url=db, secure_cookies=False)))
    cookie = plain.get("/login").headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" not in cookie


def test_serve_refuses_a_trusted_proxy_that_is_no_address(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    refused = runner.invoke(app, ["serve", "--trusted-proxy", "proxy.example", "--db", db])
    assert refused.exit_code == 2 and "--trusted-proxy" in refused.output and "10.0.0.0/8" in refused.output
