"""The fonts a chart is drawn with, for its language: Chinese labels in a CJK font found through
matplotlib's font manager (WenQuanYi Micro Hei first: .ci/run installs fonts-wqy-microhei); on a machine
with none, the chart falls back to English labels, with a warning that says which font to install, rather
than drawing empty boxes."""

from __future__ import annotations

import warnings

from matplotlib import font_manager

from tipwatch.reports.languages import Language

CJK_FAMILIES = ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK TC", "Noto Sans CJK JP")
"""Fonts with Chinese glyphs, in order of preference (the first installed one is used)."""
NO_CJK_FONT = (
    "no font with Chinese glyphs for matplotlib (looked for {families}): the chart's labels are drawn "
    "in English; install one (apt-get install fonts-wqy-microhei) for Chinese labels"
)


def cjk_families() -> list[str]:
    """The installed CJK font families matplotlib can use, registering any installed after its font
    cache was built."""
    known = {entry.name for entry in font_manager.fontManager.ttflist}
    if not any(family in known for family in CJK_FAMILIES):
        for path in font_manager.findSystemFonts():
            if any(key in path.lower() for key in ("wqy", "notosanscjk", "noto-cjk")):
                font_manager.fontManager.addfont(path)
        known = {entry.name for entry in font_manager.fontManager.ttflist}
    return [family for family in CJK_FAMILIES if family in known]


def chart_language(language: Language) -> tuple[Language, list[str]]:
    """The language the chart is drawn in and the font families it is drawn with (a CJK family first
    for Chinese, DejaVu Sans after it for what it lacks). Chinese with no CJK font installed falls back
    to English, with a warning."""
    if language is not Language.ZH_HANT:
        return language, ["DejaVu Sans"]
    families = cjk_families()
    if not families:
        warnings.warn(NO_CJK_FONT.format(families=", ".join(CJK_FAMILIES)), stacklevel=3)
        return Language.EN, ["DejaVu Sans"]
    return language, [families[0], "DejaVu Sans"]
