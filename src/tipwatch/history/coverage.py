"""Per report year, how many placements the record holds against the number the report published."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tipwatch.evidence import Tier
from tipwatch.history.record import TierRecord


@dataclass(frozen=True, slots=True)
class YearCount:
    report_year: int
    held: int
    published_total: int | None
    missing: int | None
    complete: str
    tier_counts: dict[str, int]
    note: str

    def to_dict(self) -> dict[str, object]:
        return {
            "report_year": self.report_year,
            "held": self.held,
            "published_total": self.published_total,
            "missing": self.missing,
            "complete": self.complete,
            "tier_counts": self.tier_counts,
            "note": self.note,
        }


def coverage(record: TierRecord) -> list[YearCount]:
    """One row per report year, oldest first. ``missing`` is None when no published total is known."""
    rows = []
    for year in record.years():
        placed = record.in_year(year)
        counts = Counter(p.tier.value for p in placed)
        known = record.coverage_of(year)
        published = known.published_total if known else None
        rows.append(
            YearCount(
                report_year=year,
                held=len(placed),
                published_total=published,
                missing=max(published - len(placed), 0) if published is not None else None,
                complete=known.complete if known else "unverified",
                tier_counts={tier.value: counts.get(tier.value, 0) for tier in Tier},
                note=known.note if known else "no completeness information",
            )
        )
    return rows
