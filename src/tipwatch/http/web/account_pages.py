"""Login, logout, first-run setup and user administration pages (twins: ``/api/login``, ``/api/users``)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tipwatch.accounts import Account, Permission, Role
from tipwatch.accounts.tokens import IssuedToken, issue_token, list_tokens, revoke_token, revoke_tokens
from tipwatch.accounts.users import (
    count_users,
    create_first_administrator,
    create_user,
    list_users,
    set_active,
    set_role,
)
from tipwatch.http.auth import csrf_protect, get_db, get_settings, require
from tipwatch.http.login import log_in, log_out
from tipwatch.http.web.render import render
from tipwatch.problems import InputError
from tipwatch.registry.repository import audit_log
from tipwatch.store import Database

router = APIRouter(dependencies=[Depends(csrf_protect)])
Admin = Annotated[Account, Depends(require(Permission.USERS))]


def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", {"next": _safe_next(next), "message": None})


@router.post("/login")
def login_submit(
    request: Request,
    username: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    response = RedirectResponse(_safe_next(next), status_code=303)
    try:
        log_in(request, response, username, password)
    except HTTPException as exc:
        if exc.status_code == 401:
            return render(request, "login.html", {"next": _safe_next(next), "message": exc.detail}, 401)
        raise
    return response


@router.post("/logout")
def logout_submit(request: Request) -> Response:
    response = RedirectResponse("/", status_code=303)
    log_out(request, response)
    return response


def _setup_allowed(request: Request, token: str) -> bool:
    expected = get_settings(request).setup_token
    return bool(expected) and hmac.compare_digest(token, expected or "") and count_users(get_db(request)) == 0


@router.get("/setup", response_class=HTMLResponse)
def setup_page(request: Request, token: str = "") -> HTMLResponse:
    if not _setup_allowed(request, token):
        raise HTTPException(404, "no setup pending: the first administrator exists, or the link is wrong")
    return render(request, "setup.html", {"token": token, "message": None, "page_query": {"token": token}})


@router.post("/setup")
def setup_submit(
    request: Request,
    token: Annotated[str, Form(max_length=200)],
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1000)],
) -> Response:
    if not _setup_allowed(request, token):
        raise HTTPException(404, "no setup pending: the first administrator exists, or the link is wrong")
    try:
        created = create_first_administrator(get_db(request), username, password)
    except InputError as exc:
        return render(
            request, "setup.html", {"token": token, "message": exc.summary, "problems": exc.problems}, 400
        )
    if created is None:  # another set-up won the race
        raise HTTPException(404, "no setup pending: the first administrator exists, or the link is wrong")
    return RedirectResponse("/login?next=/users", status_code=303)


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, admin: Admin) -> HTMLResponse:
    return _users_page(request, get_db(request), admin, None)


def _users_page(request: Request, db: Database, admin: Account, issued: IssuedToken | None) -> HTMLResponse:
    users = list_users(db)
    context = {
        "me": admin.username,
        "tokens": [token for user in users for token in list_tokens(db, user.username)],
        "users": users,
        "roles": list(Role),
        "issued": issued,
        "changes": audit_log(db, limit=20, accounts=True),
    }
    return render(request, "users.html", context)


@router.post("/users", response_class=HTMLResponse)
def users_submit(
    request: Request,
    admin: Admin,
    action: Annotated[str, Form(max_length=20)],
    username: Annotated[str, Form(max_length=64)],
    role: Annotated[str, Form(max_length=20)] = "viewer",
    password: Annotated[str, Form(max_length=1000)] = "",
    token_name: Annotated[str, Form(max_length=100)] = "api",
    token_id: Annotated[int, Form(ge=0, le=2**31 - 1)] = 0,
) -> HTMLResponse:
    db = get_db(request)
    issued = None
    actor = admin.username
    if action == "add":
        create_user(db, username, password, Role.parse(role), actor=actor)
    elif action == "set-role":
        set_role(db, username, Role.parse(role), actor=actor)
    elif action in ("deactivate", "activate"):
        set_active(db, username, action == "activate", actor=actor)
    elif action == "token":
        issued = issue_token(db, username, token_name, actor=actor)
    elif action == "revoke-token":
        revoke_token(db, username, token_id, actor=actor)
    elif action == "revoke-tokens":
        revoke_tokens(db, username, actor=actor)
    else:
        raise HTTPException(
            400,
            f"unknown action {action!r}; expected add, set-role, activate, deactivate, token, revoke-token "
            "or revoke-tokens",
        )
    return _users_page(request, db, admin, issued)
