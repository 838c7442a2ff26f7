"""Statistics for outside readers: what a public review or ``tipwatch publish`` shows about each period,
protected by :mod:`tipwatch.disclosure.rules`.

Each period is one release, protected from its own figures alone: its figures by sex, age, citizenship
and form of exploitation, proceedings, sentences, services, screenings and complicity, with its funnel
and days to first service. Everything a reader could add up is a relation: a breakdown and its total,
women and girls among female victims, a funnel stage that *is* a proceedings figure, the delay bands and
the victims identified. For each relation the audit assumes the strongest kind the true counts satisfy
(see :func:`~tipwatch.disclosure.model.strongest_relation`), the most a reader could know.

Because a period's markers depend on nothing but its own figures, the period gets the same markers in
every release that shows it — its own review, the next review (as the previous period), the trend charts
of later reviews, ``tipwatch publish``, the public reply brief. Only the periods of the publisher's
calendar (:class:`~tipwatch.disclosure.policy.DisclosurePolicy`) are released, and they never overlap:
no published figure is a sum of other published periods, so no period can be recovered by difference
(a quarter minus two of its months). See docs/disclosure.md.

Counts of action items on recommendations concern no person and are published as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

from tipwatch.disclosure.cross_audit import Artefact
from tipwatch.disclosure.model import Relation, strongest_relation
from tipwatch.disclosure.policy import DisclosurePolicy
from tipwatch.disclosure.rules import ProtectedRelease, Release, protect
from tipwatch.evidence.periods import Period, PeriodKind
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.review.statistic_rows import StatisticRow, Value, figures, statistic_rows
from tipwatch.review.statistics import Funnel, PeriodStatistics, ServiceDelay

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
EXAMPLES = {
    PeriodKind.MONTH: "2024-05",
    PeriodKind.QUARTER: "2024-Q2",
    PeriodKind.YEAR: "2024",
    PeriodKind.REPORTING_PERIOD: "RP2024",
}


def calendar_kind(policy: DisclosurePolicy) -> PeriodKind:
    return PeriodKind(policy.calendar.value)


def require_released(policy: DisclosurePolicy, period: Period) -> None:
    """Refuse a public output for a period the publisher's calendar does not release."""
    kind = calendar_kind(policy)
    if period.kind is not kind:
        raise InputError(
            f"period {period} is not released to the public",
            [
                Problem(
                    ProblemCode.PERIOD_NOT_RELEASED,
                    f"received {period} ({period.kind.value}); public figures are released per "
                    f"{kind.value.replace('_', ' ')} only (e.g. {EXAMPLES[kind]}), so that no released "
                    f"period is a sum of others; ask for the {kind.value.replace('_', ' ')} that holds it",
                    location=Location(field="period"),
                )
            ],
        )


def released_periods(policy: DisclosurePolicy, start: date, end: date) -> list[Period]:
    """The released periods that overlap ``start .. end``, in order."""
    period = Period.containing(start, calendar_kind(policy))
    periods = []
    while period.start <= end:
        periods.append(period)
        period = period.shifted(1)
    return periods


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

    def table(self) -> dict[str, Any]:
        """The period's protected figures with their markers explained: the answer of ``tipwatch
        publish --json`` and of the public statistics API."""
        k = self.k
        return {
            "period": self.period,
            "previous_period": self.previous_period,
            "k": k,
            "markers": DisclosurePolicy(k).markers(),
            "statistics": [row.model_dump(mode="json") for row in self.rows],
        }

    def artefact(self, name: str) -> Artefact:
        """Everything this release shows (table, previous period, trend, funnel, delay) with the
        relations a reader knows, for the cross-output audit."""
        return Artefact(name, self.protected.values, self.protected.relations)


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


@dataclass(frozen=True)
class PeriodFigures:
    """Everything published about one period: one side of a statistics value (``side`` "current" or
    "previous"), and the period's funnel and days to first service when a review shows them."""

    name: str
    statistics: PeriodStatistics
    side: str = "current"
    funnel: Funnel | None = None
    delay: ServiceDelay | None = None


def period_release(figures: PeriodFigures) -> Release:
    """One period's cells (keyed ``<period>:<path>``) with every relation among them."""
    builder = _Builder()
    name = figures.name
    _side(builder, figures.statistics, name, current=figures.side == "current")
    if figures.funnel is not None:
        builder.cell(f"{name}:funnel.reported", figures.funnel.reported)
        for stage, path in FUNNEL_PATHS.items():
            builder.cell(f"{name}:{path}", getattr(figures.funnel, stage))
    delay = figures.delay
    if delay is not None:
        bands = [f"{name}:delay.{band}" for band in delay.distribution]
        for band, key in zip(delay.distribution, bands, strict=True):
            builder.cell(key, delay.distribution[band])
        builder.cell(f"{name}:delay.with_service", delay.victims - delay.without_service)
        builder.cell(f"{name}:delay.without_service", delay.without_service)
        builder.relate(f"{name}:delay.with_service", bands)
        builder.relate(
            f"{name}:victims.identified", [f"{name}:delay.with_service", f"{name}:delay.without_service"]
        )
    return Release(builder.cells, tuple(builder.relations))


def protect_review(
    current: PeriodFigures,
    previous: PeriodFigures,
    k: int,
    months: Sequence[PeriodFigures] = (),
) -> PublicStatistics:
    """Protect each period on its own, from its own figures only, so that a period's cells get the same
    markers in every release that shows them (this month's review, next month's where it is the previous
    period, the trend of later reviews, ``tipwatch publish``): no two releases can be played against each
    other. Trend points are the months' own protected figures."""
    protected: dict[str, ProtectedRelease] = {}
    for period_figures in (current, previous, *months):
        if period_figures.name not in protected:
            protected[period_figures.name] = protect(period_release(period_figures), k)
    values: dict[str, int | str] = {}
    relations: list[Relation] = []
    for release in protected.values():
        values |= release.values
        relations += release.relations

    def side(name: str) -> dict[str, Value]:
        return {key.split(":", 1)[1]: value for key, value in protected[name].values.items()}

    statistics = current.statistics
    rows = statistic_rows(statistics, side(current.name), side(previous.name))
    trend_rows = [
        {
            "month": m.name,
            **{measure: values.get(f"{m.name}:{path}") for measure, path in TREND_PATHS.items()},
        }
        for m in months
    ]
    funnel = current.funnel
    delay = current.delay
    with_service = 0 if delay is None else delay.victims - delay.without_service
    enough = with_service >= max(MIN_VICTIMS_FOR_PERCENTILES, 2 * k)
    return PublicStatistics(
        k=k,
        period=current.name,
        previous_period=previous.name,
        rows=rows,
        trend=trend_rows,
        funnel={stage: values.get(f"{current.name}:{path}") for stage, path in FUNNEL_PATHS.items()}
        if funnel
        else {},
        delay_distribution={band: values.get(f"{current.name}:delay.{band}") for band in delay.distribution}
        if delay
        else {},
        delay_median_days=delay.median_days if enough and delay else None,
        delay_p90_days=delay.p90_days if enough and delay else None,
        protected=ProtectedRelease(k, values, tuple(relations)),
    )
