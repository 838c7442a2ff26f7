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
from tipwatch.evidence import Count, Source, Tier
from tipwatch.evidence.model import Evidence
from tipwatch.reader.evidence import (
    PREVIOUS_COUNTS,
    PROSECUTION_COUNTS,
    PROTECTION_COUNTS,
    implied_placements,
    stated_evidence,
)
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
    streaks = [
        (str(claim.get("text", "")), claim["years"])
        for claim in fields.get("consecutive_year_claims") or []
        if isinstance(claim, Mapping) and isinstance(claim.get("years"), int)
    ]
    tier, movement = fields.get("tier"), fields.get("movement")
    prior, _ = implied_placements(
        report_year,
        str(Tier.parse(str(tier))) if tier is not None else None,
        "remained" if movement == "remained" else None,
        streaks,
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
