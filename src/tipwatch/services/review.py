"""The monthly plenary review of a period (``tipwatch review``, ``/api/review``, ``/review``): statistics
beside the previous period, findings, trends, funnel, days to first service and action items, all read
in one snapshot and decided for the audience. A public review sends every count through disclosure
control (:func:`tipwatch.review.public_statistics.protect_review`) and shows action items as counts only.
"""

from __future__ import annotations

from sqlalchemy import Connection

from tipwatch.disclosure.audience import Audience
from tipwatch.evidence.periods import Period, PeriodKind
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
from tipwatch.review.public_statistics import PeriodFigures, PublicStatistics, protect_review
from tipwatch.review.statistic_rows import Value, statistic_rows
from tipwatch.review.statistics import ActionItemView, PeriodStatistics, compare
from tipwatch.store import Database

TREND_MONTHS = 24
_ORDER = {FindingKind.CONCERN.value: 0, FindingKind.PROGRESS.value: 1, FindingKind.NOTE.value: 2}


def review(
    db: Database, period: Period, audience: Audience = Audience.INTERNAL, k: int = 5
) -> ReviewDocument:
    """The review of ``period`` for ``audience``, read from the registry in one snapshot."""
    with db.snapshot() as connection:
        return review_in(connection, period, audience, k)


def public_statistics(
    db: Database, period: Period, k: int, trend_months: int = TREND_MONTHS
) -> PublicStatistics:
    """The period, the previous period and ``trend_months`` months of trend under disclosure control,
    read in one snapshot."""
    with db.snapshot() as connection:
        return public_statistics_in(connection, period, k, trend_months)


def _month_figures(connection: Connection, month: Period) -> PeriodFigures:
    counts = period_counts(connection, month)
    bounds = (month.start, month.end)
    statistics = compare(str(month), bounds, str(month), bounds, counts, counts)
    return PeriodFigures(
        str(month),
        statistics,
        "current",
        proceedings_funnel(connection, month),
        service_delay(connection, month),
    )


def public_statistics_in(
    connection: Connection,
    period: Period,
    k: int,
    trend_months: int = TREND_MONTHS,
    statistics: PeriodStatistics | None = None,
) -> PublicStatistics:
    """:func:`public_statistics` through the caller's snapshot. Each period is protected from its own
    figures alone, so every release that shows a period shows it with the same markers."""
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
    last = Period.containing(period.end, PeriodKind.MONTH)
    months = [last.shifted(step - trend_months + 1) for step in range(trend_months)]
    figures = [known.get(str(m)) or _month_figures(connection, m) for m in months]
    return protect_review(current, before, k, figures)


def _published_text(finding: Finding, k: int, published: dict[str, Value]) -> str:
    """A finding's sentence for outside readers: counts from the protected release, small ones hidden."""
    figures = dict(finding.figures)
    for name, path in finding.sources.items():
        if path in published:
            figures[name] = published[path]
    return finding.model_copy(update={"figures": figures}).text(k)


def review_in(
    connection: Connection, period: Period, audience: Audience = Audience.INTERNAL, k: int = 5
) -> ReviewDocument:
    """:func:`review` through the caller's snapshot."""
    statistics = compute_statistics(connection, period)
    trend = monthly_series(connection, period, TREND_MONTHS)
    funnel = proceedings_funnel(connection, period)
    delay = service_delay(connection, period)
    items = action_items(connection, period.end)
    findings = [
        *registry_findings(registry_facts(connection, period.end)),
        *period_findings(statistics, items),
    ]
    if audience is Audience.PUBLIC:
        public = public_statistics_in(connection, period, k, len(trend), statistics)
        published = {f"current:{row.path}": row.current for row in public.rows}
        published |= {f"previous:{row.path}": row.previous for row in public.rows}
        lines = [FindingLine(f.code, str(f.kind), _published_text(f, k, published)) for f in findings]
        points: list[dict[str, Value]] = public.trend
        funnel_values: dict[str, Value] = public.funnel
        delay_values: dict[str, Value] = dict(public.delay_distribution)
        rows = public.rows
        median, p90 = public.delay_median_days, public.delay_p90_days
        shown_items: list[ActionItemView] = []
    else:
        lines = [FindingLine(f.code, str(f.kind), f.text()) for f in findings]
        points = [point.model_dump() for point in trend]
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
