"""``/api/jurisdictions/{name}``: one jurisdiction's page as data — its tier history, streaks, the
latest worked assessment (with findings and citations) and the facts read from its bundled narratives.
Public; every part comes from the history, assess and reader cores."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from tipwatch.history import TierRecord
from tipwatch.http.data.tier_record import jurisdiction_data
from tipwatch.http.record_cache import tier_record

router = APIRouter(tags=["tier record"])


@router.get("/api/jurisdictions/{name}", response_model=dict[str, Any])
def api_jurisdiction(name: str, record: TierRecord = Depends(tier_record)) -> dict[str, Any]:
    """History, streaks, latest worked assessment and narrative facts of one jurisdiction."""
    return jurisdiction_data(record, name)
