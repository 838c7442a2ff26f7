"""Streaks: consecutive report years on the same tier.

A streak never runs across a gap in the record. When the year before a streak is unknown, its length is
"at least" that long (``length_is_minimum``); when the year after it is unknown, it may have gone on
(``continues_unknown``), and a streak that reaches the latest report year is ongoing.
"""

from __future__ import annotations

from dataclasses import dataclass

from tipwatch.evidence import Tier
from tipwatch.history.record import Placement, TierRecord


@dataclass(frozen=True, slots=True)
class Streak:
    jurisdiction: str
    iso3: str
    tier: Tier
    start: int
    end: int
    length_is_minimum: bool
    continues_unknown: bool
    ongoing: bool | None

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    @property
    def length_text(self) -> str:
        return f"at least {self.length}" if self.length_is_minimum else str(self.length)

    def to_dict(self) -> dict[str, object]:
        return {
            "jurisdiction": self.jurisdiction,
            "iso3": self.iso3,
            "tier": self.tier.value,
            "start": self.start,
            "end": self.end,
            "length": self.length,
            "length_is_minimum": self.length_is_minimum,
            "continues_unknown": self.continues_unknown,
            "ongoing": self.ongoing,
        }


def runs_of(record: TierRecord, placements: tuple[Placement, ...]) -> list[Streak]:
    """The streaks in one jurisdiction's placements (oldest first)."""
    streaks: list[Streak] = []
    group: list[Placement] = []
    for placement in [*placements, None]:
        if (
            group
            and placement is not None
            and placement.report_year == group[-1].report_year + 1
            and placement.tier is group[0].tier
        ):
            group.append(placement)
            continue
        if group:
            first, last = group[0], group[-1]
            after_unknown = record.is_gap(first.iso3, last.report_year + 1)
            has_later = placements[-1].report_year > last.report_year
            ongoing: bool | None = (
                True
                if last.report_year == record.latest_year
                else (None if after_unknown and not has_later else False)
            )
            streaks.append(
                Streak(
                    jurisdiction=first.jurisdiction,
                    iso3=first.iso3,
                    tier=first.tier,
                    start=first.report_year,
                    end=last.report_year,
                    length_is_minimum=record.is_gap(first.iso3, first.report_year - 1),
                    continues_unknown=after_unknown,
                    ongoing=ongoing,
                )
            )
        group = [placement] if placement is not None else []
    return streaks


def streaks(
    record: TierRecord, tier: Tier | None = None, min_length: int = 1, current: bool = False
) -> list[Streak]:
    """Every streak (of one tier, if given) of at least ``min_length`` years, longest first. ``current``
    keeps the streaks that are ongoing or may be (their end is followed only by unknown years)."""
    found = [
        streak
        for jurisdiction in record.jurisdictions()
        for streak in runs_of(record, record.of(jurisdiction.iso3))
        if (tier is None or streak.tier is tier)
        and streak.length >= min_length
        and (not current or streak.ongoing is not False)
    ]
    return sorted(found, key=lambda s: (-s.length, s.jurisdiction, s.start))
