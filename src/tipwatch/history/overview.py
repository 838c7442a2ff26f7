"""The tier overview of one report year: counts per tier, movements from the year before, and a plain
statement of how complete the record is for that year."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tipwatch.evidence import Movement, Tier
from tipwatch.history.queries import HistoryEntry, tiers_in_year
from tipwatch.history.record import TierRecord


@dataclass(frozen=True, slots=True)
class Overview:
    report_year: int
    tier_counts: dict[str, int]
    movement_counts: dict[str, int]
    changes: list[HistoryEntry]
    held: int
    published_total: int | None
    incomplete: bool
    note: str

    @property
    def completeness(self) -> str:
        """One sentence on how complete the year's record is."""
        total = f" of the {self.published_total} the report published" if self.published_total else ""
        if self.incomplete:
            return (
                f"The record for {self.report_year} is INCOMPLETE: it holds {self.held} placements{total}. "
                f"{self.note.removeprefix('INCOMPLETE: ')}. Counts below are of the placements held, not of the report."
            )
        return f"The record for {self.report_year} holds {self.held} placements{total} ({self.note})."

    def to_dict(self) -> dict[str, object]:
        return {
            "report_year": self.report_year,
            "held": self.held,
            "published_total": self.published_total,
            "incomplete": self.incomplete,
            "completeness": self.completeness,
            "tier_counts": self.tier_counts,
            "movement_counts": self.movement_counts,
            "changes": [entry.to_dict() for entry in self.changes],
        }


def overview(record: TierRecord, report_year: int | None = None) -> Overview:
    """The overview of a report year (default: the latest in the record)."""
    year = report_year or record.latest_year
    placed = tiers_in_year(record, year)
    tiers = Counter(entry.tier.value for entry in placed.entries)
    movements: Counter[str] = Counter()
    for entry in placed.entries:
        if entry.movement is not None:
            movements[entry.movement.value] += 1
        elif entry.previous_unknown:
            movements["previous_year_unknown"] += 1
        elif entry.previous_tier is None:
            movements["first_placement"] += 1
        else:
            movements["special_case_involved"] += 1
    changes = [
        entry
        for entry in placed.entries
        if entry.movement in (Movement.UPGRADED, Movement.DOWNGRADED)
        or (entry.previous_tier is not None and entry.previous_tier is not entry.tier)
    ]
    return Overview(
        report_year=year,
        tier_counts={tier.value: tiers.get(tier.value, 0) for tier in Tier},
        movement_counts=dict(sorted(movements.items())),
        changes=changes,
        held=placed.held,
        published_total=placed.published_total,
        incomplete=placed.incomplete,
        note=placed.note,
    )
