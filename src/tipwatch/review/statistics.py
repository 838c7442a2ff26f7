"""The registry's statistics for a period, each figure beside the previous period's with its change.

Pure values (pydantic), no storage: :mod:`tipwatch.registry.stats` counts in the database and hands the
raw counts of both periods to :func:`compare`. The counts follow the UN International Classification for
Statistics on Trafficking in Persons as UNODC collects them (persons brought into formal contact,
prosecuted, convicted; detected victims by sex, age and form of exploitation), and the TIP Report's data
call (investigations, prosecutions, convictions, sentences, victims identified and referred).
Counts are ``int | None``: unknown is not zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SENTENCE_BANDS = ("under_1_year", "1_to_5_years", "5_to_10_years", "10_years_or_more", "length_unknown")


class Figure(BaseModel):
    """One count in the period, the previous period's, and the change between them."""

    model_config = ConfigDict(frozen=True)

    current: int | None
    previous: int | None
    change: int | None
    change_percent: float | None

    @classmethod
    def of(cls, current: int | None, previous: int | None) -> Figure:
        change = None if current is None or previous is None else current - previous
        percent = None
        if change is not None and previous:
            percent = round(100.0 * change / previous, 1)
        return cls(current=current, previous=previous, change=change, change_percent=percent)


Breakdown = dict[str, Figure]


class ProceedingFigures(BaseModel):
    """Cases and persons at one stage of proceedings; persons by form of exploitation of the case."""

    cases: Figure
    persons: Figure
    by_exploitation: Breakdown


class SentenceFigures(BaseModel):
    """Sentences imposed in the period: their number, how many were suspended, and their length."""

    total: Figure
    suspended: Figure
    by_length: Breakdown


class VictimFigures(BaseModel):
    """Victims identified (detected) in the period. ``by_sex_and_age`` uses UNODC's women, men, girls,
    boys (and ``unknown``); ``by_exploitation`` counts a victim once per form."""

    identified: Figure
    by_sex: Breakdown
    by_age_group: Breakdown
    by_sex_and_age: Breakdown
    by_citizenship: Breakdown
    by_exploitation: Breakdown


class ServiceFigures(BaseModel):
    victims_referred: Figure
    referrals_by_service: Breakdown
    victims_served: Figure
    delivered_by_service: Breakdown


class ScreeningFigures(BaseModel):
    screenings: Figure
    persons_screened: Figure
    victims_found: Figure


class ComplicityFigures(BaseModel):
    """Cases flagged for official complicity opened in the period, and officials prosecuted and convicted."""

    cases: Figure
    officials_prosecuted: Figure
    officials_convicted: Figure


class RecommendationFigures(BaseModel):
    """Action items on recommendations, as of the last day of the period."""

    action_items: Figure
    done: Figure
    open: Figure
    overdue: Figure
    completed_in_period: Figure


def _none_unplaceable() -> Breakdown:
    return {"victims": Figure.of(0, 0)}


class PeriodStatistics(BaseModel):
    period: str
    start: date
    end: date
    previous_period: str
    previous_start: date
    previous_end: date
    investigations: ProceedingFigures
    prosecutions: ProceedingFigures
    convictions: ProceedingFigures
    acquittals: Figure
    sentences: SentenceFigures
    victims: VictimFigures
    services: ServiceFigures
    screenings: ScreeningFigures
    official_complicity: ComplicityFigures
    recommendations: RecommendationFigures
    not_placeable: Breakdown = Field(default_factory=_none_unplaceable)
    """Records whose date is coarser than the period, which can neither count nor exclude them: victims
    identified in a year (CTDC gives a year of registration) asked about in a month, a quarter or a
    reporting period, which covers part of that year."""


def _pair(current: Any, previous: Any) -> Any:
    if isinstance(current, Mapping) or isinstance(previous, Mapping):
        current_map = current if isinstance(current, Mapping) else {}
        previous_map = previous if isinstance(previous, Mapping) else {}
        keys = list(current_map) + [k for k in previous_map if k not in current_map]
        return {key: _pair(current_map.get(key, 0), previous_map.get(key, 0)) for key in keys}
    return Figure.of(current, previous)


def compare(
    period: str,
    bounds: tuple[date, date],
    previous_period: str,
    previous_bounds: tuple[date, date],
    current: Mapping[str, Any],
    previous: Mapping[str, Any],
) -> PeriodStatistics:
    """Build the statistics from the raw counts of two periods, nested exactly like
    :class:`PeriodStatistics` with ints (or None) in place of figures. A category missing on one side
    of a breakdown counts 0 there: breakdowns list every category with at least one record."""
    paired = _pair(current, previous)
    return PeriodStatistics.model_validate(
        {
            "period": period,
            "start": bounds[0],
            "end": bounds[1],
            "previous_period": previous_period,
            "previous_start": previous_bounds[0],
            "previous_end": previous_bounds[1],
            **paired,
        }
    )


class MonthlyPoint(BaseModel):
    """One month of the trend series."""

    month: str
    victims_identified: int
    investigations: int
    prosecutions: int
    convictions: int
    victims_referred: int


class Funnel(BaseModel):
    """Proceedings funnel: cases reported, investigated, prosecuted, with a conviction, in the period."""

    reported: int
    investigated: int
    prosecuted: int
    convicted: int


class ServiceDelay(BaseModel):
    """Days from a victim's identification to the first service delivered, for victims identified in the
    period who received one; ``without_service`` counts those who received none yet."""

    victims: int
    without_service: int
    median_days: float | None
    p90_days: float | None
    distribution: dict[str, int]


class ActionItemView(BaseModel):
    action_id: str
    recommendation_id: str
    recommendation: str
    description: str
    owner: str
    due_on: date
    status: str
    overdue: bool


class RegistryFacts(BaseModel):
    """Facts over the whole registry, for findings in the report's language."""

    as_of: date
    victims_ever: int
    forced_labour_victims_ever: int
    first_victim_identified_on: date | None
    last_victim_identified_on: date | None
    convictions_ever: int
    last_conviction_on: date | None
    prosecutions_ever: int
    last_prosecution_on: date | None

    @property
    def last_conviction_year(self) -> int | None:
        return self.last_conviction_on.year if self.last_conviction_on else None
