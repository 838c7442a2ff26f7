"""Alembic environment: uses the engine tipwatch already opened (config.attributes["engine"]). Upgrades
and downgrades need no models; to compare or autogenerate, pass the whole schema's metadata
(:mod:`tipwatch.registry.schema`) as config.attributes["metadata"]."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

config = context.config
engine = config.attributes.get("engine") or create_engine(config.get_main_option("sqlalchemy.url") or "")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=config.attributes.get("metadata"),
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
