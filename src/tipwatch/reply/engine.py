"""The reply's assessor backed by the rules-as-code engine (:func:`tipwatch.assess.assess`).

Narrative fields (annotation schema, with the registry's ``victims_served`` and ``previous_period.*``
where the reassessment puts them) become :class:`~tipwatch.evidence.model.Evidence`: the counts, the
previous placement when the narrative says the jurisdiction "remained", and the previous period's
figures. The report's own judgments (fully meets, significant efforts) are not fed in: the engine
reaches its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tipwatch.assess import Assessment, assess
from tipwatch.evidence import Count, PriorPlacement, Source, Tier
from tipwatch.evidence.model import Evidence
from tipwatch.reader.evidence import PREVIOUS_COUNTS, PROSECUTION_COUNTS, PROTECTION_COUNTS, stated_evidence
from tipwatch.reply.reassess import Assessor, FindingRef, Placement


def _count(value: Any) -> int | None:
    """A usable count, or None (unknown): the claims were checked before, so anything else is noise."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def evidence_from_fields(fields: Mapping[str, Any], report_year: int) -> Evidence:
    """Evidence for the engine from a narrative's fields, through the reader's one conversion
    (:func:`tipwatch.reader.evidence.stated_evidence`); unknown counts stay unknown. Each count cites
    where the reply took it from: the narrative, or the figure the reassessment put in its place."""
    jurisdiction = str(fields.get("jurisdiction") or "unnamed jurisdiction")[:200]
    names = (*PROSECUTION_COUNTS, *PROTECTION_COUNTS, *(f"previous_period.{n}" for n in PREVIOUS_COUNTS))
    counts = {
        name: Count(
            value=value, source=Source(document=f"right of reply: {jurisdiction} {report_year}", page=name)
        )
        for name in names
        if (value := _count(fields.get(name))) is not None
    }
    tier, movement = fields.get("tier"), fields.get("movement")
    prior = (
        [PriorPlacement(report_year=report_year - 1, tier=Tier.parse(str(tier)))]
        if tier is not None and movement == "remained"
        else []
    )
    return stated_evidence(jurisdiction, report_year, counts, prior_placements=prior)


def placement_of(assessment: Assessment) -> Placement:
    return Placement(
        assessment.tier,
        tuple(FindingRef(f.code, f.rule, f.title, str(f.status)) for f in assessment.findings),
        assessment.law_version,
        assessment.making_significant_efforts,
        assessment.score,
    )


def engine_assessor(report_year: int, law_version: str | None = None) -> Assessor:
    """An assessor that runs the engine under the law in force for the report year (or ``law_version``)."""

    def assessor(fields: Mapping[str, Any]) -> Placement:
        return placement_of(assess(evidence_from_fields(fields, report_year), law_version))

    return assessor
