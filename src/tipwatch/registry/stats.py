"""Compute the registry's statistics with SQL aggregates, in the database, for a period and the one
before it (:func:`compute_statistics`), and the series and facts a plenary review draws on.

Definitions (documented in docs/registry.md):
- investigations: cases with an ``investigation_opened`` event in the period; persons = the suspects of
  those cases (UNODC: persons brought into formal contact);
- prosecutions / convictions: suspects with a ``prosecution_initiated`` / ``conviction`` event in the
  period, and their cases; by form of exploitation of the case (the forms of its victims);
- victims identified: persons in the role ``victim`` identified in the period whose trafficking status is
  not ``not_a_victim``; a victim whose identification date is known only to the year (or month) counts
  only in a period that covers that whole year (month); one it overlaps in part is counted as not
  placeable (``not_placeable.victims``), never silently dropped (:mod:`tipwatch.evidence.precision`);
- soft-deleted records are never counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, case, distinct, func, or_, select

from tipwatch.evidence.periods import Period
from tipwatch.evidence.precision import DatePrecision, overlapping, placeable_in
from tipwatch.registry.models import (
    EXPLOITATION_COLUMNS,
    ActionItem,
    Case,
    Person,
    Proceeding,
    Recommendation,
    Screening,
    ServiceRecord,
)
from tipwatch.registry.vocabulary import ActionStatus, AgeGroup, Exploitation, ProceedingEvent, Role, Service
from tipwatch.review.statistics import SENTENCE_BANDS, PeriodStatistics, compare
from tipwatch.store import Database, reading

P = Person.__table__
C = Case.__table__
E = Proceeding.__table__
S = ServiceRecord.__table__
SC = Screening.__table__
FORMS = [form.value for form in Exploitation]
SEX = {
    "feminine": "female",
    "transgender_feminine": "female",
    "masculine": "male",
    "transgender_masculine": "male",
    "non_conforming": "other",
}


def live(table: Any) -> ColumnElement[bool]:
    return table.c.deleted_at.is_(None)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class DateRange:
    start: date
    end: date


def within(column: Any, period: Period | DateRange) -> ColumnElement[bool]:
    return and_(column >= period.start, column <= period.end)


COARSE = P.c.identified_on_precision != DatePrecision.DAY.value
"""Month- and year-level dates: the condition of their own (partial) index, so that a query for them
reads only them."""


def _stored_in(precision: DatePrecision, first: date, last: date) -> ColumnElement[bool]:
    dated = and_(P.c.identified_on_precision == precision.value, P.c.identified_on.between(first, last))
    return dated if precision is DatePrecision.DAY else and_(COARSE, dated)


def identified_within_each(period: Period | DateRange) -> list[ColumnElement[bool]]:
    """Persons whose identification date can be placed in the period, one condition per precision: a
    day in it, or a month or year it covers whole. Day-level dates (every date stored before precision
    was recorded) as before. Apart, each query reads one index range; OR-ed, SQLite reads both twice."""
    ranges = [(p, placeable_in(period.start, period.end, p)) for p in DatePrecision]
    return [_stored_in(p, r.first, r.last) for p, r in ranges if not r.empty]


def identified_within(period: Period | DateRange) -> ColumnElement[bool]:
    return or_(*identified_within_each(period))


def identified_in_part(period: Period | DateRange) -> ColumnElement[bool]:
    """Persons whose year- or month-level identification date the period covers only in part."""
    parts = []
    for precision in (DatePrecision.MONTH, DatePrecision.YEAR):
        near = overlapping(period.start, period.end, precision)
        whole = placeable_in(period.start, period.end, precision)
        inside = _stored_in(precision, near.first, near.last)
        parts.append(
            inside if whole.empty else and_(inside, ~P.c.identified_on.between(whole.first, whole.last))
        )
    return or_(*parts)


def identified_by(day_column: Any, as_of: date) -> ColumnElement[bool]:
    """Persons identified by ``as_of``: on a day up to it, or in a month or year that ended by then
    (``day_column``: ``identified_on``, possibly wrapped to steer the query planner)."""
    ends = {p: placeable_in(date.min, as_of, p).last for p in (DatePrecision.MONTH, DatePrecision.YEAR)}
    return or_(
        and_(P.c.identified_on_precision == DatePrecision.DAY.value, day_column <= as_of),
        *(and_(P.c.identified_on_precision == p.value, day_column <= last) for p, last in ends.items()),
    )


def victims_only() -> ColumnElement[bool]:
    """Persons counted as victims: role victim, not deleted, not found to be no victim."""
    return and_(
        P.c.role == Role.VICTIM.value,
        live(P),
        or_(P.c.trafficking_status.is_(None), P.c.trafficking_status != "not_a_victim"),
    )


def _event_rows(event: ProceedingEvent, period: Period) -> Select[Any]:
    return select(E.c.case_pk, E.c.person_pk).where(
        E.c.event == event.value, live(E), within(E.c.occurred_on, period)
    )


def _case_forms(connection: Connection, case_pks: Iterable[int]) -> dict[int, list[str]]:
    """The forms of exploitation of each case: those of any of its victims."""
    pks = sorted(set(case_pks))
    forms: dict[int, list[str]] = {}
    columns = [func.max(case((P.c[EXPLOITATION_COLUMNS[form]], 1), else_=0)) for form in FORMS]
    for offset in range(0, len(pks), 5000):
        chunk = pks[offset : offset + 5000]
        query = (
            select(P.c.case_pk, *columns).where(victims_only(), P.c.case_pk.in_(chunk)).group_by(P.c.case_pk)
        )
        for row in connection.execute(query):
            forms[row[0]] = [form for form, flag in zip(FORMS, row[1:], strict=True) if flag]
    return forms


def _by_form(persons_by_case: Counter[int], forms: dict[int, list[str]]) -> dict[str, int]:
    counts = dict.fromkeys(FORMS, 0)
    for case_pk, persons in persons_by_case.items():
        for form in forms.get(case_pk, []):
            counts[form] += persons
    return counts


def _proceedings(connection: Connection, event: ProceedingEvent, period: Period) -> dict[str, Any]:
    rows = connection.execute(_event_rows(event, period)).all()
    cases = {row.case_pk for row in rows}
    if event is ProceedingEvent.INVESTIGATION_OPENED:
        suspects = (
            connection.execute(
                select(P.c.case_pk, P.c.id).where(
                    P.c.role == Role.SUSPECT.value, live(P), P.c.case_pk.in_(cases)
                )
            ).all()
            if cases
            else []
        )
        pairs = {(row[0], row[1]) for row in suspects}
    else:
        pairs = {(row.case_pk, row.person_pk) for row in rows if row.person_pk is not None}
    per_case = Counter(case_pk for case_pk, _ in pairs)
    return {
        "cases": len(cases),
        "persons": len({person for _, person in pairs}),
        "by_exploitation": _by_form(per_case, _case_forms(connection, cases)),
    }


def _sentence_band(months: int | None) -> str:
    if months is None:
        return "length_unknown"
    if months < 12:
        return "under_1_year"
    if months < 60:
        return "1_to_5_years"
    if months < 120:
        return "5_to_10_years"
    return "10_years_or_more"


def _sentences(connection: Connection, period: Period) -> dict[str, Any]:
    query = (
        select(E.c.sentence_months, E.c.sentence_suspended, func.count())
        .where(E.c.event == ProceedingEvent.SENTENCE.value, live(E), within(E.c.occurred_on, period))
        .group_by(E.c.sentence_months, E.c.sentence_suspended)
    )
    bands = dict.fromkeys(SENTENCE_BANDS, 0)
    total = suspended = 0
    for months, is_suspended, count in connection.execute(query):
        total += count
        suspended += count if is_suspended else 0
        bands[_sentence_band(months)] += count
    return {"total": total, "suspended": suspended, "by_length": bands}


def _sex_and_age(sex: str, age_group: str | None) -> str:
    if sex not in ("female", "male") or age_group is None:
        return "unknown"
    adult = age_group == AgeGroup.ADULT.value
    return {("female", True): "women", ("female", False): "girls", ("male", True): "men"}.get(
        (sex, adult), "boys"
    )


def _victim_counts(connection: Connection, period: Period) -> dict[str, Any]:
    flags = [func.sum(case((P.c[EXPLOITATION_COLUMNS[form]], 1), else_=0)) for form in FORMS]
    query = select(P.c.gender, P.c.age_group, P.c.citizenship, func.count(), *flags).group_by(
        P.c.gender, P.c.age_group, P.c.citizenship
    )
    rows = [
        row
        for placed in identified_within_each(period)
        for row in connection.execute(query.where(victims_only(), placed))
    ]
    total = 0
    by_sex: Counter[str] = Counter({"female": 0, "male": 0, "other": 0, "unknown": 0})
    by_age: Counter[str] = Counter({"adult": 0, "child": 0, "unknown": 0})
    by_sex_age: Counter[str] = Counter({"women": 0, "men": 0, "girls": 0, "boys": 0, "unknown": 0})
    by_citizenship: Counter[str] = Counter()
    by_form: Counter[str] = Counter(dict.fromkeys(FORMS, 0))
    for gender, age_group, citizenship, count, *sums in rows:
        sex = SEX.get(gender or "", "unknown")
        total += count
        by_sex[sex] += count
        by_age[age_group or "unknown"] += count
        by_sex_age[_sex_and_age(sex, age_group)] += count
        by_citizenship[citizenship or "unknown"] += count
        for form, value in zip(FORMS, sums, strict=True):
            by_form[form] += int(value or 0)
    return {
        "identified": total,
        "by_sex": dict(by_sex),
        "by_age_group": dict(by_age),
        "by_sex_and_age": dict(by_sex_age),
        "by_citizenship": dict(sorted(by_citizenship.items(), key=lambda item: (-item[1], item[0]))),
        "by_exploitation": dict(by_form),
    }


def _not_placeable(connection: Connection, period: Period) -> dict[str, int]:
    """Victims whose identification date is coarser than the period (a year-level date in a month or a
    reporting period): the period covers part of their year, so they are neither counted nor left out."""
    query = select(func.count()).where(victims_only(), identified_in_part(period))
    return {"victims": int(connection.execute(query).scalar_one())}


def _service_counts(connection: Connection, period: Period) -> dict[str, Any]:
    def grouped(column: Any) -> dict[str, int]:
        counts = dict.fromkeys((s.value for s in Service), 0)
        query = select(S.c.service, func.count()).where(live(S), within(column, period)).group_by(S.c.service)
        counts.update({str(row[0]): int(row[1]) for row in connection.execute(query)})
        return counts

    def persons(column: Any) -> int:
        query = select(func.count(distinct(S.c.person_pk))).where(live(S), within(column, period))
        return int(connection.execute(query).scalar_one())

    return {
        "victims_referred": persons(S.c.referred_on),
        "referrals_by_service": grouped(S.c.referred_on),
        "victims_served": persons(S.c.started_on),
        "delivered_by_service": grouped(S.c.started_on),
    }


def _screening_counts(connection: Connection, period: Period) -> dict[str, Any]:
    in_period = and_(live(SC), within(SC.c.screened_on, period))
    count, screened = connection.execute(
        select(func.count(), func.coalesce(func.sum(SC.c.persons_screened), 0)).where(in_period)
    ).one()
    found = connection.execute(
        select(func.count())
        .select_from(P.join(SC, P.c.screening_pk == SC.c.id))
        .where(in_period, victims_only())
    ).scalar_one()
    return {"screenings": int(count), "persons_screened": int(screened), "victims_found": int(found)}


def _complicity_counts(connection: Connection, period: Period) -> dict[str, Any]:
    cases = connection.execute(
        select(func.count()).where(C.c.official_complicity.is_(True), live(C), within(C.c.opened_on, period))
    ).scalar_one()

    def officials(event: ProceedingEvent) -> int:
        query = (
            select(func.count(distinct(E.c.person_pk)))
            .select_from(E.join(P, E.c.person_pk == P.c.id))
            .where(
                E.c.event == event.value, live(E), within(E.c.occurred_on, period), P.c.is_official.is_(True)
            )
        )
        return int(connection.execute(query).scalar_one())

    return {
        "cases": int(cases),
        "officials_prosecuted": officials(ProceedingEvent.PROSECUTION_INITIATED),
        "officials_convicted": officials(ProceedingEvent.CONVICTION),
    }


def _recommendation_counts(connection: Connection, period: Period) -> dict[str, Any]:
    A = ActionItem.__table__
    R = Recommendation.__table__
    as_of = period.end
    done_by_end = and_(A.c.status == ActionStatus.DONE.value, A.c.completed_on <= as_of)
    dropped = A.c.status == ActionStatus.DROPPED.value
    is_open = ~or_(done_by_end, dropped)
    query = (
        select(
            func.count(),
            func.sum(case((done_by_end, 1), else_=0)),
            func.sum(case((is_open, 1), else_=0)),
            func.sum(case((and_(is_open, A.c.due_on < as_of), 1), else_=0)),
            func.sum(
                case(
                    (and_(A.c.status == ActionStatus.DONE.value, within(A.c.completed_on, period)), 1),
                    else_=0,
                )
            ),
        )
        .select_from(A.join(R, A.c.recommendation_pk == R.c.id))
        .where(live(A), live(R), R.c.issued_on <= as_of)
    )
    total, done, open_, overdue, completed = connection.execute(query).one()
    return {
        "action_items": int(total or 0),
        "done": int(done or 0),
        "open": int(open_ or 0),
        "overdue": int(overdue or 0),
        "completed_in_period": int(completed or 0),
    }


def period_counts(connection: Connection, period: Period) -> dict[str, Any]:
    """The raw counts of one period, nested like :class:`PeriodStatistics`."""
    return {
        "investigations": _proceedings(connection, ProceedingEvent.INVESTIGATION_OPENED, period),
        "prosecutions": _proceedings(connection, ProceedingEvent.PROSECUTION_INITIATED, period),
        "convictions": _proceedings(connection, ProceedingEvent.CONVICTION, period),
        "acquittals": len(
            {row.person_pk for row in connection.execute(_event_rows(ProceedingEvent.ACQUITTAL, period))}
        ),
        "sentences": _sentences(connection, period),
        "victims": _victim_counts(connection, period),
        "services": _service_counts(connection, period),
        "screenings": _screening_counts(connection, period),
        "official_complicity": _complicity_counts(connection, period),
        "recommendations": _recommendation_counts(connection, period),
        "not_placeable": _not_placeable(connection, period),
    }


def compute_statistics(source: Database | Connection, period: Period) -> PeriodStatistics:
    """The statistics for ``period`` beside those of the period before it, both read in one snapshot
    (``source``: a database, or a connection the caller already reads through)."""
    previous = period.previous()
    with reading(source) as connection:
        current_counts = period_counts(connection, period)
        previous_counts = period_counts(connection, previous)
    return compare(
        str(period),
        (period.start, period.end),
        str(previous),
        (previous.start, previous.end),
        current_counts,
        previous_counts,
    )
