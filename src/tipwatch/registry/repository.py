"""The registry's Python API. Every write names its ``actor``, is validated in full before anything is
written, runs in one transaction, and appends to the audit log. Nothing is ever deleted: ``delete`` marks
records (a case with its persons, proceedings and services) as deleted."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, func, insert, select
from sqlalchemy import update as sql_update

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, NotFoundError, Problem
from tipwatch.registry.integrity import Batch, check_batch
from tipwatch.registry.native import field_problems
from tipwatch.registry.reading import iter_records
from tipwatch.registry.records import RECORD_TYPES, Record
from tipwatch.registry.tables import TABLES
from tipwatch.registry.writer import record_row, write_batch
from tipwatch.store import Database
from tipwatch.store.audit import ACCOUNTS_ENTITY, AUDIT, audit, audit_entry, checked_actor, now

SINGLE_AUDIT_LIMIT = 1000


def table_of(name: str) -> type[Record]:
    """The record type of a table name (``cases``, ``persons``…), or a clear error."""
    try:
        return RECORD_TYPES[name]
    except KeyError:
        raise NotFoundError(f"no registry table {name!r}", sorted(RECORD_TYPES)) from None


def parse_record(table: str, data: Mapping[str, Any], location: Location | None = None) -> Record:
    """Validate one record; every field problem is reported with ``location``."""
    model = table_of(table)
    where = location or Location(path=table)
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        raise InputError(
            f"{table}: the record is not valid", field_problems(exc, where, where.path or "")
        ) from exc


def write(
    db: Database,
    batch: Batch,
    actor: str,
    *,
    source: str | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Check a batch against the registry and write it whole, or raise :class:`InputError` with every
    problem and write nothing."""
    actor = checked_actor(actor)
    with db.engine.begin() as connection:
        refuse_problems(check_batch(connection, batch))
        written = write_batch(connection, batch, actor, progress=progress)
        if entries := batch_audits(batch, actor, source):
            connection.execute(insert(AUDIT), entries)
    return written


def refuse_problems(problems: list[Problem]) -> None:
    """Raise :class:`InputError` with every problem, if there are any."""
    if problems:
        raise InputError(f"{len(problems)} problem(s); nothing was written", problems)


def batch_audits(batch: Batch, actor: str, source: str | None) -> list[dict[str, Any]]:
    """The audit entries of writing ``batch``: small batches get one per record, imports one per table."""
    one_by_one = all(len(rows.records) == len(rows) for _, rows in batch.items())
    if source is None and len(batch) <= SINGLE_AUDIT_LIMIT and one_by_one:
        return [
            audit_entry(actor, "create", table, record.identifier, record_row(record))
            for table, rows in batch.items()
            for record in rows.records
        ]
    entries = []
    for table, rows in batch.items():
        ids = rows.keys
        detail = {"rows": len(ids), "first": ids[0], "last": ids[-1], "source": source}
        entries.append(audit_entry(actor, "import", table, source or "(api)", detail))
    return entries


def add(db: Database, records: Iterable[Record], actor: str) -> dict[str, int]:
    """Add records (of any tables) together."""
    batch = Batch()
    for record in records:
        batch.add(record, Location(path=f"{record.table}/{record.identifier}"))
    return write(db, batch, actor)


def _row(connection: Connection, table: str, identifier: str) -> Any:
    model = table_of(table)
    t = TABLES[table]
    row = connection.execute(select(t).where(t.c[model.key] == identifier)).first()
    if row is None:
        raise NotFoundError(f"no {table} record {identifier!r}")
    return row


def show(db: Database, table: str, identifier: str) -> dict[str, Any]:
    """One record with its tracking columns (also when deleted)."""
    model = table_of(table)
    with db.engine.connect() as connection:
        _row(connection, table, identifier)
        where = TABLES[table].c[model.key] == identifier
        return next(iter_records(connection, table, include_deleted=True, tracking=True, where=where))


def list_records(
    db: Database, table: str, *, limit: int | None = 50, include_deleted: bool = False
) -> list[dict[str, Any]]:
    table_of(table)
    with db.engine.connect() as connection:
        return list(iter_records(connection, table, include_deleted=include_deleted, limit=limit))


IMMUTABLE = {
    "case_id",
    "person_id",
    "screening_id",
    "proceeding_id",
    "service_id",
    "recommendation_id",
    "action_id",
    "meeting_id",
}


