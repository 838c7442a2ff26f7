"""``tipwatch reply --figures``: the brief from a government's published figures, written in its
format and language, with its timeline chart."""

from __future__ import annotations

from pathlib import Path

from tipwatch.cli.common import console, fail
from tipwatch.cli.reply import write_text
from tipwatch.reply.narrative import NarrativeInput
from tipwatch.reports.languages import Language, ReplyFormat

CHART_SUFFIXES = (".png", ".svg")


def write_figures_brief(
    source: NarrativeInput,
    figures: Path,
    report_year: int,
    output_format: ReplyFormat,
    language: Language,
    output: Path | None,
    chart: Path | None,
) -> None:
    """Build the brief, write it (stdout or ``output``), and write its chart where asked: ``--chart``,
    or beside a Markdown brief written to a file."""
    from tipwatch.reports import figures_reply as render
    from tipwatch.services.reply_figures import figures_reply, load_figures

    if chart is not None and chart.suffix.lower() not in CHART_SUFFIXES:
        raise fail(f"cannot write the chart to {chart}: expected a file name ending in .png or .svg")
    if output_format is ReplyFormat.PDF and output is None:
        raise fail("--format pdf writes a file: give -o FILE.pdf")
    brief = figures_reply(source, load_figures(figures), report_year)
    if chart is None and output is not None and output_format is ReplyFormat.MD:
        chart = render.chart_path_for(output)
    if chart is not None:
        if not chart.resolve().parent.is_dir():
            raise fail(f"cannot write the chart to {chart}: its folder does not exist")
        data = (
            render.chart_svg(brief, language).encode("utf-8")
            if chart.suffix.lower() == ".svg"
            else render.chart_png(brief, language)
        )
        chart.write_bytes(data)
    if output_format is ReplyFormat.PDF:
        assert output is not None
        output.write_bytes(render.render_figures_pdf(brief, language))
        console.print(f"wrote {output}")
        return
    reference = None
    if chart is not None and output is not None:
        reference = Path(*_relative(chart.resolve(), output.resolve().parent)).as_posix()
    elif chart is not None:
        reference = chart.as_posix()
    write_text(render.render_figures_brief(brief, output_format, language, chart_reference=reference), output)
    if chart is not None:
        console.print(f"wrote {chart}")


def _relative(path: Path, folder: Path) -> tuple[str, ...]:
    try:
        return path.relative_to(folder).parts
    except ValueError:
        return path.parts
