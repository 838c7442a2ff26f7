"""Registries built in code through the registry's own API, for the review tests.

``macao_like``: victims identified until February 2019, the last conviction in August 2019, the last
prosecution in January 2021, never a victim of forced labour; in 2024 investigations but no victims, a
labour inspection that screened 120 workers and found none, and TIP Report recommendations with one
overdue action item. ``busy_month``: seven victims identified in May 2024 (five women, two boys), with
services, proceedings and convictions, for disclosure control.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tipwatch.registry.records import (
    ActionItemRecord,
    CaseRecord,
    MeetingRecord,
    PersonRecord,
    ProceedingRecord,
    RecommendationRecord,
    Record,
    ScreeningRecord,
    ServiceRecordIn,
)
from tipwatch.registry.repository import add
from tipwatch.store import Database

ACTOR = "test-builder"


class Builder:
    def __init__(self) -> None:
        self.records: list[Record] = []
        self.count = 0

    def next_id(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}-{self.count:04d}"

    def case(self, opened: date, **extra: Any) -> str:
        case_id = self.next_id("C")
        self.records.append(CaseRecord(case_id=case_id, opened_on=opened, **extra))
        return case_id

    def victim(
        self,
        case_id: str,
        identified: date,
        gender: str,
        age: int,
        citizenship: str,
        forms: list[str],
        **extra: Any,
    ) -> str:
        person_id = self.next_id("V")
        self.records.append(
            PersonRecord(
                person_id=person_id,
                case_id=case_id,
                role="victim",
                gender=gender,
                age=age,
                citizenship=citizenship,
                trafficking_status="actual",
                identified_on=identified,
                exploitation=forms,
                **extra,
            )
        )
        return person_id

    def suspect(self, case_id: str) -> str:
        person_id = self.next_id("S")
        self.records.append(
            PersonRecord(person_id=person_id, case_id=case_id, role="suspect", gender="masculine", age=40)
        )
        return person_id

    def event(self, case_id: str, event: str, on: date, person_id: str | None = None, **extra: Any) -> None:
        self.records.append(
            ProceedingRecord(
                proceeding_id=self.next_id("P"),
                case_id=case_id,
                person_id=person_id,
                event=event,
                occurred_on=on,
                **extra,
            )
        )

    def service(self, person_id: str, service: str, referred: date, started: date | None) -> None:
        self.records.append(
            ServiceRecordIn(
                service_id=self.next_id("SV"),
                person_id=person_id,
                service=service,
                provider="Social Welfare Bureau",
                referred_on=referred,
                started_on=started,
            )
        )

    def convicted_case(self, opened: date, convicted: date, victims: list[tuple[str, int, str]]) -> None:
        case_id = self.case(opened, status="closed")
        for gender, age, citizenship in victims:
            self.victim(case_id, opened, gender, age, citizenship, ["sexual"])
        suspect = self.suspect(case_id)
        self.event(case_id, "report_received", opened)
        self.event(case_id, "investigation_opened", opened + timedelta(days=3))
        self.event(
            case_id,
            "prosecution_initiated",
            opened + timedelta(days=90),
            suspect,
            statute_article="Penal Code art. 153-A",
        )
        self.event(case_id, "conviction", convicted, suspect, statute_article="Penal Code art. 153-A")
        self.event(case_id, "sentence", convicted, suspect, sentence_months=60, sentence_suspended=False)

    def write(self, db: Database) -> None:
        add(db, self.records, ACTOR)


def macao_like(db: Database) -> None:
    b = Builder()
    for year in (2016, 2017):
        for month in (3, 7, 11):
            b.convicted_case(
                date(year, month, 5),
                date(year + 1, month, 20),
                [("feminine", 24, "CN"), ("feminine", 17, "VN")],
            )
    b.convicted_case(date(2019, 2, 10), date(2019, 8, 14), [("feminine", 30, "CN")])
    case_id = b.case(date(2020, 11, 2))
    suspect = b.suspect(case_id)
    b.event(case_id, "investigation_opened", date(2020, 11, 3))
    b.event(case_id, "prosecution_initiated", date(2021, 1, 5), suspect)
    b.event(case_id, "acquittal", date(2021, 9, 1), suspect)
    for day in (date(2024, 4, 9), date(2024, 5, 14), date(2024, 5, 21)):
        case_id = b.case(day)
        b.event(case_id, "report_received", day)
        b.event(case_id, "investigation_opened", day + timedelta(days=1))
        b.event(case_id, "investigation_closed", day + timedelta(days=10))
    b.records.append(
        ScreeningRecord(
            screening_id="SCR-1",
            screened_on=date(2024, 5, 8),
            setting="labour_inspection",
            population="construction workers",
            persons_screened=120,
            outcome="no_indicators",
        )
    )
    b.records.append(
        RecommendationRecord(
            recommendation_id="REC-2023-1",
            source="tip_report",
            report_year=2023,
            issued_on=date(2023, 6, 15),
            text="Proactively screen migrant workers for forced labour indicators.",
        )
    )
    b.records.append(
        ActionItemRecord(
            action_id="ACT-1",
            recommendation_id="REC-2023-1",
            description="Train labour inspectors in the ILO indicators",
            owner="Labour Affairs Bureau",
            due_on=date(2024, 1, 31),
            status="open",
        )
    )
    b.records.append(
        ActionItemRecord(
            action_id="ACT-2",
            recommendation_id="REC-2023-1",
            description="Joint inspections with police",
            owner="Public Security Police",
            due_on=date(2024, 12, 31),
            status="in_progress",
        )
    )
    for month in range(1, 13):  # monthly plenaries from April 2023 to March 2024 (RP2024)
        held = date(2023 + (month + 2) // 12, (month + 2) % 12 + 1, 10)
        b.records.append(
            MeetingRecord(
                meeting_id=f"PLEN-{held:%Y-%m}",
                held_on=held,
                attendees=["Security Secretariat", "Social Welfare Bureau", "Labour Affairs Bureau"],
                decisions=["Reviewed the month's figures"],
            )
        )
    b.write(db)


def busy_month(db: Database) -> None:
    """Seven victims in May 2024 (five women from CN/VN in sexual exploitation, two boys from PH in forced
    criminality), six in April 2024; services, investigations and two convictions in May."""
    b = Builder()
    april = b.case(date(2024, 4, 2))
    for i in range(6):
        b.victim(april, date(2024, 4, 3 + i), "feminine", 25 + i, "CN", ["sexual"])
    may = b.case(date(2024, 5, 2), official_complicity=True)
    women = [
        b.victim(may, date(2024, 5, 3 + i), "feminine", 22 + i, "CN" if i < 3 else "VN", ["sexual"])
        for i in range(5)
    ]
    boys = [
        b.victim(may, date(2024, 5, 10 + i), "masculine", 15, "PH", ["forced_criminality"]) for i in range(2)
    ]
    for person in women[:4]:
        b.service(person, "shelter", date(2024, 5, 12), date(2024, 5, 13))
    b.service(boys[0], "medical", date(2024, 5, 12), date(2024, 5, 12))
    suspects = [b.suspect(may) for _ in range(3)]
    b.event(may, "report_received", date(2024, 5, 2))
    b.event(may, "investigation_opened", date(2024, 5, 3))
    for s in suspects:
        b.event(may, "prosecution_initiated", date(2024, 5, 20), s)
    for s in suspects[:2]:
        b.event(may, "conviction", date(2024, 5, 30), s)
        b.event(may, "sentence", date(2024, 5, 30), s, sentence_months=36, sentence_suspended=False)
    b.write(db)
