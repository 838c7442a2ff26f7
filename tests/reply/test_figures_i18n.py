"""The brief in Macao's official languages: the shipped catalogues are complete and compiled from their
.po files; --lang translates the brief's own words and leaves quotations alone; a Chinese PDF carries
real glyphs (an embedded CJK font, text that extracts)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from pypdf import PdfReader

from tipwatch.reports.i18n import CATALOGUES, catalogue_path
from tipwatch.reports.languages import Language

from .conftest import macau_figures_reply

sys.path.insert(0, str(Path(__file__).resolve().parent))
from i18n_messages import required_messages


def catalogue(language: Language):  # type: ignore[no-untyped-def]
    with catalogue_path(language, ".po").open("rb") as handle:
        return read_po(handle, locale=CATALOGUES[language])


@pytest.mark.parametrize("language", list(CATALOGUES))
def test_no_message_is_untranslated_or_missing(language: Language) -> None:
    messages = {m.id: m for m in catalogue(language) if m.id}
    untranslated = [i for i, m in messages.items() if not m.string or m.fuzzy]
    assert not untranslated, f"untranslated in {language}: {untranslated}"
    missing = required_messages() - set(messages)
    assert not missing, f"add to the {language} catalogue: {sorted(missing)}"


def _add_missing_messages(language: Language) -> None:
    """The .po with every required message it lacks added, untranslated (for the translator), in the
    catalogues' own layout (sorted, no source references, lines of 100)."""
    po = catalogue(language)
    for message in sorted(required_messages() - {m.id for m in po if m.id}):
        po.add(message, "", flags=["python-format"] if "%(" in message else [])
    written = io.BytesIO()
    write_po(written, po, width=100, sort_output=True, no_location=True)
    catalogue_path(language, ".po").write_bytes(written.getvalue())


@pytest.mark.parametrize("language", list(CATALOGUES))
def test_each_mo_is_its_po_compiled(language: Language) -> None:
    if os.environ.get("TIPWATCH_REGENERATE_CATALOGUES"):
        _add_missing_messages(language)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue(language))
    if os.environ.get("TIPWATCH_REGENERATE_CATALOGUES"):
        catalogue_path(language).write_bytes(compiled.getvalue())
    assert catalogue_path(language).read_bytes() == compiled.getvalue(), (
        "recompile: TIPWATCH_REGENERATE_CATALOGUES=1 pytest tests/reply/test_figures_i18n.py"
    )


brief = macau_figures_reply


def test_portuguese_brief_translates_headings_and_verdicts_not_quotes() -> None:
    text = brief("--lang", "pt")
    assert "# Direito de resposta com base em números publicados: Macau, Relatório TIP de 2024" in text
    assert "## Resumo" in text and "## Afirmações" in text
    assert "**compatível apenas se …** (linha 5, convictions)" in text
    assert "“GSS stated that criminal charges were filed in one of these cases" in text  # the quote as said
    assert "as condições são enunciadas em inglês" in text


def test_chinese_html_brief() -> None:
    html = brief("--lang", "zh-Hant", "--format", "html")
    assert '<html lang="zh-Hant">' in html
    assert "<h2>摘要</h2>" in html and "僅在以下條件下相容 …" in html
    assert "WenQuanYi Micro Hei" in html.split("</style>")[0]


def _cjk_font_installed() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    return "WenQuanYi" in subprocess.run([fc_list], capture_output=True, text=True, check=False).stdout


@pytest.mark.skipif(
    not os.environ.get("CI") and not _cjk_font_installed(),
    reason="no CJK font here (WenQuanYi Micro Hei: apt-get install fonts-wqy-microhei, as .ci/run does)",
)
def test_chinese_pdf_has_real_glyphs(tmp_path: Path) -> None:
    output = tmp_path / "brief.pdf"
    brief("--lang", "zh-Hant", "--format", "pdf", "-o", str(output))
    text = "".join(page.extract_text() for page in PdfReader(output).pages)
    for heading in ("摘要", "時間軸", "陳述", "互相矛盾的數字", "以公佈數字回應"):
        assert heading in text
    pdffonts = shutil.which("pdffonts")
    assert pdffonts is not None, "poppler-utils (pdffonts) is installed by .ci/run"
    fonts = subprocess.run([pdffonts, str(output)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "WenQuanYi" in line]
    assert cjk and all(line.split()[-5] == "yes" for line in cjk), fonts  # embedded


def test_the_required_messages_include_the_review_and_the_chart() -> None:
    """The extraction reaches every source it names (a pattern that matched nothing would pass)."""
    required = required_messages()
    assert {"Plenary review: %(period)s", "Proceedings funnel", "per month", "Investigations"} <= required
    assert {"over %(value)s", "the report's claims", "Summary"} <= required
    assert {
        "Overview",
        "Right of reply from published figures",
        "Review, %(audience)s (%(format)s)",
    } <= required
