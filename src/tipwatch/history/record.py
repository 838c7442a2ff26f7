"""The tier record as plain data: one placement per jurisdiction and report year that has evidence.

A missing jurisdiction-year is unknown, not a tier. Some report years are incomplete (see
:class:`YearCoverage`); :meth:`TierRecord.is_gap` says whether a missing year is a gap in the record.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from tipwatch.evidence import Tier
from tipwatch.jurisdictions import Jurisdiction, JurisdictionIndex


@dataclass(frozen=True, slots=True)
class Placement:
    """One jurisdiction's tier in one report year, with the source label that decided it."""

    jurisdiction: str
    iso3: str
    report_year: int
    tier: Tier
    source: str = ""


@dataclass(frozen=True, slots=True)
class YearCoverage:
    """What is known about one report year's completeness: ``complete`` is "yes", "near", "no" or
    "unverified"; ``published_total`` the number of jurisdictions the report published, if found."""

    report_year: int
    complete: str
    published_total: int | None
    note: str

    @property
    def incomplete(self) -> bool:
        return self.complete == "no"


@dataclass(frozen=True)
class TierRecord:
    """Every placement, plus what is known about each year's completeness."""

    placements: tuple[Placement, ...]
    coverage: tuple[YearCoverage, ...] = field(default=())

    @cached_property
    def _by_key(self) -> dict[tuple[str, int], Placement]:
        return {(p.iso3, p.report_year): p for p in self.placements}

    @cached_property
    def _by_iso3(self) -> dict[str, tuple[Placement, ...]]:
        grouped: dict[str, list[Placement]] = {}
        for placement in sorted(self.placements, key=lambda p: (p.iso3, p.report_year)):
            grouped.setdefault(placement.iso3, []).append(placement)
        return {iso3: tuple(items) for iso3, items in grouped.items()}

    @cached_property
    def index(self) -> JurisdictionIndex:
        return JurisdictionIndex(self.jurisdictions())

    def __len__(self) -> int:
        return len(self.placements)

    def __iter__(self) -> Iterator[Placement]:
        return iter(self.placements)

    @cached_property
    def _jurisdictions(self) -> tuple[Jurisdiction, ...]:
        return tuple(sorted({Jurisdiction(p.jurisdiction, p.iso3) for p in self.placements}))

    @cached_property
    def _by_year(self) -> dict[int, tuple[Placement, ...]]:
        grouped: dict[int, list[Placement]] = {}
        for placement in sorted(self.placements, key=lambda p: (p.report_year, p.jurisdiction)):
            grouped.setdefault(placement.report_year, []).append(placement)
        return {year: tuple(items) for year, items in grouped.items()}

    def jurisdictions(self) -> list[Jurisdiction]:
        return list(self._jurisdictions)

    def resolve(self, name: str) -> Jurisdiction:
        """A name, alias or ISO code resolved against this record's jurisdictions."""
        return self.index.resolve(name)

    def years(self) -> list[int]:
        return sorted(self._by_year)

    @cached_property
    def latest_year(self) -> int:
        return max(self._by_year)

    @cached_property
    def first_year(self) -> int:
        return min(self._by_year)

    def placement(self, iso3_or_name: str, report_year: int) -> Tier | None:
        """The tier of a jurisdiction (ISO code, name or alias) in a report year; None when unknown."""
        iso3 = self.resolve(iso3_or_name).iso3
        found = self._by_key.get((iso3, report_year))
        return found.tier if found else None

    def tier_of(self, iso3: str, report_year: int) -> Tier | None:
        """Fast path by exact ISO code: the tier, or None when unknown."""
        found = self._by_key.get((iso3, report_year))
        return found.tier if found else None

    def of(self, iso3: str) -> tuple[Placement, ...]:
        """A jurisdiction's placements, oldest first."""
        return self._by_iso3.get(iso3, ())

    def in_year(self, report_year: int) -> list[Placement]:
        """One report year's placements, by jurisdiction name."""
        return list(self._by_year.get(report_year, ()))

    def coverage_of(self, report_year: int) -> YearCoverage | None:
        return next((c for c in self.coverage if c.report_year == report_year), None)

    @cached_property
    def incomplete_years(self) -> frozenset[int]:
        return frozenset(c.report_year for c in self.coverage if c.incomplete)

    @cached_property
    def complete_years(self) -> frozenset[int]:
        return frozenset(c.report_year for c in self.coverage if c.complete == "yes")

    def is_gap(self, iso3: str, report_year: int) -> bool:
        """True when the record lacks this jurisdiction-year although the jurisdiction may have been
        ranked: the year lies between two of its placements, or the year is one the record knows to be
        incomplete (within the record's span) and no complete year between it and the jurisdiction's
        placements shows the jurisdiction absent. A jurisdiction no longer ranked (Serbia and
        Montenegro after 2006, the Netherlands Antilles after 2009) has no gaps after a complete year
        without it."""
        if (iso3, report_year) in self._by_key:
            return False
        own = self.of(iso3)
        if not own:
            return False
        first, last = own[0].report_year, own[-1].report_year
        if first < report_year < last:
            return True
        if report_year not in self.incomplete_years or not self.first_year <= report_year <= self.latest_year:
            return False
        between = range(last + 1, report_year) if report_year > last else range(report_year + 1, first)
        return not any(year in self.complete_years for year in between)

    def with_placements(self, placements: Iterable[Placement]) -> TierRecord:
        return TierRecord(tuple(placements), self.coverage)
