"""Checks across records, before anything is written: duplicate identifiers (in the batch and against
the registry), references to cases, persons, screenings and recommendations that exist, and the order of
proceedings (no conviction before its prosecution, no sentence before its conviction…)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, select

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import Location, Problem
from tipwatch.registry.event_order import Event, order_problems
from tipwatch.registry.models import Case, Person, Proceeding
from tipwatch.registry.records import (
    RECORD_TYPES,
    Record,
)
from tipwatch.registry.tables import TABLES
from tipwatch.registry.vocabulary import Role

CHUNK = 2000


@dataclass
class TableRows:
    """One table's rows in a batch, column by column: each field's validated values in row order (what
    the record's fields hold). Rows come one record at a time (:meth:`Batch.add`) or a file's worth at a
    time from the bulk reader (:meth:`Batch.extend`), whose locations are kept as line numbers."""

    model: type[Record]
    columns: dict[str, list[Any]]
    where: list[Location | int] = field(default_factory=list)
    # (first row, source file) of each stretch of rows whose ``where`` are line numbers of that file
    files: list[tuple[int, str]] = field(default_factory=list)
    # The rows added one record at a time (small writes audit every field of each)
    records: list[Record] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.where)

    @property
    def keys(self) -> list[str]:
        return self.columns[self.model.key]

    def location(self, index: int) -> Location:
        where = self.where[index]
        if isinstance(where, Location):
            return where
        start = bisect_right([first for first, _ in self.files], index) - 1
        return Location(self.files[start][1], where)


@dataclass
class Batch:
    """Records to write together, by table, each row with where it came from."""

    tables: dict[str, TableRows] = field(default_factory=dict)

    def _table(self, name: str) -> TableRows:
        if name not in self.tables:
            model = RECORD_TYPES[name]
            self.tables[name] = TableRows(model, {field_name: [] for field_name in model.model_fields})
        return self.tables[name]

    def add(self, record: Record, location: Location) -> None:
        rows = self._table(record.table)
        values = record.__dict__
        for name, column in rows.columns.items():
            column.append(values[name])
        rows.where.append(location)
        rows.records.append(record)

    def extend(
        self, table: str, columns: dict[str, list[Any]], lines: Sequence[Location | int], source: str
    ) -> None:
        """Add a file's rows at once: ``columns`` holds every field's validated values."""
        rows = self._table(table)
        rows.files.append((len(rows), source))
        for name, column in rows.columns.items():
            column.extend(columns[name])
        rows.where.extend(lines)

    def rows(self, table: str) -> TableRows | None:
        """The table's rows in this batch, or None if it has none."""
        rows = self.tables.get(table)
        return rows if rows else None

    def items(self) -> Iterator[tuple[str, TableRows]]:
        """The tables with rows, in the order they are written (references point backwards)."""
        for name in RECORD_TYPES:
            if rows := self.rows(name):
                yield name, rows

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.tables.values())

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.items()}


def _chunks(values: list[Any]) -> Iterator[list[Any]]:
    for offset in range(0, len(values), CHUNK):
        yield values[offset : offset + CHUNK]


def is_empty(connection: Connection, table: Table) -> bool:
    """Whether ``table`` has no row at all (then no identifier can clash with it)."""
    return connection.exec_driver_sql(f"SELECT 1 FROM {table.name} LIMIT 1").first() is None


def rows_where_in(
    connection: Connection, table: Table, key: str, values: Iterable[Any], columns: Sequence[str]
) -> Iterator[Any]:
    """The rows of ``table`` (``columns``, by name) whose ``key`` is one of ``values``, in chunks of plain
    SQL through the DB-API: compiling an expanding ``IN`` with SQLAlchemy costs more than the query."""
    wanted = sorted(set(values))
    if not wanted:
        return
    marker = "?" if connection.dialect.name == "sqlite" else "%s"
    quote = connection.dialect.identifier_preparer.quote
    selected = ", ".join(quote(name) for name in columns)
    cursor = connection.connection.cursor()  # plain tuples: SQLAlchemy's rows cost more than the query
    try:
        for chunk in _chunks(wanted):
            sql = (
                f"SELECT {selected} FROM {table.name} "
                f"WHERE {quote(key)} IN ({', '.join([marker] * len(chunk))})"
            )
            cursor.execute(sql, tuple(chunk))
            yield from cursor.fetchall()
    finally:
        cursor.close()


