"""What a plenary review draws from the registry besides one period's statistics: monthly series, the
proceedings funnel, days from identification to first service, facts over the whole record, the action
items on recommendations and the committee's own record (meetings, screened populations). All computed
with SQL aggregates; each takes a database or the connection of the caller's snapshot."""

from __future__ import annotations

from collections import Counter
from datetime import date
from statistics import median, quantiles
from typing import Any

from sqlalchemy import Connection, and_, case, distinct, func, select

from tipwatch.evidence.periods import Period, PeriodKind
from tipwatch.evidence.precision import DatePrecision, span_end
from tipwatch.registry.models import (
    ActionItem,
    Meeting,
    Person,
    Proceeding,
    Recommendation,
    Screening,
    ServiceRecord,
)
from tipwatch.registry.stats import DateRange, identified_by, live, victims_only, within
from tipwatch.registry.vocabulary import OPEN_ACTION_STATUSES, ProceedingEvent
from tipwatch.review.statistics import ActionItemView, Funnel, MonthlyPoint, RegistryFacts, ServiceDelay
from tipwatch.review.submission import RegistryRecordFacts
from tipwatch.store import Database, reading

P = Person.__table__
E = Proceeding.__table__
S = ServiceRecord.__table__
DELAY_BANDS = (("same_day", 0), ("1_to_7_days", 7), ("8_to_30_days", 30), ("31_to_90_days", 90))


def _month_of(connection: Connection, column: Any) -> Any:
    if connection.dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.strftime("%Y-%m", column)


def _monthly(
    connection: Connection, column: Any, where: Any, span: DateRange, counted: Any = None
) -> Counter[str]:
    month = _month_of(connection, column)
    measure = func.count(distinct(counted)) if counted is not None else func.count()
    query = select(month, measure).where(where, within(column, span)).group_by(month)
    return Counter({str(key): int(value) for key, value in connection.execute(query)})


def _known_to_the_month() -> Any:
    """A month can place a day- or month-level date, never a year-level one (its January is no month)."""
    return P.c.identified_on_precision != DatePrecision.YEAR.value


def monthly_series(source: Database | Connection, last: Period, months: int = 24) -> list[MonthlyPoint]:
    """``months`` calendar months ending with the last month of ``last``."""
    final = Period.containing(last.end, PeriodKind.MONTH)
    first = final.shifted(-(months - 1))
    bounds = DateRange(first.start, final.end)
    with reading(source) as connection:
        victims = _monthly(connection, P.c.identified_on, and_(victims_only(), _known_to_the_month()), bounds)

        def events(event: ProceedingEvent, counted: Any) -> Counter[str]:
            return _monthly(
                connection, E.c.occurred_on, and_(E.c.event == event.value, live(E)), bounds, counted
            )

        investigations = events(ProceedingEvent.INVESTIGATION_OPENED, E.c.case_pk)
        prosecutions = events(ProceedingEvent.PROSECUTION_INITIATED, E.c.person_pk)
        convictions = events(ProceedingEvent.CONVICTION, E.c.person_pk)
        referred = _monthly(connection, S.c.referred_on, live(S), bounds, S.c.person_pk)
    points = []
    for step in range(months):
        key = str(first.shifted(step))
        points.append(
            MonthlyPoint(
                month=key,
                victims_identified=victims[key],
                investigations=investigations[key],
                prosecutions=prosecutions[key],
                convictions=convictions[key],
                victims_referred=referred[key],
            )
        )
    return points


def proceedings_funnel(source: Database | Connection, period: Period) -> Funnel:
    """Distinct cases that reached each stage with an event in the period."""
    counts: dict[str, int] = {}
    stages = {
        "reported": ProceedingEvent.REPORT_RECEIVED,
        "investigated": ProceedingEvent.INVESTIGATION_OPENED,
        "prosecuted": ProceedingEvent.PROSECUTION_INITIATED,
        "convicted": ProceedingEvent.CONVICTION,
    }
    with reading(source) as connection:
        for name, event in stages.items():
            query = select(func.count(distinct(E.c.case_pk))).where(
                E.c.event == event.value, live(E), within(E.c.occurred_on, period)
            )
            counts[name] = int(connection.execute(query).scalar_one())
    return Funnel(**counts)


def service_delay(source: Database | Connection, period: Period) -> ServiceDelay:
    """Days from identification to the first service started, for victims identified in the period on a
    known day (a date known only to the month or year gives no count of days)."""
    started = and_(S.c.person_pk == P.c.id, live(S), S.c.started_on.is_not(None))
    query = (
        select(P.c.identified_on, func.min(S.c.started_on))
        .select_from(P.outerjoin(S, started))
        .where(
            victims_only(),
            within(P.c.identified_on, period),
            P.c.identified_on_precision == DatePrecision.DAY.value,
        )
        .group_by(P.c.id, P.c.identified_on)
    )
    with reading(source) as connection:
        rows = connection.execute(query).all()
    days = [max(0, (first_on - identified).days) for identified, first_on in rows if first_on is not None]
    distribution = {name: 0 for name, _ in DELAY_BANDS} | {"over_90_days": 0}
    for value in days:
        band = next((name for name, limit in DELAY_BANDS if value <= limit), "over_90_days")
        distribution[band] += 1
    return ServiceDelay(
        victims=len(rows),
        without_service=len(rows) - len(days),
        median_days=float(median(days)) if days else None,
        p90_days=round(quantiles(days, n=10)[-1], 1)
        if len(days) >= 2
        else (float(days[0]) if days else None),
        distribution=distribution,
    )


