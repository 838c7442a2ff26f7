"""The audit log of the one database: who changed what and when, for the registry and for accounts alike.
Append-only: the migration installs triggers that refuse UPDATE and DELETE on this table, on SQLite and
PostgreSQL alike. Every write to the registry or to accounts appends an entry in its own transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, DateTime, Integer, String, Table, Text, insert
from sqlalchemy.orm import Mapped, mapped_column

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Problem
from tipwatch.store.base import Base

ACCOUNTS_ENTITY = "accounts"  # the audit log's entity of entries about user accounts


class AuditEntry(Base):
    """Who changed what and when. Append-only: the migration installs triggers that refuse UPDATE and
    DELETE on this table, on SQLite and PostgreSQL alike."""

    __tablename__ = "registry_audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text)


AUDIT: Table = AuditEntry.__table__  # type: ignore[assignment]

_audit_appends = 0


def audit_appends() -> int:
    """How many audit entries this process has appended: a cheap in-process hint that the registry may
    have changed (readers that cache by registry version re-read the version when it moves)."""
    return _audit_appends


def now() -> datetime:
    return datetime.now(UTC)


def checked_actor(actor: str) -> str:
    actor = actor.strip()
    if not actor:
        raise InputError(
            "every change to the registry names who made it",
            [Problem(ProblemCode.MISSING_ACTOR, "actor is empty; pass --actor NAME (or set TIPWATCH_ACTOR)")],
        )
    return actor


def audit_entry(
    actor: str, action: str, entity: str, entity_id: str, detail: dict[str, Any]
) -> dict[str, Any]:
    """The values of one audit-log entry (the log is never updated or deleted)."""
    global _audit_appends
    _audit_appends += 1
    return {
        "at": now(),
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str),
    }


def audit(
    connection: Connection, actor: str, action: str, entity: str, entity_id: str, detail: dict[str, Any]
) -> None:
    """Append one entry to the audit log."""
    connection.execute(insert(AUDIT), audit_entry(actor, action, entity, entity_id, detail))
