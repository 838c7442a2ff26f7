"""Browser sessions kept on the server: the cookie holds a random id, the table only its hash, so a
logout or a deactivated user ends the session at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select

from tipwatch.accounts.models import LoginSession, User
from tipwatch.accounts.roles import Role
from tipwatch.accounts.secrets_store import digest, new_secret
from tipwatch.accounts.users import Account
from tipwatch.store import Database

SESSION_LIFETIME = timedelta(hours=8)


def start_session(db: Database, account: Account) -> str:
    session_id = new_secret("")
    now = datetime.now(UTC)
    with db.session() as session:
        session.execute(delete(LoginSession).where(LoginSession.expires_at < now))
        session.add(
            LoginSession(
                user_id=account.id,
                session_hash=digest(session_id),
                created_at=now,
                expires_at=now + SESSION_LIFETIME,
            )
        )
    return session_id


def account_for_session(db: Database, session_id: str) -> Account | None:
    with db.session() as session:
        row = session.scalar(select(LoginSession).where(LoginSession.session_hash == digest(session_id)))
        if row is None or _aware(row.expires_at) < datetime.now(UTC):
            return None
        user = session.get(User, row.user_id)
        if user is None or not user.active:
            return None
        return Account(id=user.id, username=user.username, role=Role(user.role), active=user.active)


def end_session(db: Database, session_id: str) -> None:
    with db.session() as session:
        session.execute(delete(LoginSession).where(LoginSession.session_hash == digest(session_id)))


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
