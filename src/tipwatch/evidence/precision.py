"""How precise a stored date is, and when a date of a given precision can be placed in a period.

A date known only to the year (CTDC gives a year of registration, not a day) is stored as the first day
of that year with precision ``year``; one known to the month as the first day of the month with precision
``month``. Such a date stands for every day of its year (month): it counts in a period only if the period
covers that whole span — a year-level date counts in the calendar year 2019 or in 2015..2020, never in a
month, a quarter or a reporting period (April to March), where it is *not placeable*. Day-level dates
count where the day falls, as always."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


def span_start(day: date, precision: DatePrecision | str) -> date:
    """The first day of the span a date of this precision stands for."""
    if precision == DatePrecision.YEAR:
        return date(day.year, 1, 1)
    if precision == DatePrecision.MONTH:
        return date(day.year, day.month, 1)
    return day


def span_end(day: date, precision: DatePrecision | str) -> date:
    """The last day of the span a date of this precision stands for."""
    if precision == DatePrecision.YEAR:
        return date(day.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return date(day.year + day.month // 12, day.month % 12 + 1, 1) - timedelta(days=1)
    return day


def precision_problem(day: date | None, precision: DatePrecision | str) -> str | None:
    """Why a stored date does not fit its precision (a year-level date is the 1st of January), or None."""
    if day is None or span_start(day, precision) == day:
        return None
    return (
        f"a {precision}-level date is stored as the first day of its {precision} "
        f"({span_start(day, precision).isoformat()}), not {day.isoformat()}; "
        "give that day, or the precision day"
    )


@dataclass(frozen=True, slots=True)
class StoredDays:
    """An inclusive range of stored dates (``first`` .. ``last``); empty when ``first > last``."""

    first: date
    last: date

    @property
    def empty(self) -> bool:
        return self.first > self.last


def placeable_in(start: date, end: date, precision: DatePrecision | str) -> StoredDays:
    """The stored dates of this precision whose whole span lies in ``start .. end``: they count there."""
    first = span_start(start, precision)
    if first < start:
        first = span_end(start, precision) + timedelta(days=1)
    last = span_start(end, precision)
    if span_end(end, precision) > end:
        last = span_start(last - timedelta(days=1), precision)
    return StoredDays(first, last)


def overlapping(start: date, end: date, precision: DatePrecision | str) -> StoredDays:
    """The stored dates of this precision whose span shares a day with ``start .. end``. Those not also
    :func:`placeable_in` the period are not placeable there: the period covers part of their span."""
    return StoredDays(span_start(start, precision), end)
