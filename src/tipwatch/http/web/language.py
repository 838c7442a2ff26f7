"""The language of a dashboard page: ``?lang=en|zh-Hant|pt`` when given, else the best of the
browser's ``Accept-Language`` that tipwatch has a catalogue for (Babel's negotiation; Chinese written in
Traditional script, zh-Hant, zh-MO, zh-HK or zh-TW, is zh-Hant), else English. Only the page's own words
change: data, quotations and the JSON API stay as they are."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError, negotiate_locale
from fastapi import Request

from tipwatch.reports.languages import Language

AVAILABLE = {"en": Language.EN, "zh_Hant": Language.ZH_HANT, "pt": Language.PT}
"""Each language by its Babel locale identifier."""
MAX_HEADER = 512
"""Longer Accept-Language headers are read only this far (no browser sends more)."""


def preferred_locales(header: str) -> list[str]:
    """The locales of an ``Accept-Language`` header, most wanted first, as Babel identifiers
    (``zh-MO`` -> ``zh_Hant``, ``pt-PT`` -> ``pt_PT``); malformed or refused (q=0) entries left out."""
    weighted: list[tuple[float, int, str]] = []
    for index, entry in enumerate(header[:MAX_HEADER].split(",")):
        tag, _, parameters = entry.strip().partition(";")
        quality = 1.0
        if parameters.strip().startswith("q="):
            try:
                quality = float(parameters.strip()[2:])
            except ValueError:
                continue
        if quality <= 0 or not tag or tag == "*":
            continue
        try:
            locale = Locale.parse(tag.strip(), sep="-")
        except (ValueError, UnknownLocaleError):
            continue
        name = "zh_Hant" if locale.language == "zh" and locale.script == "Hant" else str(locale)
        weighted.append((-quality, index, name))
    return [name for _quality, _index, name in sorted(weighted)]


def page_language(request: Request) -> Language:
    """``?lang=`` if it names a language, else the negotiated one, else English."""
    asked = request.query_params.get("lang")
    if asked in set(Language):
        return Language(asked)
    preferred = preferred_locales(request.headers.get("accept-language", ""))
    chosen = negotiate_locale(preferred, list(AVAILABLE))
    return AVAILABLE.get(chosen or "", Language.EN)
