"""Charts of a plenary review as SVG text (matplotlib, no network, text drawn as paths so no font is
needed to show them): 24-month trends, the proceedings funnel, days from identification to first service.

Values may be suppression markers (``"<5"``, ``"x"``, ``".."``) in a public review: a withheld value is
never drawn as a number; its bar or point is left out and the marker is written in its place.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

Value = int | str | None
COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#bf9000")
STYLE: dict[str, Any] = {
    "svg.hashsalt": "tipwatch",
    "svg.fonttype": "path",
    "font.size": 9,
    "axes.spines.top": False,
}


def _style(families: Sequence[str] = ("DejaVu Sans",)) -> Any:
    return STYLE | {"axes.spines.right": False, "font.family": list(families)}


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _number(value: Value) -> float | None:
    return float(value) if isinstance(value, int) else None


def trend_chart(
    points: Sequence[Mapping[str, Value]],
    series: Mapping[str, str],
    ylabel: str = "per month",
    families: Sequence[str] = ("DejaVu Sans",),
) -> str:
    """One line per measure over the months; withheld months are gaps marked with their marker."""
    with plt.rc_context(_style(families)):
        figure, axes = plt.subplots(figsize=(7.2, 2.4))
        months = [str(p["month"]) for p in points]
        positions = list(range(len(months)))
        for colour, (measure, label) in zip(COLOURS, series.items(), strict=False):
            values = [_number(p.get(measure)) for p in points]
            axes.plot(
                positions,
                [v if v is not None else float("nan") for v in values],
                marker="o",
                ms=3,
                color=colour,
                label=label,
            )
            for x, point in zip(positions, points, strict=True):
                value = point.get(measure)
                if isinstance(value, str):
                    axes.annotate(value, (x, 0), fontsize=6, color=colour, ha="center", va="bottom")
        axes.set_xticks(positions[::3], [months[i] for i in positions[::3]], rotation=45, ha="right")
        axes.set_ylim(bottom=0)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylabel(ylabel)
        axes.legend(
            loc="lower center", bbox_to_anchor=(0.5, 1.0), fontsize=7, frameon=False, ncols=len(series)
        )
        return _svg(figure)


def bar_chart(
    values: Mapping[str, Value],
    labels: Mapping[str, str],
    ylabel: str,
    *,
    horizontal: bool = False,
    show: Callable[[Value], str] = lambda value: "unknown" if value is None else str(value),
    families: Sequence[str] = ("DejaVu Sans",),
) -> str:
    """Bars with their values written on them (as ``show`` writes them); a withheld value gets no bar,
    only its marker."""
    with plt.rc_context(_style(families)):
        figure, axes = plt.subplots(figsize=(7.2, 2.0))
        names = list(values)
        heights = [_number(values[n]) or 0.0 for n in names]
        positions = list(range(len(names)))
        draw = axes.barh if horizontal else axes.bar
        bars = draw(positions, heights, color=COLOURS[0])
        for bar, name in zip(bars, names, strict=True):
            value = values[name]
            text = show(value)
            if horizontal:
                axes.annotate(
                    text,
                    (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(3, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=8,
                )
            else:
                axes.annotate(
                    text,
                    (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    xytext=(0, 2),
                    textcoords="offset points",
                    ha="center",
                    fontsize=8,
                )
        tick_labels = [labels.get(n, n.replace("_", " ")) for n in names]
        top = max([*heights, 1.0]) * 1.15
        if horizontal:
            axes.set_yticks(positions, tick_labels)
            axes.invert_yaxis()
            axes.set_xlim(0, top)
            axes.xaxis.set_major_locator(MaxNLocator(integer=True))
            axes.set_xlabel(ylabel)
        else:
            axes.set_xticks(positions, tick_labels)
            axes.set_ylim(0, top)
            axes.yaxis.set_major_locator(MaxNLocator(integer=True))
            axes.set_ylabel(ylabel)
        return _svg(figure)
