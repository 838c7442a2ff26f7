"""The assessment engine: evidence + law version + rubric policy -> tier, judgments, findings, trace.

Pure: the same evidence, law version and policy always give the same assessment.
"""

from __future__ import annotations

from pathlib import Path

from tipwatch.assess.comparison import compare
from tipwatch.assess.criteria import evaluate_standards
from tipwatch.assess.judgments import judge
from tipwatch.assess.placement import provisional_tier, special_watch_list, watch_list_limits
from tipwatch.assess.policy import Policy, load_policy
from tipwatch.assess.result import Assessment, Finding, ReportingPeriodOut, Status
from tipwatch.assess.trace import Tracer
from tipwatch.evidence.model import Evidence
from tipwatch.evidence.vocabulary import Movement, Tier, movement_between
from tipwatch.law import LawVersion, check_report_year, law_for_report_year, law_version
from tipwatch.law.readings import LIMIT_AFTER_DOWNGRADE, read_rule


def _law(evidence: Evidence, law: LawVersion | str | None) -> LawVersion:
    check_report_year(evidence.report_year)
    if isinstance(law, LawVersion):
        return law
    return law_version(law) if law else law_for_report_year(evidence.report_year)


def _policy(policy: Policy | Path | str | None) -> Policy:
    return policy if isinstance(policy, Policy) else load_policy(policy)


def _trace_law(evidence: Evidence, law: LawVersion, reading: str, trace: Tracer) -> None:
    """The first step of the trace: the law version, the reporting period and the reading of (F)."""
    period = law.parameters.reporting_period
    trace.step(
        "7107(b)(1)" if period.value else "7107(b)",
        "Which law version and reporting period apply?",
        f"{law.id} ({law.title}); reporting period {evidence.reporting_period} "
        + (
            f"({period.reference}, {period.act})"
            if period.value
            else "(the reports' own April-March period; the law then in force set none)"
        ),
        report_year=evidence.report_year,
        reading_of_7107_b_2_F=reading,
    )


def _movement(evidence: Evidence, tier: Tier, trace: Tracer) -> tuple[Tier | None, Movement | None]:
    """Last year's tier and the movement from it, traced as the last step."""
    previous = evidence.placement_in(evidence.report_year - 1)
    previous_tier = previous.tier if previous else None
    movement = movement_between(previous_tier, tier)
    trace.step(
        "7107(b)(1)(H)",
        "What is the placement, and how did it move?",
        tier.label
        + (
            f", {movement} {'on' if movement is Movement.REMAINED else 'from'} {previous_tier.label}"
            if movement and previous_tier
            else ""
        ),
    )
    return previous_tier, movement


def recommendations(findings: list[Finding], policy: Policy) -> list[str]:
    """Recommendations for every standard or criterion not met in full, in the policy's order of priority."""
    short = {f.rule for f in findings if f.status in (Status.NOT_MET, Status.PARTLY_MET)}
    short |= {f.rule for f in findings if f.code == "state-sponsored-pattern"}
    return [text for rule, text in policy.recommendations.items() if rule in short]


def assess(
    evidence: Evidence,
    law_version: LawVersion | str | None = None,
    policy: Policy | Path | str | None = None,
    reading: str | None = None,
) -> Assessment:
    """Assess one jurisdiction's evidence for one report year. ``reading`` names the reading of
    7107(b)(2)(F) to apply (``law/readings.yaml``; default: the rule's default reading). A report year
    before the first report (2001) or after the current year is refused."""
    law = _law(evidence, law_version)
    limit_reading = read_rule(LIMIT_AFTER_DOWNGRADE).reading(reading)
    rubric = _policy(policy)
    trace = Tracer()
    _trace_law(evidence, law, limit_reading.name, trace)
    increasing, changes = compare(evidence, rubric)
    trace.step(
        "7107(b)(2)(A)(iii)(II)",
        "Did efforts increase compared to the previous reporting period?",
        "unknown" if increasing is None else ("yes" if increasing else "no"),
        measures={c.measure: f"{c.previous} -> {c.current}: {c.direction}" for c in changes},
    )
    standards = evaluate_standards(evidence, rubric, increasing, law)
    for finding in standards:
        trace.add(finding)
    trace.step(
        "7106",
        "How does the government fare on each minimum standard and criterion?",
        "; ".join(f"{f.rule} {f.status}" for f in standards),
    )
    judgments = judge(evidence, law, rubric, standards, trace)
    tier = provisional_tier(judgments, law, trace)
    tier = special_watch_list(evidence, law, judgments, standards, tier, increasing, trace)
    tier = watch_list_limits(evidence, law, tier, trace, limit_reading)
    previous_tier, movement = _movement(evidence, tier, trace)
    significant = judgments.significant_efforts and tier is not Tier.TIER_3
    return Assessment(
        jurisdiction=evidence.jurisdiction,
        report_year=evidence.report_year,
        reporting_period=ReportingPeriodOut(
            start=evidence.reporting_period.start.isoformat(), end=evidence.reporting_period.end.isoformat()
        ),
        tier=tier,
        previous_tier=previous_tier,
        movement=movement,
        fully_meets_minimum_standards=judgments.fully_meets,
        making_significant_efforts=significant,
        increasing_efforts=increasing,
        score=judgments.score,
        findings=trace.findings,
        trace=trace.steps,
        recommendations=recommendations(trace.findings, rubric),
        law_version=law.id,
        policy_version=rubric.label,
    )
