"""Shared fixtures: real databases built in code.

``database`` is parametrized over a SQLite file and, when ``TIPWATCH_TEST_POSTGRES_URL`` is set, a real
PostgreSQL server (``.ci/run`` starts one; under CI its absence is an error, not a skip). Each PostgreSQL
test gets a fresh schema, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text

from tipwatch.store import Database, open_database

POSTGRES_ENV = "TIPWATCH_TEST_POSTGRES_URL"

# Property tests search afresh on every run on a developer's machine (and keep what fails in .hypothesis/);
# under CI they are derandomized, so that a landing is judged on the same examples every time and a
# latent failure is found where it can be fixed, not by the gate.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _isolated_default_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the user's real database: the default URL points into the test's tmp dir."""
    monkeypatch.setenv("TIPWATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'default.db'}")


def postgres_url() -> str | None:
    url = os.environ.get(POSTGRES_ENV)
    if not url and os.environ.get("CI"):
        raise RuntimeError(f"CI must provide a PostgreSQL server in ${POSTGRES_ENV} (see .ci/run)")
    return url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tipwatch.db'}"


@pytest.fixture
def postgres_database_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL schema, dropped after the test."""
    base = postgres_url()
    if not base:
        pytest.skip(f"no PostgreSQL server configured (${POSTGRES_ENV})")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """A database URL for each supported backend."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_database_url"))


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """An opened, fully migrated database on each backend."""
    db = open_database(database_url)
    try:
        yield db
    finally:
        db.dispose()
