"""Tier placement under 22 U.S.C. 7107(b): the three lists, the special watch list, the automatic
downgrade after consecutive Watch List years, the waiver and its limits, and the limit after a
downgrade. Each rule reads its parameters from the law version in force."""

from __future__ import annotations

from tipwatch.assess.citing import cite
from tipwatch.assess.judgments import Judgments
from tipwatch.assess.result import Finding, Status
from tipwatch.assess.trace import Tracer
from tipwatch.evidence.facts import flag_of
from tipwatch.evidence.model import Evidence
from tipwatch.evidence.vocabulary import Tier
from tipwatch.law import LawVersion, law_for_report_year
from tipwatch.law.readings import LIMIT_AFTER_DOWNGRADE, Reading, read_rule
from tipwatch.law.watch_list import LawLookup, PriorDowngrade, downgrade_before


def _finding(
    code: str, rule: str, title: str, status: Status, reason: str, evidence: Evidence, *paths: str
) -> Finding:
    return Finding(
        code=code,
        rule=rule,
        subsection=f"22 U.S.C. {rule}",
        area="placement",
        title=title,
        status=status,
        reason=reason,
        evidence=cite(evidence, *paths),
    )


_WATCH_LIST_PATHS = (
    "victim_estimate",
    "previous_period.investigations",
    "previous_period.prosecutions",
    "previous_period.convictions",
    "previous_period.victims_identified",
    "previous_period.victims_served",
    "commitments",
)


def watch_list_streak(evidence: Evidence, law: LawVersion) -> list[int]:
    """The consecutive Watch List years just before this report that count towards the downgrade."""
    first = law.parameters.watch_list_years_counted_from.value
    years: list[int] = []
    year = evidence.report_year - 1
    while (placement := evidence.placement_in(year)) is not None and placement.tier is Tier.WATCH_LIST:
        if first is not None and year < first:
            break
        years.append(year)
        year -= 1
    return sorted(years)


def _law_lookup(evidence: Evidence, law: LawVersion) -> LawLookup:
    """The law in force for each earlier report year, and ``law`` for the year assessed."""

    def law_for(year: int) -> LawVersion:
        return law if year == evidence.report_year else law_for_report_year(year)

    return law_for


def _tiers(evidence: Evidence) -> dict[int, Tier]:
    return {p.report_year: p.tier for p in evidence.prior_placements}


def _merits(evidence: Evidence) -> frozenset[int]:
    """The earlier Tier 3 placements the evidence records as made on the merits."""
    return frozenset(p.report_year for p in evidence.prior_placements if p.tier_3_on_merits)


def provisional_tier(judgments: Judgments, law: LawVersion, trace: Tracer) -> Tier:
    tier = (
        Tier.TIER_1
        if judgments.fully_meets
        else Tier.TIER_2
        if judgments.significant_efforts
        else Tier.TIER_3
    )
    rule = {Tier.TIER_1: "7107(b)(1)(A)", Tier.TIER_2: "7107(b)(1)(B)", Tier.TIER_3: "7107(b)(1)(C)"}[tier]
    trace.step(
        rule,
        "Which list of 7107(b)(1) does the government belong on?",
        tier.label,
        lists=law.parameters.tier_lists.value,
    )
    return tier


def special_watch_list(
    evidence: Evidence,
    law: LawVersion,
    judgments: Judgments,
    standards: list[Finding],
    tier: Tier,
    increasing: bool | None,
    trace: Tracer,
) -> Tier:
    """Tier 2 countries meeting a criterion of 7107(b)(2)(A)(iii) go on the Watch List."""
    params = law.parameters
    if tier is not Tier.TIER_2 or not params.watch_list_exists.value:
        return tier
    checks = _watch_list_checks(evidence, params.watch_list_criteria.value, judgments, standards, increasing)
    hits = [c for c in checks if c[2]]
    for code, rule, hit, reason in checks:
        trace.add(
            _finding(
                f"watch-list-{code}",
                rule,
                "Special watch list criterion",
                Status.APPLIED if hit else Status.NOT_APPLIED,
                f"applies: {reason}" if hit else f"does not apply; it requires that {reason}",
                evidence,
                *_WATCH_LIST_PATHS,
            )
        )
    trace.step(
        "7107(b)(2)(A)(iii)",
        "Does a Tier 2 government meet a criterion of the special watch list?",
        f"yes: {', '.join(c[0] for c in hits)}" if hits else "no",
        criteria=[c[0] for c in checks],
    )
    return Tier.WATCH_LIST if hits else tier


def _watch_list_checks(
    evidence: Evidence,
    criteria: list[str],
    judgments: Judgments,
    standards: list[Finding],
    increasing: bool | None,
) -> list[tuple[str, str, bool, str]]:
    """Each criterion of 7107(b)(2)(A)(iii) the law lists: (criterion, rule, whether it applies, what it
    requires)."""
    estimate = evidence.victim_estimate
    large = flag_of(estimate.very_significant) is True or str(estimate.trend or "") == "increasing"
    pillars = [f.status for f in standards if f.rule in ("7106(b)(1)", "7106(b)(2)")]
    proportional = all(status is Status.MET for status in pillars)
    known = {
        "absolute-number-of-victims-significant-or-increasing": (
            "7107(b)(2)(A)(iii)(I)",
            large,
            "the number of victims is very significant or significantly increasing",
        ),
        "estimated-victims-significant-without-proportional-action": (
            "7107(b)(2)(A)(iii)(I)",
            large and not proportional,
            "the estimated number of victims is very significant or significantly increasing and the "
            "government is not taking proportional concrete actions",
        ),
        "no-evidence-of-increasing-efforts": (
            "7107(b)(2)(A)(iii)(II)",
            increasing is not True,
            "there is no evidence of increasing efforts compared to the previous year"
            + (" (figures unknown)" if increasing is None else ""),
        ),
        "significant-efforts-based-on-commitments": (
            "7107(b)(2)(A)(iii)(III)",
            judgments.relied_on_commitments,
            "significant efforts rest on commitments to take additional future steps",
        ),
    }
    return [(criterion, *known[criterion]) for criterion in criteria if criterion in known]


