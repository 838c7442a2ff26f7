"""An assessment rendered in the TIP Report's register: the summary paragraph, prioritized
recommendations, and the prosecution, protection and prevention sections, as Markdown or HTML.

The sentences are built here from the assessment's findings (nothing is looked up); the templates
only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from tipwatch.assess.result import Assessment, Finding, Status
from tipwatch.evidence.vocabulary import Movement, Tier
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem

TEMPLATES = Path(__file__).with_name("templates")
FORMATS = ("md", "html")
SECTIONS = {
    "Prosecution": ("legal-framework", "prosecution"),
    "Protection": ("protection",),
    "Prevention": ("prevention", "partnership", "overall"),
}


@dataclass
class Section:
    title: str
    findings: list[Finding] = field(default_factory=list)


def _series(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_COUNTED = {
    "investigations": ("prosecution.investigations", "investigation"),
    "prosecutions": ("prosecution.prosecutions", "prosecution"),
    "convictions": ("prosecution.convictions", "conviction"),
    "victims identified": ("protection.victims_identified", "victim identified"),
}


def _with_number(sign: str, values: dict[str, object]) -> str:
    """'investigations' -> '5 investigations' where the evidence gives the count."""
    if sign not in _COUNTED:
        return sign
    path, singular = _COUNTED[sign]
    value = values.get(path)
    parts = list(value.values()) if isinstance(value, dict) else [value]
    if isinstance(value, dict) and "total" in value:
        parts = [value["total"]]
    exact, bound = 0, False
    for part in parts:
        if isinstance(part, str) and part.startswith("at least "):
            exact, bound = exact + int(part.removeprefix("at least ")), True
        elif isinstance(part, int) and not isinstance(part, bool):
            exact += part
        else:
            return sign
    number = f"at least {exact}" if bound else str(exact)
    return f"{number} {singular}" if exact == 1 else f"{number} {sign}"


def summary(assessment: Assessment) -> str:
    """The opening paragraph, in the report's words."""
    name = assessment.jurisdiction
    if assessment.fully_meets_minimum_standards:
        opening = (
            f"The Government of {name} fully meets the minimum standards for the elimination of trafficking."
        )
    elif assessment.making_significant_efforts:
        opening = (
            f"The Government of {name} does not fully meet the minimum standards for the elimination of "
            "trafficking but is making significant efforts to do so."
        )
    else:
        opening = (
            f"The Government of {name} does not fully meet the minimum standards for the elimination of "
            "trafficking and is not making significant efforts to do so."
        )
    sentences = [opening]
    criteria = [f for f in assessment.findings if f.rule.startswith("7106(b)")]
    values = {c.path: c.value for f in criteria for c in f.evidence}
    efforts = list(dict.fromkeys(_with_number(sign, values) for f in criteria for sign in f.recorded))
    shortfalls = list(dict.fromkeys(sign for f in criteria for sign in f.absent))
    if efforts:
        sentences.append(f"Recorded efforts included {_series(efforts)}.")
    concerns = [f"no {sign}" for sign in shortfalls]
    if assessment.increasing_efforts is False:
        concerns.insert(
            0,
            "the government did not demonstrate increasing efforts compared to the previous reporting period",
        )
    for code in ("state-sponsored-pattern", "automatic-downgrade", "watch-list-limit-after-downgrade"):
        finding = assessment.finding(code)
        if finding is not None and finding.status is Status.APPLIED:
            concerns.append(finding.reason)
    if concerns:
        sentences.append(f"However, {_series(concerns)}.")
    sentences.append(f"Therefore {name} {_movement_phrase(assessment)}.")
    return " ".join(sentences)


def _movement_phrase(assessment: Assessment) -> str:
    label = assessment.tier.label
    if assessment.movement is Movement.UPGRADED:
        return f"was upgraded to {label}"
    if assessment.movement is Movement.DOWNGRADED:
        return f"was downgraded to {label}"
    if assessment.movement is Movement.REMAINED:
        return f"remained on {label}"
    return f"is placed on {label}"


def sections(assessment: Assessment) -> list[Section]:
    out = [Section(title) for title in SECTIONS]
    for finding in assessment.findings:
        for section, (title, areas) in zip(out, SECTIONS.items(), strict=True):
            if finding.area in areas and finding.rule.startswith("7106") and title == section.title:
                section.findings.append(finding)
    return out


def show(value: object) -> str:
    """An evidence value as the narrative prints it: yes/no, plain numbers, counts by type."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return ", ".join(f"{key} {show(item)}" for key, item in value.items())
    if isinstance(value, list):
        return "; ".join(show(item) for item in value)
    return str(value)


def _environment(fmt: str) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False)
        if fmt == "html"
        else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["show"] = show
    return environment


def render_assessment(assessment: Assessment, fmt: str = "md") -> str:
    """The assessment as a Markdown or HTML narrative."""
    if fmt not in FORMATS:
        raise InputError(
            f"unknown format {fmt!r}",
            [
                Problem(
                    ProblemCode.UNSUPPORTED_FORMAT,
                    f"received {fmt!r}; expected one of {', '.join(FORMATS)}",
                    location=Location(field="format"),
                )
            ],
        )
    template = _environment(fmt).get_template(f"assessment.{fmt}.j2" if fmt == "md" else "assessment.html")
    return template.render(
        a=assessment,
        summary=summary(assessment),
        sections=sections(assessment),
        placement=[f for f in assessment.findings if f.area == "placement" or f.rule.startswith("7107")],
        Tier=Tier,
    )
