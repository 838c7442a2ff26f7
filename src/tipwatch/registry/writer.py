"""Write a checked batch in one transaction with bulk inserts (plain tuples through the DB-API's
executemany), and append to the audit log. Primary keys are assigned here so that rows can reference rows
of the same batch without a round trip; on PostgreSQL the sequences are moved past them afterwards. A big
import into an empty SQLite table builds the table's secondary indexes after its rows, in the same
transaction."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from functools import cache
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Dialect, Table

from tipwatch.registry.integrity import Batch, TableRows
from tipwatch.registry.models import EXPLOITATION_COLUMNS
from tipwatch.registry.records import Record, field_type
from tipwatch.registry.tables import TABLES
from tipwatch.store.audit import AUDIT, now
from tipwatch.store.sqlite_writer import RemoteTransaction, WriterGone, defer_indexes_of_empty

INSERT_CHUNK = 20_000
BIG_BATCH = 10_000
SQLITE_CACHE_KIB = 256 * 1024
# For a big import into SQLite: a larger page cache for the connection (index inserts stay in memory) and
# temporary sort space in memory for building indexes; durability settings are left as they are.
SQLITE_BULK_PRAGMAS = (f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}", "PRAGMA temp_store=MEMORY")
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


def record_row(record: Record) -> dict[str, Any]:
    """The stored columns of one record (as :func:`storage_columns` makes them for a batch, yes/no as
    booleans), before references are turned into keys: what an audit entry shows of it."""
    one = TableRows(type(record), {name: [value] for name, value in record.__dict__.items()}, [0])
    return {name: values[0] for name, values in storage_columns(one, sqlite=False).items()}


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


def _insert_sql(dialect: Dialect, name: str, columns: tuple[str, ...]) -> str:
    """An INSERT for the DB-API's executemany (SQLAlchemy's per-row parameter processing would be the
    largest cost of a bulk import, and the values here are already plain). A reference is given as the
    referenced record's identifier and looked up by the statement, in the same transaction: rows written
    earlier in the same import are found as well as stored ones."""
    marker = "?" if dialect.name == "sqlite" else "%s"
    quote = dialect.identifier_preparer.quote
    references = REFERENCES.get(name, {})
    names, values = [], []
    for column in columns:
        if column in references:
            target, key, pk_column = references[column]
            names.append(quote(pk_column))
            values.append(f"(SELECT id FROM {TABLES[target].name} WHERE {quote(key)} = {marker})")
        else:
            names.append(quote(column))
            values.append(marker)
    return f"INSERT INTO {TABLES[name].name} ({', '.join(names)}) VALUES ({', '.join(values)})"


def insert_rows(
    dialect: Dialect, rows: TableRows, stamp_text: str, actor: str
) -> tuple[str, list[list[Any]]]:
    """The INSERT of a table's batch rows and its values column by column."""
    stored = storage_columns(rows, sqlite=dialect.name == "sqlite")
    stored["created_at"] = [stamp_text] * len(rows)
    stored["created_by"] = [actor] * len(rows)
    return _insert_sql(dialect, rows.model.table, tuple(stored)), list(stored.values())


def stamp_text(dialect: Dialect, stamp: datetime) -> str:
    """A time as the text a DB-API driver is given for a timestamp column."""
    if dialect.name == "sqlite":
        return stamp.strftime("%Y-%m-%d %H:%M:%S.%f")
    return stamp.isoformat()


def _defer_indexes(connection: Connection, table: Table) -> list[str]:
    dbapi = connection.connection.dbapi_connection
    if dbapi is None or not getattr(dbapi, "in_transaction", False):
        # pysqlite opens its transaction only before the first INSERT; a DROP before it would commit alone.
        connection.exec_driver_sql("BEGIN")
    return defer_indexes_of_empty(dbapi, table.name)