def registry_facts(source: Database | Connection, as_of: date) -> RegistryFacts:
    """Facts over the whole record up to ``as_of``: e.g. "no convictions since 2019", "no victim of forced
    labour has ever been identified"."""
    # Most victims qualify: one scan of the table beats an index range with a row lookup per victim, so
    # the date is wrapped to keep SQLite from choosing the index.
    up_to = identified_by(func.coalesce(P.c.identified_on, P.c.identified_on), as_of)
    with reading(source) as connection:
        # one scan, grouped by the date's precision: the last day a victim may have been identified is
        # the end of what its date stands for (a year-level date, its whole year), so "no victim since ..."
        # does not start on a 1st of January
        by_precision = connection.execute(
            select(
                P.c.identified_on_precision,
                func.count(),
                func.coalesce(func.sum(case((P.c.exploitation_forced_labour, 1), else_=0)), 0),
                func.min(P.c.identified_on),
                func.max(P.c.identified_on),
            )
            .where(victims_only(), up_to)
            .group_by(P.c.identified_on_precision)
        ).all()
        victims = sum(int(row[1]) for row in by_precision)
        forced_labour = sum(int(row[2]) for row in by_precision)
        first = min((row[3] for row in by_precision if row[3] is not None), default=None)
        last = max((span_end(row[4], row[0]) for row in by_precision if row[4] is not None), default=None)

        def events(event: ProceedingEvent) -> tuple[int, date | None]:
            count, latest = connection.execute(
                select(func.count(), func.max(E.c.occurred_on)).where(
                    E.c.event == event.value, live(E), E.c.occurred_on <= as_of
                )
            ).one()
            return int(count), latest

        convictions, last_conviction = events(ProceedingEvent.CONVICTION)
        prosecutions, last_prosecution = events(ProceedingEvent.PROSECUTION_INITIATED)
    return RegistryFacts(
        as_of=as_of,
        victims_ever=int(victims),
        forced_labour_victims_ever=int(forced_labour),
        first_victim_identified_on=first,
        last_victim_identified_on=last,
        convictions_ever=convictions,
        last_conviction_on=last_conviction,
        prosecutions_ever=prosecutions,
        last_prosecution_on=last_prosecution,
    )


def action_items(
    source: Database | Connection, as_of: date, *, open_only: bool = True
) -> list[ActionItemView]:
    """Action items on recommendations issued by ``as_of``, ordered by due date; ``overdue`` when still
    open after their due date."""
    A = ActionItem.__table__
    R = Recommendation.__table__
    query = (
        select(
            A.c.action_id,
            R.c.recommendation_id,
            R.c.text,
            A.c.description,
            A.c.owner,
            A.c.due_on,
            A.c.status,
            A.c.completed_on,
        )
        .select_from(A.join(R, A.c.recommendation_pk == R.c.id))
        .where(live(A), live(R), R.c.issued_on <= as_of)
        .order_by(A.c.due_on, A.c.action_id)
    )
    views = []
    with reading(source) as connection:
        for row in connection.execute(query):
            still_open = row.status in OPEN_ACTION_STATUSES or (row.completed_on or date.max) > as_of
            still_open = still_open and row.status != "dropped"
            if open_only and not still_open:
                continue
            views.append(
                ActionItemView(
                    action_id=row.action_id,
                    recommendation_id=row.recommendation_id,
                    recommendation=row.text,
                    description=row.description,
                    owner=row.owner,
                    due_on=row.due_on,
                    status=row.status,
                    overdue=still_open and row.due_on < as_of,
                )
            )
    return views


def record_facts(source: Database | Connection, period: Period) -> RegistryRecordFacts:
    """The committee's own record in ``period``: plenary meetings held (and in the period before) and the
    populations screened."""
    meetings = Meeting.__table__
    screenings = Screening.__table__
    with reading(source) as connection:

        def meetings_in(span: Period) -> int:
            query = select(meetings.c.id).where(
                meetings.c.deleted_at.is_(None), within(meetings.c.held_on, span)
            )
            return len(connection.execute(query).all())

        populations = connection.execute(
            select(screenings.c.population)
            .distinct()
            .where(screenings.c.deleted_at.is_(None), within(screenings.c.screened_on, period))
            .order_by(screenings.c.population)
        ).scalars()
        return RegistryRecordFacts(
            plenary_meetings=meetings_in(period),
            previous_plenary_meetings=meetings_in(period.previous()),
            screened_populations=[str(p) for p in populations],
        )
