"""``/api/statistics``: the registry's statistics for a period beside the previous one (analysts and
case officers; mirrors ``tipwatch registry stats``).

Answers are cached as JSON bytes per period and registry version. The version is the newest audit log
entry: every registry write appends one (the registry's own guarantee), so any write makes the cache
miss. The version itself is kept in memory: it is re-read from the database when this process has
appended to the audit log since, and otherwise at most every ``VERSION_RECHECK_SECONDS``, so a write
by another process (the CLI, a second server worker) shows within about a second."""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool

from tipwatch.accounts import Account, Permission
from tipwatch.evidence.periods import Period
from tipwatch.http.api.auth import get_db, require
from tipwatch.registry.stats import compute_statistics
from tipwatch.registry.tables import AUDIT
from tipwatch.registry.writer import audit_appends
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
VERSION_RECHECK_SECONDS = 1.0
_lock = threading.Lock()
_compute_locks: dict[tuple[str, int], threading.Lock] = {}


def registry_version(db: Database) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(select(func.max(AUDIT.c.id))).scalar() or 0)


def _known_version(request: Request) -> int | None:
    """The registry version read recently enough to trust, or None if it must be read again. Once the
    recheck interval has passed, one request re-reads it while the others keep the known version (no
    burst of identical queries); after an audit append in this process every request waits for it."""
    known: tuple[int, float, int] | None = getattr(request.app.state, "registry_version", None)
    if known is None:
        return None
    version, read_at, appends = known
    if appends != audit_appends():
        return None
    if time.monotonic() - read_at > VERSION_RECHECK_SECONDS:
        with _lock:
            if getattr(request.app.state, "registry_version_reading", False):
                return version
            request.app.state.registry_version_reading = True
        return None
    return version


def _fresh_version(request: Request) -> int | None:
    known: tuple[int, float, int] | None = getattr(request.app.state, "registry_version", None)
    if known is None:
        return None
    version, read_at, appends = known
    fresh = appends == audit_appends() and time.monotonic() - read_at <= VERSION_RECHECK_SECONDS
    return version if fresh else None


def current_version(request: Request) -> int:
    """The registry version, from memory when fresh, else from the database (blocking: not on the loop)."""
    version = _fresh_version(request)
    if version is None:
        appends = audit_appends()
        try:
            version = registry_version(get_db(request))
            request.app.state.registry_version = (version, time.monotonic(), appends)
        finally:
            request.app.state.registry_version_reading = False
    return version


def _cached(request: Request, key: tuple[str, int]) -> bytes | None:
    cache = _cache(request)
    with _lock:
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    return None


def _cache(request: Request) -> OrderedDict[tuple[str, int], bytes]:
    cache: OrderedDict[tuple[str, int], bytes] = request.app.state.__dict__.setdefault(
        "statistics_cache", OrderedDict()
    )
    return cache


def cached_statistics_json(request: Request, period: Period) -> tuple[tuple[str, int], bytes | None]:
    """The cache key for the registry as it is now, and the cached answer if any (blocking)."""
    key = (str(period), current_version(request))
    return key, _cached(request, key)


def _statistics_json_blocking(request: Request, period: Period) -> bytes:
    key, body = cached_statistics_json(request, period)
    return body if body is not None else computed_statistics_json(request, period, key)


def computed_statistics_json(request: Request, period: Period, key: tuple[str, int]) -> bytes:
    """Compute and cache the answer; concurrent misses of one key wait for a single computation."""
    with _lock:
        compute_lock = _compute_locks.setdefault(key, threading.Lock())
    with compute_lock:
        body = _cached(request, key)
        if body is None:
            body = _compute(request, period, key)
    with _lock:
        _compute_locks.pop(key, None)
    return body


def _compute(request: Request, period: Period, key: tuple[str, int]) -> bytes:
    data = compute_statistics(get_db(request), period).model_dump(mode="json")
    body = json.dumps(data, separators=(",", ":")).encode("utf-8")  # compact: a tenth fewer bytes per answer
    cache = _cache(request)
    with _lock:
        cache[key] = body
        while len(cache) > CACHE_SIZE:
            cache.popitem(last=False)
    return body


def statistics_json(request: Request, period: Period) -> bytes:
    """The statistics of ``period`` as JSON bytes, computed once per registry version."""
    return _statistics_json_blocking(request, period)


def statistics_data(request: Request, period: Period) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(statistics_json(request, period))
    return data


@router.get("/api/statistics", response_model=dict[str, Any])
async def api_statistics(request: Request, _: Analyst, period: PeriodQuery) -> Response:
    """Every figure of the period beside the previous period's, with the change."""
    parsed = Period.parse(period)
    version = _known_version(request)
    body = _cached(request, (str(parsed), version)) if version is not None else None
    if body is None:  # the version must be read, or the figures computed: off the event loop
        body = await run_in_threadpool(_statistics_json_blocking, request, parsed)
    return Response(body, media_type="application/json")
