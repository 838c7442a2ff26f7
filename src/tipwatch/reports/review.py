"""The monthly plenary review: statistics beside the previous period, findings in the report's language,
charts and the open and overdue action items, as HTML, PDF (WeasyPrint, local fonts only) or Markdown.

``audience="public"`` sends every count through disclosure control
(:func:`tipwatch.review.public_statistics.protect_review`) under the publisher's
:class:`~tipwatch.disclosure.policy.DisclosurePolicy` (its ``k`` and its calendar: only the calendar's
periods are released) and leaves out everything personal or internal: action items appear only as
counts, no record of any person is shown.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from jinja2 import Environment

from tipwatch.disclosure.policy import Audience, DisclosurePolicy
from tipwatch.disclosure.published import PublishedFigures, ReleasedPeriod
from tipwatch.problems import InputError, Location, Problem
from tipwatch.registry.stats import compute_statistics, period_counts
from tipwatch.registry.trends import (
    action_items,
    monthly_series,
    proceedings_funnel,
    registry_facts,
    service_delay,
)
from tipwatch.reports.charts_review import bar_chart, trend_chart
from tipwatch.reports.templating import report_environment
from tipwatch.review.findings import Finding, FindingKind, period_findings, registry_findings
from tipwatch.review.periods import Period
from tipwatch.review.public_statistics import (
    PeriodFigures,
    PublicStatistics,
    protect_review,
    released_periods,
    require_released,
)
from tipwatch.review.statistic_rows import StatisticRow, Value, statistic_rows
from tipwatch.review.statistics import ActionItemView, PeriodStatistics, compare
from tipwatch.store import Database

TEMPLATES = Path(__file__).parent / "templates"
TREND_SERIES = {
    "victims_identified": "victims identified",
    "investigations": "investigations (cases)",
    "prosecutions": "persons prosecuted",
    "convictions": "persons convicted",
    "victims_referred": "victims referred",
}
FUNNEL_LABELS = {
    "reported": "reported",
    "investigated": "investigated",
    "prosecuted": "prosecuted",
    "convicted": "convicted",
}
DELAY_LABELS = {
    "same_day": "same day",
    "1_to_7_days": "1-7 days",
    "8_to_30_days": "8-30 days",
    "31_to_90_days": "31-90 days",
    "over_90_days": "over 90 days",
    "without_service": "no service yet",
}


__all__ = ["Audience", "ReviewDocument", "ReviewFormat", "build_review", "gather_public_statistics"]
PUBLIC_TREND_PERIODS = 6
"""How many released periods the public trend chart shows (the period and the ones before it)."""


class ReviewFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    MD = "md"


@dataclass(frozen=True)
class FindingLine:
    code: str
    kind: str
    text: str


@dataclass
class ReviewDocument:
    """Everything a review shows, already decided for its audience."""

    period: str
    period_label: str
    previous_period: str
    audience: Audience
    k: int | None
    rows: list[StatisticRow]
    findings: list[FindingLine]
    charts: dict[str, str]
    action_items: list[ActionItemView] = field(default_factory=list)
    open_items: int = 0
    overdue_items: int = 0
    delay_median_days: float | None = None
    delay_p90_days: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "period_label": self.period_label,
            "previous_period": self.previous_period,
            "audience": str(self.audience),
            "k": self.k,
            "statistics": [row.model_dump() for row in self.rows],
            "findings": [vars(f) for f in self.findings],
            "action_items": [item.model_dump(mode="json") for item in self.action_items],
            "open_action_items": self.open_items,
            "overdue_action_items": self.overdue_items,
            "days_to_first_service": {"median": self.delay_median_days, "p90": self.delay_p90_days},
        }


def _publishable(finding: Finding, published: dict[str, Value]) -> bool:
    """Whether a finding says nothing the release does not: every count it states is a zero (no person)
    or a figure of the release, and every figure whose exact value decides whether it is made at all
    (``decided_by``) is published as a number. A count over another window — "since records began" —
    could be set against the released periods, so it is left out of public output."""
    for name in finding.counts:
        if name not in finding.sources and finding.figures.get(name) != 0:
            return False
    return all(isinstance(published.get(finding.sources[name]), int) for name in finding.decided_by)


def _published_text(finding: Finding, k: int, published: dict[str, Value]) -> str:
    """A finding's sentence for outside readers: counts from the protected release, small ones hidden;
    the day of one record (``last_on``: the last conviction) as its month only, as in a public brief."""
    figures = dict(finding.figures)
    for name, path in finding.sources.items():
        if path in published:
            figures[name] = published[path]
    template = finding.template
    for name, value in finding.figures.items():
        if name.endswith("_on") and isinstance(value, str):
            figures[name] = date.fromisoformat(value).strftime("%B %Y")
            template = template.replace(f"on {{{name}}}", f"in {{{name}}}")
    return finding.model_copy(update={"figures": figures, "template": template}).text(k)


def _period_figures(db: Database, period: Period) -> PeriodFigures:
    with db.engine.connect() as connection:
        counts = period_counts(connection, period)
    bounds = (period.start, period.end)
    statistics = compare(str(period), bounds, str(period), bounds, counts, counts)
    return PeriodFigures(
        str(period), statistics, "current", proceedings_funnel(db, period), service_delay(db, period)
    )


def gather_public_statistics(
    db: Database,
    period: Period,
    policy: DisclosurePolicy,
    trend_periods: int = PUBLIC_TREND_PERIODS,
    statistics: PeriodStatistics | None = None,
) -> PublicStatistics:
    """The released ``period``, the one before it and ``trend_periods`` released periods of trend, each
    protected from its own figures alone, so every output that shows a period shows it with the same
    markers. Refuses a period the policy's calendar does not release."""
    require_released(policy, period)
    statistics = statistics or compute_statistics(db, period)
    previous = period.previous()
    current = PeriodFigures(
        str(period), statistics, "current", proceedings_funnel(db, period), service_delay(db, period)
    )
    before = PeriodFigures(
        str(previous), statistics, "previous", proceedings_funnel(db, previous), service_delay(db, previous)
    )
    known = {current.name: current, before.name: before}
    trend = [period.shifted(step - trend_periods + 1) for step in range(trend_periods)]
    figures = [known.get(str(p)) or _period_figures(db, p) for p in trend]
    return protect_review(current, before, policy.k, figures)


