"""The reassessment of the right of reply: the placement again, with the registry's figures in place of
the narrative's, and which findings would still stand.

Pure and engine-agnostic: an :data:`Assessor` turns narrative fields (annotation schema) into a
:class:`Placement`; :func:`reassess` runs it twice — on the narrative's fields and on the same fields with
the registry's counts substituted — and compares. :mod:`.reply_engine` supplies the assessor backed by
the rules-as-code engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tipwatch.evidence import Tier
from tipwatch.review.reply_claims import COUNT_FIELDS, Measure
from tipwatch.review.reply_disclosure import Disclosure, Shown


@dataclass(frozen=True, slots=True)
class FindingRef:
    """A finding of the assessment, by its stable code and the rule it cites."""

    code: str
    rule: str
    title: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "rule": self.rule, "title": self.title}


@dataclass(frozen=True, slots=True)
class Placement:
    tier: Tier | None
    findings: tuple[FindingRef, ...]
    law_version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "tier": str(self.tier) if self.tier else None,
            "tier_label": self.tier.label if self.tier else None,
            "law_version": self.law_version,
            "findings": [f.to_dict() for f in self.findings],
        }


Assessor = Callable[[Mapping[str, Any]], Placement]


@dataclass(frozen=True, slots=True)
class Substitution:
    """One narrative figure replaced by the registry's."""

    field: str
    narrative: int | None
    registry: Shown

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "narrative": self.narrative, "registry": self.registry.to_dict()}


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


def substitute(
    fields: Mapping[str, Any], figures: Mapping[Measure, int | None]
) -> tuple[dict[str, Any], list[tuple[str, int | None, int]]]:
    """The narrative's fields with every count the registry has for the period put in its place."""
    replaced = dict(fields)
    changes: list[tuple[str, int | None, int]] = []
    for measure in COUNT_FIELDS:
        registry = figures.get(measure)
        if registry is None:
            continue
        narrative = fields.get(str(measure))
        replaced[str(measure)] = registry
        changes.append((str(measure), narrative, registry))
    return replaced, changes


def reassess(
    fields: Mapping[str, Any],
    figures: Mapping[Measure, int | None],
    assessor: Assessor,
    disclosure: Disclosure,
) -> Reassessment:
    """Assess with the narrative's figures and with the registry's; compare placements and findings."""
    replaced, changes = substitute(fields, figures)
    before = assessor(fields)
    after = assessor(replaced)
    keys_before = {(f.code, f.rule): f for f in before.findings}
    keys_after = {(f.code, f.rule): f for f in after.findings}
    return Reassessment(
        tuple(Substitution(name, old, disclosure.count(new)) for name, old, new in changes),
        before,
        after,
        tuple(f for key, f in keys_after.items() if key in keys_before),
        tuple(f for key, f in keys_before.items() if key not in keys_after),
        tuple(f for key, f in keys_after.items() if key not in keys_before),
    )
