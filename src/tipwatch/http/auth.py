"""Who is asking, and may they? Bearer API tokens for machines, session cookies for browsers, and the
CSRF check that every cookie-authenticated write must pass."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from tipwatch.accounts import Account, Permission, permissions_of
from tipwatch.accounts.changes import accounts_generation
from tipwatch.accounts.sessions import account_for_session
from tipwatch.accounts.tokens import account_for_token
from tipwatch.http.settings import Settings
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


TOKEN_CACHE_SECONDS = 1.0
TOKEN_CACHE_SIZE = 1024
_token_lock = threading.Lock()


def _token_cache(request: Request) -> OrderedDict[str, tuple[float, int, Account | None]]:
    cache: OrderedDict[str, tuple[float, int, Account | None]] = request.app.state.__dict__.setdefault(
        "token_cache", OrderedDict()
    )
    return cache


def _cached_token_account(request: Request, token: str) -> tuple[bool, Account | None]:
    """(hit, account) from the app's short-lived token cache. An entry is good for
    ``TOKEN_CACHE_SECONDS`` and only while no account changed in this process since it was made, so a
    revocation or role change here applies at once, and one made by another process within a second."""
    cache = _token_cache(request)
    with _token_lock:
        entry = cache.get(token)
        if entry is None:
            return False, None
        expires, generation, account = entry
        if generation != accounts_generation():
            return False, None
        if expires < time.monotonic():
            # One request re-reads the token; the others keep the entry meanwhile (no burst of queries).
            refreshing: set[str] = request.app.state.__dict__.setdefault("tokens_refreshing", set())
            if token in refreshing:
                return True, account
            refreshing.add(token)
            return False, None
    return True, account


def _token_account(request: Request, token: str) -> Account | None:
    generation = accounts_generation()
    try:
        account = account_for_token(get_db(request), token)
    finally:
        with _token_lock:
            request.app.state.__dict__.setdefault("tokens_refreshing", set()).discard(token)
    cache = _token_cache(request)
    with _token_lock:
        cache[token] = (time.monotonic() + TOKEN_CACHE_SECONDS, generation, account)
        cache.move_to_end(token)
        while len(cache) > TOKEN_CACHE_SIZE:
            cache.popitem(last=False)
    return account


def _remember(request: Request, token: str | None, account: Account | None) -> Account | None:
    if token is not None and account is None:
        raise HTTPException(
            401, "the API token is unknown or revoked", headers={"WWW-Authenticate": "Bearer"}
        )
    request.state.account = account
    return account


def current_account(request: Request) -> Account | None:
    """The account behind the request's bearer token or session cookie (cached per request; tokens also
    in a short-lived per-app cache, see ``_cached_token_account``)."""
    if hasattr(request.state, "account"):
        cached: Account | None = request.state.account
        return cached
    token = _bearer(request)
    account: Account | None = None
    if token is not None:
        hit, account = _cached_token_account(request, token)
        if not hit:
            account = _token_account(request, token)
    elif (session_id := request.cookies.get(SESSION_COOKIE)) is not None:
        account = account_for_session(get_db(request), session_id)
    return _remember(request, token, account)


async def current_account_async(request: Request) -> Account | None:
    """``current_account`` for async code: a cached token answers on the event loop, anything that needs
    the database runs in the thread pool."""
    if hasattr(request.state, "account"):
        cached: Account | None = request.state.account
        return cached
    token = _bearer(request)
    if token is not None:
        hit, account = _cached_token_account(request, token)
        if not hit:
            account = await run_in_threadpool(_token_account, request, token)
        return _remember(request, token, account)
    return await run_in_threadpool(current_account, request)


OptionalAccount = Annotated[Account | None, Depends(current_account)]


def require(permission: Permission | None = None) -> Callable[[Request], Awaitable[Account]]:
    """A dependency: a logged-in account that holds ``permission`` (any logged-in account if None).
    Async: a token found in the short-lived token cache costs no thread-pool hop, and a lookup in the
    database runs in the thread pool, never on the event loop."""

    async def dependency(request: Request) -> Account:
        account = await current_account_async(request)
        if account is None:
            raise HTTPException(401, "log in first (session cookie or 'Authorization: Bearer <token>')")
        if permission is not None and permission not in permissions_of(account.role):
            raise HTTPException(
                403, f"the role {account.role.value!r} may not do this (needs {permission.value!r})"
            )
        return account

    return dependency


def csrf_token_for(request: Request) -> str:
    """The token a page embeds in its forms: an HMAC of the browser's CSRF cookie and its session, so a
    token is good only with the session it was made for (issue 16, item 12): one taken from another
    browser, or from before a login, is refused."""
    cookie = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf_cookie", None)
    if cookie is None:
        cookie = secrets.token_urlsafe(32)
        request.state.new_csrf_cookie = cookie
    session = request.cookies.get(SESSION_COOKIE, "")
    key = get_settings(request).secret_key.encode("utf-8")
    return hmac.new(key, f"{cookie}|{session}".encode(), hashlib.sha256).hexdigest()


LOGIN_PATHS = frozenset({"/login", "/api/login", "/setup"})


async def csrf_protect(request: Request) -> None:
    """Refuse an unsafe request that rides on a session cookie (or logs in) unless it carries the CSRF
    token, in the ``X-CSRF-Token`` header or the ``csrf_token`` form field. Requests with a bearer token
    or without a session cookie carry no ambient authority, so a forged one gains nothing."""
    if request.method in _SAFE or _bearer(request) is not None:
        return
    if SESSION_COOKIE not in request.cookies and request.url.path not in LOGIN_PATHS:
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
