from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from tipwatch.registry.schema import metadata
from tipwatch.store import Database, default_database_url, open_database
from tipwatch.store.migrate import downgrade, upgrade


def test_migrations_reach_head_and_match_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() is not None
        diff = compare_metadata(context, metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_migrations_downgrade_to_nothing_and_back(database: Database) -> None:
    tables_at_head = set(inspect(database.engine).get_table_names())
    downgrade(database, "base")
    assert set(inspect(database.engine).get_table_names()) <= {"alembic_version"}
    upgrade(database)
    assert set(inspect(database.engine).get_table_names()) == tables_at_head


def test_opening_twice_is_idempotent(sqlite_url: str) -> None:
    open_database(sqlite_url).dispose()
    db = open_database(sqlite_url)
    assert "alembic_version" in inspect(db.engine).get_table_names()
    db.dispose()


def test_default_url_comes_from_the_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TIPWATCH_DATABASE_URL", "sqlite:////tmp/elsewhere.db")
    assert default_database_url() == "sqlite:////tmp/elsewhere.db"
    monkeypatch.delenv("TIPWATCH_DATABASE_URL")
    assert default_database_url().startswith("sqlite:///") and default_database_url().endswith("tipwatch.db")
