"""The right-of-reply brief as Markdown, HTML (self-contained, escaped) or JSON, from one
:class:`~tipwatch.reply.brief.ReplyBrief`. Everything shown is already shaped for the brief's audience
by the core; this module only lays it out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import Environment

from tipwatch.reply.brief import ReplyBrief, Verdict
from tipwatch.reply.reassess import Placement
from tipwatch.reports.formats import BriefFormat
from tipwatch.reports.templating import report_environment

TEMPLATES = Path(__file__).resolve().parent / "templates" / "reply"

NO_REASSESSMENT = "the assessment engine gave no placement for these figures"


_VERDICT_LABELS = {
    Verdict.AGREES: "agrees",
    Verdict.CONTRADICTS: "contradicts",
    Verdict.NOT_VERIFIABLE: "not verifiable from the registry",
}


def _environment(html: bool) -> Environment:
    environment = report_environment(TEMPLATES, html=html)
    environment.filters["verdict_label"] = lambda verdict: _VERDICT_LABELS[Verdict(verdict)]
    environment.globals["placement_detail"] = _placement_detail
    return environment


def _placement_detail(placement: Placement) -> str:
    parts = []
    if placement.making_significant_efforts is not None:
        parts.append(
            "making significant efforts"
            if placement.making_significant_efforts
            else "not making significant efforts"
        )
    if placement.score is not None:
        parts.append(f"score {placement.score:.2f}")
    return f" ({', '.join(parts)})" if parts else ""


def render_brief(
    brief: ReplyBrief, output_format: BriefFormat, no_reassessment: str = NO_REASSESSMENT
) -> str:
    """The brief in the given format."""
    if output_format is BriefFormat.JSON:
        data = brief.to_dict()
        if brief.reassessment is None:
            data["reassessment_not_run"] = no_reassessment
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    html = output_format is BriefFormat.HTML
    template = _environment(html).get_template("brief.html.j2" if html else "brief.md.j2")
    return template.render(**_context(brief, no_reassessment), heading="h1")


def render_brief_fragment(brief: ReplyBrief, no_reassessment: str = NO_REASSESSMENT) -> str:
    """The HTML brief without its page, for the dashboard: already escaped, with an ``h2`` heading."""
    template = _environment(True).get_template("brief_body.html.j2")
    return template.render(**_context(brief, no_reassessment), heading="h2")


def _context(brief: ReplyBrief, no_reassessment: str) -> dict[str, Any]:
    return {
        "brief": brief,
        "r": brief.reassessment,
        "summary": brief.summary(),
        "audience": str(brief.disclosure.audience),
        "public": brief.disclosure.public,
        "no_reassessment": no_reassessment,
    }
