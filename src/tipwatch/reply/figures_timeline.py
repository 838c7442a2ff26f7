"""The timeline of a right of reply from published figures: the report's claims and the government's
figures of one jurisdiction on one time axis, with the April–March reporting periods drawn, so that a
reader sees at a glance which windows overlap. Pure data (lanes and marks); ``reports.figures_chart``
draws it.

One mark per dated figure, in the lane of its metric (figures of one lane that overlap in time are put
on rows of their own, never merged: figures that disagree stay side by side), and one mark per window
of each claim (a "since 2021" claim has two, one per reading of the year), in the claims' lane on top.
A figure or claim window with no first day (a cumulative figure, "never") starts at the axis' edge.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tipwatch.evidence import ReportingPeriod
from tipwatch.reply.figures import METRICS, OPEN_START, Qualifier
from tipwatch.reply.figures_brief import FiguresBrief
from tipwatch.reply.figures_check import claim_assertions

CLAIMS_LANE = "claims"
"""The lane of the report's claim windows; every other lane is a metric of :data:`METRICS`."""
LABEL_ROOM = 0.1
"""The share of the axis left after a bar for its label before another bar may follow on its row."""


class MarkKind(StrEnum):
    FIGURE = "figure"
    CLAIM = "claim"


@dataclass(frozen=True, slots=True)
class Mark:
    """One bar of the timeline. ``ident`` is unique in the timeline (``figure-5``: the figure on line 5
    of the figures file; ``claim-5-2``: claim 5's second window), ``row`` is the bar's row within its
    lane (0 at the top). What is written beside the bar is kept in parts, so that a chart can translate
    the words and format the number: ``number`` (the claim's number, or the figure's value), ``term``
    (the claim's kind, or the figure's qualifier: "" when exact) and ``reading`` (which reading of the
    claim the window is: "calendar year"); :attr:`label` puts them together in English."""

    kind: MarkKind
    ident: str
    lane: str
    start: date
    end: date
    number: int
    term: str = ""
    reading: str = ""
    open_start: bool = False
    row: int = 0
    disagreeing: bool = False
    """A figure the file contradicts with another of the same metric and period."""

    @property
    def label(self) -> str:
        """ "5. since-year (calendar year)" for a claim window, "over 9000" for a figure."""
        if self.kind is MarkKind.CLAIM:
            return f"{self.number}. {self.term}" + (f" ({self.reading})" if self.reading else "")
        return f"{self.term} {self.number}" if self.term else str(self.number)


@dataclass(frozen=True, slots=True)
class Timeline:
    jurisdiction: str | None
    report_year: int
    first: date
    last: date
    lanes: tuple[tuple[str, int], ...]
    """Each lane (top down) and how many rows it takes."""
    marks: tuple[Mark, ...]

    @property
    def periods(self) -> tuple[ReportingPeriod, ...]:
        """The reporting periods (April 1 – March 31) the axis spans, by report year."""
        first = self.first.year + (self.first.month >= 4)
        last = self.last.year + (self.last.month >= 4)
        return tuple(ReportingPeriod(year) for year in range(first, last + 1))


def _packed(marks: Iterable[Mark], gap: timedelta) -> list[Mark]:
    """The marks of one lane, each on the first row where it comes at least ``gap`` (room for the label
    written after a bar) after every other, in time order."""
    ends: list[date] = []
    placed = []
    for mark in sorted(marks, key=lambda m: (m.start, m.end, m.ident)):
        row = next((i for i, end in enumerate(ends) if end + gap < mark.start), len(ends))
        if row == len(ends):
            ends.append(mark.end)
        else:
            ends[row] = mark.end
        placed.append(_with_row(mark, row))
    return placed


def _with_row(mark: Mark, row: int) -> Mark:
    return Mark(
        mark.kind,
        mark.ident,
        mark.lane,
        mark.start,
        mark.end,
        mark.number,
        mark.term,
        mark.reading,
        mark.open_start,
        row,
        mark.disagreeing,
    )


def claim_marks(brief: FiguresBrief) -> list[Mark]:
    """One mark per window of each claim that speaks about a window (placements do not)."""
    marks = []
    for number, item in enumerate(brief.claims, start=1):
        windows = list(
            dict.fromkeys(w for a in claim_assertions(item.claim, brief.report_year) for w in a.windows)
        )
        for index, window in enumerate(windows, start=1):
            marks.append(
                Mark(
                    MarkKind.CLAIM,
                    f"claim-{number}-{index}",
                    CLAIMS_LANE,
                    window.start,
                    window.end,
                    number,
                    str(item.claim.kind),
                    window.short,
                    open_start=window.start == OPEN_START,
                )
            )
    return marks


def figure_marks(brief: FiguresBrief) -> list[Mark]:
    """One mark per dated figure, in the lane of its metric."""
    disagreeing = {f.line for group in brief.disagreements for f in group}
    return [
        Mark(
            MarkKind.FIGURE,
            f"figure-{figure.line}",
            figure.metric.name,
            figure.period.start,
            figure.period.end,
            figure.value,
            "" if figure.qualifier is Qualifier.EXACT else str(figure.qualifier),
            open_start=figure.period.start == OPEN_START,
            disagreeing=figure.line in disagreeing,
        )
        for figure in brief.figures
        if figure.period is not None
    ]


def build_timeline(brief: FiguresBrief) -> Timeline:
    """The brief's claims and every dated figure of its file on one axis."""
    marks = claim_marks(brief) + figure_marks(brief)
    dated = [m for m in marks if not m.open_start]
    period = ReportingPeriod(brief.report_year)
    first = min([period.start, *(m.start for m in dated)])
    last = max([period.end, *(m.end for m in marks)])
    order = [CLAIMS_LANE, *METRICS]
    placed: list[Mark] = []
    lanes: list[tuple[str, int]] = []
    gap = (last - first) * LABEL_ROOM
    for lane in order:
        packed = _packed((_clipped(m, first) for m in marks if m.lane == lane), gap)
        if packed:
            lanes.append((lane, 1 + max(m.row for m in packed)))
            placed += packed
    return Timeline(brief.jurisdiction, brief.report_year, first, last, tuple(lanes), tuple(placed))


def _clipped(mark: Mark, first: date) -> Mark:
    """A mark with no first day starts at the axis' edge (and says so)."""
    if not mark.open_start:
        return mark
    return Mark(
        mark.kind,
        mark.ident,
        mark.lane,
        first,
        mark.end,
        mark.number,
        mark.term,
        mark.reading,
        True,
        0,
        mark.disagreeing,
    )


def lane_rows(timeline: Timeline) -> dict[str, tuple[int, int]]:
    """Each lane's first row on the whole chart and its number of rows."""
    rows: dict[str, tuple[int, int]] = {}
    top = 0
    for lane, count in timeline.lanes:
        rows[lane] = (top, count)
        top += count
    return rows


def marks_of(timeline: Timeline, kind: MarkKind) -> Sequence[Mark]:
    return [m for m in timeline.marks if m.kind is kind]
