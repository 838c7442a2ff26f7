"""API tokens for machines: shown once at creation, stored only as a hash, revocable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from tipwatch.accounts.changes import accounts_changed
from tipwatch.accounts.models import ApiToken, User
from tipwatch.accounts.roles import Role
from tipwatch.accounts.secrets_store import digest, new_secret
from tipwatch.accounts.sessions import _aware
from tipwatch.accounts.users import Account, _find, audit_account
from tipwatch.store import Database

TOKEN_PREFIX = "tw_"


@dataclass(frozen=True)
class IssuedToken:
    id: int
    username: str
    name: str
    token: str


def issue_token(db: Database, username: str, name: str, *, actor: str) -> IssuedToken:
    token = new_secret(TOKEN_PREFIX)
    with db.session() as session:
        user = _find(session, username)
        row = ApiToken(
            user_id=user.id,
            name=name[:100],
            token_hash=digest(token),
            created_at=datetime.now(UTC),
            revoked=False,
        )
        session.add(row)
        session.flush()
        audit_account(session, actor, "issue-token", username, {"token_id": row.id, "name": row.name})
        return IssuedToken(id=row.id, username=username, name=row.name, token=token)


LAST_USED_RESOLUTION = timedelta(minutes=5)


def account_for_token(db: Database, token: str) -> Account | None:
    """The active account a token belongs to. ``last_used_at`` is refreshed at most every few minutes,
    so that reading with a token does not turn every request into a write."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    query = (
        select(ApiToken.id, ApiToken.last_used_at, User.id, User.username, User.role)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_hash == digest(token), ApiToken.revoked.is_(False), User.active.is_(True))
    )
    with db.engine.connect() as connection:
        row = connection.execute(query).first()
    if row is None:
        return None
    token_id, last_used, user_id, username, role = row
    now = datetime.now(UTC)
    if last_used is None or _aware(last_used) + LAST_USED_RESOLUTION < now:
        with db.session() as session:
            session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))
    return Account(id=user_id, username=username, role=Role(role), active=True)


def revoke_tokens(db: Database, username: str, *, actor: str) -> int:
    with db.session() as session:
        user = _find(session, username)
        rows = list(
            session.scalars(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked.is_(False)))
        )
        for row in rows:
            row.revoked = True
        count = len(rows)
        audit_account(session, actor, "revoke-tokens", username, {"token_ids": [row.id for row in rows]})
    accounts_changed()
    return count
