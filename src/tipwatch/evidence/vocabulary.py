"""Tiers, movements and reporting periods, as the TIP Report and 22 U.S.C. 7107 use them."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from tipwatch.evidence.periods import Period, PeriodKind
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem


class Tier(StrEnum):
    """A TIP Report placement. ``special`` is a Special Case: no tier was assigned."""

    TIER_1 = "1"
    TIER_2 = "2"
    WATCH_LIST = "2WL"
    TIER_3 = "3"
    SPECIAL = "special"

    @property
    def label(self) -> str:
        return {
            "1": "Tier 1",
            "2": "Tier 2",
            "2WL": "Tier 2 Watch List",
            "3": "Tier 3",
            "special": "Special Case",
        }[self.value]

    @property
    def rank(self) -> int | None:
        """Lower is better: Tier 1 = 0 … Tier 3 = 3; a Special Case has no rank."""
        return TIER_ORDER.get(self)

    @classmethod
    def parse(cls, text: str) -> Tier:
        """Accept "1", "Tier 1", "2WL", "2 WL", "Tier 2 Watch List", "watch list", "special", "3"…"""
        key = " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
        key = key.removeprefix("tier ").strip()
        aliases = {
            "1": cls.TIER_1,
            "i": cls.TIER_1,
            "2": cls.TIER_2,
            "ii": cls.TIER_2,
            "2wl": cls.WATCH_LIST,
            "2 wl": cls.WATCH_LIST,
            "2 watch list": cls.WATCH_LIST,
            "2 watchlist": cls.WATCH_LIST,
            "watch list": cls.WATCH_LIST,
            "watchlist": cls.WATCH_LIST,
            "3": cls.TIER_3,
            "iii": cls.TIER_3,
            "special": cls.SPECIAL,
            "special case": cls.SPECIAL,
        }
        try:
            return aliases[key]
        except KeyError:
            raise InputError(
                f"unknown tier {text!r}",
                [
                    Problem(
                        ProblemCode.UNKNOWN_TIER,
                        f"received {text!r}; expected one of 1, 2, 2WL, 3, special",
                        location=Location(field="tier"),
                    )
                ],
            ) from None


TIER_ORDER: dict[Tier, int] = {Tier.TIER_1: 0, Tier.TIER_2: 1, Tier.WATCH_LIST: 2, Tier.TIER_3: 3}


class Movement(StrEnum):
    UPGRADED = "upgraded"
    DOWNGRADED = "downgraded"
    REMAINED = "remained"


def movement_between(previous: Tier | None, current: Tier) -> Movement | None:
    """Movement relative to the previous report year; None when either side has no rank or is unknown."""
    if previous is None or previous.rank is None or current.rank is None:
        return None
    if current.rank < previous.rank:
        return Movement.UPGRADED
    if current.rank > previous.rank:
        return Movement.DOWNGRADED
    return Movement.REMAINED


class ReportingPeriod(Period):
    """The period a report year covers: April 1 of the year before to March 31 of the report year
    (22 U.S.C. 7107(b)(1)). One reporting-period type: this is the :class:`Period` of kind
    ``reporting_period`` (``RP2024``), built from its report year; ``str()`` gives its label."""

    __slots__ = ()

    def __init__(self, report_year: int) -> None:
        Period.__init__(self, PeriodKind.REPORTING_PERIOD, report_year)

    @property
    def report_year(self) -> int:
        return self.year

    @classmethod
    def of_day(cls, day: date) -> ReportingPeriod:
        """The reporting period a date falls in."""
        return cls(Period.containing(day, PeriodKind.REPORTING_PERIOD).year)

    def __eq__(self, other: object) -> bool:
        """Equal to the :class:`Period` it is: ``ReportingPeriod(2024) == Period.parse("RP2024")``."""
        if not isinstance(other, Period):
            return NotImplemented
        return (self.kind, self.year, self.number) == (other.kind, other.year, other.number)

    __hash__ = Period.__hash__

    def __str__(self) -> str:
        return self.label
