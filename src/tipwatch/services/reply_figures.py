"""``tipwatch reply --figures``: the right of reply from a government's published figures, with no
registry and no database: a figures file and a narrative in, a :class:`FiguresBrief` out."""

from __future__ import annotations

from pathlib import Path

from tipwatch.datafile import read_text_file
from tipwatch.reply.figures import FiguresFile, parse_figures
from tipwatch.reply.figures_brief import FiguresBrief, build_figures_reply
from tipwatch.reply.narrative import NarrativeInput

EXAMPLE_FIGURES = Path(__file__).resolve().parent.parent / "data" / "figures" / "macau.csv"
"""Macao SAR's published figures 2008–2024, the worked example (sources in data/figures/SOURCES.md)."""


def load_figures(path: Path) -> FiguresFile:
    """A figures file; an InputError naming every bad row (file, line, field)."""
    return parse_figures(read_text_file(path), str(path))


def figures_reply(narrative: NarrativeInput, figures: FiguresFile, report_year: int) -> FiguresBrief:
    """Each claim of the narrative set against every figure whose window overlaps the claim's."""
    return build_figures_reply(
        narrative.fields,
        figures,
        report_year,
        text=narrative.text,
        quotes=narrative.quotes,
        source=narrative.source,
    )
