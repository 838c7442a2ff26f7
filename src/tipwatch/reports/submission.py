"""``tipwatch submission`` rendered: the TIP Report's data call as JSON and Markdown, and the evidence
file, written from a :class:`Submission` that :func:`tipwatch.services.submission.submission` gathers
from the registry."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tipwatch.assess import Assessment
from tipwatch.evidence import Evidence, dump_evidence
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reports.templating import report_environment

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Submission:
    report_year: int
    data_call: dict[str, Any]
    evidence: Evidence
    assessment: Assessment


def _tables(call: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The data call's Markdown tables: (title, {row label: {current, previous}})."""
    le, pr, pv = call["law_enforcement"], call["protection"], call["prevention"]
    proceedings = {
        f"{stage} ({unit})": le[stage][unit]
        for stage in ("investigations", "prosecutions", "convictions")
        for unit in ("cases", "persons")
    }
    return [
        ("Law enforcement: proceedings", proceedings | {"acquittals (persons)": le["acquittals"]}),
        ("Persons convicted by form of exploitation", le["convictions"]["persons_by_form_of_exploitation"]),
        (
            "Sentences",
            {"total": le["sentences"]["total"], "suspended": le["sentences"]["suspended"]}
            | le["sentences"]["by_length"],
        ),
        ("Official complicity", le["official_complicity"]),
        (
            "Protection: victims",
            {
                "identified": pr["victims_identified"],
                "referred to services": pr["victims_referred"],
                "served": pr["victims_served"],
            },
        ),
        ("Victims by sex and age", pr["victims_by_sex_and_age"]),
        ("Victims by form of exploitation", pr["victims_by_form_of_exploitation"]),
        ("Victims by citizenship", pr["victims_by_citizenship"]),
        ("Services delivered", pr["services_delivered"]),
        ("Screening", {k: v for k, v in pr["screenings"].items() if k != "populations"}),
        (
            "Prevention: coordination and follow-up",
            {"plenary meetings": pv["plenary_meetings"]} | pv["action_items_on_recommendations"],
        ),
    ]


def render_markdown(submission: Submission) -> str:
    environment = report_environment(TEMPLATES, html=False)
    environment.filters["show"] = lambda v: "unknown" if v is None else str(v)
    return environment.get_template("submission.md.j2").render(
        call=submission.data_call, tables=_tables(submission.data_call), assessment=submission.assessment
    )


def write_submission(submission: Submission, folder: Path) -> list[Path]:
    """Write ``data-call-RP<year>.json``, ``.md`` and ``evidence-RP<year>.yaml`` into ``folder``, which is
    made if its parent exists (``-o sub`` makes ``sub``); everything is rendered before anything is
    written."""
    if not folder.is_dir() and (folder.exists() or not folder.parent.is_dir()):
        raise InputError(
            f"cannot write into {folder}",
            [
                Problem(
                    ProblemCode.NOT_A_DIRECTORY,
                    f"{folder} is a file; expected a folder for the submission's files",
                    location=Location(file=str(folder)),
                )
                if folder.exists()
                else Problem(
                    ProblemCode.MISSING_FOLDER,
                    f"the folder {folder.parent} holding {folder.name} does not exist; create it first",
                    location=Location(file=str(folder)),
                )
            ],
        )
    stem = f"RP{submission.report_year}"
    json_path = folder / f"data-call-{stem}.json"
    markdown_path = folder / f"data-call-{stem}.md"
    evidence_path = folder / f"evidence-{stem}.yaml"
    payload = {**submission.data_call, "assessment": _assessment_summary(submission.assessment)}
    texts = {
        json_path: json.dumps(payload, indent=2, ensure_ascii=False) + "\n",
        markdown_path: render_markdown(submission),
    }
    folder.mkdir(exist_ok=True)
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
    dump_evidence(submission.evidence, evidence_path)
    return [json_path, markdown_path, evidence_path]


def _assessment_summary(assessment: Assessment) -> dict[str, Any]:
    return {
        "tier": str(assessment.tier),
        "tier_label": assessment.tier.label,
        "fully_meets_minimum_standards": assessment.fully_meets_minimum_standards,
        "making_significant_efforts": assessment.making_significant_efforts,
        "increasing_efforts": assessment.increasing_efforts,
        "law_version": assessment.law_version,
        "policy_version": assessment.policy_version,
        "recommendations": assessment.recommendations,
    }
