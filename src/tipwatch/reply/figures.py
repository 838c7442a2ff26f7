"""A government's published figures: the figures file, parsed and validated.

One row per figure, as the government (or the press relaying it) states it: the period the figure
counts, the metric (from :data:`METRICS`), the value with its qualifier ("over 9,000"), what was
counted in the source's own terms, the source page and its date, the sentence that holds the figure,
copied exactly, and its language. docs/reply.md documents the format; ``data/figures/macau.csv`` is the
worked example.

Pure: text in, :class:`FiguresFile` out. Every bad row is named (file, line, field) in one
:class:`InputError`, so that a file is fixed in one pass.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from tipwatch.inputfile import csv_error
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reply.claims import Measure

COLUMNS = (
    "period",
    "period_note",
    "metric",
    "qualifier",
    "value",
    "unit_note",
    "source_url",
    "source_date",
    "quote",
    "language",
)
REQUIRED = ("period", "metric", "value", "source_url", "quote")
OPEN_START = date(1900, 1, 1)
"""The start of a cumulative figure whose first day the source does not give (``..2021-12``)."""
UNKNOWN_PERIOD = "unknown"


@dataclass(frozen=True, slots=True)
class Metric:
    """What a figure counts, and what it can say about the report's claims: the reader's measure it
    bears on (None: nothing the report claims), and whether its count is in the same unit, so that
    numbers can be compared and not only "none" against "some"."""

    name: str
    meaning: str
    measure: Measure | None
    same_unit: bool
    mapping: str
    not_same_as: Measure | None = None
    """A measure this metric is easily taken for, and is not: shown beside claims about it."""


METRICS: dict[str, Metric] = {
    metric.name: metric
    for metric in (
        Metric(
            "cases_investigated",
            "cases reported, detected, registered or investigated by the police",
            Measure.INVESTIGATIONS,
            False,
            "a case counted by the police bears on the report's investigations, but the report may count "
            "suspects: only none against some is compared",
        ),
        Metric(
            "cases_referred_to_prosecutors",
            "cases the police transferred to the Public Prosecutions Office",
            None,
            False,
            "a case referred to prosecutors is not a prosecution: the report's counts do not include it",
            Measure.PROSECUTIONS,
        ),
        Metric(
            "prosecutions",
            "cases in which prosecutors filed charges",
            Measure.PROSECUTIONS,
            False,
            "a case charged is a prosecution initiated; the report may count defendants: only none "
            "against some is compared",
        ),
        Metric(
            "convictions",
            "cases (or persons) found guilty of trafficking",
            Measure.CONVICTIONS,
            False,
            "a case with defendants found guilty means at least one trafficker convicted; the report "
            "counts persons: only none against some is compared",
        ),
        Metric(
            "victims_identified",
            "victims identified",
            Measure.VICTIMS_IDENTIFIED,
            True,
            "victims identified, as the report counts them",
        ),
        Metric(
            "victims_assisted",
            "victims given services or assistance",
            Measure.VICTIMS_SERVED,
            True,
            "victims given services, as the report counts them",
        ),
        Metric(
            "suspects",
            "suspects identified or arrested",
            None,
            False,
            "the report claims no count of suspects",
        ),
        Metric(
            "trainings", "training sessions or persons trained", None, False, "not a count the report claims"
        ),
        Metric("inspections", "inspections (labour, police)", None, False, "not a count the report claims"),
        Metric("other", "anything else; unit_note says what", None, False, "not a count the report claims"),
    )
}


class Qualifier(StrEnum):
    EXACT = "exact"
    OVER = "over"
    AT_LEAST = "at least"
    NEARLY = "nearly"
    AT_MOST = "at most"

    @property
    def lower_bound(self) -> bool:
        return self in (Qualifier.EXACT, Qualifier.OVER, Qualifier.AT_LEAST)


LANGUAGES = ("en", "pt", "zh-Hant", "zh-Hans", "zh")


@dataclass(frozen=True, slots=True)
class FigurePeriod:
    """The days a figure counts, both inclusive; ``start`` is :data:`OPEN_START` for a cumulative
    figure with no first day. None as a whole (see :attr:`OfficialFigure.period`) is an unknown period."""

    text: str
    start: date
    end: date

    @property
    def label(self) -> str:
        start = "…" if self.start == OPEN_START else self.start.isoformat()
        return f"{self.text} ({start} .. {self.end.isoformat()})"


@dataclass(frozen=True, slots=True)
class OfficialFigure:
    line: int
    period: FigurePeriod | None
    period_note: str
    metric: Metric
    qualifier: Qualifier
    value: int
    unit_note: str
    source_url: str
    source_date: str
    quote: str
    language: str

    @property
    def stated(self) -> str:
        """The value as the source states it: "over 9000", "1"."""
        return str(self.value) if self.qualifier is Qualifier.EXACT else f"{self.qualifier} {self.value}"

    @property
    def some(self) -> bool:
        """The figure says at least one happened."""
        if self.qualifier is Qualifier.OVER:
            return True
        return self.value > 0 and (self.qualifier.lower_bound or self.value > 1)

    @property
    def none(self) -> bool:
        """The figure says none happened."""
        return self.value == 0 and self.qualifier in (Qualifier.EXACT, Qualifier.AT_MOST)

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "period": self.period.text if self.period else UNKNOWN_PERIOD,
            "start": self.period.start.isoformat()
            if self.period and self.period.start != OPEN_START
            else None,
            "end": self.period.end.isoformat() if self.period else None,
            "period_note": self.period_note,
            "metric": self.metric.name,
            "qualifier": str(self.qualifier),
            "value": self.value,
            "unit_note": self.unit_note,
            "source_url": self.source_url,
            "source_date": self.source_date,
            "quote": self.quote,
            "language": self.language,
        }


@dataclass(frozen=True, slots=True)
class FiguresFile:
    source: str
    figures: tuple[OfficialFigure, ...]


_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_SPAN = re.compile(r"^(\d{4})-(\d{4})$")


def parse_period(text: str) -> tuple[date, date]:
    """``2021``, ``2019-2023``, ``2021-04``, ``2015-01..2015-06``, ``2008..2015-07-30``, ``..2021-12``:
    the first and last day. Raise ValueError naming what is wrong."""
    span = _SPAN.match(text)
    if span:
        return _bounds(span.group(1))[0], _bounds(span.group(2))[1]
    if ".." in text:
        first, _, last = text.partition("..")
        start = OPEN_START if first == "" else _bounds(first)[0]
        return start, _bounds(last)[1]
    return _bounds(text)


def _bounds(text: str) -> tuple[date, date]:
    match = _DAY.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a year, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    if day is None:
        first = date(year, int(month), 1)
        following = date(year + (first.month == 12), first.month % 12 + 1, 1)
        return first, following - timedelta(days=1)
    one = date(year, int(month), int(day))
    return one, one


def parse_figures(text: str, source: str) -> FiguresFile:
    """The figures of a figures file (CSV text); :class:`InputError` naming every bad row (a row the
    csv module cannot read, e.g. a field over the size limit, is named by its line)."""
    reader = csv.DictReader(io.StringIO(text))
    try:
        return _parse_rows(reader, source)
    except csv.Error as exc:
        raise csv_error(exc, source, reader.line_num) from None


def _parse_rows(reader: csv.DictReader[str], source: str) -> FiguresFile:
    header = reader.fieldnames or []
    missing = [column for column in REQUIRED if column not in header]
    unknown = [column for column in header if column not in COLUMNS]
    problems = [
        Problem(
            ProblemCode.MISSING_COLUMN,
            f"the header lacks {column!r}; expected the columns {', '.join(COLUMNS)}",
            location=Location(source, 1, field=column),
        )
        for column in missing
    ] + [
        Problem(
            ProblemCode.UNKNOWN_COLUMN,
            f"received the column {column!r}; expected only {', '.join(COLUMNS)}",
            location=Location(source, 1, field=column),
        )
        for column in unknown
    ]
    if problems:
        raise InputError(f"{source}: not a figures file", problems)
    figures: list[OfficialFigure] = []
    seen: dict[tuple[str, ...], int] = {}
    for row in reader:
        line = reader.line_num
        figure = _figure(row, source, line, problems)
        if figure is None:
            continue
        key = tuple((row.get(column) or "").strip() for column in COLUMNS)
        if key in seen:
            problems.append(
                Problem(
                    ProblemCode.DUPLICATE_FIGURE,
                    f"the same figure as line {seen[key]}; keep one row per figure and source",
                    location=Location(source, line),
                )
            )
            continue
        seen[key] = line
        figures.append(figure)
    if not figures and not problems:
        problems.append(
            Problem(ProblemCode.EMPTY_FILE, "no figures; give one row per figure", location=Location(source))
        )
    if problems:
        raise InputError(f"{source}: {len(problems)} problem(s) in the figures file", problems)
    return FiguresFile(source, tuple(figures))


def _figure(row: dict[str, Any], source: str, line: int, problems: list[Problem]) -> OfficialFigure | None:
    cells = {column: str(row.get(column) or "").strip() for column in COLUMNS}
    before = len(problems)

    def bad(code: ProblemCode, column: str, message: str) -> None:
        problems.append(Problem(code, message, location=Location(source, line, field=column)))

    for column in REQUIRED:
        if not cells[column]:
            code = (
                ProblemCode.MISSING_SOURCE if column in ("source_url", "quote") else ProblemCode.MISSING_VALUE
            )
            bad(code, column, f"{column} is empty; every figure needs its {column.replace('_', ' ')}")
    period = _period(cells["period"], bad)
    metric = METRICS.get(cells["metric"])
    if cells["metric"] and metric is None:
        bad(
            ProblemCode.UNKNOWN_METRIC,
            "metric",
            f"received {cells['metric']!r}; expected one of {', '.join(METRICS)} (docs/reply.md)",
        )
    value = None
    if cells["value"] and not cells["value"].isdigit():
        bad(
            ProblemCode.INVALID_FIGURE_VALUE,
            "value",
            f"received {cells['value']!r}; expected a whole number in digits (put 'over', 'nearly' in qualifier)",
        )
    elif cells["value"]:
        value = int(cells["value"])
    qualifier = _qualifier(cells["qualifier"], bad)
    if cells["language"] and cells["language"] not in LANGUAGES:
        bad(
            ProblemCode.UNKNOWN_VALUE,
            "language",
            f"received {cells['language']!r}; expected one of {', '.join(LANGUAGES)}",
        )
    if len(problems) > before or metric is None or value is None or qualifier is None:
        return None
    return OfficialFigure(
        line,
        period,
        cells["period_note"],
        metric,
        qualifier,
        value,
        cells["unit_note"],
        cells["source_url"],
        cells["source_date"],
        cells["quote"],
        cells["language"] or "en",
    )


def _period(text: str, bad: Any) -> FigurePeriod | None:
    if not text or text == UNKNOWN_PERIOD:
        return None
    try:
        start, end = parse_period(text)
    except ValueError as exc:
        bad(
            ProblemCode.INVALID_FIGURE_PERIOD,
            "period",
            f"{exc}; expected YYYY, YYYY-YYYY, a date range FROM..TO, ..TO, or 'unknown'",
        )
        return None
    if end < start:
        bad(
            ProblemCode.REVERSED_PERIOD,
            "period",
            f"received {text!r}, which ends ({end.isoformat()}) before it starts ({start.isoformat()}); "
            "write the earlier date first",
        )
        return None
    return FigurePeriod(text, start, end)


def _qualifier(text: str, bad: Any) -> Qualifier | None:
    if not text:
        return Qualifier.EXACT
    try:
        return Qualifier(text.lower())
    except ValueError:
        bad(
            ProblemCode.UNKNOWN_VALUE,
            "qualifier",
            f"received {text!r}; expected empty or one of {', '.join(q.value for q in Qualifier)}",
        )
        return None
