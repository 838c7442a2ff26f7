"""Logging in and out, shared by the login form and ``POST /api/login``: throttled per client address
and per account with a doubling wait (never a lockout of the account's own known device), sessions kept
on the server (issue 16, item 4)."""

from __future__ import annotations

from fastapi import HTTPException, Request, Response

from tipwatch.accounts import Account
from tipwatch.accounts.devices import DEVICE_LIFETIME, is_known_device, remember_device
from tipwatch.accounts.sessions import end_session, start_session
from tipwatch.accounts.throttle import record_failure, record_success, seconds_locked, throttle_keys
from tipwatch.accounts.users import check_credentials
from tipwatch.http.auth import SESSION_COOKIE, get_db, get_settings
from tipwatch.http.client_address import client_address, parse_proxies
from tipwatch.http.security import cookie_options

DEVICE_COOKIE = "tipwatch_device"


def log_in(request: Request, response: Response, username: str, password: str) -> Account:
    db = get_db(request)
    settings = get_settings(request)
    keys = throttle_keys(username, client_address(request, parse_proxies(settings.trusted_proxies)))
    device = request.cookies.get(DEVICE_COOKIE)
    waiting = [keys.address] if is_known_device(db, device, username) else keys.both()
    wait = seconds_locked(db, waiting)
    if wait:
        raise HTTPException(
            429, f"too many failed logins; try again in {wait} seconds", headers={"Retry-After": str(wait)}
        )
    account = check_credentials(db, username, password)
    if account is None:
        record_failure(db, keys.both())
        raise HTTPException(401, "wrong username or password")
    record_success(db, [keys.account])  # the address's count stays: a login of one's own resets nothing
    session_id = start_session(db, account)
    options = cookie_options(settings)
    response.set_cookie(SESSION_COOKIE, session_id, **options)  # type: ignore[arg-type]
    device = remember_device(db, account, device)
    max_age = int(DEVICE_LIFETIME.total_seconds())
    response.set_cookie(DEVICE_COOKIE, device, max_age=max_age, **options)  # type: ignore[arg-type]
    return account


def log_out(request: Request, response: Response) -> None:
    session_id = request.cookies.get(SESSION_COOKIE)
    if session_id:
        end_session(get_db(request), session_id)
    response.delete_cookie(SESSION_COOKIE, path="/")
