"""Input formats and per-file errors: HTML pages with site chrome, a many-country PDF built with
WeasyPrint, and unreadable, empty, non-UTF-8 and non-narrative files in a batch that goes on."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from bench.synthetic_narratives import build_report_pdf, synthetic_narrative

from tipwatch.reader import Narrative
from tipwatch.reader.batch import Failure, expand_inputs, read_paths

DEV = Path(__file__).resolve().parents[1] / "data" / "narratives" / "dev"

PAGE = """<!DOCTYPE html><html><head><title>2021 Trafficking in Persons Report: Kenya</title>
<script>var tracking = "Tier 1";</script><style>p { color: red }</style></head><body>
<header class="site-header"><a href="/">Home</a> <nav><ul><li>Reports</li><li>Tier 1 countries</li></ul></nav></header>
<div class="breadcrumb">Home / Reports / Kenya</div>
<main><h1>KENYA: Tier 2</h1>
<p>The Government of Kenya does not fully meet the minimum standards for the elimination of trafficking but is
making <em>significant efforts</em> to do so. The government demonstrated overall increasing efforts compared to the
previous reporting period; therefore Kenya remained on Tier 2. Authorities investigated&nbsp;43 cases and convicted
<strong>eleven</strong> traffickers.</p>
<h2>PRIORITIZED RECOMMENDATIONS:</h2>
<ul><li>Increase efforts to identify victims among migrants.</li><li>Train police on the referral mechanism.</li></ul>
<h2>PROSECUTION</h2><p>The government increased law enforcement efforts.</p></main>
<footer>Share this page. Back to top. Official website of the U.S. Department of State</footer>
<aside class="related">Related articles: Uganda (Tier 1)</aside></body></html>"""


def _ok(results: list[Narrative | Failure]) -> list[Narrative]:
    return [r for r in results if isinstance(r, Narrative)]


def test_html_page_strips_site_chrome_and_reads_the_narrative(tmp_path: Path) -> None:
    page = tmp_path / "kenya.html"
    page.write_text(PAGE, encoding="utf-8")
    [narrative] = _ok(list(read_paths([page])))
    assert narrative.value("jurisdiction") == "Kenya"
    assert narrative.value("report_year") == 2021  # from the page title
    assert narrative.facts["report_year"].span.source == "title"
    assert (narrative.value("tier"), narrative.value("movement")) == ("2", "remained")
    assert narrative.value("investigations") == 43
    assert narrative.value("convictions") == 11
    assert narrative.recommendations == [
        "Increase efforts to identify victims among migrants",
        "Train police on the referral mechanism",
    ]
    for chrome in ("tracking", "Home", "Related articles", "Back to top", "Uganda", "color: red"):
        assert chrome not in narrative.text
    fact = narrative.facts["convictions"]
    assert narrative.text[fact.span.start : fact.span.end] == fact.span.text  # type: ignore[misc]


@pytest.mark.slow
def test_many_country_pdf_is_split_by_headings(tmp_path: Path) -> None:
    rng = random.Random(7)
    planted = [
        synthetic_narrative(rng, words_target=700, name=name)
        for name in ("Albania", "Sri Lanka", "Togo", "Peru", "Oman")
    ]
    pdf = build_report_pdf(tmp_path / "report.pdf", planted, year=2022)
    narratives = _ok(list(read_paths([pdf])))
    assert [n.value("jurisdiction") for n in narratives] == [p.name for p in planted]
    assert [n.file for n in narratives] == [f"{pdf}#{p.name.upper()}" for p in planted]
    for narrative, item in zip(narratives, planted, strict=True):
        assert narrative.value("report_year") == 2022  # from the running header
        for name, value in item.facts.items():
            assert narrative.value(name) == value, (item.name, name)
        assert len(narrative.recommendations) == 4


def test_batch_reports_each_bad_file_and_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "a-good-2019.txt"
    shutil.copy(DEV / "macau-2019.txt", good)
    (tmp_path / "b-empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "c-latin1.txt").write_bytes(
        "CHAD: Tier 2\nThe Government of Chad does not fully meet \xe9".encode("latin-1")
    )
    (tmp_path / "d-table.txt").write_text("name,count\nalpha,1\nbeta,2\n", encoding="utf-8")
    (tmp_path / "e-broken.pdf").write_bytes(b"%PDF-1.7 this is not really a pdf")
    shutil.copy(DEV / "chad-2020.txt", tmp_path / "f-good.txt")
    (tmp_path / "g-news.txt").write_text(
        "Police said trafficking rings operate across the region; trafficking victims need help.",
        encoding="utf-8",
    )
    results = list(read_paths(expand_inputs([str(tmp_path), str(tmp_path / "missing.txt")])))
    codes = {Path(r.file).name: r.error.problems[0].code for r in results if isinstance(r, Failure)}
    assert codes == {
        "b-empty.txt": "empty-input",
        "c-latin1.txt": "not-utf-8",
        "d-table.txt": "not-a-narrative",
        "e-broken.pdf": "unreadable-pdf",
        "g-news.txt": "not-a-narrative",
        "missing.txt": "unreadable-file",
    }
    assert [n.value("jurisdiction") for n in _ok(results)] == ["Macau", "Chad"]
    latin = next(r for r in results if isinstance(r, Failure) and r.file.endswith("c-latin1.txt"))
    assert latin.error.problems[0].location.line == 2
    assert "UTF-8" in str(latin.error)


def test_glob_and_directory_expansion(tmp_path: Path) -> None:
    for stem in ("gabon-2010", "cuba-2018"):
        shutil.copy(DEV / f"{stem}.txt", tmp_path / f"{stem}.txt")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    assert [p.name for p in expand_inputs([str(tmp_path)])] == ["cuba-2018.txt", "gabon-2010.txt"]
    assert [p.name for p in expand_inputs([str(tmp_path / "g*.txt")])] == ["gabon-2010.txt"]
    assert [p.name for p in expand_inputs([str(tmp_path / "z*.txt")])] == ["z*.txt"]  # reported as missing


def test_year_and_jurisdiction_options_override_the_text() -> None:
    from tipwatch.reader import read_narrative

    narrative = read_narrative(
        (DEV / "macau-2023.txt").read_text(encoding="utf-8"), year=2031, jurisdiction="Macao SAR"
    )
    assert narrative.value("report_year") == 2031
    assert narrative.value("jurisdiction") == "Macao SAR"
    assert narrative.facts["report_year"].span.source == "option"


def test_report_page_with_title_heading_and_wrapper_classes(tmp_path: Path) -> None:
    body = (DEV / "macau-2024.txt").read_text(encoding="utf-8").split("\n", 2)[2]
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    page = tmp_path / "page.html"
    page.write_text(
        '<html><body><div class="page-with-sidebar layout"><div class="menu">Skip to content</div>'
        "<article><h1>2024 Trafficking in Persons Report: Macau</h1><h2>MACAU (Tier 3)</h2>"
        f'{paragraphs}</article><div class="sidebar">Tier 1 countries</div></div></body></html>',
        encoding="utf-8",
    )
    [narrative] = _ok(list(read_paths([page])))
    assert narrative.value("jurisdiction") == "Macau"
    assert (narrative.value("report_year"), narrative.value("tier")) == (2024, "3")
    assert (narrative.value("investigations"), narrative.value("prosecutions")) == (1, 1)
    assert "Skip to content" not in narrative.text and "Tier 1 countries" not in narrative.text


def test_batches_stream_one_narrative_at_a_time(tmp_path: Path) -> None:
    first, second = tmp_path / "cuba-2018.txt", tmp_path / "chad-2020.txt"
    shutil.copy(DEV / "cuba-2018.txt", first)
    results = read_paths(iter([first, second]))
    assert next(results).value("jurisdiction") == "Cuba"  # type: ignore[union-attr]
    shutil.copy(DEV / "chad-2020.txt", second)  # exists only after the first narrative was handed out
    assert next(results).value("jurisdiction") == "Chad"  # type: ignore[union-attr]


def test_dev_narratives_as_html_pages_read_like_the_text(tmp_path: Path) -> None:
    import html
    import json

    names = (
        "jurisdiction",
        "tier",
        "movement",
        "fully_meets_minimum_standards",
        "making_significant_efforts",
    )
    for text_path in sorted(DEV.glob("*.txt")):
        gold = json.loads(text_path.with_suffix(".json").read_text(encoding="utf-8"))
        lines = [line for line in text_path.read_text(encoding="utf-8").split("\n") if line.strip()]
        body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
        page = tmp_path / f"{text_path.stem}.html"
        page.write_text(
            f"<html><body><nav><a>Home</a> <a>Tier 1</a></nav><main>{body}</main></body></html>",
            encoding="utf-8",
        )
        [narrative] = _ok(list(read_paths([page])))
        for name in (
            *names,
            "report_year",
            "investigations",
            "prosecutions",
            "convictions",
            "victims_identified",
        ):
            assert narrative.value(name) == gold[name], (text_path.stem, name)


@pytest.mark.slow
def test_dev_narratives_in_one_report_pdf_read_like_the_text(tmp_path: Path) -> None:
    import html
    import json

    from weasyprint import HTML

    stems = [
        "belarus-2019",
        "chad-2020",
        "macau-2021",
        "nicaragua-2022",
        "south-sudan-2022",
        "turkmenistan-2021",
    ]
    sections = []
    for stem in stems:
        heading, *rest = (DEV / f"{stem}.txt").read_text(encoding="utf-8").split("\n")
        heading = heading.split(" Extracted")[0].upper()
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in rest if line.strip())
        sections.append(
            f'<section style="page-break-before: always"><h2>{html.escape(heading)}</h2>{paragraphs}</section>'
        )
    pdf = tmp_path / "report.pdf"
    HTML(string=f"<html><body><h1>Country narratives</h1>{''.join(sections)}</body></html>").write_pdf(
        str(pdf)
    )
    narratives = _ok(list(read_paths([pdf])))
    assert len(narratives) == len(stems)
    for narrative, stem in zip(narratives, stems, strict=True):
        gold = json.loads((DEV / f"{stem}.json").read_text(encoding="utf-8"))
        for name in ("jurisdiction", "tier", "movement", "fully_meets_minimum_standards", "making_significant_efforts",
                     "investigations", "prosecutions", "convictions", "victims_identified"):  # fmt: skip
            assert narrative.value(name) == gold[name], (stem, name)
