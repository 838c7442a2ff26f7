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


def test_the_newest_migration_file_names_the_head_revision() -> None:
    from alembic.script import ScriptDirectory

    from tipwatch.store.migrate import MIGRATIONS, VERSIONS, head_revision

    scripts = ScriptDirectory(str(MIGRATIONS))
    assert head_revision() == scripts.get_current_head()
    named = {path.stem for path in VERSIONS.glob("[0-9]*.py")}
    assert named == {script.revision for script in scripts.walk_revisions()}


def test_a_database_at_head_is_opened_without_alembic(sqlite_url: str) -> None:
    import subprocess
    import sys

    open_database(sqlite_url).dispose()
    probe = (
        "import sys; from tipwatch.store import open_database; "
        f"open_database({sqlite_url!r}).dispose(); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'alembic'}))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_database_behind_head_is_upgraded(database: Database) -> None:
    from tipwatch.store.migrate import head_revision, stored_revision

    downgrade(database, "0002_registry")
    assert stored_revision(database) == "0002_registry"
    upgrade(database)
    assert stored_revision(database) == head_revision()
