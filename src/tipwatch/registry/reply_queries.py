"""The registry's dated events for the right of reply, read over the registry's own tables.

Each event carries a pseudonymous identifier only (``person_id`` / ``case_id``), never a profile:
- victims identified: victims (not ``not_a_victim``) by ``identified_on``; those with forced labour among
  their forms of exploitation also count as victims of forced labour identified; a date known only to
  the year is left out, like no date (a reporting period, April to March, cannot place it);
- victims provided services: a service delivered (``started_on``) to a victim;
- investigations opened: cases with an ``investigation_opened`` proceeding (one per case);
- prosecutions initiated and persons convicted: ``prosecution_initiated`` / ``conviction`` proceedings,
  one per suspect (per case when the proceeding names no suspect).

Soft-deleted records, and everything in a soft-deleted case, are left out. The registry covers the
jurisdiction from the first day of the month of its earliest dated record, unless told otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from tipwatch.evidence.precision import DatePrecision
from tipwatch.registry.models import Case, Person, Proceeding, ServiceRecord
from tipwatch.registry.vocabulary import ProceedingEvent, Role, TraffickingStatus
from tipwatch.reply.brief import RecordEvent, RegistryRecords
from tipwatch.reply.claims import Measure

_PROCEEDING_MEASURES = {
    ProceedingEvent.INVESTIGATION_OPENED.value: Measure.INVESTIGATIONS,
    ProceedingEvent.PROSECUTION_INITIATED.value: Measure.PROSECUTIONS,
    ProceedingEvent.CONVICTION.value: Measure.CONVICTIONS,
}


def reply_records(
    session: Session, covers_from: date | None = None, until: date = date.max
) -> RegistryRecords:
    """Every event the right of reply counts, up to ``until``, with the registry's coverage."""
    events = [
        *_victim_events(session, until),
        *_service_events(session, until),
        *_proceeding_events(session, until),
    ]
    if covers_from is None:
        earliest = _earliest_record(session)
        covers_from = earliest.replace(day=1) if earliest else None
    return RegistryRecords.of(events, covers_from)


def _is_victim() -> list[ColumnElement[bool]]:
    return [
        Person.role == Role.VICTIM.value,
        Person.deleted_at.is_(None),
        Case.deleted_at.is_(None),
        or_(
            Person.trafficking_status.is_(None),
            Person.trafficking_status != TraffickingStatus.NOT_A_VICTIM.value,
        ),
    ]


def _victim_events(session: Session, until: date) -> Iterator[RecordEvent]:
    rows = session.execute(
        select(Person.person_id, Person.identified_on, Person.exploitation_forced_labour)
        .join(Case, Person.case_pk == Case.id)
        .where(
            *_is_victim(),
            Person.identified_on.is_not(None),
            Person.identified_on <= until,
            Person.identified_on_precision != DatePrecision.YEAR.value,
        )
    )
    for person_id, identified_on, forced_labour in rows:
        if identified_on is None:
            continue
        yield RecordEvent(Measure.VICTIMS_IDENTIFIED, person_id, identified_on)
        if forced_labour:
            yield RecordEvent(Measure.FORCED_LABOUR_VICTIMS_IDENTIFIED, person_id, identified_on)


def _service_events(session: Session, until: date) -> Iterator[RecordEvent]:
    rows = session.execute(
        select(Person.person_id, ServiceRecord.started_on)
        .join(Person, ServiceRecord.person_pk == Person.id)
        .join(Case, Person.case_pk == Case.id)
        .where(
            *_is_victim(),
            ServiceRecord.deleted_at.is_(None),
            ServiceRecord.started_on.is_not(None),
            ServiceRecord.started_on <= until,
        )
    )
    for person_id, started_on in rows:
        if started_on is not None:
            yield RecordEvent(Measure.VICTIMS_SERVED, person_id, started_on)


def _proceeding_events(session: Session, until: date) -> Iterator[RecordEvent]:
    rows = session.execute(
        select(Proceeding.event, Proceeding.occurred_on, Case.case_id, Person.person_id)
        .join(Case, Proceeding.case_pk == Case.id)
        .outerjoin(Person, Proceeding.person_pk == Person.id)
        .where(
            Proceeding.event.in_(list(_PROCEEDING_MEASURES)),
            Proceeding.deleted_at.is_(None),
            Proceeding.occurred_on <= until,
            Case.deleted_at.is_(None),
        )
    )
    for event, occurred_on, case_id, person_id in rows:
        measure = _PROCEEDING_MEASURES[event]
        record_id = case_id if measure is Measure.INVESTIGATIONS or person_id is None else person_id
        yield RecordEvent(measure, record_id, occurred_on)


def _earliest_record(session: Session) -> date | None:
    candidates = [
        session.scalar(
            select(Case.opened_on).where(Case.deleted_at.is_(None)).order_by(Case.opened_on).limit(1)
        ),
        session.scalar(
            select(Proceeding.occurred_on)
            .where(Proceeding.deleted_at.is_(None))
            .order_by(Proceeding.occurred_on)
            .limit(1)
        ),
        session.scalar(
            select(Person.identified_on)
            .where(Person.deleted_at.is_(None), Person.identified_on.is_not(None))
            .order_by(Person.identified_on)
            .limit(1)
        ),
    ]
    dates = [d for d in candidates if d is not None]
    return min(dates) if dates else None
