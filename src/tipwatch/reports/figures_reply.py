"""The right of reply from published figures as Markdown, HTML (self-contained, escaped), PDF
(WeasyPrint, local fonts only) or JSON, from one :class:`~tipwatch.reply.figures_brief.FiguresBrief`,
in English, Traditional Chinese or Portuguese (:mod:`.i18n`), with its timeline chart
(:mod:`.figures_chart`): embedded as a data URI in HTML and PDF; for Markdown, written beside the brief
as PNG and referenced, or, when the brief goes to standard output, said where it would be written.
Layout only: every verdict and condition is the core's."""

from __future__ import annotations

import base64
import json
from pathlib import Path

from jinja2 import Environment

from tipwatch.reply.figures_brief import FiguresBrief
from tipwatch.reply.figures_check import FigureVerdict
from tipwatch.reply.figures_timeline import build_timeline
from tipwatch.reports.figures_chart import timeline_png, timeline_svg
from tipwatch.reports.i18n import N_, number, translations
from tipwatch.reports.languages import Language, ReplyFormat
from tipwatch.reports.templating import report_environment

TEMPLATES = Path(__file__).resolve().parent / "templates" / "reply"

VERDICT_LABELS = {
    FigureVerdict.AGREES: N_("agrees"),
    FigureVerdict.CONTRADICTS: N_("contradicts"),
    FigureVerdict.COMPATIBLE_ONLY_IF: N_("compatible only if …"),
    FigureVerdict.NOT_VERIFIABLE: N_("not verifiable"),
}
SUMMARY = N_(
    "%(claims)s claims; figures set against them: %(agrees)s agree, %(contradicts)s contradict, "
    "%(compatible)s compatible only if …, %(unverifiable)s not verifiable; %(without)s claims with no "
    "figure that bears on them. Each figure keeps its own verdict: figures are never averaged or chosen "
    "between."
)
LANGUAGE_NOTE = N_(
    "The brief's headings, labels and verdicts are translated; the conditions are stated in English, "
    "the language of the verdict engine, and quotations stay in the language of their source."
)
CHART_NOT_WRITTEN = N_(
    "The timeline chart is written beside the brief when the brief is written to a file "
    "(-o FILE.md writes FILE.timeline.png), or where --chart FILE says."
)


def chart_path_for(output: Path) -> Path:
    """Where a Markdown brief's chart is written: ``brief.md`` -> ``brief.timeline.png``."""
    return output.with_name(output.stem + ".timeline.png")


def _environment(html: bool, language: Language) -> Environment:
    environment = report_environment(TEMPLATES, html=html)
    environment.add_extension("jinja2.ext.i18n")
    catalogue = translations(language)
    environment.install_gettext_translations(catalogue, newstyle=True)  # type: ignore[attr-defined]
    environment.filters["verdict_label"] = lambda v: catalogue.gettext(VERDICT_LABELS[FigureVerdict(v)])
    environment.filters["tr"] = lambda text: catalogue.gettext(str(text)) if text else ""
    environment.filters["cell"] = lambda text: str(text).replace("|", "\\|").replace("\n", " ")
    return environment


def _context(brief: FiguresBrief, language: Language) -> dict[str, object]:
    _ = translations(language).gettext
    summary = brief.summary()
    counts = {
        "claims": len(brief.claims),
        "agrees": summary["agrees"],
        "contradicts": summary["contradicts"],
        "compatible": summary["compatible-only-if"],
        "unverifiable": summary["not-verifiable"],
        "without": summary["claims_without_figures"],
    }
    return {
        "brief": brief,
        "language": str(language),
        "summary_text": _(SUMMARY) % {k: number(v, language) for k, v in counts.items()},
        "language_note": "" if language is Language.EN else _(LANGUAGE_NOTE),
    }


def chart_svg(brief: FiguresBrief, language: Language) -> str:
    return timeline_svg(build_timeline(brief), language)


def chart_png(brief: FiguresBrief, language: Language) -> bytes:
    return timeline_png(build_timeline(brief), language)


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def render_figures_html(
    brief: FiguresBrief, language: Language = Language.EN, *, fragment: bool = False
) -> str:
    """The brief as a self-contained page (or the fragment a dashboard page embeds), chart inline."""
    environment = _environment(True, language)
    template = environment.get_template("figures_body.html.j2" if fragment else "figures.html.j2")
    return template.render(**_context(brief, language), chart_uri=data_uri(chart_svg(brief, language)))


def render_figures_brief(
    brief: FiguresBrief,
    output_format: ReplyFormat,
    language: Language = Language.EN,
    *,
    chart_reference: str | None = None,
) -> str:
    """The brief as text (Markdown, HTML or JSON). A Markdown brief links ``chart_reference`` (a path
    relative to it) or, with none, says where the chart is written."""
    if output_format is ReplyFormat.JSON:
        return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if output_format is ReplyFormat.HTML:
        return render_figures_html(brief, language)
    _ = translations(language).gettext
    chart_md = f"![{_('Timeline')}]({chart_reference})" if chart_reference else _(CHART_NOT_WRITTEN)
    template = _environment(False, language).get_template("figures.md.j2")
    return template.render(**_context(brief, language), chart_md=chart_md)


def render_figures_pdf(brief: FiguresBrief, language: Language = Language.EN) -> bytes:
    from weasyprint import HTML

    pdf = HTML(string=render_figures_html(brief, language), base_url=str(TEMPLATES)).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
