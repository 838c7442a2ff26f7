"""Right of reply: each claim of a TIP narrative beside what the registry shows for the same period.

Pure: claims (:mod:`.reply_claims`) and the registry's dated, pseudonymous events in; one verdict per
claim out — agrees, contradicts, or not verifiable from the registry — with the reason, the registry's
figure for each period the claim covers and, for an internal audience, the records behind a
contradiction. A public brief shows only what the released periods say
(:class:`tipwatch.disclosure.published.PublishedFigures`), and gives a verdict only where those figures
alone decide it: a verdict computed from the registry's raw count of a suppressed cell would disclose it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from tipwatch.disclosure.published import Bounds, Disclosure, Shown
from tipwatch.evidence import ReportingPeriod
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reply.claims import (
    REASSESSED,
    Claim,
    ClaimKind,
    Measure,
    NarrativeFacts,
    facts_from_fields,
    narrative_claims,
)
from tipwatch.reply.reassess import Assessor, Reassessment, reassess

FIRST_REPORT_YEAR, LAST_REPORT_YEAR = 2001, 2100
"""The first TIP Report was published in 2001."""


class Verdict(StrEnum):
    AGREES = "agrees"
    CONTRADICTS = "contradicts"
    NOT_VERIFIABLE = "not-verifiable"


@dataclass(frozen=True, slots=True)
class RecordEvent:
    """One dated fact of the registry: a victim identified or served, an investigation opened, a
    prosecution initiated, a person convicted. ``record_id`` is pseudonymous."""

    measure: Measure
    record_id: str
    on: date


@dataclass(frozen=True, slots=True)
class RegistryRecords:
    """The registry's events for one jurisdiction. ``covers_from`` is the day from which its records
    are complete; a window that starts earlier cannot be checked."""

    events: tuple[RecordEvent, ...]
    covers_from: date | None

    @classmethod
    def of(cls, events: Iterable[RecordEvent], covers_from: date | None = None) -> RegistryRecords:
        events = tuple(sorted(events, key=lambda e: (e.on, e.measure, e.record_id)))
        start = covers_from or (events[0].on if events else None)
        return cls(events, start)

    def ids(self, measure: Measure, start: date, end: date) -> tuple[str, ...]:
        """Distinct record ids with an event of this measure in [start, end], in date order."""
        seen: dict[str, None] = {}
        for event in self.events:
            if event.measure is measure and start <= event.on <= end:
                seen.setdefault(event.record_id, None)
        return tuple(seen)

    def count(self, measure: Measure, start: date, end: date) -> int:
        return len(self.ids(measure, start, end))

    def covers(self, start: date) -> bool:
        return self.covers_from is not None and self.covers_from <= start


@dataclass(frozen=True, slots=True)
class Window:
    """A stretch of time a claim speaks about: a reporting period or "since YEAR" to the period's end."""

    label: str
    start: date
    end: date

    @classmethod
    def period(cls, report_year: int) -> Window:
        period = ReportingPeriod(report_year)
        return cls(f"RP{report_year}", period.start, period.end)