def existing(
    connection: Connection, table: Table, key: str, ids: Iterable[str], *columns: str
) -> dict[str, Any]:
    """The rows of ``table`` whose ``key`` is in ``ids``: key -> row (a tuple: ``key``, id, ``columns``;
    values as the driver returns them)."""
    return {row[0]: row for row in rows_where_in(connection, table, key, ids, [key, "id", *columns])}


def _problem(code: str, message: str, location: Location, field_name: str | None = None) -> Problem:
    where = Location(location.file, location.line, location.path, field_name or location.field)
    return Problem(code, message, location=where)


def _column(batch: Batch, table: str, name: str) -> list[Any]:
    rows = batch.rows(table)
    return rows.columns[name] if rows else []


def _duplicates(connection: Connection, batch: Batch) -> list[Problem]:
    problems: list[Problem] = []
    for name, rows in batch.items():
        key_name, keys = rows.model.key, rows.keys
        unique = set(keys)
        first_seen: dict[str, int] = {}
        if len(unique) != len(keys):
            for index, key in enumerate(keys):
                if key not in first_seen:
                    first_seen[key] = index
                    continue
                problems.append(
                    _problem(
                        ProblemCode.DUPLICATE_IDENTIFIER,
                        f"{key_name} {key!r} appears again (first at {rows.location(first_seen[key])}); "
                        "identifiers must be unique",
                        rows.location(index),
                        key_name,
                    )
                )
        table = TABLES[name]
        if is_empty(connection, table):
            continue
        for key in existing(connection, table, key_name, unique):
            problems.append(
                _problem(
                    ProblemCode.DUPLICATE_IDENTIFIER,
                    f"{key_name} {key!r} is already in the registry; use a new identifier",
                    rows.location(first_seen.get(key, keys.index(key))),
                    key_name,
                )
            )
    return problems


@dataclass
class _Known:
    """Identifiers that exist, in the registry or in the batch, with what references need to know."""

    cases: set[str] = field(default_factory=set)
    screenings: set[str] = field(default_factory=set)
    recommendations: set[str] = field(default_factory=set)
    persons: dict[str, tuple[str, str]] = field(default_factory=dict)  # person_id -> (case_id, role)


def _known(connection: Connection, batch: Batch) -> _Known:
    known = _Known()
    C, P = TABLES["cases"], TABLES["persons"]

    def referenced(table: str, attribute: str) -> set[str]:
        return set(_column(batch, table, attribute)) - {None}

    case_ids = referenced("persons", "case_id") | referenced("proceedings", "case_id")

    known.cases = set(_column(batch, "cases", "case_id"))
    known.cases |= {
        k for k, row in existing(connection, C, "case_id", case_ids, "deleted_at").items() if row[2] is None
    }
    S, R = TABLES["screenings"], TABLES["recommendations"]
    known.screenings = set(_column(batch, "screenings", "screening_id"))
    known.screenings |= set(existing(connection, S, "screening_id", referenced("persons", "screening_id")))
    known.recommendations = set(_column(batch, "recommendations", "recommendation_id"))
    known.recommendations |= set(
        existing(connection, R, "recommendation_id", referenced("action_items", "recommendation_id"))
    )
    person_ids = referenced("proceedings", "person_id") | referenced("services", "person_id")
    stored = existing(connection, P, "person_id", person_ids, "case_pk", "role", "deleted_at")
    case_keys = {row[2] for row in stored.values()}
    case_names = {row[0]: row[1] for row in rows_where_in(connection, C, "id", case_keys, ["id", "case_id"])}
    for person_id, (_, _, case_pk, role, deleted_at) in stored.items():
        if deleted_at is None:
            known.persons[person_id] = (case_names[case_pk], role)
    if persons := batch.rows("persons"):
        columns = persons.columns
        roles = [str(role) for role in columns["role"]]
        known.persons.update(
            zip(columns["person_id"], zip(columns["case_id"], roles, strict=True), strict=True)
        )
    return known


# A problem found with a row's references: (code, message, field)
Finding = tuple[str, str, str]


def _judged(
    rows: TableRows,
    columns: tuple[str, ...],
    judge: Callable[..., list[Finding]],
    fine: frozenset[Any] | set[Any] = frozenset(),
) -> list[Problem]:
    """The problems of ``rows``' references: ``judge`` looks at each distinct value (of one column) or
    combination of values (of several) once, except the values in ``fine``, known to be right; only if it
    finds something are the rows gone through, to name each one."""
    values = [rows.columns[name] for name in columns]
    single = len(values) == 1
    distinct = set(values[0] if single else zip(*values, strict=True))
    verdicts = {
        key: found for key in distinct.difference(fine) if (found := judge(key) if single else judge(*key))
    }
    if not verdicts:
        return []
    keys: Iterable[Any] = values[0] if single else zip(*values, strict=True)
    return [
        _problem(code, message, rows.location(index), field_name)
        for index, key in enumerate(keys)
        for code, message, field_name in verdicts.get(key, ())
    ]


