"""Users: create, list, change role, (de)activate, authenticate. Every function takes a ``Database``
and commits as one unit of work; every change names its ``actor`` and is recorded in the audit log in the
same transaction (never a password or a hash)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from tipwatch.accounts.changes import accounts_changed
from tipwatch.accounts.models import User
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
    password_hash = hash_password(password)
    with db.session() as session:
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


def set_role(db: Database, username: str, role: Role, *, actor: str) -> Account:
    with db.session() as session:
        user = _find(session, username)
        audit_account(session, actor, "update", username, {"changed": {"role": [user.role, role.value]}})
        user.role = role.value
        account = _account(user)
    accounts_changed()
    return account


def set_active(db: Database, username: str, active: bool, *, actor: str) -> Account:
    with db.session() as session:
        user = _find(session, username)
        audit_account(session, actor, "update", username, {"changed": {"active": [user.active, active]}})
        user.active = active
        account = _account(user)
    accounts_changed()
    return account


def set_password(db: Database, username: str, password: str, *, actor: str) -> Account:
    password_hash = hash_password(password)
    with db.session() as session:
        user = _find(session, username)
        audit_account(session, actor, "set-password", username, {})
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
