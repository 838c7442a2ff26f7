"""Fixtures for the web area: an app on a real database (SQLite and PostgreSQL), in-process clients
and accounts of every role built in code."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tipwatch.accounts import Role
from tipwatch.accounts.tokens import issue_token
from tipwatch.accounts.users import create_user
from tipwatch.http import Settings, create_app
from tipwatch.store import Database

PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Accounts:
    tokens: dict[Role, str]

    def headers(self, role: Role) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[role]}"}


@pytest.fixture
def app(database_url: str) -> Iterator[FastAPI]:
    application = create_app(Settings(database_url=database_url, setup_token="setup-secret"))
    yield application
    application.state.database.dispose()


@pytest.fixture
def app_db(app: FastAPI) -> Database:
    db: Database = app.state.database
    return db


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="https://testserver") as test_client:
        yield test_client


@pytest.fixture
def accounts(app_db: Database) -> Accounts:
    tokens = {}
    for role in Role:
        name = role.value.replace("_", "-")
        create_user(app_db, name, PASSWORD, role, actor="tests")
        tokens[role] = issue_token(app_db, name, "tests", actor=name).token
    return Accounts(tokens)


def _csrf_of(client: TestClient) -> str:
    """The CSRF token a page hands the browser (read from its meta tag)."""
    page = client.get("/login")
    marker = 'name="csrf-token" content="'
    start = page.text.index(marker) + len(marker)
    return page.text[start : page.text.index('"', start)]


def _log_in(client: TestClient, username: str, password: str = PASSWORD) -> None:
    token = _csrf_of(client)
    response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


@pytest.fixture
def csrf_of() -> Callable[[TestClient], str]:
    return _csrf_of


@pytest.fixture
def log_in() -> Callable[..., None]:
    return _log_in
