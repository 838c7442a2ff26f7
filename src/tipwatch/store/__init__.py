"""Storage: one database for everything, addressed by a SQLAlchemy URL (SQLite by default, PostgreSQL
for many users). Nothing in the core imports this package; adapters pass plain data to the core.

The tables' declarative base is :class:`tipwatch.store.base.Base`; it is not imported here, so that
importing this package (or :mod:`tipwatch.store.sqlite_reading`) does not load SQLAlchemy."""

from tipwatch.store.database import DATABASE_URL_ENV, Database, default_database_url, open_database, reading

__all__ = ["DATABASE_URL_ENV", "Database", "default_database_url", "open_database", "reading"]