@dataclass(frozen=True, slots=True)
class Figure:
    """The registry's figure for one measure in one window."""

    window: Window
    measure: Measure
    count: Shown
    record_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "window": self.window.label,
            "start": self.window.start.isoformat(),
            "end": self.window.end.isoformat(),
            "measure": str(self.measure),
            "count": self.count.to_dict(),
            "record_ids": list(self.record_ids),
        }


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    claim: Claim
    verdict: Verdict
    reason: str
    figures: tuple[Figure, ...] = ()
    records: tuple[str, ...] = field(default=())
    """Pseudonymous ids of the records behind a contradiction (empty for a public audience)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim.to_dict(),
            "verdict": str(self.verdict),
            "reason": self.reason,
            "registry_figures": [figure.to_dict() for figure in self.figures],
            "records": list(self.records),
        }


def check_claims(
    claims: Sequence[Claim], records: RegistryRecords, report_year: int, disclosure: Disclosure
) -> list[ClaimCheck]:
    """One check per claim, in the order of the claims."""
    return [check_claim(claim, records, report_year, disclosure) for claim in claims]


def check_claim(
    claim: Claim, records: RegistryRecords, report_year: int, disclosure: Disclosure
) -> ClaimCheck:
    if claim.kind is ClaimKind.PLACEMENT:
        return _unverifiable(
            claim,
            "a placement is the report's judgment under 22 U.S.C. 7107, not a fact the registry records; "
            "the reassessment recomputes it with the registry's figures",
        )
    if not claim.measures:
        return _unverifiable(claim, _NOTHING_RECORDED)
    windows = _windows(claim, records, report_year)
    if isinstance(windows, str):
        return _unverifiable(claim, windows)
    uncovered = [w for w in windows if not records.covers(w.start)]
    if uncovered:
        return _unverifiable(claim, _coverage_reason(records, uncovered[0], disclosure))
    return _judge(claim, records, windows, report_year, disclosure)


_NOTHING_RECORDED = (
    "the registry records nothing this statement is about (it counts investigations, prosecutions, "
    "convictions, and victims identified and served)"
)


def _windows(claim: Claim, records: RegistryRecords, report_year: int) -> list[Window] | str:
    period = Window.period(report_year)
    if claim.kind is ClaimKind.COUNT:
        return [period]
    if claim.kind is ClaimKind.CONSECUTIVE_YEARS:
        years = claim.years or 1
        return [Window.period(year) for year in range(report_year - years + 1, report_year + 1)]
    if claim.kind is ClaimKind.SINCE_YEAR:
        since = claim.since_year or report_year
        start = date(since + 1, 1, 1)
        if claim.first:
            return [
                Window(f"{since + 1}-01-01 .. RP{report_year - 1}", start, period.start - timedelta(days=1)),
                period,
            ]
        if not claim.negative:
            return "the registry can test that something did or did not happen since a year, not this kind of statement"
        return [Window(f"{start.isoformat()} .. {period.end.isoformat()}", start, period.end)]
    if records.covers_from is None:
        return "the registry holds no records, so it cannot show that something never happened"
    start = records.covers_from
    return [Window(f"{start.isoformat()} .. {period.end.isoformat()}", start, period.end)]


def _judge(
    claim: Claim, records: RegistryRecords, windows: list[Window], report_year: int, disclosure: Disclosure
) -> ClaimCheck:
    figures: list[Figure] = []
    failing: list[Figure] = []
    undecided: list[Figure] = []
    raw: dict[tuple[str, Measure], tuple[str, ...]] = {}
    for measure in claim.measures:
        for window in windows:
            ids = records.ids(measure, window.start, window.end)
            raw[(window.label, measure)] = ids
            path = measure.statistic_path
            bounds = disclosure.bounds(path, window.start, window.end, len(ids))
            shown = disclosure.cell(path, window.start, window.end, len(ids))
            figure = Figure(window, measure, shown, disclosure.records(ids))
            figures.append(figure)
            decided = _decided(claim, window, bounds, report_year)
            if decided is None:
                undecided.append(figure)
            elif not decided:
                failing.append(figure)
    said = _said(claim)
    if failing:
        behind = tuple(dict.fromkeys(i for f in failing for i in raw[(f.window.label, f.measure)]))
        return ClaimCheck(
            claim,
            Verdict.CONTRADICTS,
            f"the report says {said}; the registry records {_listed(failing)}",
            tuple(figures),
            disclosure.records(behind),
        )
    if undecided:
        return ClaimCheck(
            claim,
            Verdict.NOT_VERIFIABLE,
            f"not verifiable in public output: the report says {said}; the published figures "
            f"({_listed(undecided)}) neither confirm nor contradict it, and a verdict on a suppressed "
            "count would disclose it",
            tuple(figures),
        )
    found = _listed(figures) if len(figures) <= 2 else f"figures that bear it out in all {len(figures)} cells"
    return ClaimCheck(
        claim, Verdict.AGREES, f"the report says {said}; the registry records {found}", tuple(figures)
    )


def _listed(figures: Sequence[Figure]) -> str:
    return " and ".join(f"{f.count.display} {f.measure.label} in {f.window.label}" for f in figures)


def _decided(claim: Claim, window: Window, count: Bounds, report_year: int) -> bool | None:
    """Whether the claim holds for a count known to lie in ``count`` (None: the bounds do not decide).
    Internally the bounds are the exact count, so every claim is decided."""
    if claim.kind is ClaimKind.COUNT:
        value = claim.value if isinstance(claim.value, int) else None
        if value is None or not count.contains(value):
            return False
        return True if count.exact == value else None
    wants_some = (
        window.label == f"RP{report_year}"
        if claim.kind is ClaimKind.SINCE_YEAR and claim.first
        else not claim.negative
    )
    if count.lower >= 1:
        return wants_some
    if count.upper == 0:
        return not wants_some
    return None


def _said(claim: Claim) -> str:
    if claim.kind is ClaimKind.COUNT:
        return f"{claim.measures[0].label}: {claim.value} in the reporting period"
    if claim.kind is ClaimKind.CONSECUTIVE_YEARS:
        what = " or ".join(m.label for m in claim.measures)
        return f"{'no' if claim.negative else 'some'} {what} for {claim.years} consecutive reporting periods"
    if claim.kind is ClaimKind.SINCE_YEAR:
        what = " or ".join(m.label for m in claim.measures)
        if claim.first:
            return f"the first {what} since {claim.since_year}"
        return f"no {what} since {claim.since_year}"
    return f"no {' or '.join(m.label for m in claim.measures)}, ever"


def _coverage_reason(records: RegistryRecords, window: Window, disclosure: Disclosure) -> str:
    if records.covers_from is None:
        return "the registry holds no records for this jurisdiction"
    return (
        f"the claim covers {window.label} (from {window.start.isoformat()}), but the registry's records "
        f"begin in {disclosure.day(records.covers_from)}"
    )


def _unverifiable(claim: Claim, reason: str) -> ClaimCheck:
    return ClaimCheck(claim, Verdict.NOT_VERIFIABLE, reason)


def registry_figures(records: RegistryRecords, report_year: int) -> dict[str, int | None]:
    """The registry's raw counts for the reporting period and, as ``previous_period.<measure>``, the
    period before (None where its records do not cover a period)."""
    figures: dict[str, int | None] = {}
    for year, prefix in ((report_year, ""), (report_year - 1, "previous_period.")):
        period = Window.period(year)
        covered = records.covers(period.start)
        for measure in REASSESSED:
            figures[prefix + str(measure)] = (
                records.count(measure, period.start, period.end) if covered else None
            )
    return figures


def published_registry_figures(disclosure: Disclosure, report_year: int) -> dict[str, int | None]:
    """:func:`registry_figures` as a public brief may use them: a count the releases fix exactly, else
    None (unknown), so that the reassessment, too, is computed from published figures only."""
    figures: dict[str, int | None] = {}
    for year, prefix in ((report_year, ""), (report_year - 1, "previous_period.")):
        period = Window.period(year)
        for measure in REASSESSED:
            bounds = disclosure.bounds(measure.statistic_path, period.start, period.end, 0)
            figures[prefix + str(measure)] = bounds.exact
    return figures


@dataclass(frozen=True, slots=True)
class ReplyBrief:
    """The right of reply for one narrative: every claim checked, then the reassessment."""

    jurisdiction: str | None
    report_year: int
    disclosure: Disclosure
    checks: tuple[ClaimCheck, ...]
    reassessment: Reassessment | None = None
    source: str | None = None

    @property
    def period(self) -> ReportingPeriod:
        return ReportingPeriod(self.report_year)

    def summary(self) -> dict[str, int]:
        return {str(v): sum(1 for c in self.checks if c.verdict is v) for v in Verdict}

    def to_dict(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "report_year": self.report_year,
            "reporting_period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "audience": str(self.disclosure.audience),
            "disclosure_threshold": self.disclosure.threshold,
            "source": self.source,
            "summary": self.summary(),
            "claims": [check.to_dict() for check in self.checks],
            "reassessment": self.reassessment.to_dict() if self.reassessment else None,
        }


def build_reply(
    narrative: NarrativeFacts | Mapping[str, Any],
    records: RegistryRecords,
    report_year: int,
    disclosure: Disclosure,
    *,
    text: str | None = None,
    quotes: Mapping[str, str] | None = None,
    assessor: Assessor | None = None,
    source: str | None = None,
) -> ReplyBrief:
    """Check every claim of a narrative (its typed facts, or annotation-schema fields, checked here)
    against the registry's records for the same reporting period and, given an assessor, reassess with
    the registry's figures."""
    if not FIRST_REPORT_YEAR <= report_year <= LAST_REPORT_YEAR:
        raise InputError(
            f"report year {report_year} is out of range",
            [
                Problem(
                    ProblemCode.INVALID_REPORT_YEAR,
                    f"received {report_year}; expected a TIP Report year from {FIRST_REPORT_YEAR} to {LAST_REPORT_YEAR}",
                    location=Location(field="report_year"),
                )
            ],
        )
    facts = narrative if isinstance(narrative, NarrativeFacts) else facts_from_fields(narrative, source)
    stated = facts.report_year
    if stated is not None and stated != report_year:
        raise InputError(
            f"the narrative is for report year {stated}, not {report_year}",
            [
                Problem(
                    ProblemCode.REPORT_YEAR_MISMATCH,
                    f"received a narrative for {stated} and --report-year {report_year}; "
                    "give the narrative of the report year you want to answer",
                    location=Location(file=source, field="report_year"),
                )
            ],
        )
    claims = narrative_claims(facts, text=text, quotes=quotes)
    checks = tuple(check_claims(claims, records, report_year, disclosure))
    reassessment = None
    if assessor is not None:
        figures = (
            published_registry_figures(disclosure, report_year)
            if disclosure.public
            else registry_figures(records, report_year)
        )
        fields = facts.schema_fields()
        reassessment = reassess(fields, claims, report_year, figures, assessor, disclosure)
    return ReplyBrief(facts.jurisdiction, report_year, disclosure, checks, reassessment, source)
