"""Levers: single changes of evidence that what-if analysis tries, each described in the report's words.

An improving lever records one more concrete action (or removes an adverse fact); a worsening lever
records an adverse finding. Levers edit the evidence data and validate it again, so a changed
evidence is always a valid one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tipwatch.evidence.model import ByType, Evidence

COUNTS = {
    "prosecution.investigations": ("investigate at least one trafficking case", "investigations"),
    "prosecution.prosecutions": ("prosecute at least one trafficker", "prosecutions"),
    "prosecution.convictions": ("convict at least one trafficker", "convictions"),
    "protection.victims_identified": ("identify at least one victim", "victims_identified"),
    "protection.victims_served": ("refer at least one victim to services and serve them", "victims_served"),
    "protection.victims_referred": ("refer at least one victim to care", None),
}
FLAGS = {
    "legal_framework.sex_trafficking_criminalized": "criminalize sex trafficking",
    "legal_framework.labour_trafficking_criminalized": "criminalize labour trafficking",
    "legal_framework.commensurate_with_grave_crimes": "prescribe penalties commensurate with those for rape",
    "prosecution.sentences.significant_prison_terms": "sentence convicted traffickers to significant prison terms",
    "prosecution.trafficking_law_used": "prosecute under the anti-trafficking law",
    "prosecution.data_provided": "provide enforcement data when asked",
    "protection.proactive_screening": "proactively screen at-risk groups for trafficking indicators",
    "protection.victim_services_funded": "fund services for victims",
    "protection.identification_training": "train officials to identify victims",
    "protection.legal_alternatives_to_removal": "offer legal alternatives to removal",
    "prevention.awareness_campaigns": "run awareness campaigns",
    "prevention.labour_recruitment_rules": "regulate labour recruiters",
    "prevention.national_action_plan": "adopt and implement a national action plan",
    "prevention.coordinating_body": "keep a coordinating body working",
    "prevention.public_self_assessment": "publish an assessment of its own efforts",
    "prevention.demand_reduction": "act to reduce the demand for commercial sex",
    "prevention.migration_monitoring": "monitor migration for signs of trafficking",
    "partnership.international_cooperation": "cooperate with other governments on cases",
    "partnership.extradition": "extradite trafficking suspects as for other serious crimes",
    "partnership.civil_society_partnerships": "partner with civil society with measurable outcomes",
}
ADVERSE = {
    "protection.victims_penalized": (
        "stop penalizing victims for crimes traffickers compelled",
        "penalize victims for crimes traffickers compelled",
    ),
    "prosecution.complicity_unaddressed": (
        "address allegations of official complicity",
        "leave allegations of official complicity unaddressed",
    ),
    "legal_framework.fines_alone_allowed": (
        "remove fines in lieu of imprisonment",
        "allow fines in lieu of imprisonment",
    ),
}


@dataclass(frozen=True)
class Lever:
    code: str
    description: str
    path: str
    value: Any

    def apply(self, data: dict[str, Any]) -> None:
        *parents, last = self.path.split(".")
        node = data
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = self.value


def _get(evidence: Evidence, path: str) -> Any:
    node: Any = evidence
    for part in path.split("."):
        node = getattr(node, part, None) if node is not None else None
    return node


def _count(node: Any) -> int | None:
    if isinstance(node, ByType):
        return node.lower_bound
    return node.lower_bound if node is not None else None


def _flag(node: Any) -> bool | None:
    return node.value if node is not None else None


def improving_levers(evidence: Evidence) -> list[Lever]:
    """Changes that record more effort than the evidence now shows."""
    levers = []
    for path, (text, measure) in COUNTS.items():
        current = _count(_get(evidence, path)) or 0
        previous = _count(getattr(evidence.previous_period, measure)) if measure else None
        if current < 1:
            levers.append(Lever(f"more-{path.split('.')[-1]}".replace("_", "-"), text, path, {"value": 1}))
        if previous is not None and current <= previous and previous + 1 > 1:
            levers.append(
                Lever(
                    f"increase-{path.split('.')[-1]}".replace("_", "-"),
                    f"{text.split(' at least one')[0]} more than in the previous period ({previous + 1} or more)",
                    path,
                    {"value": previous + 1},
                )
            )
    for path, text in FLAGS.items():
        if _flag(_get(evidence, path)) is not True:
            levers.append(Lever(path.split(".")[-1].replace("_", "-"), text, path, {"value": True}))
    for path, (text, _) in ADVERSE.items():
        if _flag(_get(evidence, path)) is not False:
            levers.append(Lever(f"no-{path.split('.')[-1]}".replace("_", "-"), text, path, {"value": False}))
    if evidence.policy_or_pattern.found:
        levers.append(
            Lever(
                "end-policy-or-pattern",
                "end the government policy or pattern of trafficking",
                "policy_or_pattern",
                {"present": False},
            )
        )
    if not evidence.watch_list_waiver.conditions_met:
        levers.append(
            Lever(
                "waiver-plan",
                "adopt a written plan, significant if implemented, with sufficient resources (grounds for a waiver)",
                "watch_list_waiver",
                {"written_plan": True, "plan_would_be_significant": True, "sufficient_resources": True},
            )
        )
    return levers


def worsening_levers(evidence: Evidence) -> list[Lever]:
    """Adverse findings that could be recorded against the government."""
    levers = []
    for path, (text, _) in COUNTS.items():
        if (_count(_get(evidence, path)) or 0) > 0:
            levers.append(
                Lever(
                    f"no-{path.split('.')[-1]}".replace("_", "-"),
                    f"fail to {text.replace('at least one', 'any')}",
                    path,
                    {"value": 0},
                )
            )
    for path, text in FLAGS.items():
        if _flag(_get(evidence, path)) is True:
            levers.append(
                Lever(
                    f"not-{path.split('.')[-1]}".replace("_", "-"), f"fail to {text}", path, {"value": False}
                )
            )
    for path, (_, text) in ADVERSE.items():
        if _flag(_get(evidence, path)) is not True:
            levers.append(Lever(path.split(".")[-1].replace("_", "-"), text, path, {"value": True}))
    if not evidence.policy_or_pattern.found:
        levers.append(
            Lever(
                "policy-or-pattern",
                "a government policy or pattern of trafficking (state-sponsored)",
                "policy_or_pattern",
                {"present": True},
            )
        )
    return levers
