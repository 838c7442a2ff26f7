"""Statistical periods: a month (``2024-05``), a quarter (``2024-Q2``), a calendar year (``2024``) or a TIP
Report reporting period (``RP2024`` = 2023-04-01 .. 2024-03-31, the period the 2024 report covers)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    REPORTING_PERIOD = "reporting_period"


_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{2})$"), PeriodKind.MONTH),
    (re.compile(r"^(\d{4})-[Qq]([1-4])$"), PeriodKind.QUARTER),
    (re.compile(r"^(\d{4})$"), PeriodKind.YEAR),
    (re.compile(r"^[Rr][Pp](\d{4})$"), PeriodKind.REPORTING_PERIOD),
)
MIN_YEAR, MAX_YEAR = 1900, 2999


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A closed interval of days with a kind; ``number`` is the month (1-12), quarter (1-4), or 0 for a
    year; for a reporting period ``year`` is the report year."""

    kind: PeriodKind
    year: int
    number: int = 0

    @classmethod
    def parse(cls, text: str) -> Period:
        cleaned = text.strip()
        for pattern, kind in _PATTERNS:
            match = pattern.match(cleaned)
            if not match:
                continue
            year = int(match.group(1))
            number = int(match.group(2)) if match.lastindex == 2 else 0
            if not MIN_YEAR <= year <= MAX_YEAR or (kind is PeriodKind.MONTH and not 1 <= number <= 12):
                break
            return cls(kind, year, number)
        raise InputError(
            f"unknown period {text!r}",
            [
                Problem(
                    ProblemCode.INVALID_PERIOD,
                    f"received {text!r}; expected a month (2024-05), a quarter (2024-Q2), a calendar "
                    "year (2024) or a reporting period (RP2024 = 2023-04-01 .. 2024-03-31)",
                    location=Location(field="period"),
                )
            ],
        )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(PeriodKind.MONTH, year, month)

    @classmethod
    def containing(cls, day: date, kind: PeriodKind) -> Period:
        if kind is PeriodKind.MONTH:
            return cls(kind, day.year, day.month)
        if kind is PeriodKind.QUARTER:
            return cls(kind, day.year, (day.month - 1) // 3 + 1)
        if kind is PeriodKind.YEAR:
            return cls(kind, day.year)
        return cls(kind, day.year + 1 if day.month >= 4 else day.year)

    @property
    def start(self) -> date:
        if self.kind is PeriodKind.MONTH:
            return date(self.year, self.number, 1)
        if self.kind is PeriodKind.QUARTER:
            return date(self.year, 3 * self.number - 2, 1)
        if self.kind is PeriodKind.YEAR:
            return date(self.year, 1, 1)
        return date(self.year - 1, 4, 1)

    @property
    def end(self) -> date:
        if self.kind is PeriodKind.MONTH:
            return _month_end(self.year, self.number)
        if self.kind is PeriodKind.QUARTER:
            return _month_end(self.year, 3 * self.number)
        if self.kind is PeriodKind.YEAR:
            return date(self.year, 12, 31)
        return date(self.year, 3, 31)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        return self.shifted(-1)

    def shifted(self, steps: int) -> Period:
        """The period ``steps`` periods of the same kind later (earlier when negative)."""
        if self.kind is PeriodKind.MONTH:
            index = self.year * 12 + self.number - 1 + steps
            return Period(self.kind, index // 12, index % 12 + 1)
        if self.kind is PeriodKind.QUARTER:
            index = self.year * 4 + self.number - 1 + steps
            return Period(self.kind, index // 4, index % 4 + 1)
        return Period(self.kind, self.year + steps, 0)

    def months(self) -> list[Period]:
        """The calendar months this period covers, in order."""
        first = Period.containing(self.start, PeriodKind.MONTH)
        count = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        return [first.shifted(i) for i in range(count)]

    def __str__(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"{self.year:04d}-{self.number:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year:04d}-Q{self.number}"
        if self.kind is PeriodKind.YEAR:
            return f"{self.year:04d}"
        return f"RP{self.year:04d}"

    @property
    def label(self) -> str:
        """Human-readable, e.g. ``RP2024 (2023-04-01 .. 2024-03-31)``."""
        return f"{Period.__str__(self)} ({self.start.isoformat()} .. {self.end.isoformat()})"
