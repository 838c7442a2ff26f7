"""Every route is classified by who may use it; unauthenticated and under-privileged requests are refused
where they must be. A new route that is not classified here fails the test."""

from __future__ import annotations

import re
from typing import Any

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
    ("GET", "/favicon.ico"): PUBLIC,
    ("GET", "/overview"): PUBLIC,
    ("GET", "/jurisdictions/{name}"): PUBLIC,
    ("GET", "/assessments"): PUBLIC,
    ("POST", "/assessments"): PUBLIC,
    ("GET", "/assessments/{name}"): PUBLIC,
    ("GET", "/read"): PUBLIC,
    ("POST", "/read"): PUBLIC,
    ("GET", "/statistics"): ALL_STATISTICS,
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
    ("POST", "/api/users/{username}/tokens"): USERS,  # and only for the administrator's own account
    ("GET", "/api/users/{username}/tokens"): USERS,
    ("DELETE", "/api/users/{username}/tokens"): USERS,
    ("DELETE", "/api/users/{username}/tokens/{token_id}"): USERS,
    ("GET", "/api/me/tokens"): LOGIN,
    ("POST", "/api/me/tokens"): LOGIN,
    ("DELETE", "/api/me/tokens/{token_id}"): LOGIN,
    ("GET", "/api/users/audit"): USERS,
    ("GET", "/api/registry/audit"): RECORDS,
    ("GET", "/api/registry/{table}"): RECORDS,
    ("GET", "/api/registry/{table}/{identifier}"): RECORDS,
    ("POST", "/api/registry/{table}"): RECORDS,
    ("POST", "/api/registry/{table}/{identifier}/delete"): RECORDS,
    ("PATCH", "/api/registry/{table}/{identifier}"): RECORDS,
    ("GET", "/registry/{table}/{identifier}/edit"): RECORDS,
    ("POST", "/registry/{table}/{identifier}/edit"): RECORDS,
    ("GET", "/registry"): RECORDS,
    ("GET", "/registry/{table}"): RECORDS,
    ("GET", "/registry/{table}/new"): RECORDS,
    ("POST", "/registry/{table}/new"): RECORDS,
    ("GET", "/registry/{table}/{identifier}"): RECORDS,
    ("POST", "/registry/{table}/{identifier}/delete"): RECORDS,
    ("GET", "/api/statistics"): ALL_STATISTICS,
    ("GET", "/api/statistics/public"): PUBLIC,
    ("GET", "/api/review"): PUBLIC,  # the internal audience is checked in test_internal_review_...
    ("GET", "/api/submission"): ALL_STATISTICS,
    ("GET", "/review"): PUBLIC,
    ("GET", "/api/overview"): PUBLIC,
    ("GET", "/api/history/{jurisdiction}"): PUBLIC,
    ("GET", "/api/tiers/{year}"): PUBLIC,
    ("GET", "/api/streaks"): PUBLIC,
    ("GET", "/api/transitions"): PUBLIC,
    ("GET", "/api/coverage"): PUBLIC,
    ("GET", "/api/watchlist-audit"): PUBLIC,
    ("GET", "/api/jurisdictions/{name}"): PUBLIC,
    ("POST", "/api/assess"): PUBLIC,
    ("POST", "/api/what-if"): PUBLIC,
    ("GET", "/api/examples"): PUBLIC,
    ("GET", "/api/examples/{name}"): PUBLIC,
    ("GET", "/api/examples/{name}/report"): PUBLIC,
    ("POST", "/api/read"): PUBLIC,
    ("POST", "/api/read/file"): PUBLIC,
    ("POST", "/api/read/assess"): PUBLIC,
    ("POST", "/api/reply"): ALL_STATISTICS,
    ("GET", "/reply"): LOGIN,
    ("POST", "/reply"): LOGIN,
    ("GET", "/reply/figures"): LOGIN,  # a figures file is public data; no registry is read
    ("POST", "/reply/figures"): LOGIN,
}

SAMPLE_PATH_VALUES: dict[str, str] = {
    "username": "viewer",
    "table": "cases",
    "identifier": "C-404",
    "token_id": "999",
}
# Routes probed at another path: a token is minted by its owner only, and revoking every token of a
# sample user would end that user's part of the test.
SAMPLE_PATHS: dict[tuple[str, str], str] = {
    ("POST", "/api/users/{username}/tokens"): "/api/users/administrator/tokens",
    ("DELETE", "/api/users/{username}/tokens"): "/api/users/nobody/tokens",
}

