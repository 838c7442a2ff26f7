"""Rate limiting of logins: after ``MAX_FAILURES`` failures within ``WINDOW`` for one username or one
client address, further attempts are refused until ``LOCKOUT`` has passed. Kept in the database so
that it holds across workers and restarts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tipwatch.accounts.models import LoginThrottle
from tipwatch.accounts.sessions import _aware
from tipwatch.store import Database

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)


def throttle_keys(username: str, client: str | None) -> list[str]:
    return [f"user:{username.lower()[:150]}", f"ip:{client or 'unknown'}"]


def seconds_locked(db: Database, keys: list[str]) -> int:
    """How long any of these keys is still locked out (0 when none is)."""
    now = datetime.now(UTC)
    longest = 0
    with db.session() as session:
        for key in keys:
            row = session.get(LoginThrottle, key)
            if row is not None and row.locked_until is not None and _aware(row.locked_until) > now:
                longest = max(longest, int((_aware(row.locked_until) - now).total_seconds()) + 1)
    return longest


def record_failure(db: Database, keys: list[str]) -> None:
    now = datetime.now(UTC)
    with db.session() as session:
        for key in keys:
            row = session.get(LoginThrottle, key)
            if row is None:
                row = LoginThrottle(key=key, failures=0, window_start=now)
                session.add(row)
            elif _aware(row.window_start) + WINDOW < now:
                row.failures, row.window_start, row.locked_until = 0, now, None
            row.failures += 1
            if row.failures >= MAX_FAILURES:
                row.locked_until = now + LOCKOUT


def record_success(db: Database, username_key: str) -> None:
    with db.session() as session:
        row = session.get(LoginThrottle, username_key)
        if row is not None:
            session.delete(row)
