"""The timeline of a right of reply from published figures, drawn (matplotlib, no network): the report's
claim windows (hatched) on top, the government's figures below in one lane per metric, the April–March
reporting periods as bands behind them, the brief's own period outlined. Each bar carries its mark's
``ident`` as its SVG id (``figure-5``, ``claim-5-1``), so the chart's structure can be checked.

The chart's own words (lanes, legend, axis, claim kinds, readings, qualifiers) are translated through
the brief's catalogue (:mod:`.i18n`) and its numbers formatted per locale; what the labels say is the
timeline's. SVG text is drawn as paths (no font needed to show it); Chinese labels are drawn in the CJK font
:mod:`.chart_fonts` finds, or in English, with a warning, on a machine with none.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import dates as mdates
from matplotlib import pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from tipwatch.reply.figures import Qualifier
from tipwatch.reply.figures_timeline import CLAIMS_LANE, Mark, MarkKind, Timeline, lane_rows
from tipwatch.reports.chart_fonts import chart_language
from tipwatch.reports.charts_review import COLOURS, STYLE
from tipwatch.reports.i18n import N_, number, translations
from tipwatch.reports.languages import Language

Translate = Callable[[str], str]
LANE_LABELS = {
    CLAIMS_LANE: N_("the report's claims"),
    "cases_investigated": N_("cases investigated"),
    "cases_referred_to_prosecutors": N_("cases referred to prosecutors"),
    "prosecutions": N_("prosecutions"),
    "convictions": N_("convictions"),
    "victims_identified": N_("victims identified"),
    "victims_assisted": N_("victims assisted"),
    "suspects": N_("suspects"),
    "trainings": N_("trainings"),
    "inspections": N_("inspections"),
    "other": N_("other"),
}
READINGS = {"calendar year": N_("calendar year"), "reporting period": N_("reporting period")}
"""The readings of a claim's year a window is labelled with (the core's ``Window.short``)."""
QUALIFIED = {
    Qualifier.EXACT: "%(value)s",
    Qualifier.OVER: N_("over %(value)s"),
    Qualifier.AT_LEAST: N_("at least %(value)s"),
    Qualifier.NEARLY: N_("nearly %(value)s"),
    Qualifier.AT_MOST: N_("at most %(value)s"),
}
MIN_DAYS = 25
"""The narrowest bar drawn (a one-day figure stays visible); the mark keeps its true days."""
CLAIM_COLOUR = "#404040"
DISAGREEING_EDGE = "#c00000"


def _x(day: date) -> float:
    """A day on the chart's time axis."""
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _style(families: list[str]) -> Any:
    return STYLE | {"axes.spines.right": False, "font.family": families}


def mark_label(mark: Mark, language: Language) -> str:
    """What is written beside a bar, in ``language``: "5. since-year (calendar year)", "over 9,000"."""
    _ = translations(language).gettext
    if mark.kind is MarkKind.CLAIM:
        reading = f" ({_(READINGS.get(mark.reading, mark.reading))})" if mark.reading else ""
        return f"{mark.number}. {_(mark.term)}{reading}"
    qualifier = Qualifier(mark.term) if mark.term else Qualifier.EXACT
    return _(QUALIFIED[qualifier]) % {"value": number(mark.number, language)}


def timeline_figure(timeline: Timeline, language: Language = Language.EN) -> Figure:
    """The chart as a matplotlib figure (not shown, not saved), its words in ``language``."""
    language, families = chart_language(language)
    _ = translations(language).gettext
    rows = lane_rows(timeline)
    total = sum(count for _lane, count in timeline.lanes)
    with plt.rc_context(_style(families)):
        figure = Figure(figsize=(11, 1.6 + 0.24 * total))
        axes = figure.add_subplot()
        _periods(axes, timeline, _)
        for mark in timeline.marks:
            top, _count = rows[mark.lane]
            y = top + mark.row
            end = max(mark.end + timedelta(days=1), mark.start + timedelta(days=MIN_DAYS))
            left, width = _x(mark.start), _x(end) - _x(mark.start)
            claim = mark.kind is MarkKind.CLAIM
            lane_index = [lane for lane, _c in timeline.lanes].index(mark.lane)
            bars = axes.barh(
                y,
                width,
                left=left,
                height=0.7,
                color="none" if claim else COLOURS[lane_index % len(COLOURS)],
                edgecolor=CLAIM_COLOUR if claim else (DISAGREEING_EDGE if mark.disagreeing else "none"),
                hatch="////" if claim else None,
                linewidth=1.4 if mark.disagreeing else 0.8,
            )
            bars.patches[0].set_gid(mark.ident)
            label = ("… " if mark.open_start else "") + mark_label(mark, language)
            axes.annotate(
                label, (left + width, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=6.5
            )
        _axes(axes, timeline, rows, total, _)
        figure.tight_layout()
        return figure


def _periods(axes: Any, timeline: Timeline, _: Translate) -> None:
    """The reporting periods as alternating bands, each labelled with its report year; the brief's own
    period outlined."""
    for index, period in enumerate(timeline.periods):
        own = period.report_year == timeline.report_year
        axes.axvspan(
            _x(period.start),
            _x(period.end + timedelta(days=1)),
            color="#fbe5c8" if own else ("#eef3fa" if index % 2 else "#ffffff"),
            zorder=0,
            lw=0,
        )
        axes.annotate(
            str(period.report_year),
            (_x(period.start + (period.end - period.start) / 2), 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=6,
            color="#1f4e79",
        )


def _axes(axes: Any, timeline: Timeline, rows: dict[str, tuple[int, int]], total: int, _: Translate) -> None:
    axes.set_ylim(total - 0.4, -0.6)
    axes.set_xlim(
        _x(timeline.first - timedelta(days=30)),
        _x(timeline.last + timedelta(days=30)),
    )
    axes.set_yticks(
        [top + (count - 1) / 2 for top, count in rows.values()], [_(LANE_LABELS[lane]) for lane in rows]
    )
    for top, _count in list(rows.values())[1:]:
        axes.axhline(top - 0.5, color="#999999", lw=0.6)
    axes.xaxis.set_major_locator(mdates.YearLocator())  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))  # type: ignore[no-untyped-call]
    axes.tick_params(axis="x", labelsize=7)
    axes.set_xlabel(
        _("calendar years (ticks on January 1); bands: the April–March reporting periods, by report year")
    )
    axes.legend(
        handles=[
            Patch(facecolor="none", edgecolor=CLAIM_COLOUR, hatch="////", label=_("a claim's window")),
            Patch(facecolor=COLOURS[1], label=_("a published figure")),
            Patch(
                facecolor="#ffffff",
                edgecolor=DISAGREEING_EDGE,
                label=_("a figure another of the same metric and period contradicts"),
            ),
            Patch(facecolor="#fbe5c8", label=_("the report's reporting period")),
        ],
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0, 1.0, 0.0),
        borderaxespad=1.8,
        ncols=4,
        fontsize=7,
        frameon=False,
    )


def timeline_svg(timeline: Timeline, language: Language = Language.EN) -> str:
    figure = timeline_figure(timeline, language)
    buffer = io.StringIO()
    with plt.rc_context(_style(["DejaVu Sans"])):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def timeline_png(timeline: Timeline, language: Language = Language.EN) -> bytes:
    figure = timeline_figure(timeline, language)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()
