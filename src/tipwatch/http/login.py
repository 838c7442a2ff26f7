"""Logging in and out, shared by the login form and ``POST /api/login``: throttled per username and per
client address, sessions kept on the server."""

from __future__ import annotations

from fastapi import HTTPException, Request, Response

from tipwatch.accounts import Account
from tipwatch.accounts.sessions import end_session, start_session
from tipwatch.accounts.throttle import record_failure, record_success, seconds_locked, throttle_keys
from tipwatch.accounts.users import check_credentials
from tipwatch.http.auth import SESSION_COOKIE, get_db, get_settings
from tipwatch.http.security import cookie_options


def log_in(request: Request, response: Response, username: str, password: str) -> Account:
    db = get_db(request)
    keys = throttle_keys(username, request.client.host if request.client else None)
    wait = seconds_locked(db, keys)
    if wait:
        raise HTTPException(
            429, f"too many failed logins; try again in {wait} seconds", headers={"Retry-After": str(wait)}
        )
    account = check_credentials(db, username, password)
    if account is None:
        record_failure(db, keys)
        raise HTTPException(401, "wrong username or password")
    record_success(db, keys[0])
    session_id = start_session(db, account)
    response.set_cookie(SESSION_COOKIE, session_id, **cookie_options(get_settings(request)))  # type: ignore[arg-type]
    return account


def log_out(request: Request, response: Response) -> None:
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        end_session(get_db(request), session_id)
    response.delete_cookie(SESSION_COOKIE, path="/")
