"""Alembic migrations, run from inside the package so that an installed tipwatch can upgrade any database.

Opening a database that is already at the latest migration costs one query: :func:`upgrade` compares
the stored revision with the newest migration file before it loads Alembic, its environment and every
table model (a third of a second; ``tipwatch history Macau`` would spend most of its time there)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config

    from tipwatch.store.database import Database

MIGRATIONS = Path(__file__).with_name("migrations")
VERSIONS = MIGRATIONS / "versions"


def head_revision() -> str:
    """The newest migration's revision id. A migration file is named after its revision id
    (``0003_accounts.py`` is revision ``0003_accounts``) and the ids sort in order; tests/test_store.py
    checks both against Alembic's own reading of the folder."""
    return max(path.stem for path in VERSIONS.glob("[0-9]*.py"))


def stored_revision(database: Database) -> str | None:
    """The revision the database is at; None for a database no migration has run on."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    with database.engine.connect() as connection:
        try:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        except DBAPIError:  # no alembic_version table yet
            return None
    return rows[0] if len(rows) == 1 else None


def alembic_config(database: Database) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database.url.replace("%", "%%"))
    config.attributes["engine"] = database.engine
    return config


def upgrade(database: Database, revision: str = "head") -> None:
    """Bring the schema up to ``revision``; nothing to do (and Alembic not loaded) when it is there."""
    if revision == "head" and stored_revision(database) == head_revision():
        return
    from alembic import command

    command.upgrade(alembic_config(database), revision)


def downgrade(database: Database, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(database), revision)
