"""Reading the stored tier record through sqlite3: the same record as the store's, the same file as
SQLAlchemy's for every URL it takes, and None (so the store takes over) whenever it does not apply."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from tipwatch.store import open_database
from tipwatch.store.migrate import downgrade
from tipwatch.store.sqlite_reading import sqlite_file, stored_record
from tipwatch.store.tier_repository import load_record


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///relative/tipwatch.db",
        "sqlite:////absolute/tipwatch.db",
        "sqlite+pysqlite:////absolute/tip watch.db",
        "sqlite:///../up.db",
    ],
)
def test_the_file_is_the_one_sqlalchemy_opens(url: str) -> None:
    engine = create_engine(url)
    (arguments,), _ = engine.dialect.create_connect_args(engine.url)
    assert sqlite_file(url) == Path(arguments)
    assert Path(arguments).is_absolute()


@pytest.mark.parametrize(
    "url",
    [
        "sqlite://",
        "sqlite:///",
        "sqlite:///:memory:",
        "sqlite:///file.db?timeout=1",
        "sqlite:///file:data.db?mode=ro&uri=true",
        "sqlite:///caf%C3%A9.db",
        "sqlite:///~/tipwatch.db",
        "sqlite+aiosqlite:///file.db",
        "postgresql+psycopg://user@localhost/tipwatch",
    ],
)
def test_other_urls_are_left_to_the_store(url: str) -> None:
    assert sqlite_file(url) is None


def test_the_record_is_the_store_s(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        stored = load_record(database)  # an empty database first gets the bundled record
    finally:
        database.dispose()
    record = stored_record(sqlite_url)
    assert record == stored and record is not None and len(record) > 4000
    assert record.coverage == stored.coverage


def test_the_default_url_is_read(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(sqlite_url).dispose()
    assert stored_record(sqlite_url) is None  # migrated, but no record stored yet
    database = open_database(sqlite_url)
    load_record(database)
    database.dispose()
    monkeypatch.setenv("TIPWATCH_DATABASE_URL", sqlite_url)
    assert stored_record() == stored_record(sqlite_url) is not None


def test_no_file_is_created(tmp_path: Path) -> None:
    assert stored_record(f"sqlite:///{tmp_path / 'new.db'}") is None
    assert not (tmp_path / "new.db").exists()


def test_a_database_behind_the_latest_migration_is_left_to_the_store(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    load_record(database)
    downgrade(database, "0003_accounts")
    database.dispose()
    assert stored_record(sqlite_url) is None


def test_a_file_that_is_no_database_is_left_to_the_store(tmp_path: Path) -> None:
    file = tmp_path / "not.db"
    file.write_bytes(os.urandom(4096))
    assert stored_record(f"sqlite:///{file}") is None


def test_a_database_with_no_alembic_version_is_left_to_the_store(tmp_path: Path) -> None:
    file = tmp_path / "other.db"
    with sqlite3.connect(file) as connection:
        connection.execute("CREATE TABLE tier_placements (iso3 TEXT)")
    connection.close()
    assert stored_record(f"sqlite:///{file}") is None
