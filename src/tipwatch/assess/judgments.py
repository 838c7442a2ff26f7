"""The two judgments the tier lists need: "fully meets the minimum standards" (7107(b)(1)(A)) and
"making significant efforts" (7107(b)(1)(B)), decided by the rubric policy from the findings, then
bound by the statute: commitments excluded where the law says so, and a government policy or pattern of
trafficking, which never allows full compliance (7106(a)(1), (a)(4), (b)(7)) and from the 2019 report
is proof of failure to make significant efforts (7107(b)(3)(B), added by Pub. L. 115-425)."""

from __future__ import annotations

from dataclasses import dataclass

from tipwatch.assess.citing import cite
from tipwatch.assess.policy import Policy
from tipwatch.assess.result import Finding, Status
from tipwatch.assess.trace import Tracer
from tipwatch.evidence.model import Evidence
from tipwatch.law import LawVersion


@dataclass(frozen=True)
class Judgments:
    score: float
    score_without_commitments: float
    fully_meets: bool
    significant_efforts: bool
    relied_on_commitments: bool


def _finding(
    code: str, rule: str, title: str, status: Status, reason: str, evidence: Evidence, *paths: str
) -> Finding:
    return Finding(
        code=code,
        rule=rule,
        subsection=f"22 U.S.C. {rule}",
        area="overall",
        title=title,
        status=status,
        reason=reason,
        evidence=cite(evidence, *paths),
    )


def judge(
    evidence: Evidence, law: LawVersion, policy: Policy, standards: list[Finding], trace: Tracer
) -> Judgments:
    criteria = [f for f in standards if f.rule.startswith("7106(b)")]
    efforts = [
        f.rule
        for f in criteria
        if f.status in (Status.MET, Status.PARTLY_MET) and policy.weights.get(f.rule, 0.0) > 0
    ]
    score, without = _score(evidence, law, policy, criteria, efforts, trace)
    fully = _fully_meets(policy, standards, criteria, trace)
    rules = policy.significant_efforts
    pillar = not rules.effort_under_any_of or any(rule in efforts for rule in rules.effort_under_any_of)

    def significant_at(points: float) -> bool:
        return fully or (
            points >= rules.min_score and len(efforts) >= rules.min_criteria_with_effort and pillar
        )

    significant = significant_at(score)
    relied = significant and not significant_at(without)
    trace.step(
        "7107(b)(1)(B)",
        "Is the government making significant efforts to meet them?",
        "yes" if significant else "no",
        score=score,
        min_score=rules.min_score,
        criteria_with_effort=efforts,
        min_criteria_with_effort=rules.min_criteria_with_effort,
        effort_under_any_of=rules.effort_under_any_of,
    )
    if evidence.policy_or_pattern.found:
        fully = False
        if _policy_or_pattern(evidence, law, trace):
            significant, relied = False, False
    return Judgments(score, without, fully, significant, relied)


def _score(
    evidence: Evidence,
    law: LawVersion,
    policy: Policy,
    criteria: list[Finding],
    efforts: list[str],
    trace: Tracer,
) -> tuple[float, float]:
    """The rubric's effort score, with and without commitments to future steps (which the law in force
    may exclude)."""
    params = law.parameters
    rules = policy.significant_efforts
    base = sum(policy.weights.get(f.rule, 0.0) * policy.score_of(f.status) for f in criteria)
    actions = min(
        len(evidence.concrete_actions) * rules.points_per_other_action, rules.max_other_action_points
    )
    commitments = min(len(evidence.commitments) * rules.points_per_commitment, rules.max_commitment_points)
    excluded = params.commitments_excluded.value
    score = base + actions + (0.0 if excluded else commitments)
    trace.step(
        "7106(b)",
        "How much effort do the criteria of 7106(b) show, under the rubric?",
        f"score {score:g} (criteria {base:g}, other concrete actions {actions:g}, commitments "
        f"{'excluded' if excluded else f'{commitments:g}'}); effort under {len(efforts)} criteria",
        statuses={f.rule: str(f.status) for f in criteria},
        policy=policy.label,
    )
    if evidence.commitments:
        trace.add(
            _finding(
                "commitments-not-counted" if excluded else "commitments-counted",
                params.commitments_excluded.reference.removeprefix("22 U.S.C. ").split(",")[0],
                "Commitments to future steps",
                Status.APPLIED if excluded else Status.NOT_APPLIED,
                f"{len(evidence.commitments)} commitment(s) to future steps "
                + (
                    "are excluded: only concrete actions recorded in the period count"
                    if excluded
                    else f"may count under the law in force ({law.id}), up to {rules.max_commitment_points:g} point(s)"
                ),
                evidence,
                "commitments",
            )
        )
    return score, base + actions


def _fully_meets(policy: Policy, standards: list[Finding], criteria: list[Finding], trace: Tracer) -> bool:
    """Whether the rubric finds full compliance: every required standard and criterion met, and at most
    the allowed number of weighted criteria not met."""
    by_rule = {f.rule: f for f in standards}
    fm = policy.fully_meets
    failing = [
        r for r in [*fm.required_standards, *fm.required_criteria] if by_rule[r].status is not Status.MET
    ]
    not_met = [f.rule for f in criteria if f.status is Status.NOT_MET and policy.weights.get(f.rule, 0.0) > 0]
    fully = not failing and len(not_met) <= fm.allow_not_met
    trace.step(
        "7107(b)(1)(A)",
        "Does the government fully meet the minimum standards?",
        "yes"
        if fully
        else f"no: not met in full: {', '.join(failing + [r for r in not_met if r not in failing]) or 'none'}",
        required=[*fm.required_standards, *fm.required_criteria],
    )
    return fully


def _policy_or_pattern(evidence: Evidence, law: LawVersion, trace: Tracer) -> bool:
    """Trace a government policy or pattern of trafficking; whether the law in force makes it proof of
    failure to make significant efforts (7107(b)(3)(B))."""
    params = law.parameters
    binding = params.policy_or_pattern_is_failure.value
    kinds = sorted({str(item.kind) for item in evidence.policy_or_pattern.items}) or ["unspecified"]
    trace.add(
        _finding(
            "state-sponsored-pattern",
            "7107(b)(3)(B)",
            "Government policy or pattern of trafficking",
            Status.APPLIED if binding else Status.NOT_APPLIED,
            f"a government policy or pattern ({', '.join(kinds)}) "
            + (
                f"is proof of failure to make significant efforts ({params.policy_or_pattern_is_failure.act})"
                if binding
                else f"is not yet proof of failure under the law in force ({law.id}); a government that "
                "itself traffics does not prohibit and punish trafficking (7106(a)(1)), make serious and "
                "sustained efforts against it (7106(a)(4)) or hold complicit officials to account "
                "(7106(b)(7)), so it cannot fully meet the minimum standards"
            ),
            evidence,
            "policy_or_pattern.present",
            "policy_or_pattern.items",
        )
    )
    trace.step(
        "7107(b)(3)(B)",
        "Is there a government policy or pattern of trafficking?",
        "yes: proof of failure to make significant efforts"
        if binding
        else f"yes: no full compliance (7106(a)(1), (a)(4), (b)(7)); not proof of failure under {law.id}",
        kinds=kinds,
    )
    return binding
