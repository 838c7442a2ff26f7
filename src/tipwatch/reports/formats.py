"""The formats the reports render to (the names only: the command line offers them without importing
the renderers, Jinja, matplotlib or WeasyPrint)."""

from __future__ import annotations

from enum import StrEnum


class ReviewFormat(StrEnum):
    HTML = "html"
    PDF = "pdf"
    MD = "md"


class BriefFormat(StrEnum):
    MD = "md"
    HTML = "html"
    JSON = "json"