def _references(batch: Batch, known: _Known) -> list[Problem]:
    suspect, victim = Role.SUSPECT.value, Role.VICTIM.value

    def missing(kind: str, field_name: str) -> Callable[[str], list[Finding]]:
        def judge(value: str) -> list[Finding]:
            message = f"{field_name} {value!r} names no {kind} in the registry or in this import; add the {kind} first"
            return [(ProblemCode.UNKNOWN_REFERENCE, message, field_name)]

        return judge

    def suspect_of_case(person_id: str | None, case_id: str) -> list[Finding]:
        if person_id is None:
            return []
        person = known.persons.get(person_id)
        if person is None:
            return missing("person", "person_id")(person_id)
        if person != (case_id, suspect):
            message = (
                f"person_id {person_id!r} is a {person[1]} in case {person[0]!r}; a proceeding in "
                f"case {case_id!r} concerns a suspect of that case"
            )
            return [(ProblemCode.WRONG_REFERENCE, message, "person_id")]
        return []

    def a_victim(person_id: str) -> list[Finding]:
        person = known.persons.get(person_id)
        if person is None:
            return missing("person", "person_id")(person_id)
        if person[1] != victim:
            message = f"person_id {person_id!r} is a {person[1]}; services are delivered to victims"
            return [(ProblemCode.WRONG_REFERENCE, message, "person_id")]
        return []

    # table -> each reference check: (columns, judge, the values known to be right)
    checks: dict[str, list[tuple[tuple[str, ...], Callable[..., list[Finding]], set[Any]]]] = {
        "persons": [
            (("case_id",), missing("case", "case_id"), known.cases),
            (("screening_id",), missing("screening", "screening_id"), known.screenings | {None}),
        ],
        "proceedings": [
            (("case_id",), missing("case", "case_id"), known.cases),
            (("person_id", "case_id"), suspect_of_case, set()),
        ],
        "services": [(("person_id",), a_victim, set())],
        "action_items": [
            (("recommendation_id",), missing("recommendation", "recommendation_id"), known.recommendations)
        ],
    }
    problems: list[Problem] = []
    for table, table_checks in checks.items():
        if rows := batch.rows(table):
            for columns, judge, fine in table_checks:
                problems += _judged(rows, columns, judge, fine)
    return problems


def _stored_events(connection: Connection, case_ids: set[str]) -> list[Event]:
    C, P, E = Case.__table__, Person.__table__, Proceeding.__table__
    events: list[Event] = []
    for chunk in _chunks(sorted(case_ids)):
        query = (
            select(E.c.proceeding_id, C.c.case_id, P.c.person_id, E.c.event, E.c.occurred_on)
            .select_from(E.join(C, E.c.case_pk == C.c.id).outerjoin(P, E.c.person_pk == P.c.id))
            .where(C.c.case_id.in_(chunk), E.c.deleted_at.is_(None))
        )
        events += [
            (row[0], row[1], row[2], row[3], row[4], Location(path=f"proceedings/{row[0]}"))
            for row in connection.execute(query)
        ]
    return events


def _order(connection: Connection, batch: Batch) -> list[Problem]:
    """Every event of the cases the batch touches, stored and new (a new record replaces a stored one with
    the same identifier), must follow the events it needs."""
    rows = batch.rows("proceedings")
    if rows is None:
        return []
    columns = rows.columns
    new: list[Event] = list(
        zip(
            columns["proceeding_id"],
            columns["case_id"],
            columns["person_id"],
            map(str, columns["event"]),
            columns["occurred_on"],
            range(len(rows)),
            strict=True,
        )
    )
    replaced = set(columns["proceeding_id"])
    stored = (
        []
        if is_empty(connection, TABLES["proceedings"])
        else _stored_events(connection, set(columns["case_id"]))
    )
    events = [e for e in stored if e[0] not in replaced] + new
    return order_problems(
        events, lambda where: where if isinstance(where, Location) else rows.location(where)
    )


def check_batch(connection: Connection, batch: Batch, *, replacing: bool = False) -> list[Problem]:
    """Every problem across the records of ``batch`` and against the registry; empty when it can be written."""
    problems = [] if replacing else _duplicates(connection, batch)
    problems += _references(batch, _known(connection, batch))
    problems += _order(connection, batch)
    return problems
