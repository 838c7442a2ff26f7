"""The timeline chart in Macao's official languages: its own words come from the catalogue, its numbers
are formatted per locale, Chinese is drawn in a CJK font with no missing glyph, and with no CJK font the
chart falls back to English labels, saying so."""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from tipwatch.reply.figures import Qualifier
from tipwatch.reply.figures_timeline import CLAIMS_LANE, MarkKind, Timeline, build_timeline
from tipwatch.reply.narrative import load_narrative
from tipwatch.reports import chart_fonts, figures_chart
from tipwatch.reports.figures_chart import LANE_LABELS, mark_label, timeline_figure
from tipwatch.reports.i18n import number, translations
from tipwatch.reports.languages import Language
from tipwatch.services.reply_figures import EXAMPLE_FIGURES, figures_reply, load_figures

from .test_figures_i18n import _cjk_font_installed

NARRATIVES = Path(__file__).resolve().parents[1] / "data" / "narratives" / "dev"
needs_cjk_font = pytest.mark.skipif(
    not os.environ.get("CI") and not _cjk_font_installed(),
    reason="no CJK font here (WenQuanYi Micro Hei: apt-get install fonts-wqy-microhei, as .ci/run does)",
)


def timeline() -> Timeline:
    narrative = load_narrative(NARRATIVES / "macau-2024.json")
    return build_timeline(figures_reply(narrative, load_figures(EXAMPLE_FIGURES), 2024))


def texts(figure: Figure) -> list[Text]:
    return [t for t in figure.findobj(Text) if isinstance(t, Text) and t.get_text()]


def drawing_warnings(figure: Figure) -> list[str]:
    """What matplotlib warns while drawing the figure (a glyph missing from every font, among others)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.savefig(io.BytesIO(), format="png", dpi=40)
    return [str(w.message) for w in caught]


@needs_cjk_font
def test_chinese_chart_is_drawn_in_a_cjk_font_with_no_missing_glyph() -> None:
    figure = timeline_figure(timeline(), Language.ZH_HANT)
    _ = translations(Language.ZH_HANT).gettext
    words = {t.get_text(): t for t in texts(figure)}
    lane = words[_(LANE_LABELS[CLAIMS_LANE])]
    assert lane.get_text() == "報告的陳述"
    assert lane.get_fontname() == "WenQuanYi Micro Hei"
    assert "5. 自某年起 (公曆年)" in words and "5. 自某年起 (報告期)" in words
    assert not [w for w in words if "claims" in w or "since-year" in w]  # no English left
    assert not [w for w in drawing_warnings(figure) if "missing from" in w]


@needs_cjk_font
def test_the_glyph_check_sees_chinese_drawn_without_a_cjk_font() -> None:
    """The check above could fail: the same words in DejaVu Sans alone are reported missing."""
    figure = timeline_figure(timeline(), Language.ZH_HANT)
    for text in texts(figure):
        text.set_fontfamily(["DejaVu Sans"])
    assert [w for w in drawing_warnings(figure) if "missing from" in w]


def test_portuguese_marks_translate_words_and_format_numbers() -> None:
    made = timeline()
    claim = next(m for m in made.marks if m.ident == "claim-5-1")
    assert mark_label(claim, Language.PT) == "5. desde o ano (ano civil)"
    assert mark_label(claim, Language.EN) == claim.label == "5. since-year (calendar year)"
    figure = next(m for m in made.marks if m.kind is MarkKind.FIGURE)
    over = type(figure)(figure.kind, figure.ident, figure.lane, figure.start, figure.end, 12345, "over")
    assert mark_label(over, Language.PT) == f"mais de {number(12345, Language.PT)}"
    assert mark_label(over, Language.ZH_HANT) == "超過 12,345"
    assert over.label == "over 12345"
    words = {t.get_text() for t in texts(timeline_figure(made, Language.PT))}
    assert {"afirmações do relatório", "condenações", "5. desde o ano (período do relatório)"} <= words


def test_no_cjk_font_falls_back_to_english_labels_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chart_fonts, "CJK_FAMILIES", ("No Such CJK Family",))
    with pytest.warns(UserWarning, match="fonts-wqy-microhei") as caught:
        figure = timeline_figure(timeline(), Language.ZH_HANT)
    assert "No Such CJK Family" in str(caught[0].message)
    words = {t.get_text() for t in texts(figure)}
    assert "the report's claims" in words and "報告的陳述" not in words


def test_every_reading_and_qualifier_has_a_message() -> None:
    readings = {m.reading for m in timeline().marks if m.reading}
    assert readings and readings <= set(figures_chart.READINGS)
    assert set(figures_chart.QUALIFIED) == set(Qualifier)
