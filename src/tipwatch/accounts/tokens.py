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
from tipwatch.accounts.users import Account, _find, audit_account, not_allowed
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import NotFoundError
from tipwatch.store import Database

TOKEN_PREFIX = "tw_"


@dataclass(frozen=True)
class IssuedToken:
    id: int
    username: str
    name: str
    token: str


@dataclass(frozen=True)
class TokenInfo:
    """A token as its owner and administrators see it: never the token or its hash."""

    id: int
    username: str
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "username": self.username,
            "name": self.name,
            "created_at": self.created_at.isoformat(),
            "last_used_at": self.last_used_at.isoformat() if self.last_used_at else None,
            "revoked": self.revoked,
        }


def issue_token(db: Database, username: str, name: str, *, actor: str) -> IssuedToken:
    """Mint a token for ``username``. Only the owner mints their tokens (``actor`` must be ``username``):
    a token minted by someone else would let them act, and be logged, in the owner's name."""
    if actor != username:
        raise not_allowed(
            ProblemCode.TOKEN_FOR_ANOTHER_USER,
            f"{actor!r} may not mint a token for {username!r}; tokens are minted only by their owner "
            "(logged in as that user, or on the command line with that user's password)",
        )
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


def list_tokens(db: Database, username: str) -> list[TokenInfo]:
    with db.session() as session:
        user = _find(session, username)
        rows = session.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id))
        return [
            TokenInfo(
                id=row.id,
                username=username,
                name=row.name,
                created_at=_aware(row.created_at),
                last_used_at=_aware(row.last_used_at) if row.last_used_at else None,
                revoked=row.revoked,
            )
            for row in rows
        ]


def revoke_token(db: Database, username: str, token_id: int, *, actor: str) -> TokenInfo:
    """Revoke one token of ``username``; revoking a revoked token changes nothing and logs nothing."""
    with db.session() as session:
        user = _find(session, username)
        row = session.scalar(select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user.id))
        if row is None:
            raise NotFoundError(f"{username!r} has no token with id {token_id}", [])
        if not row.revoked:
            row.revoked = True
            audit_account(session, actor, "revoke-token", username, {"token_id": row.id, "name": row.name})
        info = TokenInfo(row.id, username, row.name, _aware(row.created_at), None, True)
    accounts_changed()
    return info


def revoke_tokens(db: Database, username: str, *, actor: str) -> int:
    with db.session() as session:
        user = _find(session, username)
        rows = list(
            session.scalars(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked.is_(False)))
        )
        for row in rows:
            row.revoked = True
        count = len(rows)
        if rows:
            audit_account(session, actor, "revoke-tokens", username, {"token_ids": [row.id for row in rows]})
    accounts_changed()
    return count
