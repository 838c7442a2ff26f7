"""The minimum standards of 22 U.S.C. 7106(a) and the twelve criteria of 7106(b), each evaluated to
met / partly met / not met / unknown with its reason and the evidence it rests on.

Each criterion looks at the "signs of effort" the statute names for it: a sign is True (recorded),
False (recorded as absent) or None (unknown). A criterion is met when its core signs are all recorded,
partly met when at least one sign is, not met when signs are known and none is recorded, and unknown
when nothing is known.

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
from typing import NamedTuple

from tipwatch.assess.citing import cite
from tipwatch.assess.comparison import compare
from tipwatch.assess.policy import Policy
from tipwatch.assess.result import Finding, Status
from tipwatch.evidence.facts import Count, amount_of, count_of, flag_of
from tipwatch.evidence.model import ByType, Evidence
from tipwatch.law import LawVersion

Sign = tuple[str, bool | None]


class Grade(NamedTuple):
    """A criterion's status, the reason, and the signs of effort recorded and recorded as absent."""

    status: Status
    reason: str
    recorded: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()


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


def _positive(count: ByType | Count | None) -> bool | None:
    value = count.lower_bound if isinstance(count, ByType) else count_of(count)
    return None if value is None else value > 0


def _grade(signs: list[Sign], core: list[str], what: str, blockers: tuple[Sign, ...] = ()) -> Grade:
    recorded = [name for name, value in signs if value is True]
    absent = [name for name, value in signs if value is False]
    blocking = [name for name, value in blockers if value is True]
    if not recorded and not absent and not blocking:
        return Grade(Status.UNKNOWN, f"no evidence on {what}")
    said = f"recorded: {', '.join(recorded) or 'none'}; recorded as absent: {', '.join(absent) or 'none'}"
    if blocking:
        said += f"; against it: {', '.join(blocking)}"
    found, missing = tuple(recorded), tuple(absent + blocking)
    if recorded and all(name in recorded for name in core) and not blocking:
        return Grade(Status.MET, said, found, missing)
    if recorded:
        return Grade(Status.PARTLY_MET, said, found, missing)
    return Grade(Status.NOT_MET, said, found, missing)


def _prohibits(e: Evidence, p: Policy, _: bool | None) -> Grade:
    law = e.legal_framework
    signs = [
        ("sex trafficking criminalized", flag_of(law.sex_trafficking_criminalized)),
        ("labour trafficking criminalized", flag_of(law.labour_trafficking_criminalized)),
    ]
    return _grade(signs, [name for name, _ in signs], "which forms of trafficking are criminalized")


def _grave_penalties(e: Evidence, p: Policy, _: bool | None) -> Grade:
    signs = [
        (
            "penalties commensurate with grave crimes",
            flag_of(e.legal_framework.commensurate_with_grave_crimes),
        )
    ]
    return _grade(signs, [signs[0][0]], "whether penalties match those for grave crimes")


def _deterrent_penalties(e: Evidence, p: Policy, _: bool | None) -> Grade:
    law = e.legal_framework
    top = amount_of(law.penalty_max_years)
    threshold = p.thresholds.deterrent_max_penalty_years
    fines = flag_of(law.fines_alone_allowed)
    signs = [
        (f"maximum penalty of at least {threshold:g} years", None if top is None else top >= threshold),
        ("no fines in lieu of imprisonment", None if fines is None else not fines),
    ]
    return _grade(signs, [name for name, _ in signs], "penalties")


def _law_enforcement(e: Evidence, p: Policy, _: bool | None) -> Grade:
    pro = e.prosecution
    sentences = pro.sentences
    significant = flag_of(sentences.significant_prison_terms) if sentences else None
    signs = [
        ("investigations", _positive(pro.investigations)),
        ("prosecutions", _positive(pro.prosecutions)),
        ("convictions", _positive(pro.convictions)),
        ("significant prison terms", significant),
        ("use of the trafficking law", flag_of(pro.trafficking_law_used)),
    ]
    grade = _grade(signs, ["investigations", "prosecutions", "convictions"], "law enforcement")
    if pro.data_provided is not None and pro.data_provided.value is False:
        return Grade(
            Status.NOT_MET,
            "the government did not provide enforcement data when asked, so it is presumed "
            "not to have vigorously investigated, prosecuted, convicted or sentenced (7106(b)(1))",
            grade.recorded,
            ("enforcement data provided when asked", *grade.absent),
        )
    if grade.status is Status.MET and (significant is False or flag_of(pro.trafficking_law_used) is False):
        return grade._replace(status=Status.PARTLY_MET)
    return grade


