"""Every JSON error has one shape: ``{"ok": false, "error": str, "errors": list, "status": int}``."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tipwatch.accounts import Role


def _assert_shape(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"ok", "error", "errors", "status"}, body
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list)
    return dict(body)


def test_every_kind_of_error_has_the_one_shape(client: TestClient, accounts: Any) -> None:
    admin = accounts.headers(Role.ADMINISTRATOR)
    _assert_shape(client.get("/api/users"), 401)
    _assert_shape(client.get("/api/users", headers=accounts.headers(Role.ANALYST)), 403)
    _assert_shape(client.get("/api/no-such-thing"), 404)
    missing = _assert_shape(client.patch("/api/users/nobody", json={"active": False}, headers=admin), 404)
    assert "nobody" in missing["error"]
    invalid = _assert_shape(client.post("/api/users", json={"username": "x"}, headers=admin), 422)
    assert {e["location"]["field"] for e in invalid["errors"]} >= {"password", "role"}
    short = _assert_shape(
        client.post(
            "/api/users", json={"username": "fred", "password": "short", "role": "viewer"}, headers=admin
        ),
        422,
    )
    assert short["errors"][0]["location"]["field"] == "password"
    body = {"username": "viewer", "password": "a long passphrase", "role": "viewer"}
    taken = _assert_shape(client.post("/api/users", json=body, headers=admin), 409)
    assert taken["errors"][0]["code"] == "username-taken"
    bad_token = _assert_shape(client.get("/api/users", headers={"Authorization": "Bearer tw_forged"}), 401)
    assert "token" in bad_token["error"]


def test_bad_input_changes_nothing(client: TestClient, accounts: Any) -> None:
    admin = accounts.headers(Role.ADMINISTRATOR)
    before = client.get("/api/users", headers=admin).json()
    client.post(
        "/api/users",
        json={"username": "x y", "password": "a long passphrase", "role": "viewer"},
        headers=admin,
    )
    client.patch("/api/users/viewer", json={"role": "emperor"}, headers=admin)
    client.patch("/api/users/viewer", json={"password": "short", "role": "analyst"}, headers=admin)
    assert client.get("/api/users", headers=admin).json() == before


def test_html_pages_show_errors_as_pages(client: TestClient, accounts: Any) -> None:
    response = client.get("/users", headers=accounts.headers(Role.VIEWER))
    assert response.status_code == 403 and "text/html" in response.headers["content-type"]
    assert "may not do this" in response.text
    redirect = client.get("/users", follow_redirects=False)
    assert redirect.status_code == 303 and redirect.headers["location"] == "/login?next=/users"
