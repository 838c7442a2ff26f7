"""Throttling of logins (issue 16, item 4): no hard lockout that anyone can trigger.

Failures are counted per client address and per account name. After ``FREE_FAILURES`` failures each
further attempt must wait, the wait doubling from ``FIRST_DELAY`` up to ``MAX_DELAY``; a ``WINDOW``
without failures starts the count afresh. The per-address wait always applies; the per-account wait does
not apply to the account's own known device (a browser that logged in to it with the right password
before, see :mod:`tipwatch.accounts.devices`), so failures from elsewhere cannot lock the owner out.

The table holds no user name in clear text: an account's key is a hash of the lower-cased name (a
mistyped name is often a password). Rows whose window has passed are deleted as failures come in, and
the table never holds more than ``MAX_ROWS`` rows. Kept in the database, so it holds across workers and
restarts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from tipwatch.accounts.models import LoginThrottle
from tipwatch.accounts.sessions import _aware
from tipwatch.store import Database

FREE_FAILURES = 5
FIRST_DELAY = timedelta(seconds=2)
MAX_DELAY = timedelta(minutes=15)
WINDOW = timedelta(minutes=15)
MAX_ROWS = 100_000


@dataclass(frozen=True)
class ThrottleKeys:
    account: str
    address: str

    def both(self) -> list[str]:
        return [self.account, self.address]


def account_key(username: str) -> str:
    digest = hashlib.sha256(username.strip().lower().encode("utf-8")).hexdigest()
    return f"user:{digest[:40]}"


def throttle_keys(username: str, client: str | None) -> ThrottleKeys:
    return ThrottleKeys(account_key(username), f"ip:{(client or 'unknown')[:100]}")


def delay_after(failures: int) -> timedelta:
    """How long to wait after ``failures`` failures in a window."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    delay = FIRST_DELAY * (2 ** min(failures - FREE_FAILURES, 20))
    return delay if delay < MAX_DELAY else MAX_DELAY


def seconds_locked(db: Database, keys: list[str]) -> int:
    """How long the longest wait of these keys still runs (0 when none does)."""
    now = datetime.now(UTC)
    longest = 0
    with db.session() as session:
        for row in session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(keys))):
            if row.locked_until is not None and _aware(row.locked_until) > now:
                longest = max(longest, int((_aware(row.locked_until) - now).total_seconds()) + 1)
    return longest


def record_failure(db: Database, keys: list[str]) -> None:
    now = datetime.now(UTC)
    with db.session() as session:
        _prune(session, now)
        for key in keys:
            row = session.get(LoginThrottle, key)
            if row is None:
                row = LoginThrottle(key=key, failures=0, window_start=now)
                session.add(row)
            elif _aware(row.window_start) + WINDOW < now and not _waiting(row, now):
                row.failures, row.window_start, row.locked_until = 0, now, None
            row.failures += 1
            row.window_start = now  # the window runs from the latest failure
            wait = delay_after(row.failures)
            row.locked_until = now + wait if wait else None


def record_success(db: Database, keys: list[str]) -> None:
    with db.session() as session:
        session.execute(delete(LoginThrottle).where(LoginThrottle.key.in_(keys)))


def _waiting(row: LoginThrottle, now: datetime) -> bool:
    return row.locked_until is not None and _aware(row.locked_until) > now


def _prune(session: Session, now: datetime) -> None:
    """Drop rows whose window and wait have passed; past ``MAX_ROWS``, drop the oldest."""
    session.execute(
        delete(LoginThrottle).where(
            LoginThrottle.window_start < now - WINDOW,
            or_(LoginThrottle.locked_until.is_(None), LoginThrottle.locked_until < now),
        )
    )
    count = int(session.scalar(select(func.count()).select_from(LoginThrottle)) or 0)
    if count >= MAX_ROWS:
        oldest = select(LoginThrottle.key).order_by(LoginThrottle.window_start).limit(count - MAX_ROWS + 1)
        session.execute(delete(LoginThrottle).where(LoginThrottle.key.in_(oldest.scalar_subquery())))
