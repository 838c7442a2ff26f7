"""``/api/statistics``: the registry's statistics for a period beside the previous one (analysts and
case officers; mirrors ``tipwatch registry stats``).

Answers are cached per period and registry version. The version is the newest audit log entry: every
registry write appends one (the registry's own guarantee), so any write makes the cache miss."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool

from tipwatch.accounts import Account, Permission
from tipwatch.api.auth import get_db, require
from tipwatch.registry.stats import compute_statistics
from tipwatch.registry.tables import AUDIT
from tipwatch.review.periods import Period
from tipwatch.store import Database

router = APIRouter(tags=["statistics"])
Analyst = Annotated[Account, Depends(require(Permission.ALL_STATISTICS))]
PeriodQuery = Annotated[
    str,
    Query(
        max_length=20,
        description="A month (2024-05), quarter (2024-Q2), year (2024) or reporting period (RP2024).",
    ),
]
CACHE_SIZE = 64
_lock = threading.Lock()


def registry_version(db: Database) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(select(func.max(AUDIT.c.id))).scalar() or 0)


def _cache(request: Request) -> OrderedDict[tuple[str, int], bytes]:
    cache: OrderedDict[tuple[str, int], bytes] = request.app.state.__dict__.setdefault(
        "statistics_cache", OrderedDict()
    )
    return cache


def cached_statistics_json(request: Request, period: Period) -> tuple[tuple[str, int], bytes | None]:
    """The cache key for the registry as it is now (one quick query), and the cached answer if any."""
    key = (str(period), registry_version(get_db(request)))
    cache = _cache(request)
    with _lock:
        if key in cache:
            cache.move_to_end(key)
            return key, cache[key]
    return key, None


def computed_statistics_json(request: Request, period: Period, key: tuple[str, int]) -> bytes:
    body = json.dumps(compute_statistics(get_db(request), period).model_dump(mode="json")).encode("utf-8")
    cache = _cache(request)
    with _lock:
        cache[key] = body
        while len(cache) > CACHE_SIZE:
            cache.popitem(last=False)
    return body


def statistics_json(request: Request, period: Period) -> bytes:
    """The statistics of ``period`` as JSON bytes, computed once per registry version."""
    key, body = cached_statistics_json(request, period)
    return body if body is not None else computed_statistics_json(request, period, key)


def statistics_data(request: Request, period: Period) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(statistics_json(request, period))
    return data


@router.get("/api/statistics", response_model=dict[str, Any])
async def api_statistics(request: Request, _: Analyst, period: PeriodQuery) -> Response:
    """Every figure of the period beside the previous period's, with the change."""
    parsed = Period.parse(period)
    key, body = cached_statistics_json(request, parsed)
    if body is None:
        body = await run_in_threadpool(computed_statistics_json, request, parsed, key)
    return Response(body, media_type="application/json")
