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
from tipwatch.http.web.render import render

router = APIRouter()
Analyst = Annotated[Account, Depends(require(Permission.ALL_STATISTICS))]


def _flatten(prefix: str, value: object, rows: list[tuple[str, dict[str, object]]]) -> None:
    if isinstance(value, dict) and "current" in value and "previous" in value:
        rows.append((prefix, value))
    elif isinstance(value, dict):
        for key, inner in value.items():
            _flatten(f"{prefix} · {key}" if prefix else str(key), inner, rows)


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
    context = {"data": data, "rows": rows, "period": str(chosen), "page_query": {"period": str(chosen)}}
    return render(request, "statistics.html", context)
