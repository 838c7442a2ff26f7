"""The right of reply from published figures as Markdown, HTML (self-contained, escaped) or JSON, from
one :class:`~tipwatch.reply.figures_brief.FiguresBrief`. Layout only: every verdict and condition is
the core's."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment

from tipwatch.reply.figures_brief import FiguresBrief
from tipwatch.reply.figures_check import FigureVerdict
from tipwatch.reports.formats import BriefFormat
from tipwatch.reports.templating import report_environment

TEMPLATES = Path(__file__).resolve().parent / "templates" / "reply"

VERDICT_LABELS = {
    FigureVerdict.AGREES: "agrees",
    FigureVerdict.CONTRADICTS: "contradicts",
    FigureVerdict.COMPATIBLE_ONLY_IF: "compatible only if …",
    FigureVerdict.NOT_VERIFIABLE: "not verifiable",
}


def _environment(html: bool) -> Environment:
    environment = report_environment(TEMPLATES, html=html)
    environment.filters["verdict_label"] = lambda verdict: VERDICT_LABELS[FigureVerdict(verdict)]
    environment.filters["cell"] = lambda text: str(text).replace("|", "\\|").replace("\n", " ")
    return environment


def render_figures_brief(brief: FiguresBrief, output_format: BriefFormat) -> str:
    """The brief in the given format."""
    if output_format is BriefFormat.JSON:
        return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"
    html = output_format is BriefFormat.HTML
    template = _environment(html).get_template("figures.html.j2" if html else "figures.md.j2")
    return template.render(brief=brief, summary=brief.summary(), verdicts=VERDICT_LABELS)
