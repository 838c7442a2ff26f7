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
from tipwatch.evidence import Tier
from tipwatch.evidence.model import Evidence
from tipwatch.reply.reassess import Assessor, FindingRef, Placement

PROSECUTION_FIELDS = ("investigations", "prosecutions", "convictions")
PREVIOUS_FIELDS = ("investigations", "prosecutions", "convictions", "victims_identified", "victims_served")


def _count(value: Any) -> int | None:
    """A usable count, or None (unknown): the claims were checked before, so anything else is noise."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def evidence_from_fields(fields: Mapping[str, Any], report_year: int) -> Evidence:
    """Evidence for the engine from a narrative's fields; unknown counts stay unknown."""
    counts = {
        name: _count(fields.get(name))
        for name in (*PROSECUTION_FIELDS, "victims_identified", "victims_served")
    }
    data: dict[str, Any] = {
        "jurisdiction": str(fields.get("jurisdiction") or "unnamed jurisdiction")[:200],
        "report_year": report_year,
        "prosecution": {name: counts[name] for name in PROSECUTION_FIELDS if counts[name] is not None},
        "protection": {
            name: counts[name]
            for name in ("victims_identified", "victims_served")
            if counts[name] is not None
        },
        "previous_period": {},
    }
    for name in PREVIOUS_FIELDS:
        value = _count(fields.get(f"previous_period.{name}"))
        if value is not None:
            data["previous_period"][name] = value
    tier, movement = fields.get("tier"), fields.get("movement")
    if tier is not None and movement == "remained":
        data["prior_placements"] = [{"report_year": report_year - 1, "tier": str(Tier.parse(str(tier)))}]
    return Evidence.model_validate(data)


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
