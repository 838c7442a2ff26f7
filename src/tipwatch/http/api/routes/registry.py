"""``/api/registry/…``: registry records for case officers; mirrors ``tipwatch registry add|show|list``.
Every write is made in the name of the logged-in user, who becomes the audit log's actor; deletes are
soft (records are marked deleted, never removed) and audited with their reason."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from tipwatch.accounts import Account, Permission
from tipwatch.http.auth import get_db, require
from tipwatch.registry.records import RECORD_TYPES
from tipwatch.registry.repository import add, audit_log, delete, list_records, parse_record, show, update
from tipwatch.store import Database

router = APIRouter(tags=["registry"])
Officer = Annotated[Account, Depends(require(Permission.RECORDS))]
Db = Annotated[Database, Depends(get_db)]
RegistryTable = StrEnum("RegistryTable", {name: name for name in RECORD_TYPES})  # type: ignore[misc]


class Written(BaseModel):
    table: str
    identifier: str
    written: dict[str, int]


class Deleted(BaseModel):
    table: str
    identifier: str
    rows_marked: int


class DeleteReason(BaseModel):
    reason: str = Field(min_length=1, max_length=500)


@router.get("/api/registry/audit", response_model=list[dict[str, Any]])
def api_audit_log(
    _: Officer, db: Db, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> list[dict[str, Any]]:
    """The latest audit log entries (who changed what, when), newest first."""
    return audit_log(db, limit=limit)


@router.get("/api/registry/{table}", response_model=list[dict[str, Any]])
def api_list_records(
    table: RegistryTable,
    _: Officer,
    db: Db,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    include_deleted: bool = False,
) -> list[dict[str, Any]]:
    return list_records(db, table.value, limit=limit, include_deleted=include_deleted)


@router.get("/api/registry/{table}/{identifier}", response_model=dict[str, Any])
def api_show_record(table: RegistryTable, identifier: str, _: Officer, db: Db) -> dict[str, Any]:
    return show(db, table.value, identifier)


@router.post("/api/registry/{table}", response_model=Written, status_code=201)
def api_add_record(table: RegistryTable, body: dict[str, Any], officer: Officer, db: Db) -> Written:
    """Add one record (validated in full; written with an audit entry naming the user, or not at all)."""
    record = parse_record(table.value, body)
    written = add(db, [record], actor=officer.username)
    return Written(table=table.value, identifier=record.identifier, written=written)


@router.patch("/api/registry/{table}/{identifier}", response_model=dict[str, Any])
def api_update_record(
    table: RegistryTable, identifier: str, body: dict[str, Any], officer: Officer, db: Db
) -> dict[str, Any]:
    """Change fields of a record (not its identifiers); validated in full, audited with before and after."""
    return update(db, table.value, identifier, body, actor=officer.username)


@router.post("/api/registry/{table}/{identifier}/delete", response_model=Deleted)
def api_delete_record(
    table: RegistryTable, identifier: str, body: DeleteReason, officer: Officer, db: Db
) -> Deleted:
    """Mark a record (and what hangs off it) deleted; nothing is removed, the audit log keeps the reason."""
    marked = delete(db, table.value, identifier, actor=officer.username, reason=body.reason)
    return Deleted(table=table.value, identifier=identifier, rows_marked=marked)
