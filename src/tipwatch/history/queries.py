"""A jurisdiction's history and one report year's placements, each with its movement from the year
before. Movement across a gap is None and flagged (``previous_unknown``), never guessed."""

from __future__ import annotations

from dataclasses import dataclass

from tipwatch.evidence import Movement, Tier, movement_between
from tipwatch.history.record import TierRecord
from tipwatch.jurisdictions import Jurisdiction
from tipwatch.problems import NotFoundError


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One report year of one jurisdiction. ``previous_tier`` is the tier of the year before (None when
    that year is unknown or the first in the record); ``previous_unknown`` is True when the year before
    is a gap in the record, so that the movement cannot be known."""

    jurisdiction: str
    iso3: str
    report_year: int
    tier: Tier
    movement: Movement | None
    previous_tier: Tier | None
    previous_unknown: bool
    source: str

    def to_dict(self) -> dict[str, object]:
        return {
            "jurisdiction": self.jurisdiction,
            "iso3": self.iso3,
            "report_year": self.report_year,
            "tier": self.tier.value,
            "movement": self.movement.value if self.movement else None,
            "previous_tier": self.previous_tier.value if self.previous_tier else None,
            "previous_unknown": self.previous_unknown,
            "source": self.source,
        }


def _entry(record: TierRecord, iso3: str, report_year: int) -> HistoryEntry | None:
    placement = next((p for p in record.of(iso3) if p.report_year == report_year), None)
    if placement is None:
        return None
    previous = record.tier_of(iso3, report_year - 1)
    return HistoryEntry(
        jurisdiction=placement.jurisdiction,
        iso3=iso3,
        report_year=report_year,
        tier=placement.tier,
        movement=movement_between(previous, placement.tier),
        previous_tier=previous,
        previous_unknown=previous is None and record.is_gap(iso3, report_year - 1),
        source=placement.source,
    )


def history(record: TierRecord, jurisdiction: Jurisdiction | str) -> list[HistoryEntry]:
    """Every report year the record holds for a jurisdiction (a :class:`Jurisdiction`, name, alias or
    ISO code), oldest first, with movement from the year before."""
    found = record.resolve(jurisdiction) if isinstance(jurisdiction, str) else jurisdiction
    entries = (_entry(record, found.iso3, p.report_year) for p in record.of(found.iso3))
    return [entry for entry in entries if entry is not None]


def gaps(record: TierRecord, jurisdiction: Jurisdiction) -> list[int]:
    """The report years in which the record lacks this jurisdiction although it may have been ranked."""
    return [
        y for y in range(record.first_year, record.latest_year + 1) if record.is_gap(jurisdiction.iso3, y)
    ]


@dataclass(frozen=True, slots=True)
class YearPlacements:
    """One report year's placements with movements, and how complete the record is for that year."""

    report_year: int
    entries: list[HistoryEntry]
    held: int
    published_total: int | None
    incomplete: bool
    note: str

    def to_dict(self) -> dict[str, object]:
        return {
            "report_year": self.report_year,
            "held": self.held,
            "published_total": self.published_total,
            "incomplete": self.incomplete,
            "note": self.note,
            "placements": [entry.to_dict() for entry in self.entries],
        }


def tiers_in_year(record: TierRecord, report_year: int, tier: Tier | None = None) -> YearPlacements:
    """The placements of one report year (optionally only one tier), with movements and coverage."""
    placements = record.in_year(report_year)
    if not placements:
        raise NotFoundError(
            f"the record holds no placements for report year {report_year}; "
            f"it covers {record.first_year}-{record.latest_year}"
        )
    entries = [
        entry
        for p in placements
        if (tier is None or p.tier is tier) and (entry := _entry(record, p.iso3, report_year)) is not None
    ]
    coverage = record.coverage_of(report_year)
    return YearPlacements(
        report_year=report_year,
        entries=entries,
        held=len(placements),
        published_total=coverage.published_total if coverage else None,
        incomplete=bool(coverage and coverage.incomplete),
        note=coverage.note if coverage else "",
    )
