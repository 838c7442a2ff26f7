"""Checks across records, before anything is written: duplicate identifiers (in the batch and against
the registry), references to cases, persons, screenings and recommendations that exist, and the order of
proceedings (no conviction before its prosecution, no sentence before its conviction…)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, select

from tipwatch.problems import Location, Problem
from tipwatch.registry.models import Case, Person, Proceeding
from tipwatch.registry.records import (
    RECORD_TYPES,
    ActionItemRecord,
    PersonRecord,
    ProceedingRecord,
    Record,
    ServiceRecordIn,
)
from tipwatch.registry.tables import TABLES
from tipwatch.registry.vocabulary import EVENT_REQUIRES, PERSONAL_EVENTS, Role

CHUNK = 2000


@dataclass
class Batch:
    """Records to write together, each with where it came from."""

    records: dict[str, list[tuple[Record, Location]]] = field(default_factory=lambda: defaultdict(list))
    # Primary keys of stored rows that the checks looked up for references (table -> identifier -> id), so
    # that the writer need not look them up again; ids of stored rows never change.
    stored: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, record: Record, location: Location) -> None:
        self.records[record.table].append((record, location))

    def of(self, table: str) -> list[tuple[Record, Location]]:
        return self.records.get(table, [])

    def __len__(self) -> int:
        return sum(len(rows) for rows in self.records.values())

    def counts(self) -> dict[str, int]:
        return {table: len(self.of(table)) for table in RECORD_TYPES if self.of(table)}


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
    for chunk in _chunks(wanted):
        sql = (
            f"SELECT {selected} FROM {table.name} WHERE {quote(key)} IN ({', '.join([marker] * len(chunk))})"
        )
        cursor = connection.connection.cursor()  # plain tuples: SQLAlchemy's rows cost more than the query
        try:
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


def _duplicates(connection: Connection, batch: Batch) -> list[Problem]:
    problems: list[Problem] = []
    for name, model in RECORD_TYPES.items():
        rows = batch.of(name)
        if not rows:
            continue
        first_seen: dict[str, Location] = {}
        for record, location in rows:
            key = record.identifier
            if key in first_seen:
                earlier = first_seen[key]
                problems.append(
                    _problem(
                        "duplicate-identifier",
                        f"{model.key} {key!r} appears again (first at {earlier}); identifiers must be unique",
                        location,
                        model.key,
                    )
                )
            else:
                first_seen[key] = location
        table = TABLES[name]
        if is_empty(connection, table):
            continue
        for key in existing(connection, table, model.key, first_seen):
            problems.append(
                _problem(
                    "duplicate-identifier",
                    f"{model.key} {key!r} is already in the registry; use a new identifier",
                    first_seen[key],
                    model.key,
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
        return {
            str(value) for record, _ in batch.of(table) if (value := getattr(record, attribute)) is not None
        }

    case_ids = referenced("persons", "case_id") | referenced("proceedings", "case_id")

    def found(table: str, rows: dict[str, Any]) -> dict[str, Any]:
        batch.stored[table].update({key: row[1] for key, row in rows.items()})
        return rows

    known.cases = {record.identifier for record, _ in batch.of("cases")}
    known.cases |= {
        k
        for k, row in found("cases", existing(connection, C, "case_id", case_ids, "deleted_at")).items()
        if row[2] is None
    }
    S, R = TABLES["screenings"], TABLES["recommendations"]
    known.screenings = {record.identifier for record, _ in batch.of("screenings")}
    known.screenings |= set(
        found("screenings", existing(connection, S, "screening_id", referenced("persons", "screening_id")))
    )
    known.recommendations = {record.identifier for record, _ in batch.of("recommendations")}
    known.recommendations |= set(
        found(
            "recommendations",
            existing(connection, R, "recommendation_id", referenced("action_items", "recommendation_id")),
        )
    )
    person_ids = referenced("proceedings", "person_id") | referenced("services", "person_id")
    stored = found(
        "persons", existing(connection, P, "person_id", person_ids, "case_pk", "role", "deleted_at")
    )
    case_keys = {row[2] for row in stored.values()}
    case_names = {row[0]: row[1] for row in rows_where_in(connection, C, "id", case_keys, ["id", "case_id"])}
    for person_id, (_, _, case_pk, role, deleted_at) in stored.items():
        if deleted_at is None:
            known.persons[person_id] = (case_names[case_pk], role)
    for record, _ in batch.of("persons"):
        assert isinstance(record, PersonRecord)
        known.persons[record.person_id] = (record.case_id, str(record.role))
    return known


def _references(batch: Batch, known: _Known) -> list[Problem]:
    problems: list[Problem] = []

    def missing(kind: str, value: str, location: Location, field_name: str) -> None:
        problems.append(
            _problem(
                "unknown-reference",
                f"{field_name} {value!r} names no {kind} in the registry or in this import; add the {kind} first",
                location,
                field_name,
            )
        )

    for record, location in batch.of("persons"):
        assert isinstance(record, PersonRecord)
        if record.case_id not in known.cases:
            missing("case", record.case_id, location, "case_id")
        if record.screening_id is not None and record.screening_id not in known.screenings:
            missing("screening", record.screening_id, location, "screening_id")
    for record, location in batch.of("proceedings"):
        assert isinstance(record, ProceedingRecord)
        if record.case_id not in known.cases:
            missing("case", record.case_id, location, "case_id")
        if record.person_id is not None:
            person = known.persons.get(record.person_id)
            if person is None:
                missing("person", record.person_id, location, "person_id")
            elif person != (record.case_id, Role.SUSPECT.value):
                problems.append(
                    _problem(
                        "wrong-reference",
                        f"person_id {record.person_id!r} is a {person[1]} in case {person[0]!r}; a proceeding in "
                        f"case {record.case_id!r} concerns a suspect of that case",
                        location,
                        "person_id",
                    )
                )
    for record, location in batch.of("services"):
        assert isinstance(record, ServiceRecordIn)
        person = known.persons.get(record.person_id)
        if person is None:
            missing("person", record.person_id, location, "person_id")
        elif person[1] != Role.VICTIM.value:
            problems.append(
                _problem(
                    "wrong-reference",
                    f"person_id {record.person_id!r} is a {person[1]}; services are delivered to victims",
                    location,
                    "person_id",
                )
            )
    for record, location in batch.of("action_items"):
        assert isinstance(record, ActionItemRecord)
        if record.recommendation_id not in known.recommendations:
            missing("recommendation", record.recommendation_id, location, "recommendation_id")
    return problems


Event = tuple[str, str, str | None, str, date, Location]  # proceeding_id, case, person, event, day, where


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


# By the events' names (the text stored and validated), so that checking an event builds no enum member.
_REQUIRED_NAMES = {
    event.value: frozenset(r.value for r in required) for event, required in EVENT_REQUIRES.items()
}
_PERSONAL_NAMES = frozenset(event.value for event in PERSONAL_EVENTS)


def _order(connection: Connection, batch: Batch) -> list[Problem]:
    """Every event of the cases the batch touches, stored and new (a new record replaces a stored one with
    the same identifier), must follow the events it needs."""
    new: list[Event] = [
        (
            record.proceeding_id,
            record.case_id,
            record.person_id,
            str(record.event),
            record.occurred_on,
            location,
        )
        for record, location in batch.of("proceedings")
        if isinstance(record, ProceedingRecord)
    ]
    if not new:
        return []
    replaced = {event[0] for event in new}
    stored = (
        [] if is_empty(connection, TABLES["proceedings"]) else _stored_events(connection, {e[1] for e in new})
    )
    events = [e for e in stored if e[0] not in replaced] + new
    history: dict[tuple[str, str | None], list[tuple[str, date]]] = defaultdict(list)
    for _, case_id, person_id, name, day, _ in events:
        history[(case_id, person_id)].append((name, day))
        if person_id is not None:
            history[(case_id, None)].append((name, day))
    problems = []
    for _, case_id, person_id, name, day, location in events:
        required = _REQUIRED_NAMES.get(name)
        if not required:
            continue
        scope = (case_id, person_id if name in _PERSONAL_NAMES else None)
        earlier = [(other, when) for other, when in history[scope] if other in required]
        if earlier and min(when for _, when in earlier) <= day:
            continue
        names = " or ".join(sorted(required))
        whose = f"person {person_id!r} in case {case_id!r}" if scope[1] else f"case {case_id!r}"
        if not earlier:
            problems.append(
                _problem(
                    "missing-prior-event",
                    f"{name} on {day} needs an earlier {names} for {whose}; record that first",
                    location,
                    "event",
                )
            )
        else:
            first = min(earlier, key=lambda item: item[1])
            problems.append(
                _problem(
                    "date-out-of-order",
                    f"{name} on {day} comes before {first[0]} on {first[1]} for {whose}; "
                    "a later step cannot precede an earlier one",
                    location,
                    "occurred_on",
                )
            )
    return problems


def check_batch(connection: Connection, batch: Batch, *, replacing: bool = False) -> list[Problem]:
    """Every problem across the records of ``batch`` and against the registry; empty when it can be written."""
    problems = [] if replacing else _duplicates(connection, batch)
    problems += _references(batch, _known(connection, batch))
    problems += _order(connection, batch)
    return problems
