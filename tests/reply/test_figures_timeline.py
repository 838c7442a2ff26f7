"""The timeline of a brief from published figures: one mark per dated figure and per claim window, in
the data and in the drawn SVG; embedded in HTML and PDF; written beside a Markdown brief."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.reply.figures_check import claim_assertions
from tipwatch.reply.figures_timeline import CLAIMS_LANE, MarkKind, build_timeline, marks_of
from tipwatch.reply.narrative import load_narrative
from tipwatch.reports.figures_chart import timeline_svg
from tipwatch.services.reply_figures import EXAMPLE_FIGURES, figures_reply, load_figures

from .conftest import invoke_macau_figures_reply, macau_figures_reply

NARRATIVES = Path(__file__).resolve().parents[1] / "data" / "narratives" / "dev"
runner = CliRunner()


def brief(year: int = 2024):  # type: ignore[no-untyped-def]
    return figures_reply(
        load_narrative(NARRATIVES / f"macau-{year}.json"), load_figures(EXAMPLE_FIGURES), year
    )


def test_one_mark_per_dated_figure_and_per_claim_window() -> None:
    made = brief()
    timeline = build_timeline(made)
    dated = [f for f in made.figures if f.period is not None]
    assert sorted(m.ident for m in marks_of(timeline, MarkKind.FIGURE)) == sorted(
        f"figure-{f.line}" for f in dated
    )
    windows = [
        len({w for a in claim_assertions(item.claim, 2024) for w in a.windows}) for item in made.claims
    ]
    assert windows == [0, 1, 1, 2, 2, 1]  # placement none; "since" read two ways; "never" one
    assert len(marks_of(timeline, MarkKind.CLAIM)) == sum(windows)
    since = [m for m in timeline.marks if m.ident.startswith("claim-5-")]
    assert [(m.start.isoformat(), m.end.isoformat()) for m in since] == [
        ("2021-04-01", "2024-03-31"),
        ("2022-01-01", "2024-03-31"),
    ]
    assert {m.lane for m in marks_of(timeline, MarkKind.CLAIM)} == {CLAIMS_LANE}


def test_marks_that_overlap_in_a_lane_get_rows_of_their_own() -> None:
    timeline = build_timeline(brief())
    for lane, rows in timeline.lanes:
        marks = [m for m in timeline.marks if m.lane == lane]
        assert max(m.row for m in marks) == rows - 1
        for a in marks:
            for b in marks:
                if a is not b and a.row == b.row:
                    assert a.end < b.start or b.end < a.start
    assert {p.report_year for p in timeline.periods} >= set(range(2009, 2025))
    disagreeing = {m.ident for m in timeline.marks if m.disagreeing}
    assert {"figure-22", "figure-38"} <= disagreeing and "figure-5" not in disagreeing


def test_the_svg_draws_each_mark_once() -> None:
    timeline = build_timeline(brief())
    svg = timeline_svg(timeline)
    drawn = re.findall(r'<g id="((?:figure|claim)-[\d-]+)">', svg)
    assert sorted(drawn) == sorted(m.ident for m in timeline.marks)
    assert 'href="http' not in svg  # nothing loaded from another host


run = macau_figures_reply


def test_html_embeds_the_chart_as_a_data_uri() -> None:
    html = run("--format", "html")
    [uri] = re.findall(
        r'<img class="chart" id="timeline" alt="Timeline" src="data:image/svg\+xml;base64,([^"]+)"', html
    )
    svg = base64.b64decode(uri).decode("utf-8")
    assert svg.count('<g id="figure-') == sum(1 for f in brief().figures if f.period is not None)
    assert 'src="http' not in html


def test_markdown_written_to_a_file_gets_its_png_beside_it(tmp_path: Path) -> None:
    output = tmp_path / "brief.md"
    run("-o", str(output))
    chart = tmp_path / "brief.timeline.png"
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "![Timeline](brief.timeline.png)" in output.read_text(encoding="utf-8")
    assert "The timeline chart is written beside the brief" in run()


def test_pdf_includes_the_chart(tmp_path: Path) -> None:
    output = tmp_path / "brief.pdf"
    run("--format", "pdf", "-o", str(output))
    reader = PdfReader(output)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Timeline" in text and "compatible only if" in text
    assert any("/XObject" in (page.get("/Resources") or {}) for page in reader.pages)


def test_pdf_needs_an_output_file_and_registry_briefs_refuse_figures_options() -> None:
    result = invoke_macau_figures_reply("--format", "pdf")
    assert result.exit_code == 2 and "give -o FILE.pdf" in result.output
    result = runner.invoke(
        app,
        [
            "reply",
            "--narrative",
            str(NARRATIVES / "macau-2024.json"),
            "--report-year",
            "2024",
            "--lang",
            "pt",
        ],
    )
    assert result.exit_code == 2 and "add --figures FILE" in result.output
