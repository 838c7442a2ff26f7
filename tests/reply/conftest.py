"""Registries for the right-of-reply tests, built in code on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest

from tipwatch.registry.models import Case, Person, Proceeding, ServiceRecord
from tipwatch.store import Database

ACTOR = "test-builder"


@dataclass
class RegistryBuilder:
    """Adds cases, victims, suspects, proceedings and services, each in its own committed unit."""

    database: Database
    _serial: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def _tracked(self) -> dict[str, object]:
        return {"created_at": datetime.now(UTC), "created_by": ACTOR}

    def case(self, opened_on: date) -> str:
        case_id = f"CASE-{next(self._serial):04d}"
        with self.database.session() as session:
            session.add(Case(case_id=case_id, opened_on=opened_on, status="active", **self._tracked()))
        return case_id

    def _case_pk(self, session: object, case_id: str) -> int:
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        assert isinstance(session, Session)
        pk = session.scalar(select(Case.id).where(Case.case_id == case_id))
        assert pk is not None
        return pk

    def person(self, case_id: str, role: str, identified_on: date | None = None, **profile: object) -> str:
        person_id = f"P-{next(self._serial):05d}"
        with self.database.session() as session:
            session.add(
                Person(
                    person_id=person_id,
                    case_pk=self._case_pk(session, case_id),
                    role=role,
                    identified_on=identified_on,
                    **profile,
                    **self._tracked(),
                )
            )
        return person_id

    def victim(self, case_id: str, identified_on: date, **profile: object) -> str:
        profile.setdefault("trafficking_status", "actual")
        return self.person(case_id, "victim", identified_on, **profile)

    def proceeding(self, case_id: str, event: str, occurred_on: date, person_id: str | None = None) -> None:
        from sqlalchemy import select

        with self.database.session() as session:
            person_pk = None
            if person_id is not None:
                person_pk = session.scalar(select(Person.id).where(Person.person_id == person_id))
            session.add(
                Proceeding(
                    proceeding_id=f"PR-{next(self._serial):05d}",
                    case_pk=self._case_pk(session, case_id),
                    person_pk=person_pk,
                    event=event,
                    occurred_on=occurred_on,
                    **self._tracked(),
                )
            )

    def service(self, person_id: str, started_on: date, service: str = "shelter") -> None:
        from sqlalchemy import select

        with self.database.session() as session:
            person_pk = session.scalar(select(Person.id).where(Person.person_id == person_id))
            assert person_pk is not None
            session.add(
                ServiceRecord(
                    service_id=f"SV-{next(self._serial):05d}",
                    person_pk=person_pk,
                    service=service,
                    provider="Social Welfare Bureau",
                    referred_on=started_on,
                    started_on=started_on,
                    **self._tracked(),
                )
            )


@pytest.fixture
def registry(database: Database) -> RegistryBuilder:
    return RegistryBuilder(database)
