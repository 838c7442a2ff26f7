"""The stored tier record read through the standard library's sqlite3 module, without SQLAlchemy.

``tipwatch history X`` and the other history commands only read the tier record, and importing
SQLAlchemy took half of their start-up time. In the common case (a SQLite file already at the latest
migration, holding a record) :func:`stored_record` reads the two tables with sqlite3 and returns the
record :func:`tipwatch.store.tier_repository.load_record` would. In every other case it returns None
and the caller takes the SQLAlchemy path, which alone migrates, loads the bundled record into an empty
database, reports a broken database and serves PostgreSQL: nothing here writes a row.
tests/test_cli_startup.py checks that both paths print the same."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

from tipwatch.evidence import Tier
from tipwatch.history.record import Placement, TierRecord, YearCoverage
from tipwatch.store.database import configure_sqlite, default_database_url
from tipwatch.store.migrate import head_revision

PLAIN_SQLITE_URL = re.compile(r"sqlite(?:\+pysqlite)?:///(?P<database>[^?%~][^?%]*)")
"""A SQLite URL with nothing to decode: ``sqlite:///relative.db`` or ``sqlite:////absolute.db``, no
query string, no %-escapes, no ``~`` (which only the store expands)."""

PLACEMENTS = (
    "SELECT jurisdiction, iso3, report_year, tier, source FROM tier_placements ORDER BY iso3, report_year"
)
COVERAGE = "SELECT report_year, complete, published_total, note FROM tier_year_coverage ORDER BY report_year"


def sqlite_file(url: str) -> Path | None:
    """The file a plain SQLite URL names, made absolute as SQLAlchemy's sqlite3 dialect makes it; None
    for any other URL (PostgreSQL, an in-memory database, a URL with options or escapes)."""
    found = PLAIN_SQLITE_URL.fullmatch(url)
    if found is None or found["database"] == ":memory:":
        return None
    # os.path.abspath, as the dialect does: Path.resolve would follow symbolic links before "..".
    return Path(os.path.abspath(found["database"]))  # noqa: PTH100


def stored_record(url: str | None = None) -> TierRecord | None:
    """The tier record stored in the SQLite file at ``url`` (default: the default database URL), read in
    one transaction; None when ``url`` is not a plain SQLite URL of an existing file at the latest
    migration with placements stored, or when sqlite3 reports any error: the caller then opens the
    database through the store, which does what is needed and reports what is wrong."""
    file = sqlite_file(url or default_database_url())
    if file is None or not file.is_file():
        return None
    try:
        connection = sqlite3.connect(file, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        configure_sqlite(connection)  # as every connection the store opens
        connection.execute("BEGIN")
        revisions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        if revisions != [(head_revision(),)]:
            return None
        placements = tuple(
            Placement(name, iso3, year, Tier(tier), source)
            for name, iso3, year, tier, source in connection.execute(PLACEMENTS)
        )
        coverage = tuple(YearCoverage(*row) for row in connection.execute(COVERAGE))
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return TierRecord(placements, coverage) if placements else None
