"""The API's in-process caches never outlive a change made in the same process: a revoked token or a
deactivated user is refused on the very next request, a role change applies at once."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tipwatch.accounts import Role
from tipwatch.accounts.tokens import issue_token, revoke_tokens
from tipwatch.accounts.users import set_active, set_role
from tipwatch.store import Database


def test_cached_tokens_follow_revocation_deactivation_and_role_changes(
    client: TestClient, accounts: Any, app_db: Database
) -> None:
    headers = accounts.headers(Role.ANALYST)
    name = Role.ANALYST.value.replace("_", "-")
    assert client.get("/api/statistics?period=2024", headers=headers).status_code == 200
    set_role(app_db, name, Role.VIEWER, actor="tests")
    assert client.get("/api/statistics?period=2024", headers=headers).status_code == 403
    set_role(app_db, name, Role.ANALYST, actor="tests")
    assert client.get("/api/statistics?period=2024", headers=headers).status_code == 200
    set_active(app_db, name, False, actor="tests")
    assert client.get("/api/statistics?period=2024", headers=headers).status_code == 401
    set_active(app_db, name, True, actor="tests")  # reactivated: the old token stays revoked
    assert client.get("/api/statistics?period=2024", headers=headers).status_code == 401
    headers = {"Authorization": f"Bearer {issue_token(app_db, name, 'again', actor=name).token}"}
    assert client.get("/api/statistics?period=2024", headers=headers).status_code == 200
    revoke_tokens(app_db, name, actor="tests")
    assert client.get("/api/statistics?period=2024", headers=headers).status_code == 401
