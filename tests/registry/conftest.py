"""A small registry built in code, whose every statistic is known by hand."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from tipwatch.registry import repository
from tipwatch.registry.records import RECORD_TYPES, Record
from tipwatch.registry.tables import AUDIT, TABLES
from tipwatch.store import Database


def rec(table: str, **fields: Any) -> Record:
    return RECORD_TYPES[table].model_validate(fields)


def small_records() -> list[Record]:
    """May 2024: case C1 (2 victims, sexual; 2 suspects: one prosecuted, convicted, sentenced 48 months;
    one an official, prosecuted and acquitted), case C2 (1 victim, forced labour, found by screening S1;
    investigated only). April 2024: case C0 (1 victim, sexual, man). March 2019: an old conviction."""
    return [
        rec(
            "screenings",
            screening_id="S1",
            screened_on="2024-05-09",
            setting="labour_inspection",
            population="construction workers",
            persons_screened=40,
            indicators_observed="withholding_of_wages;retention_of_identity_documents",
            outcome="victims_identified",
        ),
        rec("cases", case_id="C0", opened_on="2024-04-10"),
        rec("cases", case_id="C1", opened_on="2024-05-02", official_complicity=True),
        rec("cases", case_id="C2", opened_on="2024-05-10", status="follow_up"),
        rec("cases", case_id="C9", opened_on="2018-06-01", status="closed"),
        rec(
            "persons",
            person_id="V0",
            case_id="C0",
            role="victim",
            gender="masculine",
            age=30,
            citizenship="VN",
            identified_on="2024-04-11",
            exploitation="sexual",
            trafficking_status="actual",
        ),
        rec(
            "persons",
            person_id="V1",
            case_id="C1",
            role="victim",
            gender="feminine",
            age=16,
            citizenship="VN",
            identified_on="2024-05-03",
            exploitation="sexual",
            trafficking_status="actual",
        ),
        rec(
            "persons",
            person_id="V2",
            case_id="C1",
            role="victim",
            gender="feminine",
            age=24,
            citizenship="PH",
            identified_on="2024-05-04",
            exploitation="sexual",
            trafficking_status="actual",
        ),
        rec(
            "persons",
            person_id="V3",
            case_id="C2",
            role="victim",
            gender="masculine",
            age=41,
            citizenship="PH",
            identified_on="2024-05-10",
            exploitation="forced_labour",
            screening_id="S1",
        ),
        rec(
            "persons",
            person_id="X1",
            case_id="C2",
            role="victim",
            gender="masculine",
            age=35,
            identified_on="2024-05-10",
            trafficking_status="not_a_victim",
        ),
        rec("persons", person_id="S1", case_id="C1", role="suspect", gender="masculine", age=40),
        rec(
            "persons",
            person_id="S2",
            case_id="C1",
            role="suspect",
            gender="masculine",
            age=50,
            is_official=True,
        ),
        rec("persons", person_id="S3", case_id="C2", role="suspect", gender="feminine", age=33),
        rec("persons", person_id="S9", case_id="C9", role="suspect", gender="feminine", age=33),
        rec("persons", person_id="W1", case_id="C1", role="witness"),
        rec(
            "proceedings", proceeding_id="E1", case_id="C1", event="report_received", occurred_on="2024-05-02"
        ),
        rec(
            "proceedings",
            proceeding_id="E2",
            case_id="C1",
            event="investigation_opened",
            occurred_on="2024-05-03",
        ),
        rec(
            "proceedings",
            proceeding_id="E3",
            case_id="C1",
            person_id="S1",
            event="prosecution_initiated",
            occurred_on="2024-05-15",
        ),
        rec(
            "proceedings",
            proceeding_id="E4",
            case_id="C1",
            person_id="S2",
            event="prosecution_initiated",
            occurred_on="2024-05-15",
        ),
        rec(
            "proceedings",
            proceeding_id="E5",
            case_id="C1",
            person_id="S1",
            event="conviction",
            occurred_on="2024-05-28",
        ),
        rec(
            "proceedings",
            proceeding_id="E6",
            case_id="C1",
            person_id="S1",
            event="sentence",
            occurred_on="2024-05-29",
            sentence_months=48,
            sentence_suspended=False,
        ),
        rec(
            "proceedings",
            proceeding_id="E7",
            case_id="C1",
            person_id="S2",
            event="acquittal",
            occurred_on="2024-05-30",
        ),
        rec(
            "proceedings",
            proceeding_id="E8",
            case_id="C2",
            event="investigation_opened",
            occurred_on="2024-05-11",
        ),
        rec(
            "proceedings",
            proceeding_id="E0",
            case_id="C0",
            event="investigation_opened",
            occurred_on="2024-04-12",
        ),
        rec(
            "proceedings",
            proceeding_id="E90",
            case_id="C9",
            person_id="S9",
            event="prosecution_initiated",
            occurred_on="2018-09-01",
        ),
        rec(
            "proceedings",
            proceeding_id="E91",
            case_id="C9",
            person_id="S9",
            event="conviction",
            occurred_on="2019-03-01",
        ),
        rec(
            "services",
            service_id="SV1",
            person_id="V1",
            service="shelter",
            provider="SWB shelter",
            referred_on="2024-05-03",
            started_on="2024-05-03",
        ),
        rec(
            "services",
            service_id="SV2",
            person_id="V1",
            service="medical",
            provider="Hospital",
            referred_on="2024-05-03",
            started_on="2024-05-13",
        ),
        rec(
            "services",
            service_id="SV3",
            person_id="V3",
            service="legal_aid",
            provider="Legal Aid Commission",
            referred_on="2024-05-20",
        ),
        rec(
            "recommendations",
            recommendation_id="R1",
            source="tip_report",
            report_year=2023,
            issued_on="2023-06-15",
            text="Proactively identify victims of forced labour.",
        ),
        rec(
            "action_items",
            action_id="A1",
            recommendation_id="R1",
            description="Train labour inspectors",
            owner="Labour Affairs Bureau",
            due_on="2024-03-31",
            status="done",
            completed_on="2024-05-20",
        ),
        rec(
            "action_items",
            action_id="A2",
            recommendation_id="R1",
            description="Screening protocol",
            owner="Judiciary Police",
            due_on="2024-04-30",
            status="open",
        ),
        rec(
            "action_items",
            action_id="A3",
            recommendation_id="R1",
            description="Hotline",
            owner="Social Welfare Bureau",
            due_on="2024-12-31",
            status="in_progress",
        ),
        rec(
            "meetings",
            meeting_id="M202405",
            held_on="2024-05-20",
            attendees="Security Affairs Bureau;Judiciary Police",
            decisions="Reviewed May's cases",
        ),
    ]


def row_counts(db: Database) -> dict[str, int]:
    """Rows in every registry table and the audit log: a fingerprint that any write changes."""
    with db.engine.connect() as connection:
        counts = {
            name: connection.execute(select(func.count()).select_from(t)).scalar_one()
            for name, t in TABLES.items()
        }
        counts["audit"] = connection.execute(select(func.count()).select_from(AUDIT)).scalar_one()
    return counts


@pytest.fixture
def small_registry(database: Database) -> Database:
    repository.add(database, small_records(), "tester")
    return database
