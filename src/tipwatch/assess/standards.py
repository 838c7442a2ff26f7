"""The graders of the minimum standards of 22 U.S.C. 7106(a) and the criteria of 7106(b): each reads the
"signs of effort" the statute names for its standard from the evidence and returns a :class:`Grade`
(met / partly met / not met / unknown, with its reason). :mod:`.criteria` lists which grader serves
which subsection.

A sign is True (recorded), False (recorded as absent) or None (unknown). A criterion is met when its core
signs are all recorded, partly met when at least one sign is, not met when signs are known and none is
recorded, and unknown when nothing is known.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from tipwatch.assess.comparison import compare
from tipwatch.assess.policy import Policy
from tipwatch.assess.result import Status
from tipwatch.evidence.facts import Count, amount_of, count_of, flag_of
from tipwatch.evidence.model import ByType, Evidence

Sign = tuple[str, bool | None]


class Grade(NamedTuple):
    """A criterion's status, the reason, and the signs of effort recorded and recorded as absent."""

    status: Status
    reason: str
    recorded: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()


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


def prohibits(e: Evidence, p: Policy, _: bool | None) -> Grade:
    law = e.legal_framework
    signs = [
        ("sex trafficking criminalized", flag_of(law.sex_trafficking_criminalized)),
        ("labour trafficking criminalized", flag_of(law.labour_trafficking_criminalized)),
    ]
    return _grade(signs, [name for name, _ in signs], "which forms of trafficking are criminalized")


def grave_penalties(e: Evidence, p: Policy, _: bool | None) -> Grade:
    signs = [
        (
            "penalties commensurate with grave crimes",
            flag_of(e.legal_framework.commensurate_with_grave_crimes),
        )
    ]
    return _grade(signs, [signs[0][0]], "whether penalties match those for grave crimes")


def deterrent_penalties(e: Evidence, p: Policy, _: bool | None) -> Grade:
    law = e.legal_framework
    top = amount_of(law.penalty_max_years)
    threshold = p.thresholds.deterrent_max_penalty_years
    fines = flag_of(law.fines_alone_allowed)
    signs = [
        (f"maximum penalty of at least {threshold:g} years", None if top is None else top >= threshold),
        ("no fines in lieu of imprisonment", None if fines is None else not fines),
    ]
    return _grade(signs, [name for name, _ in signs], "penalties")


def law_enforcement(e: Evidence, p: Policy, _: bool | None) -> Grade:
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


def protection(e: Evidence, p: Policy, _: bool | None) -> Grade:
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


def prevention(e: Evidence, p: Policy, _: bool | None) -> Grade:
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


def single_sign(
    label: str, get: Callable[[Evidence], bool | None]
) -> Callable[[Evidence, Policy, bool | None], Grade]:
    def evaluate(e: Evidence, p: Policy, _: bool | None) -> Grade:
        return _grade([(label, get(e))], [label], label)

    return evaluate


def complicity(e: Evidence, p: Policy, _: bool | None) -> Grade:
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


def non_citizens(e: Evidence, p: Policy, _: bool | None) -> Grade:
    share = e.non_citizen_victim_share
    if share is None:
        return Grade(Status.UNKNOWN, "share of non-citizen victims unknown")
    limit = p.thresholds.insignificant_non_citizen_share
    status = Status.MET if share <= limit else Status.NOT_MET
    return Grade(status, f"non-citizen share {share:.0%} against an 'insignificant' limit of {limit:.0%}")


def self_monitoring(e: Evidence, p: Policy, _: bool | None) -> Grade:
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


def progress(e: Evidence, p: Policy, increasing: bool | None) -> Grade:
    if p.actions_required is not None:
        return _appreciable(e, p, p.actions_required.progress_min_cases)
    if increasing is None:
        return Grade(Status.UNKNOWN, "no figures known for both this and the previous period")
    if increasing:
        return Grade(Status.MET, "efforts increased compared to the previous reporting period")
    return Grade(
        Status.NOT_MET, "no evidence of increasing efforts compared to the previous reporting period"
    )


def partnerships(e: Evidence, p: Policy, _: bool | None) -> Grade:
    flags = (flag_of(e.partnership.civil_society_partnerships), flag_of(e.partnership.us_partnership))
    label = "partnerships with measurable outcomes"
    return _grade([(label, True if True in flags else (False if False in flags else None))], [label], label)
