"""The monthly plenary review of a period (``tipwatch review``, ``/api/review``, ``/review``): statistics
beside the previous period, findings, trends, funnel, days to first service and action items, all read
in one snapshot and decided for the audience. A public review sends every count through disclosure
control (:func:`tipwatch.review.public_statistics.protect_review`) under the publisher's
:class:`~tipwatch.disclosure.policy.DisclosurePolicy` (its ``k`` and its calendar: only the calendar's
periods are released) and shows action items as counts only, no record of any person.

:func:`published_figures` is what a public reply brief may draw on: the released periods over a window,
protected as every public output shows them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection

from tipwatch.disclosure.audience import Audience
from tipwatch.disclosure.policy import DisclosurePolicy
from tipwatch.disclosure.published import PublishedFigures, ReleasedPeriod
from tipwatch.evidence.periods import Period
from tipwatch.registry.stats import compute_statistics, period_counts
from tipwatch.registry.trends import (
    action_items,
    monthly_series,
    proceedings_funnel,
    registry_facts,
    service_delay,
)
from tipwatch.reports.review import FindingLine, ReviewDocument
from tipwatch.review.findings import Finding, FindingKind, period_findings, registry_findings
from tipwatch.review.public_statistics import (
    PeriodFigures,
    PublicStatistics,
    protect_review,
    released_periods,
    require_released,
)
from tipwatch.review.statistic_rows import Value, statistic_rows
from tipwatch.review.statistics import ActionItemView, PeriodStatistics, compare
from tipwatch.store import Database

TREND_MONTHS = 24
"""How many months the internal trend chart shows."""
PUBLIC_TREND_PERIODS = 6
"""How many released periods the public trend chart shows (the period and the ones before it)."""
_ORDER = {FindingKind.CONCERN.value: 0, FindingKind.PROGRESS.value: 1, FindingKind.NOTE.value: 2}


def review(
    db: Database,
    period: Period,
    audience: Audience = Audience.INTERNAL,
    policy: DisclosurePolicy | None = None,
) -> ReviewDocument:
    """The review of ``period`` for ``audience``, read from the registry in one snapshot (a public
    review only for a period the policy releases)."""
    policy = policy or DisclosurePolicy()
    if audience is Audience.PUBLIC:
        require_released(policy, period)
    with db.snapshot() as connection:
        return review_in(connection, period, audience, policy)


def public_statistics(
    db: Database,
    period: Period,
    policy: DisclosurePolicy,
    trend_periods: int = PUBLIC_TREND_PERIODS,
) -> PublicStatistics:
    """The released ``period``, the one before it and ``trend_periods`` released periods of trend under
    disclosure control, read in one snapshot. Refuses a period the policy's calendar does not release."""
    require_released(policy, period)
    with db.snapshot() as connection:
        return public_statistics_in(connection, period, policy, trend_periods)


def published_figures(db: Database, policy: DisclosurePolicy, start: date, end: date) -> PublishedFigures:
    """:func:`published_figures_in`, read in one snapshot."""
    with db.snapshot() as connection:
        return published_figures_in(connection, policy, start, end)


def published_figures_in(
    connection: Connection, policy: DisclosurePolicy, start: date, end: date
) -> PublishedFigures:
    """Every released period that overlaps ``start .. end``, as published: what a public reply brief
    may draw on (the same protected releases as the public statistics and reviews)."""
    released: list[ReleasedPeriod] = []
    for period in released_periods(policy, start, end):
        figures = _period_figures(connection, period)
        public = protect_review(figures, figures, policy.k)
        values = {row.path: row.current for row in public.rows}
        released.append(ReleasedPeriod(str(period), period.start, period.end, values))
    return PublishedFigures(policy.k, tuple(released))


def _period_figures(connection: Connection, period: Period) -> PeriodFigures:
    counts = period_counts(connection, period)
    bounds = (period.start, period.end)
    statistics = compare(str(period), bounds, str(period), bounds, counts, counts)
    return PeriodFigures(
        str(period),
        statistics,
        "current",
        proceedings_funnel(connection, period),
        service_delay(connection, period),
    )


def public_statistics_in(
    connection: Connection,
    period: Period,
    policy: DisclosurePolicy,
    trend_periods: int = PUBLIC_TREND_PERIODS,
    statistics: PeriodStatistics | None = None,
) -> PublicStatistics:
    """:func:`public_statistics` through the caller's snapshot. Each period is protected from its own
    figures alone, so every output that shows a period shows it with the same markers."""
    require_released(policy, period)
    statistics = statistics or compute_statistics(connection, period)
    previous = period.previous()
    current = PeriodFigures(
        str(period),
        statistics,
        "current",
        proceedings_funnel(connection, period),
        service_delay(connection, period),
    )
    before = PeriodFigures(
        str(previous),
        statistics,
        "previous",
        proceedings_funnel(connection, previous),
        service_delay(connection, previous),
    )
    known = {current.name: current, before.name: before}
    trend = [period.shifted(step - trend_periods + 1) for step in range(trend_periods)]
    figures = [known.get(str(p)) or _period_figures(connection, p) for p in trend]
    return protect_review(current, before, policy.k, figures)


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


def review_in(
    connection: Connection,
    period: Period,
    audience: Audience = Audience.INTERNAL,
    policy: DisclosurePolicy | None = None,
) -> ReviewDocument:
    """:func:`review` through the caller's snapshot."""
    policy = policy or DisclosurePolicy()
    k = policy.k
    statistics = compute_statistics(connection, period)
    funnel = proceedings_funnel(connection, period)
    delay = service_delay(connection, period)
    items = action_items(connection, period.end)
    findings = [
        *registry_findings(registry_facts(connection, period.end)),
        *period_findings(statistics, items),
    ]
    if audience is Audience.PUBLIC:
        public = public_statistics_in(connection, period, policy, statistics=statistics)
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
        points = [point.model_dump() for point in monthly_series(connection, period, TREND_MONTHS)]
        funnel_values = {stage: int(value) for stage, value in funnel.model_dump().items()}
        delay_values = {band: int(count) for band, count in delay.distribution.items()}
        delay_values["without_service"] = delay.without_service
        rows = statistic_rows(statistics)
        median, p90 = delay.median_days, delay.p90_days
        shown_items = items
    return ReviewDocument(
        period=str(period),
        period_label=period.label,
        previous_period=statistics.previous_period,
        audience=audience,
        k=k if audience is Audience.PUBLIC else None,
        rows=rows,
        findings=sorted(lines, key=lambda line: _ORDER.get(line.kind, 3)),
        trend=points,
        funnel=funnel_values,
        delay=delay_values,
        action_items=shown_items,
        open_items=len(items),
        overdue_items=sum(1 for item in items if item.overdue),
        delay_median_days=median,
        delay_p90_days=p90,
    )