SAMPLE_BODIES: dict[tuple[str, str], Any] = {
    ("POST", "/api/users"): {"username": "probe", "password": "a long passphrase", "role": "viewer"},
    ("PATCH", "/api/users/{username}"): {"active": True},
    ("POST", "/api/users/{username}/tokens"): {"name": "probe"},
    ("POST", "/api/me/tokens"): {"name": "probe"},
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


def test_requests_are_refused_unless_the_role_may(app: FastAPI, client: TestClient, accounts: Any) -> None:
    checked = 0
    for role in [None, *Role]:
        checked += _check_role(app, client, accounts, role)
    assert checked >= 5 * 15


def _check_role(app: FastAPI, client: TestClient, accounts: Any, role: Role | None) -> int:
    headers = accounts.headers(role) if role else {}
    checked = 0
    for method, path in _routes(app):
        access = POLICY[(method, path)]
        if access == PUBLIC:
            continue
        body = SAMPLE_BODIES.get((method, path))
        target = SAMPLE_PATHS.get((method, path), _concrete(path))
        response = client.request(method, target, headers=headers, json=body, follow_redirects=False)
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
    return checked


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


def test_logging_in_needs_the_csrf_token(client: TestClient, accounts: Any) -> None:
    form = {"username": "analyst", "password": "correct horse battery"}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 403
    assert client.get("/api/me").json()["account"] is None


def test_pages_load_nothing_from_other_hosts(client: TestClient) -> None:
    page = client.get("/login").text
    assert re.findall(r'(?:src|href)="(https?:)?//', page) == []


def test_internal_review_only_for_roles_with_all_statistics(client: TestClient, accounts: Any) -> None:
    public = client.get("/api/review?period=RP2025&audience=public&format=md")
    assert public.status_code == 200 and "attachment" in public.headers["content-disposition"]
    month = client.get("/api/review?period=2024-05&audience=public&format=md")  # not a released period
    assert month.status_code == 400 and month.json()["errors"][0]["code"] == "period-not-released"
    for role in [None, *Role]:
        _check_review(client, accounts, role)


def _check_review(client: TestClient, accounts: Any, role: Role | None) -> None:
    headers = accounts.headers(role) if role else {}
    internal = client.get("/api/review?period=2024-05&audience=internal&format=md", headers=headers)
    if role in (Role.ANALYST, Role.CASE_OFFICER):
        assert internal.status_code == 200
    else:
        assert internal.status_code == (401 if role is None else 403)


QUERY_PARAMETERS: dict[tuple[str, str], set[str]] = {
    ("GET", "/api/users/audit"): {"limit"},
    ("GET", "/api/overview"): {"year"},
    ("GET", "/api/tiers/{year}"): {"tier"},
    ("GET", "/api/streaks"): {"current", "limit", "min_length", "tier"},
    ("GET", "/api/transitions"): {"first_year", "last_year"},
    ("POST", "/api/what-if"): {"max_changes"},
    ("GET", "/api/examples/{name}/report"): {"format"},
    ("GET", "/api/registry/audit"): {"limit"},
    ("GET", "/api/registry/{table}"): {"include_deleted", "limit"},
    ("GET", "/api/statistics/public"): {"period"},
    ("GET", "/api/review"): {"audience", "format", "lang", "period"},
    ("GET", "/api/submission"): {"jurisdiction", "report_year"},
    ("GET", "/api/statistics"): {"period"},
    ("POST", "/api/reply"): {"audience", "format", "report_year"},
    ("GET", "/login"): {"next"},
    ("GET", "/setup"): {"token"},
    ("GET", "/overview"): {"year"},
    ("GET", "/statistics"): {"period"},
    ("GET", "/review"): {"period"},
}
"""Every query parameter of every route. What a role may see is decided by its role and the server's
settings, never by a parameter: ``audience`` is checked against the role (test_internal_review_...),
and the disclosure policy (k, the calendar of released periods) is not a parameter anywhere."""
DISCLOSURE_POLICY = {"k", "threshold", "calendar", "min_width", "disclosure", "policy"}


def _query_parameters(dependant: Any) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_parameters(sub)
    return names


def test_every_query_parameter_is_classified_and_none_sets_the_disclosure_policy(app: FastAPI) -> None:
    found: dict[tuple[str, str], set[str]] = {}

    def walk(routes: list[Any]) -> None:
        for route in routes:
            if isinstance(route, APIRoute):
                names = _query_parameters(route.dependant)
                for method in route.methods - {"HEAD"}:
                    if names:
                        found[(method, route.path)] = names
            elif hasattr(route, "original_router"):
                walk(route.original_router.routes)

    walk(app.routes)
    assert found == QUERY_PARAMETERS, "classify new query parameters in QUERY_PARAMETERS"
    chosen = {route: names & DISCLOSURE_POLICY for route, names in found.items() if names & DISCLOSURE_POLICY}
    assert not chosen, f"the disclosure policy is the publisher's, not the caller's: {chosen}"


def test_no_caller_can_lower_k_on_any_public_output(client: TestClient, accounts: Any) -> None:
    """Issue 16 (critical): ``?k=2`` once made every count of 1 to 4 exact for anonymous callers."""
    officer = accounts.headers(Role.CASE_OFFICER)
    client.post("/api/registry/cases", json={"case_id": "C-1", "opened_on": "2024-05-02"}, headers=officer)
    for number in (1, 2, 3):
        victim = {
            "person_id": f"P-{number}",
            "case_id": "C-1",
            "role": "victim",
            "identified_on": "2024-05-03",
        }
        assert client.post("/api/registry/persons", json=victim, headers=officer).status_code == 201
    outputs = [
        "/api/statistics/public?period=RP2025",
        "/api/review?period=RP2025&audience=public&format=md",
        "/review?period=RP2025",
    ]
    for role in [None, *Role]:
        headers = accounts.headers(role) if role else {}
        for url in outputs:
            plain = client.get(url, headers=headers)
            assert plain.status_code == 200, f"{role} {url}: {plain.status_code}"
            for lowered in ("k=2", "calendar=month"):
                probed = client.get(f"{url}&{lowered}", headers=headers)
                assert probed.status_code == 200 and _figures(probed) == _figures(plain), (
                    f"{role}: {url}&{lowered} changed what is shown"
                )
    public = client.get("/api/statistics/public?period=RP2025&k=2").json()
    identified = next(r for r in public["statistics"] if r["path"] == "victims.identified")
    assert identified["current"] == "<5" and public["k"] == 5


def _figures(response: Any) -> str:
    """The response without what differs between two requests of one page (CSRF tokens)."""
    return re.sub(r'(csrf[-_]token"? (?:content|value)=")[^"]*', r"\1", response.text)
