"""Message catalogues (gettext, through Babel) for the brief's own words: headings, labels, verdict
words and the fixed sentences of the core. Quotations from sources are never translated, and neither
are the conditions the core writes (dates and windows in English prose): a translated brief says so.

The catalogues are ``locale/<locale>/LC_MESSAGES/tipwatch.po``, compiled to the ``.mo`` beside each
(committed; tests/reply/test_figures_i18n.py checks that each ``.mo`` is its ``.po`` compiled, that no
message is left untranslated, and that every message the brief, the review and the dashboard use is in
every catalogue). ``locale/babel.cfg`` says where Babel's extractors find the marked messages; it
describes the update workflow.
Numbers and dates are formatted per locale: Macao's, for Chinese and Portuguese.
"""

from __future__ import annotations

import gettext
from datetime import date
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import Translations

from tipwatch.reports.languages import Language

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "tipwatch"
CATALOGUES = {Language.ZH_HANT: "zh_Hant", Language.PT: "pt"}
"""The catalogue of each language but English (the messages are English)."""
FORMATS = {Language.EN: "en", Language.ZH_HANT: "zh_Hant_MO", Language.PT: "pt_MO"}
"""The locale numbers and dates are formatted in."""


def N_(message: str) -> str:
    """Mark a message for the catalogues without translating it here."""
    return message


def catalogue_path(language: Language, suffix: str = ".mo") -> Path:
    return LOCALE_DIR / CATALOGUES[language] / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def translations(language: Language) -> gettext.NullTranslations:
    """The compiled catalogue of a language; English is the messages themselves."""
    if language is Language.EN:
        return gettext.NullTranslations()
    path = catalogue_path(language)
    if not path.is_file():
        raise FileNotFoundError(f"the message catalogue {path} is missing: reinstall tipwatch")
    with path.open("rb") as handle:
        return Translations(handle, domain=DOMAIN)


def locale_of(language: Language) -> Locale:
    return Locale.parse(FORMATS[language])


def number(value: int, language: Language) -> str:
    return format_decimal(value, locale=locale_of(language))


def long_date(day: date, language: Language) -> str:
    return format_date(day, format="long", locale=locale_of(language))
