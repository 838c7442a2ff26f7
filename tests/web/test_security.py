"""Every route is classified by who may use it; unauthenticated and under-privileged requests are refused
where they must be. A new route that is not classified here fails the test."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from tipwatch.accounts import Permission, Role, permissions_of

Access = str
PUBLIC: Access = "public"
LOGIN: Access = "login"
USERS: Access = "users"
RECORDS: Access = "records"
ALL_STATISTICS: Access = "all_statistics"

POLICY: dict[tuple[str, str], Access] = {
    ("GET", "/"): PUBLIC,
    ("GET", "/login"): PUBLIC,
    ("POST", "/login"): PUBLIC,
    ("POST", "/logout"): PUBLIC,
    ("GET", "/setup"): PUBLIC,
    ("POST", "/setup"): PUBLIC,
    ("GET", "/users"): USERS,
    ("POST", "/users"): USERS,
    ("POST", "/api/login"): PUBLIC,
    ("POST", "/api/logout"): PUBLIC,
    ("GET", "/api/me"): PUBLIC,
    ("GET", "/api/users"): USERS,
    ("POST", "/api/users"): USERS,
    ("PATCH", "/api/users/{username}"): USERS,
    ("POST", "/api/users/{username}/tokens"): USERS,
    ("GET", "/api/registry/audit"): RECORDS,
    ("GET", "/api/registry/{table}"): RECORDS,
    ("GET", "/api/registry/{table}/{identifier}"): RECORDS,
    ("POST", "/api/registry/{table}"): RECORDS,
    ("POST", "/api/registry/{table}/{identifier}/delete"): RECORDS,
    ("GET", "/registry"): RECORDS,
    ("GET", "/registry/{table}"): RECORDS,
    ("GET", "/registry/{table}/new"): RECORDS,
    ("POST", "/registry/{table}/new"): RECORDS,
    ("GET", "/registry/{table}/{identifier}"): RECORDS,
    ("POST", "/registry/{table}/{identifier}/delete"): RECORDS,
    ("GET", "/api/statistics"): ALL_STATISTICS,
    ("POST", "/api/reply"): ALL_STATISTICS,
    ("GET", "/reply"): LOGIN,
    ("POST", "/reply"): LOGIN,
}

SAMPLE_PATH_VALUES: dict[str, str] = {"username": "viewer", "table": "cases", "identifier": "C-404"}

SAMPLE_BODIES: dict[tuple[str, str], Any] = {
    ("POST", "/api/users"): {"username": "probe", "password": "a long passphrase", "role": "viewer"},
    ("PATCH", "/api/users/{username}"): {"active": True},
    ("POST", "/api/users/{username}/tokens"): {"name": "probe"},
}


def _routes(app: FastAPI) -> list[tuple[str, str]]:
    """Every (method, path) the app answers, through included routers (tipwatch uses no prefixes)."""
    found: list[tuple[str, str]] = []

    def walk(routes: list[Any]) -> None:
        for route in routes:
            if isinstance(route, APIRoute):
                found.extend((method, route.path) for method in sorted(route.methods - {"HEAD"}))
            elif hasattr(route, "original_router"):
                walk(route.original_router.routes)

    walk(app.routes)
    return found


def _concrete(path: str) -> str:
    return re.sub(r"\{(\w+)(:\w+)?\}", lambda m: SAMPLE_PATH_VALUES.get(m.group(1), "x"), path)


def _allowed(access: Access, role: Role | None) -> bool:
    if access == PUBLIC:
        return True
    if role is None:
        return False
    return access == "login" or Permission(access) in permissions_of(role)


def test_every_route_is_classified(app: FastAPI) -> None:
    assert len(_routes(app)) >= len(POLICY) // 2
    unclassified = [r for r in _routes(app) if r not in POLICY]
    assert not unclassified, f"classify these routes in POLICY: {unclassified}"
    stale = [r for r in POLICY if r not in _routes(app)]
    assert not stale, f"these classified routes do not exist: {stale}"


@pytest.mark.parametrize("role", [None, *Role], ids=lambda r: r.value if r else "anonymous")
def test_requests_are_refused_unless_the_role_may(
    app: FastAPI, client: TestClient, accounts: Any, role: Role | None
) -> None:
    headers = accounts.headers(role) if role else {}
    checked = 0
    for method, path in _routes(app):
        access = POLICY[(method, path)]
        if access == PUBLIC:
            continue
        body = SAMPLE_BODIES.get((method, path))
        response = client.request(method, _concrete(path), headers=headers, json=body, follow_redirects=False)
        refused = response.status_code in (401, 403) or (
            response.status_code == 303 and response.headers["location"].startswith("/login")
        )
        if _allowed(access, role):
            assert not refused, (
                f"{role} was refused {method} {path}: {response.status_code} {response.text[:200]}"
            )
        else:
            assert refused, f"{role} reached {method} {path}: {response.status_code} {response.text[:200]}"
            if role is None and path.startswith("/api/") and method == "GET":
                assert response.status_code == 401
        checked += 1
    assert checked > 0


def test_cookie_session_writes_need_the_csrf_token(
    client: TestClient, accounts: Any, csrf_of: Any, log_in: Any
) -> None:
    log_in(client, "administrator")
    without = client.post(
        "/api/users", json={"username": "eve", "password": "a long passphrase", "role": "viewer"}
    )
    assert without.status_code == 403 and "CSRF" in without.json()["error"]
    forged = client.post(
        "/api/users",
        json={"username": "eve", "password": "a long passphrase", "role": "viewer"},
        headers={"X-CSRF-Token": "0" * 64},
    )
    assert forged.status_code == 403
    good = client.post(
        "/api/users",
        json={"username": "eve", "password": "a long passphrase", "role": "viewer"},
        headers={"X-CSRF-Token": csrf_of(client)},
    )
    assert good.status_code == 201, good.text
    assert [u["username"] for u in client.get("/api/users").json()].count("eve") == 1


def test_session_cookie_is_secure_httponly_and_samesite(
    client: TestClient, accounts: Any, csrf_of: Any
) -> None:
    token = csrf_of(client)
    response = client.post(
        "/login",
        data={"username": "analyst", "password": "correct horse battery", "csrf_token": token},
        follow_redirects=False,
    )
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("tipwatch_session=")
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert {"secure", "httponly", "samesite"} <= attributes
    assert "samesite=strict" in cookie.lower()
    me = client.get("/api/me").json()
    assert me["account"]["username"] == "analyst"
    client.post("/logout", data={"csrf_token": csrf_of(client)}, follow_redirects=False)
    assert client.get("/api/me").json()["account"] is None


def test_login_is_rate_limited(client: TestClient, accounts: Any, csrf_of: Any) -> None:
    token = csrf_of(client)
    statuses = [
        client.post(
            "/api/login",
            json={"username": "viewer", "password": f"wrong {i}"},
            headers={"X-CSRF-Token": token},
        ).status_code
        for i in range(7)
    ]
    assert statuses[:5] == [401] * 5 and statuses[5:] == [429, 429]
    locked = client.post(
        "/api/login",
        json={"username": "viewer", "password": "correct horse battery"},
        headers={"X-CSRF-Token": token},
    )
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0


def test_security_headers_on_pages_and_api(client: TestClient) -> None:
    for path in ("/", "/api/me", "/login"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_pages_load_nothing_from_other_hosts(client: TestClient) -> None:
    page = client.get("/login").text
    assert re.findall(r'(?:src|href)="(https?:)?//', page) == []
