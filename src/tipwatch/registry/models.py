"""Registry tables (issue 5): cases, the persons in them by role under pseudonymous identifiers (no
names), screenings, proceedings as dated events, services, recommendations with action items, plenary
meetings. (The append-only audit log is the database's own: :mod:`tipwatch.store.audit`.)

Column names follow HTCDS v2.0 (snake_case of its field names) where HTCDS has one: ``status``
(cas_Status), ``gender`` (prs_Gender), ``citizenship`` (prs_Citizenship), ``trafficking_status``
(vic_TraffickingStatus), ``method_of_recruitment``, ``location_of_recruitment``,
``location_of_exploitation``, ``methods_of_control`` (vic_*), ``referring_organisation`` and
``incoming_referral_date`` (cas_*). Coded values are the names in :mod:`tipwatch.registry.vocabulary`.
Records are never deleted: ``deleted_at``/``deleted_by`` mark a soft delete.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from tipwatch.store.audit import AuditEntry as AuditEntry  # one audit log, in store/
from tipwatch.store.base import Base

ID = String(64)
CODE = String(40)
COUNTRY = String(2)
COARSE_DATE = "identified_on_precision != 'day'"
"""Persons identified in a month or year, not on a day: few or none, in an index of their own."""


class _Tracked:
    """Who created a record and when, and its soft delete."""

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(120))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    deleted_by: Mapped[str | None] = mapped_column(String(120), nullable=True)


class Case(_Tracked, Base):
    __tablename__ = "registry_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(ID, unique=True)
    opened_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    status: Mapped[str] = mapped_column(CODE)
    official_complicity: Mapped[bool] = mapped_column(Boolean, default=False)
    case_owner: Mapped[str | None] = mapped_column(String(120), nullable=True)
    referring_organisation: Mapped[str | None] = mapped_column(String(200), nullable=True)
    incoming_referral_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class Person(_Tracked, Base):
    """A person in a case by role. Victims carry their profile; suspects and witnesses leave it empty.
    ``identified_on_precision`` (day, month, year) says how much of ``identified_on`` is known: see
    :mod:`tipwatch.evidence.precision`."""

    __tablename__ = "registry_persons"
    __table_args__ = (
        Index(
            "ix_registry_persons_coarse_identified_on",
            "identified_on",
            sqlite_where=text(COARSE_DATE),
            postgresql_where=text(COARSE_DATE),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[str] = mapped_column(ID, unique=True)
    case_pk: Mapped[int] = mapped_column(ForeignKey("registry_cases.id"), index=True)
    role: Mapped[str] = mapped_column(CODE)
    gender: Mapped[str | None] = mapped_column(CODE, nullable=True)
    citizenship: Mapped[str | None] = mapped_column(COUNTRY, nullable=True)
    age: Mapped[int | None] = mapped_column(Integer, nullable=True)
    age_group: Mapped[str | None] = mapped_column(CODE, nullable=True)
    is_official: Mapped[bool] = mapped_column(Boolean, default=False)
    trafficking_status: Mapped[str | None] = mapped_column(CODE, nullable=True)
    decision_making_organisation: Mapped[str | None] = mapped_column(CODE, nullable=True)
    identified_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    identified_on_precision: Mapped[str] = mapped_column(CODE, default="day", server_default="day")
    screening_pk: Mapped[int | None] = mapped_column(
        ForeignKey("registry_screenings.id"), nullable=True, index=True
    )
    method_of_recruitment: Mapped[str | None] = mapped_column(CODE, nullable=True)
    location_of_recruitment: Mapped[str | None] = mapped_column(COUNTRY, nullable=True)
    location_of_exploitation: Mapped[str | None] = mapped_column(COUNTRY, nullable=True)
    methods_of_control: Mapped[str | None] = mapped_column(Text, nullable=True)
    exploitation_sexual: Mapped[bool] = mapped_column(Boolean, default=False)
    exploitation_forced_labour: Mapped[bool] = mapped_column(Boolean, default=False)
    exploitation_forced_criminality: Mapped[bool] = mapped_column(Boolean, default=False)
    exploitation_domestic_servitude: Mapped[bool] = mapped_column(Boolean, default=False)
    exploitation_forced_marriage: Mapped[bool] = mapped_column(Boolean, default=False)
    exploitation_child_soldiering: Mapped[bool] = mapped_column(Boolean, default=False)
    exploitation_organ_removal: Mapped[bool] = mapped_column(Boolean, default=False)
    exploitation_other: Mapped[bool] = mapped_column(Boolean, default=False)


class Screening(_Tracked, Base):
    __tablename__ = "registry_screenings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    screening_id: Mapped[str] = mapped_column(ID, unique=True)
    screened_on: Mapped[date] = mapped_column(Date, index=True)
    setting: Mapped[str] = mapped_column(CODE)
    population: Mapped[str] = mapped_column(String(200))
    persons_screened: Mapped[int] = mapped_column(Integer)
    indicators_observed: Mapped[str | None] = mapped_column(Text, nullable=True)
    outcome: Mapped[str] = mapped_column(CODE)


class Proceeding(_Tracked, Base):
    """One dated event of criminal proceedings, for a case and, when personal, one suspect."""

    __tablename__ = "registry_proceedings"
    __table_args__ = (
        Index("ix_registry_proceedings_event_occurred_on", "event", "occurred_on", "deleted_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proceeding_id: Mapped[str] = mapped_column(ID, unique=True)
    case_pk: Mapped[int] = mapped_column(ForeignKey("registry_cases.id"), index=True)
    person_pk: Mapped[int | None] = mapped_column(
        ForeignKey("registry_persons.id"), nullable=True, index=True
    )
    event: Mapped[str] = mapped_column(CODE)
    occurred_on: Mapped[date] = mapped_column(Date)
    statute_article: Mapped[str | None] = mapped_column(String(120), nullable=True)
    sentence_months: Mapped[int | None] = mapped_column(Integer, nullable=True)
    sentence_suspended: Mapped[bool | None] = mapped_column(Boolean, nullable=True)


class ServiceRecord(_Tracked, Base):
    """A referral of a victim to a service and its delivery."""

    __tablename__ = "registry_services"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_id: Mapped[str] = mapped_column(ID, unique=True)
    person_pk: Mapped[int] = mapped_column(ForeignKey("registry_persons.id"), index=True)
    service: Mapped[str] = mapped_column(CODE)
    provider: Mapped[str] = mapped_column(String(200))
    referred_on: Mapped[date] = mapped_column(Date, index=True)
    started_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class Recommendation(_Tracked, Base):
    __tablename__ = "registry_recommendations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recommendation_id: Mapped[str] = mapped_column(ID, unique=True)
    source: Mapped[str] = mapped_column(CODE)
    report_year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    issued_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)


class ActionItem(_Tracked, Base):
    __tablename__ = "registry_action_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[str] = mapped_column(ID, unique=True)
    recommendation_pk: Mapped[int] = mapped_column(ForeignKey("registry_recommendations.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(CODE)
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class Meeting(_Tracked, Base):
    """A plenary meeting of the coordinating body."""

    __tablename__ = "registry_meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[str] = mapped_column(ID, unique=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    attendees: Mapped[str] = mapped_column(Text)
    decisions: Mapped[str] = mapped_column(Text)


EXPLOITATION_COLUMNS = {
    "sexual": "exploitation_sexual",
    "forced_labour": "exploitation_forced_labour",
    "forced_criminality": "exploitation_forced_criminality",
    "domestic_servitude": "exploitation_domestic_servitude",
    "forced_marriage": "exploitation_forced_marriage",
    "child_soldiering": "exploitation_child_soldiering",
    "organ_removal": "exploitation_organ_removal",
    "other": "exploitation_other",
}