def write_batch(
    connection: Connection,
    batch: Batch,
    actor: str,
    *,
    progress: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Insert every row of a checked batch; returns the rows written by table. The caller owns the
    transaction: on any error nothing is written."""
    stamp = stamp_text(connection.dialect, now())
    big_sqlite = connection.dialect.name == "sqlite" and len(batch) > BIG_BATCH
    if big_sqlite:
        for pragma in SQLITE_BULK_PRAGMAS:
            connection.exec_driver_sql(pragma)
    written: dict[str, int] = {}
    for name, rows in batch.items():
        sql, columns = insert_rows(connection.dialect, rows, stamp, actor)
        deferred = _defer_indexes(connection, TABLES[name]) if big_sqlite else []
        values_by_row = zip(*columns, strict=True)
        cursor = connection.connection.cursor()  # the DB-API's own executemany, rows made as it goes
        try:
            for offset in range(0, len(rows), INSERT_CHUNK):
                size = min(INSERT_CHUNK, len(rows) - offset)
                cursor.executemany(sql, islice(values_by_row, size))  # type: ignore[arg-type]
                if progress:
                    progress(name, size)
        finally:
            cursor.close()
        for statement in deferred:
            connection.exec_driver_sql(statement)
        written[name] = len(rows)
    return written


class StreamedWrite:
    """A big import into a SQLite file written while it is read: each chunk of rows the bulk reader
    accepts is sent to a :class:`~tipwatch.store.sqlite_writer.RemoteTransaction` at once, and the
    transaction is committed only after the whole batch has passed its checks (:meth:`commit`); leaving
    without a commit rolls everything back. Tables must come in the order of :data:`RECORD_TYPES` (their
    references point backwards). If the writer process cannot start or ends early, :attr:`lost` says why
    and the caller writes the batch itself."""

    def __init__(
        self, path: str, dialect: Dialect, actor: str, progress: Callable[[str, int], None] | None = None
    ) -> None:
        self.remote = RemoteTransaction(path)
        self.dialect, self.actor, self.progress = dialect, actor, progress
        self.stamp = stamp_text(dialect, now())
        self.sent: dict[str, int] = {}
        self.void = False
        self.lost: str | None = None

        def pragmas() -> None:
            for pragma in SQLITE_BULK_PRAGMAS:
                self.remote.execute(pragma)

        self._send(pragmas)

    def _send(self, send: Callable[[], object]) -> None:
        if self.void:
            return
        try:
            send()
        except WriterGone as gone:
            self.void, self.lost = True, str(gone)

    def __enter__(self) -> StreamedWrite:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Roll back, unless committed."""
        self.remote.close()

    def add(self, rows: TableRows) -> None:
        """Write a chunk of one table's rows."""
        name = rows.model.table
        if name not in self.sent:
            self._send(lambda: self.remote.defer_indexes(TABLES[name].name))
        self._send(lambda: self.remote.insert(*insert_rows(self.dialect, rows, self.stamp, self.actor)))
        self.sent[name] = self.sent.get(name, 0) + len(rows)
        if self.progress:
            self.progress(name, len(rows))

    def discard(self) -> None:
        """What was sent does not stand for the batch (the file went to the careful reader)."""
        self.void = True

    def ready(self, batch: Batch) -> bool:
        """Whether exactly ``batch``'s rows were sent, so that :meth:`commit` writes the batch; if so, the
        deferred indexes are built from now on, while the caller checks the batch. Returns once the writer
        holds the write lock: from then on the registry the caller checks against cannot change."""
        if self.sent != batch.counts():
            return False
        self._send(self.remote.build_indexes)
        self._send(self.remote.begin)
        return not self.void

    def commit(self, audits: list[dict[str, Any]]) -> None:
        """Append the audit entries and commit."""
        for entry in audits:
            names = ", ".join(entry)
            sql = f"INSERT INTO {AUDIT.name} ({names}) VALUES ({', '.join('?' * len(entry))})"
            values = [stamp_text(self.dialect, v) if k == "at" else v for k, v in entry.items()]
            self.remote.execute(sql, values)
        self.remote.commit()
