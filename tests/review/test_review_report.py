"""The plenary review rendered for real (HTML, Markdown, PDF through WeasyPrint) from registries built in
code, on SQLite and PostgreSQL; the public audience through disclosure control."""

from __future__ import annotations

import importlib.util
import io
import json
import re
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.disclosure.audit import exposed_cells
from tipwatch.disclosure.policy import Calendar, DisclosurePolicy
from tipwatch.evidence.periods import Period
from tipwatch.registry.stats import compute_statistics
from tipwatch.registry.trends import proceedings_funnel, service_delay
from tipwatch.reports.review import Audience, ReviewFormat, render_review
from tipwatch.review.public_statistics import PeriodFigures, period_release
from tipwatch.services.review import public_statistics as gather_public_statistics
from tipwatch.services.review import review as build_review
from tipwatch.store import Database

_spec = importlib.util.spec_from_file_location("registries", Path(__file__).with_name("registries.py"))
assert _spec and _spec.loader
registries = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(registries)

MAY = Period.parse("2024-05")
RP2025 = Period.parse("RP2025")
MONTHLY = DisclosurePolicy(5, Calendar.MONTH)
"""A publisher who releases months (and so no quarter, year or reporting period)."""
runner = CliRunner()


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
    document = build_review(database, MAY, Audience.PUBLIC, MONTHLY)
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
    assert "&lt;5" in html
    # counts over windows other than the released periods ("since records began") are left out
    assert "since records began" not in html


def test_everything_a_public_review_publishes_survives_the_audit(database: Database) -> None:
    registries.busy_month(database)
    public = gather_public_statistics(database, MAY, MONTHLY, 24)
    protected = public.protected
    assert protected.withheld()
    assert exposed_cells(protected.relations, protected.values, 5) == []
    # The trend point for May *is* May's figure: one cell, the same marker in the table and the chart.
    may_trend = next(p for p in public.trend if p["month"] == "2024-05")
    rows = {row.path: row for row in public.rows}
    assert may_trend["victims_identified"] == rows["victims.identified"].current
    assert may_trend["prosecutions"] == rows["prosecutions.persons"].current
    assert len(public.trend) == 24


def test_a_period_is_published_the_same_in_every_release(database: Database) -> None:
    """May as this month's period and as next month's previous period: same markers, so the two
    releases cannot be played against each other."""
    registries.busy_month(database)
    may = gather_public_statistics(database, MAY, MONTHLY, 24)
    june = gather_public_statistics(database, Period.parse("2024-06"), MONTHLY, 24)
    assert {r.path: r.current for r in may.rows} == {r.path: r.previous for r in june.rows}
    june_trend = {p["month"]: p for p in june.trend}
    may_trend = {p["month"]: p for p in may.trend}
    assert all(june_trend[m] == may_trend[m] for m in may_trend if m in june_trend)
    published = runner.invoke(
        app,
        [
            *("publish", "--period", "2024-05", "--calendar", "month", "--json"),
            *("--db", database.engine.url.render_as_string(False)),
        ],
    )
    assert published.exit_code == 0, published.output
    import json

    assert {r["path"]: r["current"] for r in json.loads(published.output)["statistics"]} == {
        r.path: r.current for r in may.rows
    }


def test_one_period_release_links_the_funnel_and_delay_to_its_tables(database: Database) -> None:
    registries.busy_month(database)
    statistics = compute_statistics(database, MAY)
    release = period_release(
        PeriodFigures(
            "2024-05", statistics, "current", proceedings_funnel(database, MAY), service_delay(database, MAY)
        )
    )
    assert release.cells["2024-05:victims.identified"] == 7
    assert release.cells["2024-05:funnel.reported"] == 1
    totals = {r.total for r in release.relations}
    assert {
        "2024-05:victims.identified",
        "2024-05:delay.with_service",
        "2024-05:victims.by_sex.female",
    } <= totals


