"""``/api/statistics``: the registry's statistics for a period beside the previous one (analysts and
case officers; mirrors ``tipwatch registry stats``). Answers come from the app's
:class:`~tipwatch.services.statistics.StatisticsAnswers`, cached per period and registry version."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from tipwatch.accounts import Account, Permission
from tipwatch.evidence.periods import Period
from tipwatch.http.auth import require
from tipwatch.http.state import statistics_answers

router = APIRouter(tags=["statistics"])
Analyst = Annotated[Account, Depends(require(Permission.ALL_STATISTICS))]
PeriodQuery = Annotated[
    str,
    Query(
        max_length=20,
        description="A month (2024-05), quarter (2024-Q2), year (2024) or reporting period (RP2024).",
    ),
]


@router.get("/api/statistics", response_model=dict[str, Any])
async def api_statistics(request: Request, _: Analyst, period: PeriodQuery) -> Response:
    """Every figure of the period beside the previous period's, with the change."""
    parsed = Period.parse(period)
    answers = statistics_answers(request)
    version = answers.known_version()
    body = answers.cached(parsed, version) if version is not None else None
    if body is None:  # the version must be read, or the figures computed: off the event loop
        body = await run_in_threadpool(answers.json, parsed)
    return Response(body, media_type="application/json")
