"""The registry's statistics for a period (the monthly review's figures) beside the previous period.
JSON twin: ``/api/statistics?period=``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from tipwatch.accounts import Account, Permission
from tipwatch.evidence.periods import Period
from tipwatch.http.auth import require
from tipwatch.http.state import statistics_answers
from tipwatch.http.web.language import page_language
from tipwatch.http.web.render import render
from tipwatch.http.web.vocabulary import STATISTICS
from tipwatch.reports.languages import Language
from tipwatch.reports.review_text import ReviewWords

router = APIRouter()
Analyst = Annotated[Account, Depends(require(Permission.ALL_STATISTICS))]


def _flatten(prefix: str, value: object, rows: list[tuple[str, dict[str, object]]]) -> None:
    if isinstance(value, dict) and "current" in value and "previous" in value:
        rows.append((prefix, value))
    elif isinstance(value, dict):
        for key, inner in value.items():
            _flatten(f"{prefix} · {key}" if prefix else str(key), inner, rows)


def figure_name(words: ReviewWords, name: str) -> str:
    """``investigations · by exploitation · sexual``: each word translated outside English."""
    if words.language is Language.EN:
        return name.replace("_", " ")
    return " · ".join(words.gettext(STATISTICS.get(part, part)) for part in name.split(" · "))


@router.get("/statistics", response_class=HTMLResponse)
def statistics_page(
    request: Request, _: Analyst, period: Annotated[str | None, Query(max_length=20)] = None
) -> HTMLResponse:
    from datetime import date

    chosen = Period.parse(period) if period else Period.month(date.today().year, date.today().month)
    data = statistics_answers(request).data(chosen)
    rows: list[tuple[str, dict[str, object]]] = []
    for key, value in data.items():
        _flatten(key, value, rows)
    words = ReviewWords(page_language(request))
    named_rows = [(name, figure_name(words, name), figure) for name, figure in rows]
    context = {"data": data, "rows": named_rows, "period": str(chosen), "page_query": {"period": str(chosen)}}
    return render(request, "statistics.html", context)
