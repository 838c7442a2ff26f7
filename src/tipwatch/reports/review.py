"""The monthly plenary review rendered: statistics beside the previous period, findings in the report's
language, charts and the open and overdue action items, as HTML, PDF (WeasyPrint, local fonts only) or
Markdown. Rendering only: :func:`tipwatch.services.review.review` gathers the :class:`ReviewDocument`
from the registry, already decided for its audience (a public one through disclosure control, with
action items as counts only and no record of any person).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment

from tipwatch.disclosure.audience import Audience
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reports.charts_review import bar_chart, trend_chart
from tipwatch.reports.formats import ReviewFormat
from tipwatch.reports.templating import report_environment
from tipwatch.review.statistic_rows import StatisticRow, Value
from tipwatch.review.statistics import ActionItemView

TEMPLATES = Path(__file__).parent / "templates"
TREND_SERIES = {
    "victims_identified": "victims identified",
    "investigations": "investigations (cases)",
    "prosecutions": "persons prosecuted",
    "convictions": "persons convicted",
    "victims_referred": "victims referred",
}
FUNNEL_LABELS = {
    "reported": "reported",
    "investigated": "investigated",
    "prosecuted": "prosecuted",
    "convicted": "convicted",
}
DELAY_LABELS = {
    "same_day": "same day",
    "1_to_7_days": "1-7 days",
    "8_to_30_days": "8-30 days",
    "31_to_90_days": "31-90 days",
    "over_90_days": "over 90 days",
    "without_service": "no service yet",
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


def _environment() -> Environment:
    environment = report_environment(TEMPLATES, html=True)
    environment.filters["show"] = _show
    environment.filters["signed"] = lambda v: "" if v is None else f"{v:+d}"
    environment.filters["data_uri"] = lambda svg: (
        "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    )
    return environment


def _show(value: Value) -> str:
    return "unknown" if value is None else str(value)


def review_charts(document: ReviewDocument) -> dict[str, str]:
    """The review's three charts as SVG: 24-month trends, the proceedings funnel, days to first service."""
    return {
        "trend": trend_chart(document.trend, TREND_SERIES),
        "funnel": bar_chart(document.funnel, FUNNEL_LABELS, "cases in the period"),
        "delay": bar_chart(document.delay, DELAY_LABELS, "victims identified in the period", horizontal=True),
    }


def render_review(document: ReviewDocument, output_format: ReviewFormat) -> bytes:
    """The review as bytes of the given format."""
    environment = _environment()
    charts = review_charts(document)
    if output_format is ReviewFormat.MD:
        environment.autoescape = False
        return environment.get_template("review.md.j2").render(doc=document, charts=charts).encode()
    html = environment.get_template("review.html.j2").render(doc=document, charts=charts)
    if output_format is ReviewFormat.HTML:
        return html.encode()
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf


def write_review(document: ReviewDocument, output_format: ReviewFormat, path: Path) -> Path:
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
    path.write_bytes(render_review(document, output_format))
    return path
