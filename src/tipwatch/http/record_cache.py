"""The tier record as the server reads it: loaded once per app from the database (the bundled record
is stored first if the database has none), so history queries answer from memory. A server started
before ``tipwatch load`` changed the record sees the change after a restart."""

from __future__ import annotations

import threading

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from tipwatch.history import TierRecord
from tipwatch.store.tier_repository import load_record

_lock = threading.Lock()


def _load(state: object) -> TierRecord:
    with _lock:
        record: TierRecord | None = getattr(state, "tier_record", None)
        if record is None:
            record = load_record(state.database)  # type: ignore[attr-defined]
            state.tier_record = record  # type: ignore[attr-defined]
        return record


async def tier_record(request: Request) -> TierRecord:
    """A dependency: the app's tier record (read from the database on first use, off the event loop)."""
    record: TierRecord | None = getattr(request.app.state, "tier_record", None)
    if record is None:
        record = await run_in_threadpool(_load, request.app.state)
    return record
