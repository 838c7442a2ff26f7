"""Statistics for outside readers: every figure of a public review or ``tipwatch publish`` in one release,
protected together by :mod:`tipwatch.review.disclosure`.

One release holds the period and the previous period (figures by sex, age, citizenship and form of
exploitation, proceedings, sentences, services, screenings, complicity), the monthly trend series, the
proceedings funnel and the days to first service. Everything a reader could add up is a relation: a
breakdown and its total, women and girls among female victims, the months of a quarter, a trend point
that *is* the month's figure (the same cell, so a value withheld in one table is withheld in all). For
each relation the audit assumes the strongest kind the true counts satisfy (see
:func:`~tipwatch.review.disclosure_model.strongest_relation`), which is the most a reader could know.

Counts of action items on recommendations concern no person and are published as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from tipwatch.review.disclosure import ProtectedRelease, Release, protect
from tipwatch.review.disclosure_model import Relation, strongest_relation
from tipwatch.review.statistic_rows import StatisticRow, Value, figures, statistic_rows
from tipwatch.review.statistics import Funnel, MonthlyPoint, PeriodStatistics, ServiceDelay

EXEMPT_SECTIONS = ("recommendations",)
TREND_PATHS = {
    "victims_identified": "victims.identified",
    "investigations": "investigations.cases",
    "prosecutions": "prosecutions.persons",
    "convictions": "convictions.persons",
    "victims_referred": "services.victims_referred",
}
FUNNEL_PATHS = {
    "reported": "funnel.reported",
    "investigated": "investigations.cases",
    "prosecuted": "prosecutions.cases",
    "convicted": "convictions.cases",
}
NESTED = {  # sex-and-age groups within the sex and age-group totals
    "victims.by_sex.female": ("victims.by_sex_and_age.women", "victims.by_sex_and_age.girls"),
    "victims.by_sex.male": ("victims.by_sex_and_age.men", "victims.by_sex_and_age.boys"),
    "victims.by_age_group.adult": ("victims.by_sex_and_age.women", "victims.by_sex_and_age.men"),
    "victims.by_age_group.child": ("victims.by_sex_and_age.girls", "victims.by_sex_and_age.boys"),
}
BREAKDOWNS = {  # total -> breakdowns of it
    "victims.identified": ("by_sex", "by_age_group", "by_sex_and_age", "by_citizenship", "by_exploitation"),
    "investigations.persons": ("by_exploitation",),
    "prosecutions.persons": ("by_exploitation",),
    "convictions.persons": ("by_exploitation",),
    "sentences.total": ("by_length",),
    "services.victims_referred": ("referrals_by_service",),
    "services.victims_served": ("delivered_by_service",),
}
MIN_VICTIMS_FOR_PERCENTILES = 10


class PublicStatistics(BaseModel):
    """What may be published for a period: rows, trend, funnel and service delay, all protected."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    k: int
    period: str
    previous_period: str
    rows: list[StatisticRow]
    trend: list[dict[str, Value]]
    funnel: dict[str, Value]
    delay_distribution: dict[str, Value]
    delay_median_days: float | None
    delay_p90_days: float | None
    protected: ProtectedRelease


class _Builder:
    def __init__(self) -> None:
        self.cells: dict[str, int] = {}
        self.relations: list[Relation] = []

    def cell(self, key: str, value: int | None) -> None:
        if value is not None:
            existing = self.cells.setdefault(key, value)
            if existing != value:
                raise ValueError(f"cell {key!r} is {existing} in one table and {value} in another")

    def relate(self, total: str, parts: Sequence[str]) -> None:
        parts = [p for p in parts if p != total]
        if total not in self.cells or not parts or any(p not in self.cells for p in parts):
            return
        kind = strongest_relation(self.cells[total], [self.cells[p] for p in parts])
        if kind is not None:
            self.relations.append(Relation(total, tuple(parts), kind))


