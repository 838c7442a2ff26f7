"""Write a checked batch in one transaction with bulk inserts (plain tuples through the DB-API's
executemany), and append to the audit log. Primary keys are assigned here so that rows can reference rows
of the same batch without a round trip; on PostgreSQL the sequences are moved past them afterwards. A big
import into an empty SQLite table builds the table's secondary indexes after its rows, in the same
transaction."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from itertools import islice, repeat
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text

from tipwatch.registry.integrity import Batch, TableRows, existing
from tipwatch.registry.models import EXPLOITATION_COLUMNS
from tipwatch.registry.records import Record, field_type
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


LIST_FIELDS = {
    "persons": ("methods_of_control", "exploitation"),
    "screenings": ("indicators_observed",),
    "meetings": ("attendees", "decisions"),
}


def _joined(items: list[str]) -> str | None:
    return ";".join(items) or None


def _json_list(items: list[str]) -> str:
    return json.dumps(items, ensure_ascii=False)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _text(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _int(value: bool | None) -> int | None:
    return None if value is None else int(value)


@cache
def _conversions(model: type[Record], sqlite: bool) -> dict[str, Callable[[Any], Any]]:
    """The fields whose values are stored otherwise than they are held, with the conversion: dates as ISO
    text (which SQLite stores as SQLAlchemy does and PostgreSQL casts), coded values as their text (a
    default is an enumeration member), and on SQLite yes/no as 1/0 (exact ints bind faster than bools
    through the sqlite3 module; SQLite stores 1/0 either way)."""
    conversions: dict[str, Callable[[Any], Any]] = {}
    for name, info in model.model_fields.items():
        kind, _ = field_type(info)
        if kind is date:
            conversions[name] = _iso
        elif isinstance(kind, type) and issubclass(kind, Enum):
            conversions[name] = _text
        elif kind is bool and sqlite:
            conversions[name] = _int
    return conversions


def _mapped(values: list[Any], convert: Callable[[Any], Any]) -> list[Any]:
    """``convert`` applied to each distinct value once (coded values and dates repeat in a big import)."""
    memo = {value: convert(value) for value in set(values)}
    return list(map(memo.__getitem__, values))


def storage_columns(rows: TableRows, *, sqlite: bool) -> dict[str, list[Any]]:
    """A table's batch rows as the stored columns, column by column (reference fields still under their
    own names): dates as ISO text (which SQLite stores as SQLAlchemy does and PostgreSQL casts), coded
    values as their text, the persons' forms of exploitation as one yes/no column each, lists joined."""
    name = rows.model.table
    lists = LIST_FIELDS.get(name, ())
    stored: dict[str, list[Any]] = {}
    conversions = _conversions(rows.model, sqlite)
    for field_name, values in rows.columns.items():
        if field_name in lists:
            continue
        convert = conversions.get(field_name)
        stored[field_name] = values if convert is None else _mapped(values, convert)
    if name == "persons":
        yes, no = (1, 0) if sqlite else (True, False)

        def flags(chosen: list[str]) -> tuple[Any, ...]:
            return tuple(yes if form in chosen else no for form in EXPLOITATION_COLUMNS)

        by_form = zip(*_per_object(rows.columns["exploitation"], flags), strict=True) if len(rows) else ()
        stored.update(zip(EXPLOITATION_COLUMNS.values(), map(list, by_form), strict=False))
        for column in EXPLOITATION_COLUMNS.values():
            stored.setdefault(column, [])
        stored["methods_of_control"] = _per_object(rows.columns["methods_of_control"], _joined)
    elif name == "screenings":
        stored["indicators_observed"] = _per_object(rows.columns["indicators_observed"], _joined)
    elif name == "meetings":
        stored["attendees"] = _per_object(rows.columns["attendees"], _json_list)
        stored["decisions"] = _per_object(rows.columns["decisions"], _json_list)
    return stored


def _per_object(values: list[Any], convert: Callable[[Any], Any]) -> list[Any]:
    """``convert`` applied once per distinct object: the bulk reader gives the rows with the same text of
    a list field one shared list (the objects stay alive in ``values``, so their ids stay theirs)."""
    memo: dict[int, Any] = {}
    converted = []
    for value in values:
        key = id(value)
        if key not in memo:
            memo[key] = convert(value)
        converted.append(memo[key])
    return converted


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


def write_batch(
    connection: Connection,
    batch: Batch,
    actor: str,
    *,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Insert every row of a checked batch; returns the rows written by table. The caller owns the
    transaction: on any error nothing is written."""
    stamp_text = _stamp_text(connection, now())
    sqlite = connection.dialect.name == "sqlite"
    big_sqlite = sqlite and len(batch) > BIG_BATCH
    if big_sqlite:
        # A larger page cache for this connection (index inserts of a big import stay in memory) and
        # temporary sort space in memory for building indexes; durability settings are left as they are.
        connection.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        connection.exec_driver_sql("PRAGMA temp_store=MEMORY")
    keys: dict[str, dict[str, int]] = {}
    written: dict[str, int] = {}
    for name, rows in batch.items():
        table = TABLES[name]
        stored = storage_columns(rows, sqlite=sqlite)
        for field_name, (target, key, pk_column) in REFERENCES.get(name, {}).items():
            values = stored.pop(field_name)
            wanted = set(values) - {None}
            resolved: dict[str | None, int | None] = {None: None}
            resolved.update(batch.stored.get(target, {}))
            resolved.update(keys.get(target, {}))
            missing = wanted - resolved.keys()
            if missing:
                found = existing(connection, TABLES[target], key, missing)
                resolved.update({k: row[1] for k, row in found.items()})
            stored[pk_column] = list(map(resolved.__getitem__, values))
        first = _next_id(connection, table)
        count = len(rows)
        identifiers = range(first, first + count)
        keys[name] = dict(zip(rows.keys, identifiers, strict=True))
        columns = [*stored, "id", "created_at", "created_by"]
        values_by_row = zip(*stored.values(), identifiers, repeat(stamp_text), repeat(actor), strict=False)
        sql = _raw_insert(connection, table, columns)
        deferred = _drop_indexes(connection, table) if big_sqlite and first == 1 else []
        cursor = connection.connection.cursor()  # the DB-API's own executemany, rows made as it goes
        try:
            for offset in range(0, count, INSERT_CHUNK):
                size = min(INSERT_CHUNK, count - offset)
                cursor.executemany(sql, islice(values_by_row, size))  # type: ignore[arg-type]
                if progress:
                    progress(name, size)
        finally:
            cursor.close()
        for statement in deferred:
            connection.exec_driver_sql(statement)
        if connection.dialect.name == "postgresql":
            connection.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), :last)"),
                {"last": first + count - 1},
            )
        written[name] = count
    return written
