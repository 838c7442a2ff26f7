"""``tipwatch reply --figures``: the right of reply from a government's published figures, with no
registry and no database: a figures file and a narrative in, a :class:`FiguresBrief` out."""

from __future__ import annotations

from pathlib import Path

from tipwatch.datafile import read_text_file
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reply.figures import FiguresFile, parse_figures
from tipwatch.reply.figures_brief import FiguresBrief, build_figures_reply
from tipwatch.reply.narrative import NarrativeInput

EXAMPLE_FIGURES = Path(__file__).resolve().parent.parent / "data" / "figures" / "macau.csv"
"""Macao SAR's published figures 2008–2024, the worked example (sources in data/figures/SOURCES.md)."""


def load_figures(path: Path) -> FiguresFile:
    """A figures file; an InputError naming every bad row (file, line, field)."""
    return parse_figures(read_text_file(path), str(path))


def figures_from_bytes(data: bytes, source: str) -> FiguresFile:
    """A figures file received as bytes (an upload): UTF-8 (a byte-order mark is dropped), else an
    InputError naming it."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source}: not UTF-8",
            [
                Problem(
                    ProblemCode.NOT_UTF_8,
                    f"byte {exc.start} is not UTF-8; save the figures file as UTF-8 CSV",
                    location=Location(source),
                )
            ],
        ) from None
    return parse_figures(text, source)


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
