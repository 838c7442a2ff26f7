"""API tokens for machines: shown once at creation, stored only as a hash, revocable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from tipwatch.accounts.models import ApiToken, User
from tipwatch.accounts.roles import Role
from tipwatch.accounts.secrets_store import digest, new_secret
from tipwatch.accounts.users import Account, _find
from tipwatch.store import Database

TOKEN_PREFIX = "tw_"


@dataclass(frozen=True)
class IssuedToken:
    id: int
    username: str
    name: str
    token: str


def issue_token(db: Database, username: str, name: str) -> IssuedToken:
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
        return IssuedToken(id=row.id, username=username, name=row.name, token=token)


def account_for_token(db: Database, token: str) -> Account | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    with db.session() as session:
        row = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(token)))
        if row is None or row.revoked:
            return None
        user = session.get(User, row.user_id)
        if user is None or not user.active:
            return None
        row.last_used_at = datetime.now(UTC)
        return Account(id=user.id, username=user.username, role=Role(user.role), active=user.active)


def revoke_tokens(db: Database, username: str) -> int:
    with db.session() as session:
        user = _find(session, username)
        rows = list(
            session.scalars(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked.is_(False)))
        )
        for row in rows:
            row.revoked = True
        return len(rows)
