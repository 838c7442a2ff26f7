"""Storage: one database for everything, addressed by a SQLAlchemy URL (SQLite by default, PostgreSQL
for many users). Nothing in the core imports this package; adapters pass plain data to the core."""

from tipwatch.store.base import Base
from tipwatch.store.database import DATABASE_URL_ENV, Database, default_database_url, open_database, reading

__all__ = ["DATABASE_URL_ENV", "Base", "Database", "default_database_url", "open_database", "reading"]
