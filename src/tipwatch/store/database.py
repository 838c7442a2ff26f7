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
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from tipwatch.problems import TipwatchError

DATABASE_URL_ENV = "TIPWATCH_DATABASE_URL"
BUSY_TIMEOUT_ENV = "TIPWATCH_BUSY_TIMEOUT"
BUSY_TIMEOUT = 30.0
"""Seconds a SQLite connection waits for another writer to finish before giving up (then the CLI says
the database is busy and exits 3, the web answers 503 with Retry-After)."""


def busy_timeout() -> float:
    """``TIPWATCH_BUSY_TIMEOUT`` (seconds) if set, else :data:`BUSY_TIMEOUT`."""
    text = os.environ.get(BUSY_TIMEOUT_ENV)
    try:
        return max(0.0, float(text)) if text else BUSY_TIMEOUT
    except ValueError:
        raise TipwatchError(
            f"${BUSY_TIMEOUT_ENV} is {text!r}; expected a number of seconds such as 30"
        ) from None


class DatabaseBusy(TipwatchError):
    """Another writer held the database longer than the busy timeout; trying again later may work."""

    exit_code = 3
    retry_after = 5


def busy_error(exc: BaseException) -> DatabaseBusy | None:
    """The :class:`DatabaseBusy` that ``exc`` (a driver's or SQLAlchemy's error) stands for, if any."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "database is locked" in text or "database table is locked" in text or "database is busy" in text:
        return DatabaseBusy(
            f"the database is busy: another writer (an import?) held it for more than {busy_timeout():g} s; "
            f"try again when it has finished, or raise ${BUSY_TIMEOUT_ENV}"
        )
    return None


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

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, migrate: bool = True) -> Database:
    """Open the database at ``url`` (default: :func:`default_database_url`) and, unless ``migrate`` is
    false, upgrade its schema to the latest migration. A SQLite file's folder is created if needed."""
    url = url or default_database_url()
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise TipwatchError(
            f"database URL {url!r} is not a SQLAlchemy URL ({exc}); expected e.g. sqlite:///path/to/file.db "
            "or postgresql+psycopg://user@host/dbname"
        ) from exc
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    engine = create_engine(url, future=True, connect_args={"timeout": busy_timeout()} if is_sqlite else {})
    if engine.dialect.name == "sqlite":
        bind_none_quickly()
        event.listen(engine, "connect", _sqlite_pragmas)
    database = Database(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
    if migrate:
        from tipwatch.store.migrate import upgrade

        upgrade(database)
    return database
