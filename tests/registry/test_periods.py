from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipwatch.evidence.periods import Period, PeriodKind
from tipwatch.problems import InputError


@pytest.mark.parametrize(
    ("text", "start", "end", "previous"),
    [
        ("2024-05", date(2024, 5, 1), date(2024, 5, 31), "2024-04"),
        ("2024-01", date(2024, 1, 1), date(2024, 1, 31), "2023-12"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "2024-01"),
        ("2024-Q2", date(2024, 4, 1), date(2024, 6, 30), "2024-Q1"),
        ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31), "2023-Q4"),
        ("2024", date(2024, 1, 1), date(2024, 12, 31), "2023"),
        ("RP2024", date(2023, 4, 1), date(2024, 3, 31), "RP2023"),
        ("rp2019", date(2018, 4, 1), date(2019, 3, 31), "RP2018"),
    ],
)
def test_parse_bounds_and_previous(text: str, start: date, end: date, previous: str) -> None:
    period = Period.parse(text)
    assert (period.start, period.end) == (start, end)
    assert str(period.previous()) == previous
    assert period.previous().end.toordinal() + 1 == period.start.toordinal()


@pytest.mark.parametrize("text", ["2024-13", "2024-00", "2024-Q5", "24", "RP", "May 2024", "", "2024-5-1"])
def test_bad_periods_are_refused_with_what_is_expected(text: str) -> None:
    with pytest.raises(InputError) as caught:
        Period.parse(text)
    assert caught.value.problems[0].code == "invalid-period"
    assert "RP2024" in caught.value.problems[0].message


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)), st.sampled_from(list(PeriodKind)))
def test_every_day_lies_in_exactly_its_period_and_round_trips(day: date, kind: PeriodKind) -> None:
    period = Period.containing(day, kind)
    assert day in period
    assert day not in period.previous()
    assert Period.parse(str(period)) == period
    months = period.months()
    assert months[0].start == period.start and months[-1].end == period.end
    assert sum(m.days for m in months) == period.days


def test_the_evidence_reporting_period_is_a_period_of_kind_reporting_period() -> None:
    from tipwatch.evidence import ReportingPeriod

    rp = ReportingPeriod(2024)
    parsed = Period.parse("RP2024")
    assert isinstance(rp, Period)
    assert rp == parsed and parsed == rp and {parsed: "RP2024"}[rp] == "RP2024"
    assert (rp.kind, rp.year, rp.report_year) == (PeriodKind.REPORTING_PERIOD, 2024, 2024)
    assert (rp.start, rp.end, rp.days) == (parsed.start, parsed.end, parsed.days)
    assert str(rp) == parsed.label == "RP2024 (2023-04-01 .. 2024-03-31)"
    assert rp.previous() == Period.parse("RP2023")
    assert ReportingPeriod.of_day(date(2023, 4, 1)).report_year == 2024
    assert ReportingPeriod.of_day(date(2023, 3, 31)).report_year == 2023