def update(
    db: Database, table: str, identifier: str, changes: Mapping[str, Any], actor: str
) -> dict[str, Any]:
    """Change fields of a record (not its identifier): the changed record is validated as a new one would
    be, with its references and the order of its case's proceedings, then written with an audit entry
    holding the values before and after. Returns the record as stored."""
    actor = checked_actor(actor)
    model = table_of(table)
    current = show(db, table, identifier)
    if current["deleted_at"] is not None:
        raise InputError(f"{table} {identifier!r} is deleted and cannot be changed")
    fixed = sorted(set(changes) & IMMUTABLE)
    if fixed:
        raise InputError(
            f"{table} {identifier!r}: identifiers cannot be changed",
            [
                Problem(
                    ProblemCode.IMMUTABLE_FIELD,
                    f"{name} identifies or links the record; add a new record instead",
                    location=Location(path=f"{table}/{identifier}", field=name),
                )
                for name in fixed
            ],
        )
    data = {name: current[name] for name in model.model_fields} | dict(changes)
    record = parse_record(table, data, Location(path=f"{table}/{identifier}"))
    batch = Batch()
    batch.add(record, Location(path=f"{table}/{identifier}"))
    before = {name: current[name] for name in model.model_fields}
    row = record_row(record)
    with db.engine.begin() as connection:
        problems = check_batch(connection, batch, replacing=True)
        if problems:
            raise InputError(f"{len(problems)} problem(s); nothing was changed", problems)
        changed = {
            name: [before[name], value]
            for name, value in record.model_dump(mode="json").items()
            if _json(before[name]) != value
        }
        if not changed:  # nothing to write, so nothing to audit (issue 16, item 12)
            return current
        t = TABLES[table]
        values = {name: value for name, value in row.items() if name in t.c and name not in IMMUTABLE}
        connection.execute(sql_update(t).where(t.c[model.key] == identifier).values(**_typed(t, values)))
        audit(connection, actor, "update", table, identifier, {"changed": changed})
    return show(db, table, identifier)


def _json(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _typed(table: Any, values: dict[str, Any]) -> dict[str, Any]:
    """ISO text back to dates for SQLAlchemy's Date columns."""
    out = {}
    for name, value in values.items():
        if isinstance(value, str) and table.c[name].type.python_type is date:
            out[name] = date.fromisoformat(value)
        else:
            out[name] = value
    return out


CASCADE = {
    "cases": (("persons", "case_pk"), ("proceedings", "case_pk")),
    "persons": (("services", "person_pk"),),
}


def delete(db: Database, table: str, identifier: str, actor: str, reason: str) -> int:
    """Mark a record deleted (and what hangs off it); returns how many rows were marked."""
    actor = checked_actor(actor)
    stamp = now()
    marked = 0
    with db.engine.begin() as connection:
        row = _row(connection, table, identifier)
        if row.deleted_at is not None:
            raise InputError(f"{table} {identifier!r} was already deleted on {row.deleted_at}")
        pending = [(table, [row.id])]
        while pending:
            name, pks = pending.pop()
            t = TABLES[name]
            result = connection.execute(
                sql_update(t)
                .where(t.c.id.in_(pks), t.c.deleted_at.is_(None))
                .values(deleted_at=stamp, deleted_by=actor)
            )
            marked += result.rowcount
            for child, column in CASCADE.get(name, ()):
                c = TABLES[child]
                child_pks = [r[0] for r in connection.execute(select(c.c.id).where(c.c[column].in_(pks)))]
                if child_pks:
                    pending.append((child, child_pks))
        audit(connection, actor, "delete", table, identifier, {"reason": reason, "rows_marked": marked})
    return marked


def audit_log(db: Database, *, limit: int = 100, accounts: bool = False) -> list[dict[str, Any]]:
    """The latest audit entries, newest first: the registry's, or with ``accounts`` those about accounts
    (for administrators only: case officers see the registry's)."""
    kind = AUDIT.c.entity == ACCOUNTS_ENTITY if accounts else AUDIT.c.entity != ACCOUNTS_ENTITY
    with db.engine.connect() as connection:
        query = select(AUDIT).where(kind).order_by(AUDIT.c.id.desc()).limit(limit)
        return [dict(row) for row in connection.execute(query).mappings()]


def registry_version(db: Database) -> int:
    """The registry's version: the id of the newest audit-log entry. Every write appends one, so any
    write moves it (readers cache by it)."""
    with db.engine.connect() as connection:
        return int(connection.execute(select(func.max(AUDIT.c.id))).scalar() or 0)
