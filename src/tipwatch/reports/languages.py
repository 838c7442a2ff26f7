"""The languages and formats a right of reply from published figures is written in (names only: the
command line offers them without importing Babel, Jinja, matplotlib or WeasyPrint)."""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    """English, and Macao's two official languages: Traditional Chinese and Portuguese."""

    EN = "en"
    ZH_HANT = "zh-Hant"
    PT = "pt"


class ReplyFormat(StrEnum):
    """The formats of ``tipwatch reply``; ``pdf`` is for a brief from published figures."""

    MD = "md"
    HTML = "html"
    JSON = "json"
    PDF = "pdf"
