"""The tier record as the server reads it: loaded once per app from the database (the bundled record
is stored first if the database has none), so history queries answer from memory. A server started
before ``tipwatch load`` changed the record sees the change after a restart."""

from __future__ import annotations

import threading

from fastapi import Request

from tipwatch.history import TierRecord
from tipwatch.store.tier_repository import load_record

_lock = threading.Lock()


def tier_record(request: Request) -> TierRecord:
    state = request.app.state
    record: TierRecord | None = getattr(state, "tier_record", None)
    if record is None:
        with _lock:
            record = getattr(state, "tier_record", None)
            if record is None:
                record = load_record(state.database)
                state.tier_record = record
    return record
