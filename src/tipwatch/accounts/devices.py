"""Known devices: a browser that logged in to an account with the right password gets a long-lived
random cookie whose hash is kept here. A login from the account's own known device is not held back by
the account's throttle (issue 16, item 4). Ended with every other credential when the account is
deactivated or its password reset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from tipwatch.accounts.models import KnownDevice, User
from tipwatch.accounts.secrets_store import digest, new_secret
from tipwatch.accounts.users import Account
from tipwatch.store import Database

DEVICE_LIFETIME = timedelta(days=180)


def remember_device(db: Database, account: Account, device_id: str | None) -> str:
    """The device id to keep in the browser after a successful login: the one it has, if it already
    belongs to this account, else a new one."""
    now = datetime.now(UTC)
    with db.session() as session:
        session.execute(delete(KnownDevice).where(KnownDevice.last_used_at < now - DEVICE_LIFETIME))
        if device_id:
            row = session.scalar(select(KnownDevice).where(KnownDevice.device_hash == digest(device_id)))
            if row is not None and row.user_id == account.id:
                row.last_used_at = now
                return device_id
        device_id = new_secret("")
        session.add(
            KnownDevice(user_id=account.id, device_hash=digest(device_id), created_at=now, last_used_at=now)
        )
    return device_id


def is_known_device(db: Database, device_id: str | None, username: str) -> bool:
    """Whether ``device_id`` is a known device of the active account ``username``."""
    if not device_id:
        return False
    cutoff = datetime.now(UTC) - DEVICE_LIFETIME
    query = (
        select(KnownDevice.id)
        .join(User, User.id == KnownDevice.user_id)
        .where(
            KnownDevice.device_hash == digest(device_id),
            User.username == username,
            User.active.is_(True),
            KnownDevice.last_used_at >= cutoff,
        )
    )
    with db.session() as session:
        return session.scalar(query) is not None