def _protection(e: Evidence, p: Policy, _: bool | None) -> Grade:
    pro = e.protection
    served = [_positive(pro.victims_served), _positive(pro.victims_referred)]
    services = [flag_of(pro.victim_services_funded), _positive(pro.shelters)]
    if amount_of(pro.funding) is not None:
        services.append((amount_of(pro.funding) or 0) > 0)
    signs = [
        ("victims identified", _positive(pro.victims_identified)),
        ("victims referred or served", True if True in served else (False if False in served else None)),
        ("proactive screening", flag_of(pro.proactive_screening)),
        ("victim services funded", True if True in services else (False if False in services else None)),
        ("identification training", flag_of(pro.identification_training)),
    ]
    blockers = (("victims penalized for crimes traffickers compelled", flag_of(pro.victims_penalized)),)
    core = ["victims identified", "victims referred or served", "proactive screening"]
    return _grade(signs, core, "victim protection", blockers)


def _prevention(e: Evidence, p: Policy, _: bool | None) -> Grade:
    pre = e.prevention
    signs = [
        ("awareness campaigns", flag_of(pre.awareness_campaigns)),
        ("labour recruitment rules", flag_of(pre.labour_recruitment_rules)),
        ("national action plan", flag_of(pre.national_action_plan)),
        ("coordinating body", flag_of(pre.coordinating_body)),
        ("funding increased", flag_of(pre.funding_increased)),
    ]
    grade = _grade(signs, [], "prevention")
    if grade.status is Status.MET and len(grade.recorded) < p.thresholds.prevention_measures_for_met:
        return grade._replace(status=Status.PARTLY_MET)
    return grade


def _single(
    label: str, get: Callable[[Evidence], bool | None]
) -> Callable[[Evidence, Policy, bool | None], Grade]:
    def evaluate(e: Evidence, p: Policy, _: bool | None) -> Grade:
        return _grade([(label, get(e))], [label], label)

    return evaluate


def _complicity(e: Evidence, p: Policy, _: bool | None) -> Grade:
    pro = e.prosecution
    acted = [
        c for c in pro.complicity_cases if str(c.outcome or "") in {"investigated", "prosecuted", "convicted"}
    ]
    if flag_of(pro.complicity_unaddressed):
        return Grade(
            Status.NOT_MET,
            "public allegations of official complicity went unaddressed, which counts as inaction (7106(b)(7))",
            absent=("allegations of official complicity addressed",),
        )
    if acted:
        return Grade(
            Status.MET,
            f"{len(acted)} complicity case(s) investigated, prosecuted or convicted",
            ("complicity cases investigated, prosecuted or convicted",),
        )
    if pro.complicity_cases:
        return Grade(Status.PARTLY_MET, "complicity cases recorded without enforcement outcome")
    if flag_of(pro.complicity_unaddressed) is False:
        required = p.actions_required
        if required is not None and not required.absence_of_allegations_is_action:
            return Grade(
                Status.UNKNOWN,
                "no unaddressed allegations of official complicity recorded, and no complicity case acted "
                "on: the absence of allegations is no concrete action (7102(5), 7107(b)(1)(A)-(B))",
            )
        return Grade(Status.MET, "no unaddressed allegations of official complicity recorded")
    return Grade(Status.UNKNOWN, "no evidence on official complicity")


def _non_citizens(e: Evidence, p: Policy, _: bool | None) -> Grade:
    share = e.non_citizen_victim_share
    if share is None:
        return Grade(Status.UNKNOWN, "share of non-citizen victims unknown")
    limit = p.thresholds.insignificant_non_citizen_share
    status = Status.MET if share <= limit else Status.NOT_MET
    return Grade(status, f"non-citizen share {share:.0%} against an 'insignificant' limit of {limit:.0%}")


def _self_monitoring(e: Evidence, p: Policy, _: bool | None) -> Grade:
    pre = e.prevention
    meets = count_of(pre.coordinating_body_meetings_per_year)
    signs = [
        ("published assessment of its own efforts", flag_of(pre.public_self_assessment)),
        ("coordinating body meeting regularly", None if meets is None else meets >= 4),
    ]
    return _grade(signs, [signs[0][0]], "self-monitoring")


