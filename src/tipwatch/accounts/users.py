"""Users: create, list, change role, (de)activate, authenticate. Every function takes a ``Database``
and commits as one unit of work; every change names its ``actor`` and is recorded in the audit log in the
same transaction (never a password or a hash)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from tipwatch.accounts.changes import accounts_changed
from tipwatch.accounts.models import ApiToken, KnownDevice, LoginSession, User
from tipwatch.accounts.passwords import dummy_verify, hash_password, verify_password
from tipwatch.accounts.roles import Role
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, NotFoundError, Problem
from tipwatch.store import Database
from tipwatch.store.audit import ACCOUNTS_ENTITY, AUDIT, audit_entry, checked_actor

USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{1,63}$"
_USERNAME = re.compile(USERNAME_PATTERN)


class UsernameTaken(InputError):
    """A conflict with an existing user (HTTP 409)."""


class NotAllowed(InputError):
    """A change this actor may not make, whatever their role (HTTP 403)."""


def not_allowed(code: ProblemCode, message: str) -> NotAllowed:
    return NotAllowed(message.split(";")[0], [Problem(code, message)])


@dataclass(frozen=True)
class Account:
    """A user as the rest of the program sees it: never with the password hash."""

    id: int
    username: str
    role: Role
    active: bool

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "username": self.username, "role": self.role.value, "active": self.active}


def _account(user: User) -> Account:
    return Account(id=user.id, username=user.username, role=Role(user.role), active=user.active)


def check_username(username: str) -> None:
    if not _USERNAME.match(username):
        raise InputError(
            "invalid username",
            [
                Problem(
                    ProblemCode.INVALID_USERNAME,
                    f"received username {username!r}; expected 2-64 characters: lower-case letters, digits, "
                    "'.', '_' or '-', starting with a letter or digit",
                    location=Location(field="username"),
                )
            ],
        )


def audit_account(session: Session, actor: str, action: str, username: str, detail: dict[str, Any]) -> None:
    """Append an entry about the account ``username`` to the audit log, in the session's transaction."""
    session.execute(
        insert(AUDIT), audit_entry(checked_actor(actor), action, ACCOUNTS_ENTITY, username, detail)
    )


def create_user(db: Database, username: str, password: str, role: Role, *, actor: str) -> Account:
    check_username(username)
    password_hash = hash_password(password, username)
    with db.session() as session:
        return _insert_user(session, username, password_hash, role, actor)


def create_first_administrator(db: Database, username: str, password: str) -> Account | None:
    """The first-run set-up: create an administrator only while no user exists, as one transaction that
    holds the table's write lock, so that concurrent set-ups create one administrator (the others get
    ``None``)."""
    check_username(username)
    password_hash = hash_password(password, username)
    with db.session() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("LOCK TABLE accounts_user IN SHARE ROW EXCLUSIVE MODE"))
        else:  # SQLite: take the database's write lock before reading (BEGIN IMMEDIATE's effect)
            session.execute(text("DELETE FROM accounts_user WHERE 0"))
        if session.scalar(select(func.count()).select_from(User)):
            return None
        return _insert_user(session, username, password_hash, Role.ADMINISTRATOR, username)


def _insert_user(session: Session, username: str, password_hash: str, role: Role, actor: str) -> Account:
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise UsernameTaken(
            "username taken",
            [
                Problem(
                    ProblemCode.USERNAME_TAKEN,
                    f"a user named {username!r} already exists; choose another name",
                    location=Location(field="username"),
                )
            ],
        )
    user = User(
        username=username,
        password_hash=password_hash,
        role=role.value,
        active=True,
        created_at=datetime.now(UTC),
    )
    session.add(user)
    session.flush()
    audit_account(session, actor, "create", username, {"role": role.value})
    return _account(user)


def count_users(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(User)) or 0)


def list_users(db: Database) -> list[Account]:
    with db.session() as session:
        return [_account(u) for u in session.scalars(select(User).order_by(User.username))]


def get_user(db: Database, username: str) -> Account:
    with db.session() as session:
        return _account(_find(session, username))


def _find(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        names = list(session.scalars(select(User.username).order_by(User.username)))
        close = [n for n in names if n.startswith(username[:2])][:3]
        raise NotFoundError(f"no user named {username!r}", close)
    return user


def _refuse_own(actor: str, username: str, what: str) -> None:
    """Nobody changes their own role or activity: an administrator who gives themselves the case
    officer's role could read victims' records in their own name (issue 16, item 6)."""
    if actor == username:
        raise not_allowed(
            ProblemCode.OWN_ACCOUNT_CHANGE,
            f"{actor!r} may not change their own {what}; another administrator must make this change",
        )


def end_credentials(session: Session, user_id: int) -> dict[str, int]:
    """End every session, known device and API token of an account, in the session's transaction."""
    revoked = session.execute(
        update(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked.is_(False)).values(revoked=True)
    )
    sessions = session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))
    session.execute(delete(KnownDevice).where(KnownDevice.user_id == user_id))
    return {"tokens_revoked": _count(revoked), "sessions_ended": _count(sessions)}


def _count(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def set_role(db: Database, username: str, role: Role, *, actor: str) -> Account:
    _refuse_own(actor, username, "role")
    with db.session() as session:
        user = _find(session, username)
        if user.role != role.value:  # no change, no audit entry
            audit_account(session, actor, "update", username, {"changed": {"role": [user.role, role.value]}})
            user.role = role.value
        account = _account(user)
    accounts_changed()
    return account


def set_active(db: Database, username: str, active: bool, *, actor: str) -> Account:
    """(De)activate an account. Either way every session, device and token it had ends: reactivating
    brings none of them back (issue 16, item 3)."""
    _refuse_own(actor, username, "activity")
    with db.session() as session:
        user = _find(session, username)
        if user.active != active:
            ended = end_credentials(session, user.id)
            detail = {"changed": {"active": [user.active, active]}, **ended}
            audit_account(session, actor, "update", username, detail)
            user.active = active
        account = _account(user)
    accounts_changed()
    return account


def set_password(db: Database, username: str, password: str, *, actor: str) -> Account:
    """Set a new password; every session, device and token of the account ends."""
    password_hash = hash_password(password, username)
    with db.session() as session:
        user = _find(session, username)
        ended = end_credentials(session, user.id)
        audit_account(session, actor, "set-password", username, ended)
        user.password_hash = password_hash
        account = _account(user)
    accounts_changed()
    return account


def check_credentials(db: Database, username: str, password: str) -> Account | None:
    """The active account with these credentials, or ``None`` (in the same time either way)."""
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            dummy_verify()
            return None
        if not verify_password(user.password_hash, password) or not user.active:
            return None
        return _account(user)
