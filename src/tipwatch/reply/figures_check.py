"""Each claim of a narrative beside a government's published figures, window against window.

A claim speaks about a window of days (the reporting period, April 1 to March 31; "since YEAR" to the
period's end; "never" up to it); a figure counts another (a calendar year, a multi-year span). A figure
is set against a claim when its metric bears on what the claim counts and its window overlaps the
claim's. The verdict says what the overlap decides, and when it cannot decide, the condition that would:
the day the source does not give. "Since YEAR" is read both ways the year can mean — the calendar year
and the reporting period ending in March of that year — and where the two readings part, the verdict
says so. Every figure keeps its own verdict: figures that disagree are shown side by side, never
averaged or chosen between.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from tipwatch.evidence import ReportingPeriod
from tipwatch.reply.claims import Claim, ClaimKind
from tipwatch.reply.figures import OPEN_START, FigurePeriod, OfficialFigure


class FigureVerdict(StrEnum):
    AGREES = "agrees"
    CONTRADICTS = "contradicts"
    COMPATIBLE_ONLY_IF = "compatible-only-if"
    NOT_VERIFIABLE = "not-verifiable"


class Expect(StrEnum):
    NONE = "none"
    SOME = "some"
    EQUALS = "equals"


@dataclass(frozen=True, slots=True)
class Window:
    """The days a claim speaks about under one reading of it."""

    reading: str
    start: date
    end: date
    short: str = ""
    """A few words naming the reading among the claim's others (a chart's label): "calendar year"."""

    @property
    def label(self) -> str:
        start = "the earliest record" if self.start == OPEN_START else self.start.isoformat()
        return f"{start} .. {self.end.isoformat()}"


@dataclass(frozen=True, slots=True)
class Assertion:
    """What a claim says about one stretch of time: none, some, or exactly ``value``."""

    expect: Expect
    windows: tuple[Window, ...]
    value: int | None = None


@dataclass(frozen=True, slots=True)
class FigureCheck:
    figure: OfficialFigure
    verdict: FigureVerdict
    condition: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": str(self.verdict),
            "condition": self.condition,
            "mapping": self.figure.metric.mapping,
            "figure": self.figure.to_dict(),
        }


def claim_assertions(claim: Claim, report_year: int) -> tuple[Assertion, ...]:
    """The windows a claim speaks about and what it says of each; empty when no figure can test it."""
    period = ReportingPeriod(report_year)
    this_period = Window(f"the {report_year} reporting period", period.start, period.end)
    if not claim.measures:
        return ()
    if claim.kind is ClaimKind.COUNT:
        if claim.value == 0:
            return (Assertion(Expect.NONE, (this_period,)),)
        return (Assertion(Expect.EQUALS, (this_period,), claim.value),)
    if claim.kind is ClaimKind.CONSECUTIVE_YEARS and claim.negative:
        first = ReportingPeriod(report_year - (claim.years or 1) + 1)
        label = f"the {claim.years} reporting periods {first.start.isoformat()} .. {period.end.isoformat()}"
        return (Assertion(Expect.NONE, (Window(label, first.start, period.end),)),)
    if claim.kind is ClaimKind.SINCE_YEAR and claim.since_year is not None:
        if claim.first:
            return (
                Assertion(Expect.NONE, _since(claim.since_year, period.start - timedelta(days=1))),
                Assertion(Expect.SOME, (this_period,)),
            )
        if claim.negative:
            return (Assertion(Expect.NONE, _since(claim.since_year, period.end)),)
    if claim.kind is ClaimKind.NEVER:
        return (Assertion(Expect.NONE, (Window("ever, to the period's end", OPEN_START, period.end),)),)
    return ()


def _since(year: int, end: date) -> tuple[Window, ...]:
    rp = ReportingPeriod(year)
    return (
        Window(f"'{year}' read as the calendar year", date(year + 1, 1, 1), end, "calendar year"),
        Window(
            f"'{year}' read as the {year} reporting period (to {rp.end.isoformat()})",
            rp.end + timedelta(days=1),
            end,
            "reporting period",
        ),
    )


_FORM = re.compile(r"\b(sex|labou?r|forced)\b", re.IGNORECASE)


def trafficking_form(claim: Claim) -> str | None:
    """The form of trafficking a claim is limited to ("sex trafficking convictions"), if any: a
    figure that counts every form cannot show that one of that form happened."""
    match = _FORM.search(claim.text)
    return match.group(1).lower() if match else None


def check_figure(claim: Claim, assertion: Assertion, figure: OfficialFigure) -> FigureCheck | None:
    """The verdict of one figure on one assertion, or None when its window misses every reading."""
    period = figure.period
    if period is None or figure.metric.measure not in claim.measures:
        return None
    results = [(w, _judge(assertion, w, figure, period)) for w in assertion.windows]
    form = trafficking_form(claim)
    if form and figure.some:
        results = [
            (
                w,
                None
                if r is None
                else (
                    FigureVerdict.NOT_VERIFIABLE,
                    f"{r[1]} — but the figure counts every "
                    f"form of trafficking and the claim only {form} trafficking, so it cannot show one of that form",
                ),
            )
            for w, r in results
        ]
    if all(result is None for _, result in results):
        return None
    if len(results) == 1:
        verdict, text = results[0][1] or (FigureVerdict.NOT_VERIFIABLE, "")
        return FigureCheck(figure, verdict, text)
    verdicts = {result[0] if result else None for _, result in results}
    parts = []
    for window, result in results:
        if result is None:
            parts.append(
                f"with {window.reading} (window {window.label}), the figure's period {period.label} "
                "falls outside the window and does not bear on the claim"
            )
        else:
            parts.append(f"with {window.reading} (window {window.label}): {result[1]}")
    single = next(iter(verdicts))
    verdict = single if len(verdicts) == 1 and single is not None else FigureVerdict.COMPATIBLE_ONLY_IF
    return FigureCheck(figure, verdict, "; ".join(parts))


def _judge(
    assertion: Assertion, window: Window, figure: OfficialFigure, period: FigurePeriod
) -> tuple[FigureVerdict, str] | None:
    start, end = max(window.start, period.start), min(window.end, period.end)
    if end < start:
        return None
    inside = period.start >= window.start and period.end <= window.end
    covers = period.start <= window.start and period.end >= window.end
    overlap = f"{start.isoformat()} .. {end.isoformat()}"
    what = f"the figure {figure.stated} ({figure.metric.meaning}) for {period.label}"
    vague = f"the source dates it no closer than {period.text}"
    if assertion.expect is Expect.NONE:
        if figure.some and inside:
            return (
                FigureVerdict.CONTRADICTS,
                f"{what} lies wholly inside the window: it contradicts the claim whatever its day",
            )
        if figure.some:
            return (
                FigureVerdict.COMPATIBLE_ONLY_IF,
                f"{what} contradicts the claim if it fell within {overlap}; compatible only if it fell outside "
                f"those days ({vague})",
            )
        if figure.none and covers:
            return FigureVerdict.AGREES, f"{what} covers the whole window"
        if figure.none:
            return (
                FigureVerdict.COMPATIBLE_ONLY_IF,
                f"{what} covers only {overlap} of the window; the claim holds only if there were none in the "
                "rest of it, which the figure does not count",
            )
        return FigureVerdict.NOT_VERIFIABLE, f"{what} neither says none nor some"
    if assertion.expect is Expect.SOME:
        return _judge_some(figure, what, overlap, inside, covers)
    return _judge_equals(assertion.value or 0, figure, what, overlap, period, window)


def _judge_some(
    figure: OfficialFigure, what: str, overlap: str, inside: bool, covers: bool
) -> tuple[FigureVerdict, str]:
    if figure.some and inside:
        return FigureVerdict.AGREES, f"{what} lies wholly inside the window"
    if figure.some:
        return (
            FigureVerdict.COMPATIBLE_ONLY_IF,
            f"{what} bears the claim out only if at least one fell within {overlap}; the source gives no closer date",
        )
    if figure.none and covers:
        return FigureVerdict.CONTRADICTS, f"{what} covers the whole window"
    if figure.none:
        return (
            FigureVerdict.COMPATIBLE_ONLY_IF,
            f"{what} covers only {overlap} of the window; the claim holds only if one fell in the rest of it",
        )
    return FigureVerdict.NOT_VERIFIABLE, f"{what} neither says none nor some"


def _judge_equals(
    value: int, figure: OfficialFigure, what: str, overlap: str, period: FigurePeriod, window: Window
) -> tuple[FigureVerdict, str]:
    inside = period.start >= window.start and period.end <= window.end
    covers = period.start <= window.start and period.end >= window.end
    exact = figure.metric.same_unit and figure.qualifier.lower_bound
    if figure.none and covers:
        return (
            FigureVerdict.CONTRADICTS,
            f"{what} covers the whole window, in which the report counts {value}",
        )
    if exact and inside and covers and figure.qualifier == "exact":
        verdict = FigureVerdict.AGREES if figure.value == value else FigureVerdict.CONTRADICTS
        return verdict, f"{what} counts the same window as the report's {value}"
    if exact and covers and figure.qualifier == "exact" and figure.value < value:
        return (
            FigureVerdict.CONTRADICTS,
            f"{what} counts fewer over a longer window than the report's {value}",
        )
    if exact and inside and figure.value > value:
        return FigureVerdict.CONTRADICTS, f"{what} counts more within the window than the report's {value}"
    if figure.some and inside and not figure.metric.same_unit:
        return (
            FigureVerdict.AGREES,
            f"{what} lies inside the window: both say at least one; the units differ "
            f"({figure.metric.mapping}), so {figure.value} and {value} are not compared",
        )
    return (
        FigureVerdict.NOT_VERIFIABLE,
        f"{what} overlaps the window only on {overlap}; the report's {value} and the figure count different "
        "stretches of time, and the source gives no closer dates",
    )


def disagreements(figures: Sequence[OfficialFigure]) -> list[tuple[OfficialFigure, ...]]:
    """Groups of figures for one metric of the case flow (cases, referrals, prosecutions, convictions,
    victims) and one period that state different values: shown side by side."""
    groups: dict[tuple[str, date, date], list[OfficialFigure]] = {}
    for figure in figures:
        if figure.period is not None and (figure.metric.measure or figure.metric.not_same_as):
            groups.setdefault((figure.metric.name, figure.period.start, figure.period.end), []).append(figure)
    return [tuple(group) for group in groups.values() if len({(f.qualifier, f.value) for f in group}) > 1]
