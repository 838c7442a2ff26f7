"""The Watch List audit's results: each run of Watch List years, each finding with its strength and the
reading it rests on, and the report that holds them (the checks themselves are in :mod:`.audit`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from tipwatch.evidence import Tier


class Strength(StrEnum):
    """How firmly a finding holds: under every named reading of the statute and on known years only
    (``certain``); under some readings only (``disputed``); or only if unknown years were Watch List
    years (``uncertain``)."""

    CERTAIN = "certain"
    DISPUTED = "disputed"
    UNCERTAIN = "uncertain"


@dataclass(frozen=True, slots=True)
class AuditFinding:
    """A year in which the record does not fit the Watch List rules then in force."""

    code: str
    jurisdiction: str
    iso3: str
    years: tuple[int, ...]
    rule: str
    subsection: str
    law_version: str
    message: str
    strength: Strength = Strength.CERTAIN
    readings: tuple[str, ...] = ()  # the readings under which it holds (every one when certain)
    unknown_years: tuple[int, ...] = ()

    @property
    def certain(self) -> bool:
        return self.strength is Strength.CERTAIN

    @property
    def reading(self) -> str | None:
        """The reading a disputed finding rests on (readings joined by ", " when several), else None."""
        return ", ".join(self.readings) if self.strength is Strength.DISPUTED else None

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "jurisdiction": self.jurisdiction,
            "iso3": self.iso3,
            "years": list(self.years),
            "rule": self.rule,
            "subsection": self.subsection,
            "law_version": self.law_version,
            "message": self.message,
            "strength": str(self.strength),
            "certain": self.certain,
            "reading": self.reading,
            "readings": list(self.readings),
            "unknown_years": list(self.unknown_years),
        }


@dataclass(frozen=True, slots=True)
class WatchListRun:
    """Consecutive report years on the Tier 2 Watch List."""

    jurisdiction: str
    iso3: str
    start: int
    end: int
    length_is_minimum: bool
    counted_years: tuple[int, ...]
    waiver_years: tuple[int, ...]
    automatic_downgrade_year: int | None
    next_tier: Tier | None
    outcome: str
    notes: tuple[str, ...] = field(default=())

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    def to_dict(self) -> dict[str, object]:
        return {
            "jurisdiction": self.jurisdiction,
            "iso3": self.iso3,
            "start": self.start,
            "end": self.end,
            "length": self.length,
            "length_is_minimum": self.length_is_minimum,
            "counted_years": list(self.counted_years),
            "waiver_years": list(self.waiver_years),
            "automatic_downgrade_year": self.automatic_downgrade_year,
            "next_tier": self.next_tier.value if self.next_tier else None,
            "outcome": self.outcome,
            "notes": list(self.notes),
        }


@dataclass(frozen=True, slots=True)
class AuditReport:
    runs: list[WatchListRun]
    findings: list[AuditFinding]
    law_versions: list[str]  # the versions applied, oldest first
    reading: str | None  # the reading of (F) the findings are listed under; None: every finding
    readings: list[str]  # every named reading of (F), each applied to tell certain from disputed

    def to_dict(self) -> dict[str, object]:
        return {
            "law_versions": self.law_versions,
            "reading": self.reading,
            "readings": self.readings,
            "runs": [run.to_dict() for run in self.runs],
            "findings": [finding.to_dict() for finding in self.findings],
        }

    def only(self, iso3: str) -> AuditReport:
        """The same report for one jurisdiction."""
        return replace(
            self,
            runs=[r for r in self.runs if r.iso3 == iso3],
            findings=[f for f in self.findings if f.iso3 == iso3],
        )

    def count(self, strength: Strength) -> int:
        return sum(f.strength is strength for f in self.findings)
