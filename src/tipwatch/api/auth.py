"""Who is asking, and may they? Bearer API tokens for machines, session cookies for browsers, and the
CSRF check that every cookie-authenticated write must pass."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from tipwatch.accounts import Account, Permission, permissions_of
from tipwatch.accounts.sessions import account_for_session
from tipwatch.accounts.tokens import account_for_token
from tipwatch.api.settings import Settings
from tipwatch.store import Database

SESSION_COOKIE = "tipwatch_session"
CSRF_COOKIE = "tipwatch_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
_SAFE = {"GET", "HEAD", "OPTIONS"}


def get_db(request: Request) -> Database:
    db: Database = request.app.state.database
    return db


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def current_account(request: Request) -> Account | None:
    """The account behind the request's bearer token or session cookie (cached per request)."""
    if hasattr(request.state, "account"):
        cached: Account | None = request.state.account
        return cached
    db = get_db(request)
    token = _bearer(request)
    account: Account | None = None
    if token is not None:
        account = account_for_token(db, token)
        if account is None:
            raise HTTPException(
                401, "the API token is unknown or revoked", headers={"WWW-Authenticate": "Bearer"}
            )
    elif (session_id := request.cookies.get(SESSION_COOKIE)) is not None:
        account = account_for_session(db, session_id)
    request.state.account = account
    return account


OptionalAccount = Annotated[Account | None, Depends(current_account)]


def require(permission: Permission | None = None) -> Callable[[Request], Account]:
    """A dependency: a logged-in account that holds ``permission`` (any logged-in account if None)."""

    def dependency(request: Request) -> Account:
        account = current_account(request)
        if account is None:
            raise HTTPException(401, "log in first (session cookie or 'Authorization: Bearer <token>')")
        if permission is not None and permission not in permissions_of(account.role):
            raise HTTPException(
                403, f"the role {account.role.value!r} may not do this (needs {permission.value!r})"
            )
        return account

    return dependency


def csrf_token_for(request: Request) -> str:
    """The token a page embeds in its forms: an HMAC of the browser's CSRF cookie."""
    cookie = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf_cookie", None)
    if cookie is None:
        cookie = secrets.token_urlsafe(32)
        request.state.new_csrf_cookie = cookie
    key = get_settings(request).secret_key.encode("utf-8")
    return hmac.new(key, cookie.encode("utf-8"), hashlib.sha256).hexdigest()


async def csrf_protect(request: Request) -> None:
    """Refuse an unsafe request that is not bearer-authenticated unless it carries the CSRF token, in the
    ``X-CSRF-Token`` header or the ``csrf_token`` form field."""
    if request.method in _SAFE or _bearer(request) is not None:
        return
    cookie = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if cookie is None or sent is None or not hmac.compare_digest(sent, csrf_token_for(request)):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page and submit the form again")