def _side(builder: _Builder, statistics: PeriodStatistics, period: str, *, current: bool) -> None:
    paths = []
    for path, figure in figures(statistics):
        if path.split(".")[0] in EXEMPT_SECTIONS:
            continue
        builder.cell(f"{period}:{path}", figure.current if current else figure.previous)
        paths.append(path)
    for total, breakdowns in BREAKDOWNS.items():
        section = total.split(".")[0]
        for breakdown in breakdowns:
            prefix = f"{section}.{breakdown}."
            builder.relate(f"{period}:{total}", [f"{period}:{p}" for p in paths if p.startswith(prefix)])
    builder.relate(f"{period}:sentences.total", [f"{period}:sentences.suspended"])
    for total, parts in NESTED.items():
        builder.relate(f"{period}:{total}", [f"{period}:{p}" for p in parts])


def build_release(
    statistics: PeriodStatistics,
    trend: Sequence[MonthlyPoint] = (),
    funnel: Funnel | None = None,
    delay: ServiceDelay | None = None,
) -> Release:
    """Every publishable count of a review as one release, with every relation a reader could use."""
    builder = _Builder()
    period, previous = statistics.period, statistics.previous_period
    _side(builder, statistics, period, current=True)
    _side(builder, statistics, previous, current=False)
    for point in trend:
        for measure, path in TREND_PATHS.items():
            builder.cell(f"{point.month}:{path}", getattr(point, measure))
    spans = {
        period: (statistics.start, statistics.end),
        previous: (statistics.previous_start, statistics.previous_end),
    }
    for name, (start, end) in spans.items():
        months = [p.month for p in trend if start.isoformat()[:7] <= p.month <= end.isoformat()[:7]]
        for path in TREND_PATHS.values():
            builder.relate(f"{name}:{path}", [f"{m}:{path}" for m in months])
    if funnel is not None:
        builder.cell(f"{period}:funnel.reported", funnel.reported)
        for stage, path in FUNNEL_PATHS.items():
            builder.cell(f"{period}:{path}", getattr(funnel, stage))
    if delay is not None:
        bands = [f"{period}:delay.{band}" for band in delay.distribution]
        for band, key in zip(delay.distribution, bands, strict=True):
            builder.cell(key, delay.distribution[band])
        builder.cell(f"{period}:delay.with_service", delay.victims - delay.without_service)
        builder.cell(f"{period}:delay.without_service", delay.without_service)
        builder.relate(f"{period}:delay.with_service", bands)
        builder.relate(
            f"{period}:victims.identified",
            [f"{period}:delay.with_service", f"{period}:delay.without_service"],
        )
    return Release(builder.cells, tuple(builder.relations))


def protect_statistics(
    statistics: PeriodStatistics,
    k: int,
    trend: Sequence[MonthlyPoint] = (),
    funnel: Funnel | None = None,
    delay: ServiceDelay | None = None,
) -> PublicStatistics:
    """Apply disclosure control to everything a review publishes about a period."""
    protected = protect(build_release(statistics, trend, funnel, delay), k)
    values = protected.values
    period, previous = statistics.period, statistics.previous_period

    def side(name: str) -> dict[str, Value]:
        return {key.split(":", 1)[1]: value for key, value in values.items() if key.startswith(f"{name}:")}

    rows = statistic_rows(statistics, side(period), side(previous))
    trend_rows = [
        {"month": p.month, **{m: values.get(f"{p.month}:{path}") for m, path in TREND_PATHS.items()}}
        for p in trend
    ]
    funnel_values = (
        {stage: values.get(f"{period}:{path}") for stage, path in FUNNEL_PATHS.items()} if funnel else {}
    )
    distribution = (
        {band: values.get(f"{period}:delay.{band}") for band in delay.distribution} if delay else {}
    )
    enough = delay is not None and delay.victims - delay.without_service >= max(
        MIN_VICTIMS_FOR_PERCENTILES, 2 * k
    )
    return PublicStatistics(
        k=k,
        period=period,
        previous_period=previous,
        rows=rows,
        trend=trend_rows,
        funnel=funnel_values,
        delay_distribution=distribution,
        delay_median_days=delay.median_days if enough and delay else None,
        delay_p90_days=delay.p90_days if enough and delay else None,
        protected=protected,
    )
