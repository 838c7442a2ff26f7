"""The monthly plenary review rendered: statistics beside the previous period, findings in the report's
language, charts and the open and overdue action items, as HTML, PDF (WeasyPrint, local fonts only) or
Markdown. Rendering only: :func:`tipwatch.services.review.review` gathers the :class:`ReviewDocument`
from the registry, already decided for its audience (a public one through disclosure control, with
action items as counts only and no record of any person).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tipwatch.disclosure.audience import Audience
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reports.chart_fonts import chart_language
from tipwatch.reports.charts_review import bar_chart, trend_chart
from tipwatch.reports.formats import ReviewFormat
from tipwatch.reports.i18n import N_
from tipwatch.reports.languages import Language
from tipwatch.reports.review_text import ReviewWords, fixed_texts, install
from tipwatch.reports.templating import report_environment
from tipwatch.review.statistic_rows import StatisticRow, Value
from tipwatch.review.statistics import ActionItemView

TEMPLATES = Path(__file__).parent / "templates"
TREND_SERIES = {
    "victims_identified": N_("victims identified"),
    "investigations": N_("investigations (cases)"),
    "prosecutions": N_("persons prosecuted"),
    "convictions": N_("persons convicted"),
    "victims_referred": N_("victims referred"),
}
FUNNEL_LABELS = {
    "reported": N_("reported"),
    "investigated": N_("investigated"),
    "prosecuted": N_("prosecuted"),
    "convicted": N_("convicted"),
}
DELAY_LABELS = {
    "same_day": N_("same day"),
    "1_to_7_days": N_("1-7 days"),
    "8_to_30_days": N_("8-30 days"),
    "31_to_90_days": N_("31-90 days"),
    "over_90_days": N_("over 90 days"),
    "without_service": N_("no service yet"),
}


@dataclass(frozen=True)
class FindingLine:
    code: str
    kind: str
    text: str


@dataclass
class ReviewDocument:
    """Everything a review shows, already decided for its audience."""

    period: str
    period_label: str
    previous_period: str
    audience: Audience
    k: int | None
    rows: list[StatisticRow]
    findings: list[FindingLine]
    trend: list[dict[str, Value]]
    funnel: dict[str, Value]
    delay: dict[str, Value]
    action_items: list[ActionItemView] = field(default_factory=list)
    open_items: int = 0
    overdue_items: int = 0
    delay_median_days: float | None = None
    delay_p90_days: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "period_label": self.period_label,
            "previous_period": self.previous_period,
            "audience": str(self.audience),
            "k": self.k,
            "statistics": [row.model_dump() for row in self.rows],
            "findings": [vars(f) for f in self.findings],
            "action_items": [item.model_dump(mode="json") for item in self.action_items],
            "open_action_items": self.open_items,
            "overdue_action_items": self.overdue_items,
            "days_to_first_service": {"median": self.delay_median_days, "p90": self.delay_p90_days},
        }


def review_charts(document: ReviewDocument, language: Language = Language.EN) -> dict[str, str]:
    """The review's three charts as SVG: 24-month trends, the proceedings funnel, days to first service;
    their words in ``language`` (or English, with a warning, when Chinese has no font to be drawn in)."""
    language, families = chart_language(language)
    words = ReviewWords(language)
    _ = words.gettext

    def translated(labels: dict[str, str]) -> dict[str, str]:
        return {key: _(label) for key, label in labels.items()}

    return {
        "trend": trend_chart(document.trend, translated(TREND_SERIES), _("per month"), families),
        "funnel": bar_chart(
            document.funnel,
            translated(FUNNEL_LABELS),
            _("cases in the period"),
            show=words.show,
            families=families,
        ),
        "delay": bar_chart(
            document.delay,
            translated(DELAY_LABELS),
            _("victims identified in the period"),
            horizontal=True,
            show=words.show,
            families=families,
        ),
    }


def render_review(
    document: ReviewDocument, output_format: ReviewFormat, language: Language = Language.EN
) -> bytes:
    """The review as bytes of the given format, its own words in ``language``."""
    environment = report_environment(TEMPLATES, html=output_format is not ReviewFormat.MD)
    words = ReviewWords(language)
    install(environment, words)
    context = {"doc": document, "charts": review_charts(document, language), **fixed_texts(words, document)}
    if output_format is ReviewFormat.MD:
        return environment.get_template("review.md.j2").render(**context).encode()
    html = environment.get_template("review.html.j2").render(**context)
    if output_format is ReviewFormat.HTML:
        return html.encode()
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


def write_review(
    document: ReviewDocument, output_format: ReviewFormat, path: Path, language: Language = Language.EN
) -> Path:
    """Write the review to ``path`` (its folder must exist)."""
    if not path.parent.is_dir():
        raise InputError(
            f"cannot write {path}",
            [
                Problem(
                    ProblemCode.MISSING_FOLDER,
                    f"folder {path.parent} does not exist; create it first",
                    location=Location(file=str(path)),
                )
            ],
        )
    path.write_bytes(render_review(document, output_format, language))
    return path
