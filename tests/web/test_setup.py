"""First run: while no user exists, the one-time setup link creates the first administrator; then the
link is gone."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def test_setup_link_creates_the_first_administrator_once(client: TestClient, csrf_of: Any) -> None:
    assert client.get("/setup?token=wrong").status_code == 404
    assert client.get("/setup?token=setup-secret").status_code == 200
    form = {
        "csrf_token": csrf_of(client),
        "token": "setup-secret",
        "username": "root-admin",
        "password": "short",
    }
    refused = client.post("/setup", data=form, follow_redirects=False)
    assert refused.status_code == 400 and "password" in refused.text
    form["password"] = "a long passphrase"
    done = client.post("/setup", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"].startswith("/login")
    assert client.get("/setup?token=setup-secret").status_code == 404
    form["username"] = "second-admin"
    assert client.post("/setup", data=form, follow_redirects=False).status_code == 404
    login = client.post(
        "/api/login",
        json={"username": "root-admin", "password": "a long passphrase"},
        headers={"X-CSRF-Token": csrf_of(client)},
    )
    assert login.status_code == 200 and login.json()["role"] == "administrator"
