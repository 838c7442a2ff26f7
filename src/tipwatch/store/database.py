"""Open a database from a URL, bring its schema to the latest migration, hand out sessions."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from tipwatch.problems import TipwatchError
from tipwatch.store.private_files import private_file, private_folder

DATABASE_URL_ENV = "TIPWATCH_DATABASE_URL"


def default_database_url() -> str:
    """``TIPWATCH_DATABASE_URL`` if set, else a SQLite file in the user's data directory."""
    env = os.environ.get(DATABASE_URL_ENV)
    if env:
        return env
    data_dir = Path(platformdirs.user_data_dir("tipwatch", appauthor=False))
    return f"sqlite:///{data_dir / 'tipwatch.db'}"


def bind_none_quickly() -> None:
    """The sqlite3 module binds None through its adapter protocol: a lookup that ends in failed attribute
    look-ups, costing about 0.3 µs per None (a bulk import binds millions). With an adapter registered
    for None the lookup is one dictionary hit; the adapter gives None back, bound as NULL as before."""
    nothing: dict[None, None] = {}
    sqlite3.register_adapter(type(None), nothing.get)


def configure_sqlite(dbapi_connection: Any) -> None:
    """What every connection to a SQLite file sets: foreign keys enforced, write-ahead logging (readers
    never wait for a writer), and syncing at checkpoints."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    configure_sqlite(dbapi_connection)


def _without_row_values(context: Any) -> BaseException | None:
    """PostgreSQL's errors carry a DETAIL with the values of the failing row ("Failing row contains …",
    "Key (…)=(…) already exists"): keep only the primary message, in the driver's error and so in
    SQLAlchemy's and every traceback, so that no victim's attribute reaches a log (issue 16, item 9)."""
    original = context.original_exception
    diagnostics = getattr(original, "diag", None)
    if diagnostics is not None and getattr(diagnostics, "message_detail", None):
        primary = getattr(diagnostics, "message_primary", None) or "database error"
        original.args = (f"{primary} (detail withheld: it may hold row values)",)
        error = context.sqlalchemy_exception  # its message was made from the driver's: make it again
        if isinstance(error, DBAPIError):
            return type(error)(context.statement, None, original, hide_parameters=True)
    return None


@dataclass(frozen=True)
class Database:
    """An engine and its session factory. Use :meth:`session` for a unit of work that commits on
    success and rolls back on any error, so nothing is ever half-written."""

    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.sessions() as session, session.begin():
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """One connection in one read transaction: every query made through it sees the database as it
        was when the first one ran, whatever other writers do meanwhile (a use case reads in one
        snapshot, so one document never mixes two states of the registry). Nothing is written: the
        transaction is rolled back at the end. SQLite's driver starts no transaction before a read, so
        one is begun explicitly; PostgreSQL reads at REPEATABLE READ, its snapshot level."""
        with self.engine.connect() as connection:
            if self.is_sqlite:
                connection.exec_driver_sql("BEGIN")
            else:
                connection.execution_options(isolation_level="REPEATABLE READ")
            yield connection  # closing the connection rolls the transaction back

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def reading(source: Database | Connection) -> Iterator[Connection]:
    """A connection to read from: ``source`` itself when it is one (the caller's snapshot), else a new
    snapshot of the database."""
    if isinstance(source, Connection):
        yield source
        return
    with source.snapshot() as connection:
        yield connection


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open the database at ``url`` (default: :func:`default_database_url`) and, unless ``migrate`` is
    false, upgrade its schema to the latest migration. A new SQLite file is created 0600 and its folder, if
    needed, 0700."""
    url = url or default_database_url()
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise TipwatchError(
            f"database URL {url!r} is not a SQLAlchemy URL ({exc}); expected e.g. sqlite:///path/to/file.db "
            "or postgresql+psycopg://user@host/dbname"
        ) from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        file = Path(parsed.database).expanduser()
        private_folder(file.parent)
        if not file.exists():  # SQLite gives its -wal and -shm files the mode of the database file
            private_file(file)
    # Never put statement parameters in errors or logs: they hold victims' attributes (issue 16, item 9).
    engine = create_engine(url, future=True, hide_parameters=True)
    if engine.dialect.name == "sqlite":
        bind_none_quickly()
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        event.listen(engine, "handle_error", _without_row_values)
    database = Database(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
    if migrate:
        from tipwatch.store.migrate import upgrade

        upgrade(database)
    return database