def published_figures(db: Database, policy: DisclosurePolicy, start: date, end: date) -> PublishedFigures:
    """Every released period that overlaps ``start .. end``, as published: what a public reply brief
    may draw on (the same protected releases as the public statistics and reviews)."""
    released: list[ReleasedPeriod] = []
    for period in released_periods(policy, start, end):
        figures = _period_figures(db, period)
        public = protect_review(figures, figures, policy.k)
        values = {row.path: row.current for row in public.rows}
        released.append(ReleasedPeriod(str(period), period.start, period.end, values))
    return PublishedFigures(policy.k, tuple(released))


def build_review(
    db: Database,
    period: Period,
    audience: Audience = Audience.INTERNAL,
    policy: DisclosurePolicy | None = None,
) -> ReviewDocument:
    """Gather a review of ``period`` from the registry and decide what its audience may see (a public
    review only for a period the policy releases)."""
    policy = policy or DisclosurePolicy()
    k = policy.k
    if audience is Audience.PUBLIC:
        require_released(policy, period)
    statistics = compute_statistics(db, period)
    funnel = proceedings_funnel(db, period)
    delay = service_delay(db, period)
    facts = registry_facts(db, period.end)
    items = action_items(db, period.end)
    findings = [*registry_findings(facts), *period_findings(statistics, items)]
    open_items = len(items)
    overdue = sum(1 for item in items if item.overdue)
    if audience is Audience.PUBLIC:
        public = gather_public_statistics(db, period, policy, statistics=statistics)
        published = {f"current:{row.path}": row.current for row in public.rows}
        published |= {f"previous:{row.path}": row.previous for row in public.rows}
        lines = [
            FindingLine(f.code, str(f.kind), _published_text(f, k, published))
            for f in findings
            if _publishable(f, published)
        ]
        points: list[dict[str, Value]] = public.trend
        funnel_values: dict[str, Value] = public.funnel
        delay_values: dict[str, Value] = dict(public.delay_distribution)
        rows = public.rows
        median, p90 = public.delay_median_days, public.delay_p90_days
        shown_items: list[ActionItemView] = []
    else:
        lines = [FindingLine(f.code, str(f.kind), f.text()) for f in findings]
        points = [point.model_dump() for point in monthly_series(db, period, 24)]
        funnel_values = {stage: int(value) for stage, value in funnel.model_dump().items()}
        delay_values = {band: int(count) for band, count in delay.distribution.items()}
        delay_values["without_service"] = delay.without_service
        rows = statistic_rows(statistics)
        median, p90 = delay.median_days, delay.p90_days
        shown_items = items
    charts = {
        "trend": trend_chart(points, TREND_SERIES),
        "funnel": bar_chart(funnel_values, FUNNEL_LABELS, "cases in the period"),
        "delay": bar_chart(delay_values, DELAY_LABELS, "victims identified in the period", horizontal=True),
    }
    order = {FindingKind.CONCERN.value: 0, FindingKind.PROGRESS.value: 1, FindingKind.NOTE.value: 2}
    return ReviewDocument(
        period=str(period),
        period_label=period.label,
        previous_period=statistics.previous_period,
        audience=audience,
        k=k if audience is Audience.PUBLIC else None,
        rows=rows,
        findings=sorted(lines, key=lambda line: order.get(line.kind, 3)),
        charts=charts,
        action_items=shown_items,
        open_items=open_items,
        overdue_items=overdue,
        delay_median_days=median,
        delay_p90_days=p90,
    )


def _environment() -> Environment:
    environment = report_environment(TEMPLATES, html=True)
    environment.filters["show"] = _show
    environment.filters["signed"] = lambda v: "" if v is None else f"{v:+d}"
    environment.filters["data_uri"] = lambda svg: (
        "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    )
    return environment


def _show(value: Value) -> str:
    return "unknown" if value is None else str(value)


def render_review(document: ReviewDocument, output_format: ReviewFormat) -> bytes:
    """The review as bytes of the given format."""
    environment = _environment()
    if output_format is ReviewFormat.MD:
        environment.autoescape = False
        return environment.get_template("review.md.j2").render(doc=document).encode()
    html = environment.get_template("review.html.j2").render(doc=document)
    if output_format is ReviewFormat.HTML:
        return html.encode()
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


def write_review(document: ReviewDocument, output_format: ReviewFormat, path: Path) -> Path:
    """Write the review to ``path`` (its folder must exist)."""
    if not path.parent.is_dir():
        raise InputError(
            f"cannot write {path}",
            [
                Problem(
                    "missing-folder",
                    f"folder {path.parent} does not exist; create it first",
                    location=Location(file=str(path)),
                )
            ],
        )
    path.write_bytes(render_review(document, output_format))
    return path
