"""The reassessment of the right of reply: the placement again, with the registry's figures in place of
the narrative's, and which findings would still stand.

Pure and engine-agnostic: an :data:`Assessor` turns narrative fields (annotation schema) into a
:class:`Placement`; :func:`reassess` runs it twice — on the narrative's fields and on the same fields with
the registry's counts substituted — and compares. :mod:`.reply_engine` supplies the assessor backed by
the rules-as-code engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tipwatch.disclosure.published import Disclosure, Shown
from tipwatch.evidence import ReportingPeriod, Tier
from tipwatch.reply.claims import REASSESSED, Claim, ClaimKind, Measure


@dataclass(frozen=True, slots=True)
class FindingRef:
    """A finding of the assessment, by its stable code and the rule it cites."""

    code: str
    rule: str
    title: str
    status: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.code, self.status)

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "rule": self.rule, "title": self.title, "status": self.status}


@dataclass(frozen=True, slots=True)
class Placement:
    tier: Tier | None
    findings: tuple[FindingRef, ...]
    law_version: str | None = None
    making_significant_efforts: bool | None = None
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "tier": str(self.tier) if self.tier else None,
            "tier_label": self.tier.label if self.tier else None,
            "law_version": self.law_version,
            "making_significant_efforts": self.making_significant_efforts,
            "score": self.score,
            "findings": [f.to_dict() for f in self.findings],
        }


Assessor = Callable[[Mapping[str, Any]], Placement]


@dataclass(frozen=True, slots=True)
class Substitution:
    """One narrative figure replaced by the registry's."""

    field: str
    narrative: int
    registry: Shown
    implied: bool = False
    """The narrative states no count but a claim implies zero ("did not identify any victims for the
    fourth consecutive year", "has not convicted a trafficker since 2019")."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "narrative": self.narrative,
            "narrative_implied_by_a_claim": self.implied,
            "registry": self.registry.to_dict(),
        }


@dataclass(frozen=True, slots=True)
class Reassessment:
    substitutions: tuple[Substitution, ...]
    narrative: Placement
    registry: Placement
    findings_stand: tuple[FindingRef, ...]
    findings_fall: tuple[FindingRef, ...]
    findings_new: tuple[FindingRef, ...]

    @property
    def changed(self) -> bool:
        return self.narrative.tier != self.registry.tier

    def to_dict(self) -> dict[str, Any]:
        return {
            "changed": self.changed,
            "substitutions": [s.to_dict() for s in self.substitutions],
            "with_narrative_figures": self.narrative.to_dict(),
            "with_registry_figures": self.registry.to_dict(),
            "findings_stand": [f.to_dict() for f in self.findings_stand],
            "findings_fall": [f.to_dict() for f in self.findings_fall],
            "findings_new": [f.to_dict() for f in self.findings_new],
        }


UNDECIDED = "unknown"
"""Findings of this status rest on no evidence either way; the comparison leaves them out."""


def narrative_figures(
    fields: Mapping[str, Any], claims: Sequence[Claim], report_year: int
) -> tuple[dict[str, Any], frozenset[str]]:
    """The narrative's fields with the zeros its negative claims imply for this period and the one
    before, where it states no count; and the names of the implied ones."""
    effective = dict(fields)
    implied: set[str] = set()
    period, previous = ReportingPeriod(report_year), ReportingPeriod(report_year - 1)
    for claim in claims:
        if not claim.negative or claim.first:
            continue
        if claim.kind is ClaimKind.CONSECUTIVE_YEARS:
            covers = (claim.years or 0) >= 1, (claim.years or 0) >= 2
        elif claim.kind is ClaimKind.SINCE_YEAR and claim.since_year is not None:
            start = date(claim.since_year + 1, 1, 1)
            covers = start <= period.start, start <= previous.start
        elif claim.kind is ClaimKind.NEVER:
            covers = True, True
        else:
            continue
        for measure in claim.measures:
            if measure not in REASSESSED:
                continue
            for name, covered in ((str(measure), covers[0]), (f"previous_period.{measure}", covers[1])):
                if covered and effective.get(name) is None:
                    effective[name] = 0
                    implied.add(name)
    return effective, frozenset(implied)


def substitute(
    fields: Mapping[str, Any], figures: Mapping[str, int | None]
) -> tuple[dict[str, Any], list[tuple[str, int, int]]]:
    """The narrative's fields with each count it gives replaced by the registry's (keys as in
    :func:`tipwatch.reply.brief.registry_figures`). Counts the narrative does not give stay unknown:
    the registry's figures go *in place of* the narrative's, they do not add to them."""
    replaced = dict(fields)
    changes: list[tuple[str, int, int]] = []
    for name, registry in figures.items():
        narrative = fields.get(name)
        if registry is None or not isinstance(narrative, int) or isinstance(narrative, bool):
            continue
        replaced[name] = registry
        changes.append((name, narrative, registry))
    return replaced, changes


def reassess(
    fields: Mapping[str, Any],
    claims: Sequence[Claim],
    report_year: int,
    figures: Mapping[str, int | None],
    assessor: Assessor,
    disclosure: Disclosure,
) -> Reassessment:
    """Assess with the narrative's figures and with the registry's; compare placements and findings."""
    effective, implied = narrative_figures(fields, claims, report_year)
    replaced, changes = substitute(effective, figures)
    before = assessor(effective)
    after = assessor(replaced)
    keys_before = {f.key: f for f in before.findings if f.status != UNDECIDED}
    keys_after = {f.key: f for f in after.findings if f.status != UNDECIDED}
    return Reassessment(
        tuple(
            Substitution(name, old, _shown(name, new, report_year, disclosure), name in implied)
            for name, old, new in changes
        ),
        before,
        after,
        tuple(f for key, f in keys_after.items() if key in keys_before),
        tuple(f for key, f in keys_before.items() if key not in keys_after),
        tuple(f for key, f in keys_after.items() if key not in keys_before),
    )


def _shown(name: str, value: int, report_year: int, disclosure: Disclosure) -> Shown:
    year = report_year - 1 if name.startswith("previous_period.") else report_year
    period = ReportingPeriod(year)
    path = Measure(name.removeprefix("previous_period.")).statistic_path
    return disclosure.cell(path, period.start, period.end, value)
