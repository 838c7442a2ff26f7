"""The plenary review rendered for real (HTML, Markdown, PDF through WeasyPrint) from registries built in
code, on SQLite and PostgreSQL; the public audience through disclosure control."""

from __future__ import annotations

import importlib.util
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.registry.stats import compute_statistics
from tipwatch.registry.trends import monthly_series, proceedings_funnel, service_delay
from tipwatch.reports.review import Audience, ReviewFormat, build_review, render_review
from tipwatch.review.disclosure_audit import exposed_cells
from tipwatch.review.periods import Period
from tipwatch.review.public_statistics import build_release, protect_statistics
from tipwatch.store import Database

_spec = importlib.util.spec_from_file_location("registries", Path(__file__).with_name("registries.py"))
assert _spec and _spec.loader
registries = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(registries)

MAY = Period.parse("2024-05")


def test_internal_review_states_the_record_in_the_reports_language(database: Database) -> None:
    registries.macao_like(database)
    document = build_review(database, MAY)
    codes = {f.code for f in document.findings}
    assert {
        "no-victims-consecutive-years",
        "no-convictions-since",
        "no-forced-labour-victim-ever",
        "screenings-found-no-victims",
        "overdue-action-items",
    } <= codes
    html = render_review(document, ReviewFormat.HTML).decode()
    assert "No convictions since 2019: the last trafficking conviction was recorded on 2019-08-14." in html
    assert "For the fifth consecutive year the registry records no victim identified" in html
    assert "Train labour inspectors in the ILO indicators" in html
    assert "2024-01-31 (overdue)" in html
    assert html.count("data:image/svg+xml;base64,") == 3
    assert not re.search(r"(src|href)=\"https?:", html), "a review must not load anything from the network"
    investigations = next(r for r in document.rows if r.path == "investigations.cases")
    assert (investigations.current, investigations.previous, investigations.change) == (2, 1, 1)


def test_pdf_carries_the_figures_and_findings(database: Database, tmp_path: Path) -> None:
    registries.macao_like(database)
    pdf = render_review(build_review(database, MAY), ReviewFormat.PDF)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "No victim of forced labour has ever been identified." in text
    assert "Screenings of 120 persons in 2024-05 identified no victims." in text
    assert "Plenary review: 2024-05" in text
    fonts = {
        str(font)
        for page in reader.pages
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values()
    }
    assert len(reader.pages) >= 2 and fonts


def test_markdown_review(database: Database) -> None:
    registries.macao_like(database)
    text = render_review(build_review(database, MAY), ReviewFormat.MD).decode()
    assert text.startswith("# Plenary review: 2024-05")
    assert "| Investigations: cases | 2 | 1 | +1 |" in text
    assert "- **concern** No convictions since 2019" in text


def test_public_review_shows_no_small_count_and_no_person(database: Database) -> None:
    registries.busy_month(database)
    document = build_review(database, MAY, Audience.PUBLIC, k=5)
    assert document.action_items == []
    for row in document.rows:
        for value in (row.current, row.previous):
            if isinstance(value, int) and row.section != "Recommendations":
                assert value == 0 or value >= 5, f"{row.path}: {value}"
    by_path = {row.path: row for row in document.rows}
    assert by_path["victims.by_sex_and_age.boys"].current == "<5"
    assert by_path["victims.by_sex_and_age.boys"].change is None
    assert by_path["victims.identified"].current == 7
    html = render_review(document, ReviewFormat.HTML).decode()
    assert "V-0" not in html and "S-0" not in html  # no pseudonymous identifier of any person
    assert "fewer than 5" in html


def test_everything_a_public_review_publishes_survives_the_audit(database: Database) -> None:
    registries.busy_month(database)
    statistics = compute_statistics(database, MAY)
    trend = monthly_series(database, MAY, 24)
    funnel = proceedings_funnel(database, MAY)
    delay = service_delay(database, MAY)
    release = build_release(statistics, trend, funnel, delay)
    # The trend point for May *is* May's figure: one cell, so it cannot leak what the table withholds.
    assert release.cells["2024-05:victims.identified"] == 7
    public = protect_statistics(statistics, 5, trend, funnel, delay)
    protected = public.protected
    assert protected.withheld()
    assert exposed_cells(protected.relations, protected.values, 5) == []
    may_trend = next(p for p in public.trend if p["month"] == "2024-05")
    assert may_trend["victims_identified"] == by_path(public)["victims.identified"]


def by_path(public: object) -> dict[str, object]:
    return {row.path: row.current for row in public.rows}  # type: ignore[attr-defined]


def test_quarter_review_links_months_to_the_quarter(database: Database) -> None:
    registries.busy_month(database)
    quarter = Period.parse("2024-Q2")
    statistics = compute_statistics(database, quarter)
    release = build_release(statistics, monthly_series(database, quarter, 24))
    linked = [
        r
        for r in release.relations
        if r.total == "2024-Q2:victims.identified" and "2024-05:victims.identified" in r.parts
    ]
    assert linked and str(linked[0].kind) == "sum"
    protected = protect_statistics(statistics, 5, monthly_series(database, quarter, 24)).protected
    assert exposed_cells(protected.relations, protected.values, 5) == []


runner = CliRunner()


@pytest.mark.parametrize("output_format", ["html", "pdf", "md"])
def test_review_command_writes_each_format(database: Database, tmp_path: Path, output_format: str) -> None:
    registries.macao_like(database)
    url = database.engine.url.render_as_string(hide_password=False)
    output = tmp_path / f"review.{output_format}"
    result = runner.invoke(
        app, ["review", "--period", "2024-05", "--format", output_format, "-o", str(output), "--db", url]
    )
    assert result.exit_code == 0, result.output
    assert "no-convictions-since" in result.output
    assert output.stat().st_size > 2000


def test_review_command_rejects_a_bad_period_and_a_missing_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["review", "--period", "2024-13", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert "invalid-period" in result.output
    result = runner.invoke(app, ["review", "--period", "2024-05", "-o", str(tmp_path / "missing" / "r.html")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_publish_command(database: Database) -> None:
    registries.busy_month(database)
    url = database.engine.url.render_as_string(hide_password=False)
    result = runner.invoke(app, ["publish", "--period", "2024-05", "--json", "--db", url])
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.output)
    rows = {row["path"]: row for row in data["statistics"]}
    assert rows["victims.by_sex.male"]["current"] == "<5"
    assert rows["victims.by_sex.female"]["current"] == "x"
    assert data["k"] == 5
    table = runner.invoke(app, ["publish", "--period", "2024-05", "--k", "3", "--db", url])
    assert table.exit_code == 0 and "k = 3" in table.output
