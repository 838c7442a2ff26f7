"""The minimum standards of 22 U.S.C. 7106(a) and the twelve criteria of 7106(b) as the statute lists
them, each with its grader (:mod:`.standards`) and the evidence paths it cites, evaluated to met / partly
met / not met / unknown for the standards the law version in force lists.

Under a rubric with ``actions_required`` (``rubric-2026``), a criterion of 7106(b) is met or partly met
only on a concrete action recorded in the period: Tier 1 and Tier 2 rest "only on concrete actions taken
by the country that are recorded during the reporting period" (7107(b)(1)(A)-(B), wording of Pub. L.
115-427, enacted 2019-01-09, whose sec. 2 also defined "concrete actions", now 7102(5)); for earlier
report years it is the rubric's documented policy. The absence of complicity allegations is no action,
and a rise from nothing to a single case is no appreciable progress (7106(b)(11)).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tipwatch.assess import standards as g
from tipwatch.assess.citing import cite
from tipwatch.assess.policy import Policy
from tipwatch.assess.result import Finding, Status
from tipwatch.assess.standards import Grade
from tipwatch.evidence.facts import flag_of
from tipwatch.evidence.model import Evidence
from tipwatch.law import LawVersion


@dataclass(frozen=True)
class Criterion:
    code: str
    rule: str
    area: str
    title: str
    paths: tuple[str, ...]
    evaluate: Callable[[Evidence, Policy, bool | None], Grade]

    @property
    def subsection(self) -> str:
        return f"22 U.S.C. {self.rule}"

    def finding(self, evidence: Evidence, policy: Policy, increasing: bool | None) -> Finding:
        grade = _needs_action(self.rule, self.evaluate(evidence, policy, increasing), policy)
        return Finding(
            code=self.code,
            rule=self.rule,
            subsection=self.subsection,
            area=self.area,
            title=self.title,
            status=grade.status,
            reason=grade.reason,
            recorded=list(grade.recorded),
            absent=list(grade.absent),
            evidence=cite(evidence, *self.paths),
        )


# 7106(b)(8) asks whether the share of non-citizen victims is insignificant: a fact about the victims,
# not an action of the government, so the rule that a "met" needs a recorded action does not apply to it.
_NOT_ACTIONS = frozenset({"7106(b)(8)"})


def _needs_action(rule: str, grade: Grade, policy: Policy) -> Grade:
    """Under ``actions_required``, a criterion of 7106(b) met or partly met with no recorded action is
    unknown: nothing the government did in the period supports it (7107(b)(1)(A)-(B), 7102(5))."""
    required = policy.actions_required
    if (
        required is None
        or not required.met_needs_recorded_action
        or not rule.startswith("7106(b)")
        or rule in _NOT_ACTIONS
        or grade.status not in (Status.MET, Status.PARTLY_MET)
        or grade.recorded
    ):
        return grade
    return Grade(
        Status.UNKNOWN,
        f"{grade.reason}; no concrete action recorded in the period, so it is not counted as met "
        "(7107(b)(1)(A)-(B): only concrete actions recorded during the reporting period count)",
        (),
        grade.absent,
    )


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "prohibits-trafficking",
        "7106(a)(1)",
        "legal-framework",
        "Prohibits and punishes severe forms of trafficking",
        ("legal_framework.sex_trafficking_criminalized", "legal_framework.labour_trafficking_criminalized"),
        g.prohibits,
    ),
    Criterion(
        "grave-crime-penalties",
        "7106(a)(2)",
        "legal-framework",
        "Punishment commensurate with grave crimes",
        ("legal_framework.commensurate_with_grave_crimes", "legal_framework.penalty_min_years"),
        g.grave_penalties,
    ),
    Criterion(
        "deterrent-penalties",
        "7106(a)(3)",
        "legal-framework",
        "Punishment stringent enough to deter",
        ("legal_framework.penalty_max_years", "legal_framework.fines_alone_allowed"),
        g.deterrent_penalties,
    ),
    Criterion(
        "law-enforcement",
        "7106(b)(1)",
        "prosecution",
        "Vigorous investigation, prosecution, conviction and sentencing",
        (
            "prosecution.investigations",
            "prosecution.prosecutions",
            "prosecution.convictions",
            "prosecution.sentences",
            "prosecution.trafficking_law_used",
            "prosecution.data_provided",
        ),
        g.law_enforcement,
    ),
    Criterion(
        "victim-protection",
        "7106(b)(2)",
        "protection",
        "Protection of victims",
        (
            "protection.victims_identified",
            "protection.victims_referred",
            "protection.victims_served",
            "protection.proactive_screening",
            "protection.victim_services_funded",
            "protection.shelters",
            "protection.funding",
            "protection.identification_training",
            "protection.victims_penalized",
        ),
        g.protection,
    ),
    Criterion(
        "prevention",
        "7106(b)(3)",
        "prevention",
        "Measures to prevent trafficking",
        (
            "prevention.awareness_campaigns",
            "prevention.labour_recruitment_rules",
            "prevention.national_action_plan",
            "prevention.coordinating_body",
            "prevention.funding_increased",
        ),
        g.prevention,
    ),
    Criterion(
        "international-cooperation",
        "7106(b)(4)",
        "partnership",
        "Cooperation with other governments",
        ("partnership.international_cooperation",),
        g.single_sign(
            "international cooperation", lambda e: flag_of(e.partnership.international_cooperation)
        ),
    ),
    Criterion(
        "extradition",
        "7106(b)(5)",
        "partnership",
        "Extradition on the same terms as other serious crimes",
        ("partnership.extradition",),
        g.single_sign("extradition", lambda e: flag_of(e.partnership.extradition)),
    ),
    Criterion(
        "migration-monitoring",
        "7106(b)(6)",
        "prevention",
        "Monitoring of migration for evidence of trafficking",
        ("prevention.migration_monitoring",),
        g.single_sign("migration monitoring", lambda e: flag_of(e.prevention.migration_monitoring)),
    ),
    Criterion(
        "official-complicity",
        "7106(b)(7)",
        "prosecution",
        "Accountability of complicit officials",
        ("prosecution.complicity_cases", "prosecution.complicity_unaddressed"),
        g.complicity,
    ),
    Criterion(
        "non-citizen-victims",
        "7106(b)(8)",
        "protection",
        "Share of non-citizen victims insignificant",
        ("non_citizen_victim_share",),
        g.non_citizens,
    ),
    Criterion(
        "partnerships",
        "7106(b)(9)",
        "partnership",
        "Effective, transparent partnerships",
        ("partnership.civil_society_partnerships", "partnership.us_partnership"),
        g.partnerships,
    ),
    Criterion(
        "self-monitoring",
        "7106(b)(10)",
        "prevention",
        "Systematic self-monitoring and published assessment",
        ("prevention.public_self_assessment", "prevention.coordinating_body_meetings_per_year"),
        g.self_monitoring,
    ),
    Criterion(
        "appreciable-progress",
        "7106(b)(11)",
        "overall",
        "Appreciable progress over the previous year",
        (
            "previous_period.investigations",
            "previous_period.prosecutions",
            "previous_period.convictions",
            "previous_period.victims_identified",
            "previous_period.victims_served",
            "previous_period.compared",
        ),
        g.progress,
    ),
    Criterion(
        "demand-reduction",
        "7106(b)(12)",
        "prevention",
        "Efforts to reduce demand for commercial sex and sex tourism",
        ("prevention.demand_reduction",),
        g.single_sign("demand reduction", lambda e: flag_of(e.prevention.demand_reduction)),
    ),
)


def evaluate_standards(
    evidence: Evidence, policy: Policy, increasing: bool | None, law: LawVersion
) -> list[Finding]:
    """One finding per standard of 7106(a)(1)-(3) and criterion of 7106(b) that the law version lists,
    in statute order. (The fourth standard, 7106(a)(4), is judged by the criteria of 7106(b).)"""
    in_force = {*law.parameters.minimum_standards.value, *law.parameters.minimum_standard_criteria.value}
    return [
        criterion.finding(evidence, policy, increasing)
        for criterion in CRITERIA
        if criterion.rule in in_force
    ]
