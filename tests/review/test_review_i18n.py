"""The plenary review in Macao's official languages: `tipwatch review --lang` translates the review's own
words (headings, table heads, statistic labels, fixed sentences, the PDF's page footer), formats numbers
and dates per locale, and leaves the findings and every recorded value as they are, still escaped."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.evidence.periods import Period
from tipwatch.registry.vocabulary import ActionStatus
from tipwatch.reports.i18n import CATALOGUES, translations
from tipwatch.reports.languages import Language
from tipwatch.reports.review import ReviewFormat, render_review
from tipwatch.review.findings import FindingKind
from tipwatch.services.review import review as build_review
from tipwatch.store import Database

_spec = importlib.util.spec_from_file_location("registries", Path(__file__).with_name("registries.py"))
assert _spec and _spec.loader
registries = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(registries)

MAY = Period.parse("2024-05")
runner = CliRunner()
CHINESE_HEADINGS = ("全體會議檢討：2024-05", "結論", "落實建議的行動項目", "與上一期間並列的統計")


def _review(database: Database, language: str, output_format: str, output: Path) -> str:
    url = database.engine.url.render_as_string(hide_password=False)
    args = ["review", "--period", "2024-05", "--lang", language, "--format", output_format]
    result = runner.invoke(app, [*args, "-o", str(output), "--db", url])
    assert result.exit_code == 0, result.output
    return result.output


def test_chinese_html_review_translates_headings_not_findings_or_records(
    database: Database, tmp_path: Path
) -> None:
    registries.macao_like(database)
    output = tmp_path / "review.html"
    _review(database, "zh-Hant", "html", output)
    html = output.read_text(encoding="utf-8")
    assert '<html lang="zh-Hant">' in html
    for heading in CHINESE_HEADINGS[1:]:
        assert f"<h2>{heading}</h2>" in html
    assert "<h1>全體會議檢討：2024-05</h1>" in html
    assert "<th>負責單位</th>" in html and "<td>按性別：女性</td>" in html and ">受害人服務<" in html
    assert "期間 2024-05 (2024年5月1日至31日)，與 2024-04 比較。" in html  # dates per locale
    assert "2024年1月31日 (已逾期)" in html
    # the findings are the engine's sentences and the records are as entered
    assert "No convictions since 2019: the last trafficking conviction was recorded on 2019-08-14." in html
    assert "Train labour inspectors in the ILO indicators" in html
    assert "Plenary review" not in html and "Findings" not in html


def test_portuguese_markdown_review_formats_numbers_per_locale(database: Database) -> None:
    registries.macao_like(database)
    document = build_review(database, MAY)
    screened = next(r for r in document.rows if r.path == "screenings.persons_screened")
    big = screened.model_copy(update={"current": 12345, "previous": 1200, "change": 12345 - 1200})
    document.rows = [big if r is screened else r for r in document.rows]
    text = render_review(document, ReviewFormat.MD, Language.PT).decode()
    assert "# Revisão plenária: 2024-05" in text and "## Conclusões" in text
    assert "Destinatários: interno." in text
    shown = format_decimal(12345, locale="pt_MO")
    assert shown != "12345"
    before, change = format_decimal(1200, locale="pt_MO"), format_decimal(11145, locale="pt_MO")
    assert f"| Triagens: pessoas triadas | {shown} | {before} | +{change} |" in text
    due = format_date(document.action_items[0].due_on, format="medium", locale="pt_MO")
    assert f"| {due} **em atraso** |" in text
    english = render_review(document, ReviewFormat.MD).decode()
    assert "| Screenings: persons screened | 12,345 | 1,200 | +11,145 |" in english


def test_translated_review_still_escapes_recorded_values(database: Database) -> None:
    registries.macao_like(database)
    document = build_review(database, MAY)
    item = document.action_items[0]
    document.action_items[0] = item.model_copy(update={"description": "<script>alert(1)</script>"})
    html = render_review(document, ReviewFormat.HTML, Language.ZH_HANT).decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_every_label_of_a_review_is_in_every_catalogue(database: Database) -> None:
    registries.macao_like(database)
    document = build_review(database, MAY)
    words = {r.label for r in document.rows} | {r.section for r in document.rows}
    words |= {str(s) for s in ActionStatus} | {str(k) for k in FindingKind} | {"internal", "public"}
    for language in CATALOGUES:
        catalogue = translations(language)
        untranslated = sorted(w for w in words if catalogue.gettext(w) == w and w != "total")
        assert not untranslated, f"add to the {language} catalogue: {untranslated}"


def _cjk_pdf_tools() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None or shutil.which("pdftotext") is None:
        return False
    return "WenQuanYi" in subprocess.run([fc_list], capture_output=True, text=True, check=False).stdout


@pytest.mark.skipif(
    not os.environ.get("CI") and not _cjk_pdf_tools(),
    reason="no CJK font or pdftotext here (apt-get install fonts-wqy-microhei poppler-utils, as .ci/run does)",
)
def test_chinese_pdf_review_extracts_chinese_headings(database: Database, tmp_path: Path) -> None:
    registries.macao_like(database)
    output = tmp_path / "review.pdf"
    _review(database, "zh-Hant", "pdf", output)
    pdftotext = shutil.which("pdftotext")
    assert pdftotext is not None
    text = subprocess.run([pdftotext, str(output), "-"], capture_output=True, text=True, check=True).stdout
    for heading in (*CHINESE_HEADINGS, "第 1 頁，共"):
        assert heading in text, heading