def watch_list_limits(
    evidence: Evidence, law: LawVersion, tier: Tier, trace: Tracer, reading: Reading | None = None
) -> Tier:
    """The automatic downgrade after consecutive Watch List years (7107(b)(2)(D)(i)), the waiver and its
    limit ((D)(ii)), and the shorter limit after an automatic downgrade ((F)), read as ``reading`` reads
    it (default: the rule's default reading); the rules are those the Watch List audit applies
    (``tipwatch.law.watch_list``)."""
    params = law.parameters
    limit = params.automatic_downgrade_after_years.value
    if limit is None or tier not in (Tier.WATCH_LIST, Tier.TIER_3):
        return tier
    streak = watch_list_streak(evidence, law)
    after = params.max_watch_list_years_after_downgrade.value
    read = reading or read_rule(LIMIT_AFTER_DOWNGRADE).reading()
    tiers = {**_tiers(evidence), evidence.report_year: Tier.WATCH_LIST}
    run_start = streak[0] if streak else evidence.report_year
    prior = (
        downgrade_before(tiers, run_start, read, law, _law_lookup(evidence, law), _merits(evidence))
        if after is not None
        else None
    )
    if prior is not None and after is not None and len(streak) >= after:
        _record_limit_after_downgrade(evidence, prior, after, streak, read, trace)
        return Tier.TIER_3
    if len(streak) < limit:
        trace.step(
            "7107(b)(2)(D)(i)",
            f"Was the government on the Watch List for {limit} consecutive years?",
            f"no: {len(streak)} counted year(s)",
            streak=streak,
        )
        return tier
    return _downgrade_unless_waived(evidence, law, tier, streak, trace)


def _record_limit_after_downgrade(
    evidence: Evidence, prior: PriorDowngrade, after: int, streak: list[int], read: Reading, trace: Tracer
) -> None:
    """Trace the limit of (F): the Watch List years after an earlier downgrade are used up."""
    trace.add(
        _finding(
            "watch-list-limit-after-downgrade",
            "7107(b)(2)(F)",
            "Limit after an automatic downgrade",
            Status.APPLIED,
            f"after the Tier 3 placement of {prior.year} ({prior.basis}, after the Watch List years "
            f"{', '.join(map(str, prior.run))}), at most {after} consecutive Watch List year(s) are "
            f"allowed under the {read.name} reading of (F); already on it in {', '.join(map(str, streak))}",
            evidence,
            "prior_placements",
        )
    )
    trace.step(
        "7107(b)(2)(F)",
        "Has the government used its Watch List years after an earlier downgrade?",
        "yes: Tier 3",
        downgraded_in=prior.year,
        streak=streak,
        limit=after,
        reading=read.name,
    )


def _downgrade_unless_waived(
    evidence: Evidence, law: LawVersion, tier: Tier, streak: list[int], trace: Tracer
) -> Tier:
    """After the counted Watch List years: the waiver of (D)(ii) while its years last and its conditions
    are recorded, otherwise the automatic downgrade of (D)(i)."""
    params = law.parameters
    limit = params.automatic_downgrade_after_years.value or 0
    used = len(streak) - limit
    allowed = params.waiver_max_years.value or 0
    waiver = evidence.watch_list_waiver
    if tier is Tier.WATCH_LIST and waiver.conditions_met and used + 1 <= allowed:
        _record_waiver(evidence, streak, used, allowed, trace)
        return tier
    why = (
        f"the waiver limit of {allowed} year(s) is used up"
        if used + 1 > allowed
        else "no waiver: its conditions (written plan, significant if implemented, sufficient resources) are not all recorded"
    )
    effect = (
        "Tier 3 by automatic downgrade"
        if tier is Tier.WATCH_LIST
        else "the Watch List is closed to the government in any case; the placement stays Tier 3"
    )
    trace.add(
        _finding(
            "automatic-downgrade",
            "7107(b)(2)(D)(i)",
            "Automatic downgrade after consecutive Watch List years",
            Status.APPLIED,
            f"on the Watch List in {', '.join(map(str, streak))} ({len(streak)} consecutive years, "
            f"limit {limit}); {why}; {effect}",
            evidence,
            "prior_placements",
            "watch_list_waiver",
        )
    )
    trace.step(
        "7107(b)(2)(D)(i)",
        f"Was the government on the Watch List for {limit} consecutive years?",
        f"yes: {effect}; {why}",
        streak=streak,
        waiver_max_years=allowed,
    )
    return Tier.TIER_3


def _record_waiver(evidence: Evidence, streak: list[int], used: int, allowed: int, trace: Tracer) -> None:
    """Trace the waiver of (D)(ii): the downgrade is waived for one more year."""
    trace.add(
        _finding(
            "downgrade-waived",
            "7107(b)(2)(D)(ii)",
            "Waiver of the automatic downgrade",
            Status.APPLIED,
            f"on the Watch List in {', '.join(map(str, streak))}; waiver year {used + 1} of at most {allowed}: "
            "written plan, significant if implemented, sufficient resources",
            evidence,
            "watch_list_waiver",
        )
    )
    trace.step(
        "7107(b)(2)(D)(ii)",
        "Is the automatic downgrade waived?",
        f"yes: waiver year {used + 1} of {allowed}",
        streak=streak,
    )
