"""``tipwatch submission`` and ``/api/submission``: a reporting period gathered from the registry in one
snapshot, laid out as the TIP Report's data call, turned into an evidence file and assessed, so the body
sees the tier its own record points to."""

from __future__ import annotations

from pathlib import Path

from tipwatch.assess import assess
from tipwatch.evidence import load_evidence
from tipwatch.evidence.periods import Period, PeriodKind
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.registry.stats import compute_statistics
from tipwatch.registry.trends import record_facts, registry_facts
from tipwatch.reports.submission import Submission
from tipwatch.review.findings import period_findings, registry_findings
from tipwatch.review.submission import data_call, merge_evidence, registry_evidence
from tipwatch.store import Database


def submission(db: Database, report_year: int, jurisdiction: str, base: Path | None = None) -> Submission:
    """The reporting period of ``report_year`` (April 1 of the year before to March 31) from the
    registry; ``base`` is an evidence file with the facts the registry does not hold (law, prior tiers)."""
    if not 2001 <= report_year <= 2100:
        raise InputError(
            f"report year {report_year} is out of range",
            [
                Problem(
                    ProblemCode.INVALID_REPORT_YEAR,
                    f"received {report_year}; expected a TIP Report year from 2001 to 2100",
                    location=Location(field="report_year"),
                )
            ],
        )
    period = Period(PeriodKind.REPORTING_PERIOD, report_year)
    with db.snapshot() as connection:
        statistics = compute_statistics(connection, period)
        record = record_facts(connection, period)
        facts = registry_facts(connection, period.end)
    findings = [*registry_findings(facts), *period_findings(statistics)]
    evidence = registry_evidence(statistics, record, jurisdiction, report_year)
    if base is not None:
        evidence = merge_evidence(load_evidence(base), evidence)
    return Submission(
        report_year,
        data_call(statistics, record, findings, jurisdiction, report_year),
        evidence,
        assess(evidence),
    )
