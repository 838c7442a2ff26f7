"""Write a checked batch in one transaction with bulk inserts (plain tuples through the DB-API's
executemany), and append to the audit log. Primary keys are assigned here so that rows can reference rows
of the same batch without a round trip; on PostgreSQL the sequences are moved past them afterwards. A big
import into an empty SQLite table builds the table's secondary indexes after its rows, in the same
transaction."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from enum import Enum
from functools import cache
from typing import Any

from sqlalchemy import Connection, Date, Table, func, insert, select, text

from tipwatch.registry.integrity import Batch, existing
from tipwatch.registry.models import EXPLOITATION_COLUMNS
from tipwatch.registry.records import RECORD_TYPES, Record
from tipwatch.registry.tables import AUDIT, TABLES

INSERT_CHUNK = 20_000
BIG_BATCH = 10_000
SQLITE_CACHE_KIB = 256 * 1024
# For each table: the reference fields of its records -> (referenced table, key column, pk column).
REFERENCES: dict[str, dict[str, tuple[str, str, str]]] = {
    "persons": {
        "case_id": ("cases", "case_id", "case_pk"),
        "screening_id": ("screenings", "screening_id", "screening_pk"),
    },
    "proceedings": {
        "case_id": ("cases", "case_id", "case_pk"),
        "person_id": ("persons", "person_id", "person_pk"),
    },
    "services": {"person_id": ("persons", "person_id", "person_pk")},
    "action_items": {"recommendation_id": ("recommendations", "recommendation_id", "recommendation_pk")},
}


_audit_appends = 0


def audit_appends() -> int:
    """How many audit entries this process has appended: a cheap in-process hint that the registry may
    have changed (readers that cache by registry version re-read the version when it moves)."""
    return _audit_appends


def now() -> datetime:
    return datetime.now(UTC)


def audit(
    connection: Connection, actor: str, action: str, entity: str, entity_id: str, detail: dict[str, Any]
) -> None:
    """Append one entry to the audit log (never updated or deleted)."""
    global _audit_appends
    _audit_appends += 1
    connection.execute(
        insert(AUDIT),
        {
            "at": now(),
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str),
        },
    )


def record_row(record: Record) -> dict[str, Any]:
    """The stored columns of a record, before references are turned into keys."""
    row = record.model_dump(mode="json")
    if record.table == "persons":
        forms = set(row.pop("exploitation"))
        for form, column in EXPLOITATION_COLUMNS.items():
            row[column] = form in forms
        controls = row.pop("methods_of_control")
        row["methods_of_control"] = ";".join(controls) if controls else None
    elif record.table == "screenings":
        row["indicators_observed"] = ";".join(row["indicators_observed"]) or None
    elif record.table == "meetings":
        row["attendees"] = json.dumps(row["attendees"], ensure_ascii=False)
        row["decisions"] = json.dumps(row["decisions"], ensure_ascii=False)
    return row


REFERENCE_COLUMNS = {
    (table, field_name): pk_column
    for table, fields in REFERENCES.items()
    for field_name, (_, _, pk_column) in fields.items()
}


@cache
def _layout(name: str) -> tuple[list[str], Callable[[Record], list[Any]]]:
    """The stored columns of a table's records (reference fields still under their own names) and a
    function from a record to their values, in that order: what :func:`record_row` gives, without a
    dictionary per row (a bulk import writes hundreds of thousands)."""
    model, table = RECORD_TYPES[name], TABLES[name]
    lists = {
        "persons": ("methods_of_control", "exploitation"),
        "screenings": ("indicators_observed",),
        "meetings": ("attendees", "decisions"),
    }.get(name, ())
    plain = [field_name for field_name in model.model_fields if field_name not in lists]
    days = [
        i
        for i, field_name in enumerate(plain)
        if field_name in table.c and isinstance(table.c[field_name].type, Date)
    ]
    enums = [
        i for i, field_name in enumerate(plain) if isinstance(model.model_fields[field_name].default, Enum)
    ]
    columns = list(plain)
    if name == "persons":
        columns += [*EXPLOITATION_COLUMNS.values(), "methods_of_control"]
    elif name == "screenings":
        columns.append("indicators_observed")
    elif name == "meetings":
        columns += ["attendees", "decisions"]

    def values(record: Record) -> list[Any]:
        data = record.__dict__
        row = [data[field_name] for field_name in plain]
        for i in days:
            if (day := row[i]) is not None:
                row[i] = day.isoformat()
        for i in enums:
            if isinstance(member := row[i], Enum):
                row[i] = member.value
        if name == "persons":
            forms = set(data["exploitation"])
            row += [form in forms for form in EXPLOITATION_COLUMNS]
            row.append(";".join(data["methods_of_control"]) or None)
        elif name == "screenings":
            row.append(";".join(data["indicators_observed"]) or None)
        elif name == "meetings":
            row.append(json.dumps(data["attendees"], ensure_ascii=False))
            row.append(json.dumps(data["decisions"], ensure_ascii=False))
        return row

    return columns, values


def _raw_insert(connection: Connection, table: Table, columns: list[str]) -> str:
    """An INSERT for the DB-API's executemany: SQLAlchemy's per-row parameter processing is the largest
    cost of a bulk import, and rows here are already plain values (dates as ISO text, which SQLite stores
    as SQLAlchemy does and PostgreSQL casts)."""
    marker = "?" if connection.dialect.name == "sqlite" else "%s"
    names = ", ".join(connection.dialect.identifier_preparer.quote(column) for column in columns)
    return f"INSERT INTO {table.name} ({names}) VALUES ({', '.join([marker] * len(columns))})"


def _stamp_text(connection: Connection, stamp: datetime) -> str:
    if connection.dialect.name == "sqlite":
        return stamp.strftime("%Y-%m-%d %H:%M:%S.%f")
    return stamp.isoformat()


def _drop_indexes(connection: Connection, table: Table) -> list[str]:
    """Drop the secondary indexes of an empty SQLite table inside the import's transaction and return the
    statements that create them again: building an index once after the rows is much cheaper than
    keeping it up to date row by row. Unique constraints stay (their automatic indexes have no SQL), so
    duplicates are still refused while the rows go in; on any error the rollback restores the indexes."""
    dbapi = connection.connection.dbapi_connection
    if dbapi is None or not getattr(dbapi, "in_transaction", False):
        # pysqlite opens its transaction only before the first INSERT; a DROP before it would commit alone.
        connection.exec_driver_sql("BEGIN")
    found = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (table.name,),
    ).all()
    for index_name, _ in found:
        connection.exec_driver_sql(f'DROP INDEX "{index_name}"')
    return [str(statement) for _, statement in found]


def _next_id(connection: Connection, table: Table) -> int:
    return int(connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1


def _chunks(rows: Sequence[tuple[Any, ...]]) -> Iterator[Sequence[tuple[Any, ...]]]:
    for offset in range(0, len(rows), INSERT_CHUNK):
        yield rows[offset : offset + INSERT_CHUNK]


def write_batch(
    connection: Connection,
    batch: Batch,
    actor: str,
    *,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, list[int]]:
    """Insert every record of a checked batch; returns the new primary keys by table. The caller owns the
    transaction: on any error nothing is written."""
    stamp_text = _stamp_text(connection, now())
    big_sqlite = connection.dialect.name == "sqlite" and len(batch) > BIG_BATCH
    if big_sqlite:
        # A larger page cache for this connection (index inserts of a big import stay in memory) and
        # temporary sort space in memory for building indexes; durability settings are left as they are.
        connection.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        connection.exec_driver_sql("PRAGMA temp_store=MEMORY")
    keys: dict[str, dict[str, int]] = {}
    new_pks: dict[str, list[int]] = {}
    for name in RECORD_TYPES:
        rows_in = batch.of(name)
        if not rows_in:
            continue
        table = TABLES[name]
        references = REFERENCES.get(name, {})
        lookups: dict[str, dict[str, int]] = {}
        for field_name, (target, key, _) in references.items():
            wanted = {str(v) for record, _ in rows_in if (v := getattr(record, field_name)) is not None}
            resolved = {**batch.stored.get(target, {}), **keys.get(target, {})}
            missing = wanted - resolved.keys()
            if missing:
                resolved.update(
                    {k: row[1] for k, row in existing(connection, TABLES[target], key, missing).items()}
                )
            lookups[field_name] = resolved
        first = _next_id(connection, table)
        fields, values = _layout(name)
        substitutions = [
            (fields.index(field_name), lookups[field_name])
            for field_name in references
            if field_name in fields
        ]
        columns = [REFERENCE_COLUMNS.get((name, column), column) for column in fields]
        columns += ["id", "created_at", "created_by"]
        rows: list[tuple[Any, ...]] = []
        own_keys: dict[str, int] = {}
        key = RECORD_TYPES[name].key
        for pk, (record, _) in enumerate(rows_in, start=first):
            row = values(record)
            for position, resolved in substitutions:
                if (value := row[position]) is not None:
                    row[position] = resolved[value]
            row += (pk, stamp_text, actor)
            own_keys[record.__dict__[key]] = pk
            rows.append(tuple(row))
        sql = _raw_insert(connection, table, columns)
        deferred = _drop_indexes(connection, table) if big_sqlite and first == 1 else []
        for chunk in _chunks(rows):
            connection.exec_driver_sql(sql, chunk)
            if progress:
                progress(name, len(chunk))
        for statement in deferred:
            connection.exec_driver_sql(statement)
        if connection.dialect.name == "postgresql":
            connection.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), :last)"),
                {"last": first + len(rows) - 1},
            )
        keys[name] = own_keys
        new_pks[name] = list(own_keys.values())
    return new_pks
