"""``/api/login``, ``/api/logout``, ``/api/me`` and user administration (administrators only);
mirrors ``tipwatch users``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel, Field

from tipwatch.accounts import Account, Permission, Role, permissions_of
from tipwatch.accounts.passwords import MIN_PASSWORD_LENGTH, check_password_rules
from tipwatch.accounts.tokens import issue_token, list_tokens, revoke_token, revoke_tokens
from tipwatch.accounts.users import (
    USERNAME_PATTERN,
    create_user,
    get_user,
    list_users,
    set_active,
    set_password,
    set_role,
)
from tipwatch.http.auth import OptionalAccount, get_db, require
from tipwatch.http.login import log_in, log_out
from tipwatch.registry.repository import audit_log
from tipwatch.store import Database

router = APIRouter(tags=["accounts"])
Admin = Annotated[Account, Depends(require(Permission.USERS))]
LoggedIn = Annotated[Account, Depends(require())]
TokenId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Db = Annotated[Database, Depends(get_db)]


class Credentials(BaseModel):
    username: str = Field(max_length=200)
    password: str = Field(max_length=1000)


class AccountOut(BaseModel):
    id: int
    username: str
    role: Role
    active: bool


class Me(BaseModel):
    account: AccountOut | None
    permissions: list[str]


class NewUser(BaseModel):
    username: str = Field(pattern=USERNAME_PATTERN)
    password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=1000)
    role: Role


class UserChange(BaseModel):
    role: Role | None = None
    active: bool | None = None
    password: str | None = Field(default=None, min_length=MIN_PASSWORD_LENGTH, max_length=1000)


class TokenRequest(BaseModel):
    name: str = Field(min_length=1, max_length=100)


class TokenInfoOut(BaseModel):
    id: int
    username: str
    name: str
    created_at: str
    last_used_at: str | None
    revoked: bool


class Revoked(BaseModel):
    revoked: int


class TokenOut(BaseModel):
    id: int
    username: str
    name: str
    token: str


def _out(account: Account) -> AccountOut:
    return AccountOut(id=account.id, username=account.username, role=account.role, active=account.active)


@router.post("/api/login", response_model=AccountOut)
def api_login(body: Credentials, request: Request, response: Response) -> AccountOut:
    """Start a browser session (sets an HttpOnly, SameSite=Strict session cookie)."""
    return _out(log_in(request, response, body.username, body.password))


@router.post("/api/logout", status_code=204)
def api_logout(request: Request, response: Response) -> None:
    log_out(request, response)


@router.get("/api/me", response_model=Me)
def api_me(account: OptionalAccount) -> Me:
    return Me(
        account=_out(account) if account else None,
        permissions=sorted(p.value for p in permissions_of(account.role if account else None)),
    )


@router.get("/api/users", response_model=list[AccountOut])
def api_users(_: Admin, db: Db) -> list[AccountOut]:
    return [_out(a) for a in list_users(db)]


@router.post("/api/users", response_model=AccountOut, status_code=201)
def api_add_user(body: NewUser, admin: Admin, db: Db) -> AccountOut:
    return _out(create_user(db, body.username, body.password, body.role, actor=admin.username))


@router.patch("/api/users/{username}", response_model=AccountOut)
def api_change_user(username: str, body: UserChange, admin: Admin, db: Db) -> AccountOut:
    """Change a user's role, activity or password (each change one audit entry; none for no change).
    Nobody changes their own role or activity; deactivating, reactivating or a new password ends every
    session and token of the account."""
    actor = admin.username
    if body.password is not None:
        check_password_rules(body.password, username)  # before any change: nothing half-written
    if body.role is not None:
        set_role(db, username, body.role, actor=actor)
    if body.active is not None:
        set_active(db, username, body.active, actor=actor)
    if body.password is not None:
        set_password(db, username, body.password, actor=actor)
    return _out(get_user(db, username))


@router.get("/api/users/audit", response_model=list[dict[str, Any]])
def api_accounts_audit(
    _: Admin, db: Db, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> list[dict[str, Any]]:
    """The latest changes to accounts (who added a user, changed a role, issued a token…), newest first."""
    return audit_log(db, limit=limit, accounts=True)


@router.post("/api/me/tokens", response_model=TokenOut, status_code=201)
def api_issue_own_token(body: TokenRequest, me: LoggedIn, db: Db) -> TokenOut:
    """Mint an API token for yourself; it is shown once and stored only as a hash. Tokens are minted
    only by their owner, never by an administrator for someone else."""
    issued = issue_token(db, me.username, body.name, actor=me.username)
    return TokenOut(id=issued.id, username=issued.username, name=issued.name, token=issued.token)


@router.get("/api/me/tokens", response_model=list[TokenInfoOut])
def api_own_tokens(me: LoggedIn, db: Db) -> list[TokenInfoOut]:
    """Your API tokens (names and dates, never the tokens)."""
    return [TokenInfoOut(**t.to_dict()) for t in list_tokens(db, me.username)]


@router.delete("/api/me/tokens/{token_id}", response_model=TokenInfoOut)
def api_revoke_own_token(token_id: TokenId, me: LoggedIn, db: Db) -> TokenInfoOut:
    """Revoke one of your API tokens."""
    return TokenInfoOut(**revoke_token(db, me.username, token_id, actor=me.username).to_dict())


@router.post("/api/users/{username}/tokens", response_model=TokenOut, status_code=201)
def api_issue_token(username: str, body: TokenRequest, admin: Admin, db: Db) -> TokenOut:
    """Issue an API token: for the administrator's own account only (403 for anyone else's)."""
    issued = issue_token(db, username, body.name, actor=admin.username)
    return TokenOut(id=issued.id, username=issued.username, name=issued.name, token=issued.token)


@router.get("/api/users/{username}/tokens", response_model=list[TokenInfoOut])
def api_user_tokens(username: str, _: Admin, db: Db) -> list[TokenInfoOut]:
    """A user's API tokens (names and dates, never the tokens)."""
    return [TokenInfoOut(**t.to_dict()) for t in list_tokens(db, username)]


@router.delete("/api/users/{username}/tokens/{token_id}", response_model=TokenInfoOut)
def api_revoke_token(username: str, token_id: TokenId, admin: Admin, db: Db) -> TokenInfoOut:
    """Revoke one API token of a user."""
    return TokenInfoOut(**revoke_token(db, username, token_id, actor=admin.username).to_dict())


@router.delete("/api/users/{username}/tokens", response_model=Revoked)
def api_revoke_tokens(username: str, admin: Admin, db: Db) -> Revoked:
    """Revoke every API token of a user."""
    return Revoked(revoked=revoke_tokens(db, username, actor=admin.username))
