"""Statistics computed in the database equal the figures counted by hand from the small registry, on
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

from tipwatch.evidence.periods import Period
from tipwatch.registry import repository
from tipwatch.registry.stats import compute_statistics
from tipwatch.registry.trends import (
    action_items,
    monthly_series,
    proceedings_funnel,
    registry_facts,
    service_delay,
)
from tipwatch.review.statistics import Figure
from tipwatch.store import Database

MAY = Period.parse("2024-05")


def pair(figure: Figure) -> tuple[int | None, int | None]:
    return figure.current, figure.previous


def test_proceedings_follow_ics_tip_counts(small_registry: Database) -> None:
    s = compute_statistics(small_registry, MAY)
    assert (s.period, s.previous_period) == ("2024-05", "2024-04")
    assert pair(s.investigations.cases) == (2, 1)
    assert pair(s.investigations.persons) == (3, 0)
    assert pair(s.investigations.by_exploitation["sexual"]) == (2, 0)
    assert pair(s.investigations.by_exploitation["forced_labour"]) == (1, 0)
    assert pair(s.prosecutions.persons) == (2, 0) and pair(s.prosecutions.cases) == (1, 0)
    assert pair(s.convictions.persons) == (1, 0) and s.convictions.by_exploitation["sexual"].current == 1
    assert s.acquittals.current == 1
    assert s.sentences.total.current == 1 and s.sentences.suspended.current == 0
    assert s.sentences.by_length["1_to_5_years"].current == 1
    assert s.investigations.cases.change == 1 and s.investigations.cases.change_percent == 100.0


def test_victims_by_sex_age_citizenship_and_form(small_registry: Database) -> None:
    v = compute_statistics(small_registry, MAY).victims
    assert pair(v.identified) == (3, 1)  # X1 was found not to be a victim
    assert pair(v.by_sex["female"]) == (2, 0) and pair(v.by_sex["male"]) == (1, 1)
    assert v.by_age_group["child"].current == 1 and v.by_age_group["adult"].current == 2
    assert {k: f.current for k, f in v.by_sex_and_age.items()} == {
        "women": 1,
        "men": 1,
        "girls": 1,
        "boys": 0,
        "unknown": 0,
    }
    assert {k: f.current for k, f in v.by_citizenship.items()} == {"PH": 2, "VN": 1}
    assert v.by_citizenship["VN"].previous == 1
    assert v.by_exploitation["sexual"].current == 2 and v.by_exploitation["forced_labour"].current == 1


def test_services_screenings_complicity_and_recommendations(small_registry: Database) -> None:
    s = compute_statistics(small_registry, MAY)
    assert s.services.victims_referred.current == 2 and s.services.victims_served.current == 1
    assert {k: f.current for k, f in s.services.referrals_by_service.items() if f.current} == {
        "shelter": 1,
        "medical": 1,
        "legal_aid": 1,
    }
    assert (
        s.screenings.screenings.current,
        s.screenings.persons_screened.current,
        s.screenings.victims_found.current,
    ) == (1, 40, 1)
    assert (
        s.official_complicity.cases.current,
        s.official_complicity.officials_prosecuted.current,
        s.official_complicity.officials_convicted.current,
    ) == (1, 1, 0)
    r = s.recommendations
    assert (
        r.action_items.current,
        r.done.current,
        r.open.current,
        r.overdue.current,
        r.completed_in_period.current,
    ) == (3, 1, 2, 1, 1)
    assert (r.done.previous, r.open.previous, r.overdue.previous) == (0, 3, 1)


def test_reporting_period_and_quarter(small_registry: Database) -> None:
    assert compute_statistics(small_registry, Period.parse("RP2025")).victims.identified.current == 4
    quarter = compute_statistics(small_registry, Period.parse("2024-Q2"))
    assert pair(quarter.victims.identified) == (4, 0)
    year = compute_statistics(small_registry, Period.parse("2019"))
    assert year.convictions.persons.current == 1 and year.convictions.persons.previous == 0


def test_deleted_records_are_not_counted(small_registry: Database) -> None:
    repository.delete(small_registry, "cases", "C1", "tester", "entered twice")
    s = compute_statistics(small_registry, MAY)
    assert s.victims.identified.current == 1
    assert s.prosecutions.persons.current == 0 and s.investigations.cases.current == 1
    assert s.services.victims_referred.current == 1


def test_review_series_funnel_delay_facts_and_actions(small_registry: Database) -> None:
    series = monthly_series(small_registry, MAY, 24)
    assert len(series) == 24 and series[0].month == "2022-06" and series[-1].month == "2024-05"
    last, before = series[-1], series[-2]
    assert (
        last.victims_identified,
        last.investigations,
        last.prosecutions,
        last.convictions,
        last.victims_referred,
    ) == (3, 2, 2, 1, 2)
    assert (before.victims_identified, before.investigations) == (1, 1)
    funnel = proceedings_funnel(small_registry, MAY)
    assert (funnel.reported, funnel.investigated, funnel.prosecuted, funnel.convicted) == (1, 2, 1, 1)
    delay = service_delay(small_registry, MAY)
    assert (delay.victims, delay.without_service, delay.median_days) == (3, 2, 0.0)
    assert delay.distribution["same_day"] == 1
    facts = registry_facts(small_registry, date(2024, 4, 30))
    assert (
        facts.last_conviction_year == 2019
        and facts.forced_labour_victims_ever == 0
        and facts.victims_ever == 1
    )
    assert registry_facts(small_registry, MAY.end).forced_labour_victims_ever == 1
    items = action_items(small_registry, MAY.end)
    assert [(i.action_id, i.overdue) for i in items] == [("A2", True), ("A3", False)]
