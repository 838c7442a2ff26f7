"""Findings in the report's language, from registry facts and period statistics."""

from __future__ import annotations

from datetime import date

import pytest

from tipwatch.review.findings import (
    FindingKind,
    last_completed_reporting_year,
    ordinal,
    period_findings,
    registry_findings,
)
from tipwatch.review.statistics import ActionItemView, RegistryFacts, compare


def facts(**overrides: object) -> RegistryFacts:
    values: dict[str, object] = {
        "as_of": date(2024, 5, 31),
        "victims_ever": 40,
        "forced_labour_victims_ever": 0,
        "first_victim_identified_on": date(2012, 3, 1),
        "last_victim_identified_on": date(2019, 2, 10),
        "convictions_ever": 9,
        "last_conviction_on": date(2019, 8, 14),
        "prosecutions_ever": 15,
        "last_prosecution_on": date(2021, 1, 5),
    }
    return RegistryFacts.model_validate(values | overrides)


def by_code(found: list) -> dict:
    return {f.code: f for f in found}


def test_macao_like_record_reads_like_the_report() -> None:
    found = by_code(registry_findings(facts()))
    assert found["no-convictions-since"].text() == (
        "No convictions since 2019: the last trafficking conviction was recorded on 2019-08-14."
    )
    assert (
        found["no-forced-labour-victim-ever"].text() == "No victim of forced labour has ever been identified."
    )
    # Last victim in RP2019 (2018-04-01 .. 2019-03-31); RP2020..RP2024 have none: the fifth year.
    streak = found["no-victims-consecutive-years"]
    assert streak.figures["years"] == 5
    assert streak.text().startswith(
        "For the fifth consecutive year the registry records no victim identified"
    )
    assert "RP2020 to RP2024" in streak.text()
    assert found["no-prosecutions-since"].figures["year"] == 2021
    assert all(f.kind is FindingKind.CONCERN for f in found.values())


def test_a_recent_record_gives_no_streak_and_progress() -> None:
    found = by_code(
        registry_findings(
            facts(
                last_victim_identified_on=date(2024, 4, 2),
                last_conviction_on=date(2024, 2, 1),
                last_prosecution_on=date(2024, 1, 3),
                forced_labour_victims_ever=3,
            )
        )
    )
    assert "no-victims-consecutive-years" not in found
    assert "no-prosecutions-since" not in found
    assert found["convictions-this-year"].kind is FindingKind.PROGRESS
    labour = found["forced-labour-victims-identified"]
    assert labour.text() == "Victims of forced labour identified since records began: 3."
    assert labour.text(k=5) == "Victims of forced labour identified since records began: fewer than 5."


def test_an_empty_registry() -> None:
    found = by_code(
        registry_findings(
            facts(
                victims_ever=0,
                last_victim_identified_on=None,
                first_victim_identified_on=None,
                convictions_ever=0,
                last_conviction_on=None,
                prosecutions_ever=0,
                last_prosecution_on=None,
            )
        )
    )
    assert set(found) == {
        "no-victims-ever",
        "no-convictions-ever",
        "no-prosecutions-ever",
        "no-forced-labour-victim-ever",
    }


@pytest.mark.parametrize(
    ("as_of", "year"), [(date(2024, 3, 30), 2023), (date(2024, 3, 31), 2024), (date(2024, 12, 1), 2024)]
)
def test_last_completed_reporting_period(as_of: date, year: int) -> None:
    assert last_completed_reporting_year(as_of) == year


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 5, 20, 21, 22, 23, 111)] == [
        "first",
        "fifth",
        "twentieth",
        "21st",
        "22nd",
        "23rd",
        "111th",
    ]


def zero_counts(victims: int, screened: int, found: int, complicity: int) -> dict:
    proceeding = {"cases": 0, "persons": 0, "by_exploitation": {}}
    return {
        "investigations": proceeding,
        "prosecutions": proceeding,
        "convictions": proceeding,
        "acquittals": 0,
        "sentences": {"total": 0, "suspended": 0, "by_length": {}},
        "victims": {
            "identified": victims,
            "by_sex": {},
            "by_age_group": {},
            "by_sex_and_age": {},
            "by_citizenship": {},
            "by_exploitation": {},
        },
        "services": {
            "victims_referred": 0,
            "referrals_by_service": {},
            "victims_served": 0,
            "delivered_by_service": {},
        },
        "screenings": {"screenings": 2, "persons_screened": screened, "victims_found": found},
        "official_complicity": {"cases": complicity, "officials_prosecuted": 0, "officials_convicted": 0},
        "recommendations": {"action_items": 0, "done": 0, "open": 0, "overdue": 0, "completed_in_period": 0},
    }


def test_period_findings() -> None:
    statistics = compare(
        "2024-05",
        (date(2024, 5, 1), date(2024, 5, 31)),
        "2024-04",
        (date(2024, 4, 1), date(2024, 4, 30)),
        zero_counts(0, 120, 0, 2),
        zero_counts(3, 0, 0, 0),
    )
    item = {
        "recommendation_id": "R1",
        "recommendation": "Screen migrant workers",
        "description": "d",
        "owner": "Labour",
    }
    items = [
        ActionItemView(action_id="A1", due_on=date(2024, 1, 31), status="open", overdue=True, **item),
        ActionItemView(action_id="A2", due_on=date(2024, 9, 30), status="in_progress", overdue=False, **item),
    ]
    found = by_code(period_findings(statistics, items))
    assert (
        found["victims-identified-in-period"].text()
        == "Victims identified in 2024-05: 0, against 3 in 2024-04."
    )
    assert found["victims-identified-in-period"].text(k=5) == (
        "Victims identified in 2024-05: 0, against fewer than 5 in 2024-04."
    )
    assert (
        found["screenings-found-no-victims"].text()
        == "Screenings of 120 persons in 2024-05 identified no victims."
    )
    assert found["complicity-not-prosecuted"].figures["cases"] == 2
    assert (
        found["overdue-action-items"].text()
        == "Action items overdue: 1 of 2 open; the oldest was due on 2024-01-31."
    )
