"""``/api/statistics``: the registry's statistics for a period beside the previous one (analysts and
case officers; mirrors ``tipwatch registry stats``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from tipwatch.accounts import Account, Permission
from tipwatch.api.auth import get_db, require
from tipwatch.registry.stats import compute_statistics
from tipwatch.review.periods import Period
from tipwatch.store import Database

router = APIRouter(tags=["statistics"])
Analyst = Annotated[Account, Depends(require(Permission.ALL_STATISTICS))]
Db = Annotated[Database, Depends(get_db)]
PeriodQuery = Annotated[
    str,
    Query(
        max_length=20,
        description="A month (2024-05), quarter (2024-Q2), year (2024) or reporting period (RP2024).",
    ),
]


@router.get("/api/statistics", response_model=dict[str, Any])
def api_statistics(_: Analyst, db: Db, period: PeriodQuery) -> dict[str, Any]:
    """Every figure of the period beside the previous period's, with the change."""
    return compute_statistics(db, Period.parse(period)).model_dump(mode="json")