def test_review_command_writes_each_format(database: Database, tmp_path: Path) -> None:
    registries.macao_like(database)
    url = database.engine.url.render_as_string(hide_password=False)
    for output_format in ("html", "pdf", "md"):
        output = tmp_path / f"review.{output_format}"
        args = ["review", "--period", "2024-05", "--format", output_format, "-o", str(output), "--db", url]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "no-convictions-since" in result.output
        assert output.stat().st_size > 2000
    assert (tmp_path / "review.pdf").read_bytes().startswith(b"%PDF")


def test_review_command_rejects_a_bad_period_and_a_missing_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["review", "--period", "2024-13", "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert "invalid-period" in result.output
    result = runner.invoke(app, ["review", "--period", "2024-05", "-o", str(tmp_path / "missing" / "r.html")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_review_json_prints_the_review_without_writing_a_file(database: Database, tmp_path: Path) -> None:
    """`review --json` needs no -o (issue 15, item 9: it required -o and wrote HTML there); without
    either, the command says what to give."""
    registries.macao_like(database)
    url = database.engine.url.render_as_string(hide_password=False)
    result = runner.invoke(app, ["review", "--period", "2024-05", "--json", "--db", url])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["period"] == "2024-05" and "output" not in data
    assert "no-convictions-since" in {f["code"] for f in data["findings"]}
    neither = runner.invoke(app, ["review", "--period", "2024-05", "--db", url])
    assert neither.exit_code == 2 and "--json" in neither.output


def test_publish_command(database: Database) -> None:
    registries.busy_month(database)
    url = database.engine.url.render_as_string(hide_password=False)
    result = runner.invoke(
        app, ["publish", "--period", "2024-05", "--calendar", "month", "--json", "--db", url]
    )
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.output)
    rows = {row["path"]: row for row in data["statistics"]}
    assert rows["victims.by_sex.male"]["current"] == "<5"
    assert rows["victims.by_sex.female"]["current"] == "x"
    assert data["k"] == 5
    table = runner.invoke(
        app, ["publish", "--period", "2024-05", "--calendar", "month", "--k", "3", "--db", url]
    )
    assert table.exit_code == 0 and "k = 3" in table.output
    refused = runner.invoke(app, ["publish", "--period", "2024-Q2", "--calendar", "month", "--db", url])
    assert refused.exit_code == 2 and "period-not-released" in refused.output


def test_a_public_review_states_no_count_over_a_window_other_than_its_periods(database: Database) -> None:
    """ "Victims of forced labour identified since records began: 9" beside RP2025 = 6 would make
    RP2024, published as <5, exactly 3: a public review leaves such a finding out."""
    b = registries.Builder()
    for day, count in ((date(2023, 6, 1), 3), (date(2024, 6, 1), 6)):
        for _ in range(count):
            b.victim(b.case(day), day, "feminine", 30, "CN", ["forced_labour"])
    b.write(database)
    rp2025 = Period.parse("RP2025")
    internal = build_review(database, rp2025)
    assert "Victims of forced labour identified since records began: 9." in [
        f.text for f in internal.findings
    ]
    public = build_review(database, rp2025, Audience.PUBLIC, DisclosurePolicy())
    assert "forced-labour-victims-identified" not in {f.code for f in public.findings}
    assert "victims-identified-in-period" in {f.code for f in public.findings}
    rows = {row.path: row for row in public.rows}
    assert rows["victims.by_exploitation.forced_labour"].previous == "<5"


def test_a_public_review_names_the_month_of_a_record_not_its_day(database: Database) -> None:
    registries.macao_like(database)  # the last conviction on 2019-08-14
    internal = {f.code: f.text for f in build_review(database, MAY).findings}
    assert "2019-08-14" in internal["no-convictions-since"]
    public = {
        f.code: f.text for f in build_review(database, RP2025, Audience.PUBLIC, DisclosurePolicy()).findings
    }
    assert public["no-convictions-since"].endswith("was recorded in August 2019.")
