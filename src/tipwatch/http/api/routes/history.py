"""``/api/overview``, ``/api/history/…``, ``/api/tiers/…``, ``/api/streaks``, ``/api/transitions``,
``/api/coverage``, ``/api/watchlist-audit``: the tier record, public; mirrors ``tipwatch history``,
``tiers``, ``streaks``, ``transitions``, ``coverage`` and ``audit``."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.encoders import jsonable_encoder

from tipwatch.evidence import Tier
from tipwatch.history import TierRecord
from tipwatch.history.audit import watchlist_audit
from tipwatch.history.coverage import coverage
from tipwatch.history.queries import history, tiers_in_year
from tipwatch.history.streaks import streaks
from tipwatch.history.transitions import transitions
from tipwatch.http.data.tier_record import overview_data
from tipwatch.http.record_cache import tier_record

router = APIRouter(tags=["tier record"])
# Quick in-memory lookups run on the event loop (async def); the whole-record scans (overview, streaks,
# transitions, audit) take longer and run in the thread pool (def).
Record = Annotated[TierRecord, Depends(tier_record)]
Year = Annotated[int, Query(ge=2001, le=2100)]
HISTORY_CACHE_SIZE = 512
_history_lock = threading.Lock()


def _json(data: object) -> bytes:
    """JSON bytes as FastAPI's JSONResponse would render ``data``."""
    return json.dumps(
        jsonable_encoder(data), ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")
    ).encode("utf-8")


def history_json(request: Request, record: TierRecord, jurisdiction: str) -> bytes:
    """The history of ``jurisdiction`` as JSON bytes, rendered once per app: the record the server
    holds does not change while it runs (see ``record_cache``). Unknown names raise and are not kept."""
    cache: OrderedDict[str, bytes] = request.app.state.__dict__.setdefault("history_cache", OrderedDict())
    with _history_lock:
        body = cache.get(jurisdiction)
        if body is not None:
            cache.move_to_end(jurisdiction)
            return body
    body = _json([entry.to_dict() for entry in history(record, jurisdiction)])
    with _history_lock:
        cache[jurisdiction] = body
        while len(cache) > HISTORY_CACHE_SIZE:
            cache.popitem(last=False)
    return body


@router.get("/api/overview", response_model=dict[str, Any])
def api_overview(record: Record, year: Year | None = None) -> dict[str, Any]:
    """Counts per tier, movements since the previous year and every placement of a report year."""
    return overview_data(record, year)


@router.get("/api/history/{jurisdiction}", response_model=list[dict[str, Any]])
async def api_history(request: Request, jurisdiction: str, record: Record) -> Response:
    """Every report year of one jurisdiction (name, alias or ISO code) with its movement."""
    return Response(history_json(request, record, jurisdiction), media_type="application/json")


@router.get("/api/tiers/{year}", response_model=dict[str, Any])
async def api_tiers(year: int, record: Record, tier: Tier | None = None) -> dict[str, object]:
    """The placements of one report year, optionally of one tier."""
    return tiers_in_year(record, year, tier).to_dict()


@router.get("/api/streaks", response_model=list[dict[str, Any]])
def api_streaks(
    record: Record,
    tier: Tier | None = None,
    min_length: Annotated[int, Query(ge=1, le=100)] = 1,
    current: bool = False,
    limit: Annotated[int, Query(ge=1, le=5000)] = 200,
) -> list[dict[str, object]]:
    """Consecutive years in one tier, longest first."""
    return [s.to_dict() for s in streaks(record, tier, min_length, current)[:limit]]


@router.get("/api/transitions", response_model=dict[str, Any])
def api_transitions(
    record: Record, first_year: Year | None = None, last_year: Year | None = None
) -> dict[str, object]:
    """How placements moved from each report year to the next."""
    return transitions(record, first_year, last_year).to_dict()


@router.get("/api/coverage", response_model=list[dict[str, Any]])
def api_coverage(record: Record) -> list[dict[str, object]]:
    """How many placements the record holds per report year, and whether the year is complete."""
    return [year.to_dict() for year in coverage(record)]


@router.get("/api/watchlist-audit", response_model=dict[str, Any])
def api_watchlist_audit(record: Record) -> dict[str, object]:
    """Every Watch List run and every year that does not fit the law then in force."""
    return watchlist_audit(record).to_dict()
