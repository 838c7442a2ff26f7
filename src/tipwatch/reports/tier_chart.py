"""Tier trajectories over time: one line per jurisdiction, Tier 1 at the top, gaps left open, special
cases marked apart; optionally GLOTIP figures on a second axis."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from tipwatch.evidence import Tier
from tipwatch.glotip import YearStats
from tipwatch.history.queries import HistoryEntry
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem

FORMATS = {".svg", ".png"}
LEVELS = {Tier.TIER_1: 1.0, Tier.TIER_2: 2.0, Tier.WATCH_LIST: 3.0, Tier.TIER_3: 4.0}
SPECIAL_LEVEL = 5.0
STAT_LABELS = {"prosecuted": "prosecuted", "convicted": "convicted", "victims": "detected victims"}
STAT_DASHES = {"prosecuted": "--", "convicted": ":", "victims": "-."}


@dataclass(frozen=True, slots=True)
class Trajectory:
    name: str
    entries: Sequence[HistoryEntry]
    stats: Sequence[YearStats] = ()


def _check_output(path: Path) -> None:
    if path.suffix.lower() not in FORMATS:
        raise InputError(
            f"cannot write a chart to {path}",
            [
                Problem(
                    ProblemCode.UNSUPPORTED_FORMAT,
                    f"received {path.suffix or 'no extension'!r}; expected a file name ending in .svg or .png",
                    location=Location(str(path), field="output"),
                )
            ],
        )


def render_tier_chart(
    trajectories: Sequence[Trajectory], output: Path, first_year: int, last_year: int
) -> Path:
    """Write the chart to ``output`` (.svg or .png) and return the path."""
    _check_output(output)
    with_stats = any(t.stats for t in trajectories)
    figure = Figure(figsize=(11, 5.5 if not with_stats else 7))
    axis = figure.add_subplot()
    colors: dict[str, str] = {}
    offsets = [(i - (len(trajectories) - 1) / 2) * 0.06 for i in range(len(trajectories))]
    for trajectory, offset in zip(trajectories, offsets, strict=True):
        by_year = {e.report_year: e.tier for e in trajectory.entries}
        years = list(range(first_year, last_year + 1))
        levels = [LEVELS.get(by_year[y]) if y in by_year else None for y in years]
        values = [level + offset if level is not None else float("nan") for level in levels]
        (line,) = axis.plot(years, values, marker="o", linewidth=2, label=trajectory.name)
        colors[trajectory.name] = to_hex(line.get_color())
        specials = [y for y in years if by_year.get(y) is Tier.SPECIAL]
        if specials:
            axis.scatter(
                specials, [SPECIAL_LEVEL + offset] * len(specials), marker="x", color=line.get_color()
            )
    axis.set_yticks(
        [1, 2, 3, 4, SPECIAL_LEVEL], ["Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special case"]
    )
    axis.set_ylim(SPECIAL_LEVEL + 0.5, 0.5)
    axis.set_xlim(first_year - 0.5, last_year + 0.5)
    axis.set_xlabel("TIP Report year (gaps: placement unknown in the record)")
    axis.grid(True, axis="y", alpha=0.3)
    axis.set_title("TIP Report tier placements")
    if with_stats:
        _plot_stats(axis, trajectories, colors)
    axis.legend(loc="upper left", fontsize="small")
    figure.tight_layout()
    output.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(
        output,
        format=output.suffix.lower().lstrip("."),
        metadata={"Date": None} if output.suffix.lower() == ".svg" else None,
    )
    return output


def _plot_stats(axis: Axes, trajectories: Sequence[Trajectory], colors: dict[str, str]) -> None:
    """GLOTIP prosecutions, convictions and victims on a second axis, each in its trajectory's colour."""
    twin = axis.twinx()
    for trajectory in trajectories:
        for key, label in STAT_LABELS.items():
            known = {
                s.covering_report_year: c.high for s in trajectory.stats if (c := s.totals[key]) is not None
            }
            if not known:
                continue
            span = range(min(known), max(known) + 1)
            twin.plot(
                list(span),
                [float(known[year]) if year in known else float("nan") for year in span],
                marker=".",
                linestyle=STAT_DASHES[key],
                color=colors[trajectory.name],
                alpha=0.6,
                label=f"{trajectory.name}: {label} (GLOTIP, year before the report)",
            )
    twin.set_ylabel("persons (UNODC GLOTIP; suppressed <5 drawn at 4)")
    if twin.lines:
        twin.legend(loc="lower right", fontsize="small")