def _appreciable(e: Evidence, p: Policy, minimum: int) -> Grade:
    """Appreciable progress (7106(b)(11)): more measures rose than fell (by the policy's
    ``min_net_increase``), and at least one measure of the period shows more than a single case (reaches
    ``minimum``): a step from 0 to 1 is no appreciable progress on its own, nor is one case counted as
    investigated, prosecuted and convicted."""
    _, changes = compare(e, p)
    decided = [c for c in changes if c.direction != "undecided"]
    if not decided:
        return Grade(Status.UNKNOWN, "no figures known for both this and the previous period")
    rose = [c for c in decided if c.direction == "rose"]
    fell = [c for c in decided if c.direction == "fell"]
    largest = max(c.current for c in changes)
    said = (
        f"rose: {', '.join(f'{c.measure} {c.previous} -> {c.current}' for c in rose) or 'none'}; "
        f"fell: {', '.join(f'{c.measure} {c.previous} -> {c.current}' for c in fell) or 'none'}; "
        f"same: {', '.join(f'{c.measure} {c.current}' for c in decided if c.direction == 'same') or 'none'}; "
        f"largest figure of the period {largest}"
    )
    recorded = tuple(f"more {c.measure.replace('_', ' ')}" for c in rose)
    absent = tuple(f"more {c.measure.replace('_', ' ')}" for c in fell)
    if len(rose) - len(fell) < p.increasing_efforts.min_net_increase:
        return Grade(Status.NOT_MET, f"no appreciable progress: {said}", recorded, absent)
    if largest < minimum:
        return Grade(
            Status.NOT_MET,
            f"no appreciable progress: {said}, below {minimum}: a single case is no appreciable "
            "progress on its own",
            (),
            (*absent, "more than a single case"),
        )
    return Grade(Status.MET, f"appreciable progress: {said}", recorded, absent)


def _progress(e: Evidence, p: Policy, increasing: bool | None) -> Grade:
    if p.actions_required is not None:
        return _appreciable(e, p, p.actions_required.progress_min_cases)
    if increasing is None:
        return Grade(Status.UNKNOWN, "no figures known for both this and the previous period")
    if increasing:
        return Grade(Status.MET, "efforts increased compared to the previous reporting period")
    return Grade(
        Status.NOT_MET, "no evidence of increasing efforts compared to the previous reporting period"
    )


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "prohibits-trafficking",
        "7106(a)(1)",
        "legal-framework",
        "Prohibits and punishes severe forms of trafficking",
        ("legal_framework.sex_trafficking_criminalized", "legal_framework.labour_trafficking_criminalized"),
        _prohibits,
    ),
    Criterion(
        "grave-crime-penalties",
        "7106(a)(2)",
        "legal-framework",
        "Punishment commensurate with grave crimes",
        ("legal_framework.commensurate_with_grave_crimes", "legal_framework.penalty_min_years"),
        _grave_penalties,
    ),
    Criterion(
        "deterrent-penalties",
        "7106(a)(3)",
        "legal-framework",
        "Punishment stringent enough to deter",
        ("legal_framework.penalty_max_years", "legal_framework.fines_alone_allowed"),
        _deterrent_penalties,
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
        _law_enforcement,
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
        _protection,
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
        _prevention,
    ),
    Criterion(
        "international-cooperation",
        "7106(b)(4)",
        "partnership",
        "Cooperation with other governments",
        ("partnership.international_cooperation",),
        _single("international cooperation", lambda e: flag_of(e.partnership.international_cooperation)),
    ),
    Criterion(
        "extradition",
        "7106(b)(5)",
        "partnership",
        "Extradition on the same terms as other serious crimes",
        ("partnership.extradition",),
        _single("extradition", lambda e: flag_of(e.partnership.extradition)),
    ),
    Criterion(
        "migration-monitoring",
        "7106(b)(6)",
        "prevention",
        "Monitoring of migration for evidence of trafficking",
        ("prevention.migration_monitoring",),
        _single("migration monitoring", lambda e: flag_of(e.prevention.migration_monitoring)),
    ),
    Criterion(
        "official-complicity",
        "7106(b)(7)",
        "prosecution",
        "Accountability of complicit officials",
        ("prosecution.complicity_cases", "prosecution.complicity_unaddressed"),
        _complicity,
    ),
    Criterion(
        "non-citizen-victims",
        "7106(b)(8)",
        "protection",
        "Share of non-citizen victims insignificant",
        ("non_citizen_victim_share",),
        _non_citizens,
    ),
    Criterion(
        "partnerships",
        "7106(b)(9)",
        "partnership",
        "Effective, transparent partnerships",
        ("partnership.civil_society_partnerships", "partnership.us_partnership"),
        _single(
            "partnerships with measurable outcomes",
            lambda e: (
                True
                if True
                in (flag_of(e.partnership.civil_society_partnerships), flag_of(e.partnership.us_partnership))
                else (
                    False
                    if False
                    in (
                        flag_of(e.partnership.civil_society_partnerships),
                        flag_of(e.partnership.us_partnership),
                    )
                    else None
                )
            ),
        ),
    ),
    Criterion(
        "self-monitoring",
        "7106(b)(10)",
        "prevention",
        "Systematic self-monitoring and published assessment",
        ("prevention.public_self_assessment", "prevention.coordinating_body_meetings_per_year"),
        _self_monitoring,
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
        _progress,
    ),
    Criterion(
        "demand-reduction",
        "7106(b)(12)",
        "prevention",
        "Efforts to reduce demand for commercial sex and sex tourism",
        ("prevention.demand_reduction",),
        _single("demand reduction", lambda e: flag_of(e.prevention.demand_reduction)),
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
