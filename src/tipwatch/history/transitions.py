"""The tier transition matrix between consecutive report years: how many jurisdictions went from each
tier to each tier, with row rates. Pairs with an unknown side are counted apart, never guessed."""

from __future__ import annotations

from dataclasses import dataclass

from tipwatch.evidence import Tier
from tipwatch.history.record import TierRecord
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem

TIERS = tuple(Tier)


@dataclass(frozen=True, slots=True)
class TransitionMatrix:
    first_year: int
    last_year: int
    counts: dict[Tier, dict[Tier, int]]
    unknown_next: dict[Tier, int]
    unknown_previous: dict[Tier, int]
    incomplete_years: list[int]

    def row_total(self, source: Tier) -> int:
        return sum(self.counts[source].values())

    def rate(self, source: Tier, target: Tier) -> float | None:
        total = self.row_total(source)
        return self.counts[source][target] / total if total else None

    @property
    def pairs(self) -> int:
        return sum(self.row_total(source) for source in TIERS)

    def to_dict(self) -> dict[str, object]:
        return {
            "from_year": self.first_year,
            "to_year": self.last_year,
            "pairs": self.pairs,
            "counts": {s.value: {t.value: self.counts[s][t] for t in TIERS} for s in TIERS},
            "row_rates": {
                s.value: {t.value: (None if (r := self.rate(s, t)) is None else round(r, 4)) for t in TIERS}
                for s in TIERS
            },
            "unknown_next_year": {s.value: self.unknown_next[s] for s in TIERS},
            "unknown_previous_year": {s.value: self.unknown_previous[s] for s in TIERS},
            "incomplete_years": self.incomplete_years,
        }


def transitions(
    record: TierRecord, first_year: int | None = None, last_year: int | None = None
) -> TransitionMatrix:
    """Transitions from each report year to the next, for years ``first_year`` .. ``last_year``
    (default: the whole record). A placement whose next (or previous) year is a gap in the record is
    counted under ``unknown_next`` (``unknown_previous``), not in the matrix."""
    start = first_year or record.first_year
    end = last_year or record.latest_year
    if start >= end or start < record.first_year or end > record.latest_year:
        raise InputError(
            f"cannot count transitions from {start} to {end}",
            [
                Problem(
                    ProblemCode.INVALID_YEAR_RANGE,
                    f"received --from {start} --to {end}; expected {record.first_year} <= from < to <= {record.latest_year}",
                    location=Location(field="from"),
                )
            ],
        )
    counts = {s: dict.fromkeys(TIERS, 0) for s in TIERS}
    unknown_next = dict.fromkeys(TIERS, 0)
    unknown_previous = dict.fromkeys(TIERS, 0)
    for year in range(start, end):
        for placement in record.in_year(year):
            following = record.tier_of(placement.iso3, year + 1)
            if following is not None:
                counts[placement.tier][following] += 1
            elif record.is_gap(placement.iso3, year + 1):
                unknown_next[placement.tier] += 1
        for placement in record.in_year(year + 1):
            if record.tier_of(placement.iso3, year) is None and record.is_gap(placement.iso3, year):
                unknown_previous[placement.tier] += 1
    incomplete = sorted(y for y in record.incomplete_years if start <= y <= end)
    return TransitionMatrix(start, end, counts, unknown_next, unknown_previous, incomplete)
