"""Issue 16, items 3, 4, 6, 11 and 12: accounts an attacker cannot turn. Each test failed before its fix."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from tipwatch.accounts import Role
from tipwatch.accounts.models import LoginThrottle
from tipwatch.accounts.passwords import password_problem
from tipwatch.accounts.sessions import account_for_session, start_session
from tipwatch.accounts.throttle import FREE_FAILURES, WINDOW, record_failure, throttle_keys
from tipwatch.accounts.tokens import account_for_token, issue_token, list_tokens
from tipwatch.accounts.users import create_user, set_active, set_password
from tipwatch.cli import app as cli
from tipwatch.http import Settings, create_app
from tipwatch.problems import InputError
from tipwatch.registry.repository import audit_log
from tipwatch.store import Database

from .conftest import PASSWORD, Accounts

runner = CliRunner()


@pytest.mark.parametrize(
    ("password", "username", "code"),
    [
        ("aaaaaaaaaa", None, "password-too-simple"),
        ("          ", None, "password-too-simple"),
        ("abababababab", None, "password-too-simple"),
        ("1234567890", None, "password-too-simple"),
        ("qwertyuiop", None, "password-too-simple"),
        ("password123", None, "password-too-common"),
        ("Password2024!", None, "password-too-common"),
        ("p@ssw0rd1234", None, "password-too-common"),
        ("iloveyou12", None, "password-too-common"),
        ("mariana-secret-garden", "mariana", "password-contains-username"),
        ("the anairam river", "mariana", "password-contains-username"),
        ("correct horse battery", "mariana", None),
    ],
)
def test_common_trivial_and_own_name_passwords_are_refused(
    password: str, username: str | None, code: str | None
) -> None:
    problem = password_problem(password, username)
    assert (problem.code if problem else None) == code
    assert problem is None or password not in problem.message


def test_a_weak_password_is_refused_when_adding_or_resetting(database: Database) -> None:
    with pytest.raises(InputError) as raised:
        create_user(database, "gina", "gina-gina-gina", Role.VIEWER, actor="tests")
    assert raised.value.problems[0].code == "password-contains-username"
    create_user(database, "gina", PASSWORD, Role.VIEWER, actor="tests")
    with pytest.raises(InputError, match="password too common"):
        set_password(database, "gina", "qwerty123456", actor="tests")


def test_deactivating_reactivating_or_resetting_ends_every_session_and_token(database: Database) -> None:
    account = create_user(database, "hana", PASSWORD, Role.ANALYST, actor="tests")
    for change in (
        lambda: (
            set_active(database, "hana", False, actor="root"),
            set_active(database, "hana", True, actor="root"),
        ),
        lambda: set_password(database, "hana", "a brand new passphrase", actor="root"),
    ):
        token = issue_token(database, "hana", "t", actor="hana").token
        session_id = start_session(database, account)
        assert account_for_token(database, token) is not None
        change()
        assert account_for_token(database, token) is None, "the token came back"
        assert account_for_session(database, session_id) is None, "the session came back"
    assert all(t.revoked for t in list_tokens(database, "hana"))


def test_tokens_are_revocable_in_the_api(client: TestClient, accounts: Accounts) -> None:
    analyst = accounts.headers(Role.ANALYST)
    minted = client.post("/api/me/tokens", json={"name": "laptop"}, headers=analyst)
    assert minted.status_code == 201
    mine = {"Authorization": f"Bearer {minted.json()['token']}"}
    assert client.get("/api/me", headers=mine).json()["account"]["username"] == "analyst"
    listed = client.get("/api/me/tokens", headers=analyst).json()
    assert [t["name"] for t in listed] == ["tests", "laptop"] and "token" not in listed[0]
    revoked = client.delete(f"/api/me/tokens/{minted.json()['id']}", headers=analyst)
    assert revoked.status_code == 200 and revoked.json()["revoked"] is True
    assert client.get("/api/me", headers=mine).status_code == 401
    admin = accounts.headers(Role.ADMINISTRATOR)
    tokens = client.get("/api/users/analyst/tokens", headers=admin).json()
    first = tokens[0]["id"]
    assert client.delete(f"/api/users/analyst/tokens/{first}", headers=admin).status_code == 200
    assert client.get("/api/me", headers=analyst).status_code == 401
    assert client.delete("/api/users/viewer/tokens", headers=admin).json() == {"revoked": 1}
    assert client.get("/api/me", headers=accounts.headers(Role.VIEWER)).status_code == 401
    assert client.delete("/api/users/viewer/tokens/999", headers=admin).status_code == 404


def test_tokens_are_revocable_on_the_users_page(
    client: TestClient, accounts: Accounts, log_in: Callable[..., None], csrf_of: Callable[[TestClient], str]
) -> None:
    log_in(client, "administrator")
    page = client.get("/users")
    assert page.status_code == 200 and 'value="revoke-token"' in page.text
    token_id = list_tokens(client.app.state.database, "analyst")[0].id  # type: ignore[attr-defined]
    form = {"action": "revoke-token", "username": "analyst", "token_id": str(token_id)}
    done = client.post("/users", data={**form, "csrf_token": csrf_of(client)})
    assert done.status_code == 200
    assert client.get("/api/me", headers=accounts.headers(Role.ANALYST)).status_code == 401
    form = {"action": "revoke-tokens", "username": "viewer", "csrf_token": csrf_of(client)}
    assert client.post("/users", data=form).status_code == 200
    assert client.get("/api/me", headers=accounts.headers(Role.VIEWER)).status_code == 401


def test_tokens_are_listed_and_revoked_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("TIPWATCH_PASSWORD", PASSWORD)
    assert runner.invoke(cli, ["users", "add", "ivo", "--role", "analyst", "--db", db]).exit_code == 0
    for name in ("a", "b", "c"):
        assert runner.invoke(cli, ["users", "token", "ivo", "--name", name, "--db", db]).exit_code == 0
    monkeypatch.setenv("TIPWATCH_PASSWORD", "not ivo's password")
    refused = runner.invoke(cli, ["users", "token", "ivo", "--db", db])
    assert refused.exit_code == 2 and "no token was minted" in refused.output
    listed = runner.invoke(cli, ["users", "tokens", "ivo", "--db", db, "--json"])
    ids = [t["id"] for t in __import__("json").loads(listed.output)]
    assert len(ids) == 3
    one = runner.invoke(cli, ["users", "revoke-token", "ivo", "--id", str(ids[0]), "--db", db])
    assert one.exit_code == 0 and f"revoked token {ids[0]}" in one.output
    rest = runner.invoke(cli, ["users", "revoke-token", "ivo", "--all", "--db", db])
    assert rest.exit_code == 0 and "revoked 2 token(s)" in rest.output
    neither = runner.invoke(cli, ["users", "revoke-token", "ivo", "--db", db])
    assert neither.exit_code == 2


def test_tokens_are_minted_only_by_their_owner(
    client: TestClient, accounts: Accounts, app_db: Database
) -> None:
    admin = accounts.headers(Role.ADMINISTRATOR)
    other = client.post("/api/users/case-officer/tokens", json={"name": "x"}, headers=admin)
    assert other.status_code == 403 and other.json()["errors"][0]["code"] == "token-for-another-user"
    own = client.post("/api/users/administrator/tokens", json={"name": "mine"}, headers=admin)
    assert own.status_code == 201
    with pytest.raises(InputError):
        issue_token(app_db, "case-officer", "x", actor="administrator")
    entries = [e for e in audit_log(app_db, limit=100, accounts=True) if e["action"] == "issue-token"]
    assert all(e["actor"] == e["entity_id"] for e in entries)


def test_an_administrator_cannot_change_their_own_role_or_activity(
    client: TestClient, accounts: Accounts, app_db: Database
) -> None:
    admin = accounts.headers(Role.ADMINISTRATOR)
    for change in (
        {"role": "case_officer"},
        {"active": False},
        {"role": "case_officer", "password": PASSWORD + "!"},
    ):
        refused = client.patch("/api/users/administrator", json=change, headers=admin)
        assert refused.status_code == 403 and refused.json()["errors"][0]["code"] == "own-account-change"
    assert client.get("/api/me", headers=admin).json()["account"]["role"] == "administrator"
    create_user(app_db, "second-admin", PASSWORD, Role.ADMINISTRATOR, actor="tests")
    issued = issue_token(app_db, "second-admin", "t", actor="second-admin").token
    done = client.patch(
        "/api/users/administrator",
        json={"role": "case_officer"},
        headers={"Authorization": f"Bearer {issued}"},
    )
    assert done.status_code == 200 and done.json()["role"] == "case_officer"
    entry = audit_log(app_db, limit=1, accounts=True)[0]
    assert (entry["actor"], entry["entity_id"]) == ("second-admin", "administrator")


def test_no_change_writes_no_audit_entry(client: TestClient, accounts: Accounts, app_db: Database) -> None:
    before = audit_log(app_db, limit=1, accounts=True)
    same = client.patch(
        "/api/users/viewer",
        json={"role": "viewer", "active": True},
        headers=accounts.headers(Role.ADMINISTRATOR),
    )
    assert same.status_code == 200
    assert audit_log(app_db, limit=1, accounts=True) == before


def _login(client: TestClient, csrf: str, username: str, password: str, address: str | None = None) -> int:
    headers = {"X-CSRF-Token": csrf} | ({"X-Forwarded-For": address} if address else {})
    return client.post(
        "/api/login", json={"username": username, "password": password}, headers=headers
    ).status_code


def test_nobody_can_lock_an_administrator_out_of_a_known_device(
    app: Any, accounts: Accounts, csrf_of: Callable[[TestClient], str]
) -> None:
    owner = TestClient(app, base_url="https://testserver")
    assert _login(owner, csrf_of(owner), "administrator", PASSWORD) == 200  # the owner's browser, now known
    owner.post("/api/logout", headers={"X-CSRF-Token": csrf_of(owner)})
    for attempt in range(4):  # attackers on many addresses: each address fails only a few times
        attacker = TestClient(app, base_url="https://testserver", client=(f"203.0.113.{attempt}", 5000))
        for i in range(3):
            _login(attacker, csrf_of(attacker), "administrator", f"guess {attempt} {i}")
    stranger = TestClient(app, base_url="https://testserver", client=("198.51.100.7", 5000))
    assert _login(stranger, csrf_of(stranger), "administrator", PASSWORD) == 429  # the account slows down
    assert _login(owner, csrf_of(owner), "administrator", PASSWORD) == 200  # but not for its own device


def test_forwarded_for_is_believed_only_from_configured_proxies(
    database_url: str, accounts: Accounts, csrf_of: Callable[[TestClient], str]
) -> None:
    untrusted = create_app(Settings(database_url=database_url))
    client = TestClient(untrusted, base_url="https://testserver", client=("192.0.2.10", 5000))
    csrf = csrf_of(client)
    statuses = [
        _login(client, csrf, f"nobody{i}", "wrong password", f"10.0.0.{i}") for i in range(FREE_FAILURES + 1)
    ]
    assert statuses[-1] == 429, statuses  # one address, whatever X-Forwarded-For says
    untrusted.state.database.dispose()
    proxied = create_app(Settings(database_url=database_url, trusted_proxies=("192.0.2.0/24",)))
    client = TestClient(proxied, base_url="https://testserver", client=("192.0.2.10", 5000))
    csrf = csrf_of(client)
    assert _login(client, csrf, "someone", "wrong password", "198.51.100.1, 192.0.2.11") == 401
    proxied.state.database.dispose()


def test_the_throttle_table_keeps_no_names_and_forgets(database: Database) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import update

    record_failure(database, throttle_keys("My Secret Passw0rd", "192.0.2.1").both())
    with database.session() as session:
        keys = list(session.scalars(select(LoginThrottle.key)))
        assert keys and not any("secret" in key.lower() for key in keys)
        old = datetime.now(UTC) - WINDOW - timedelta(minutes=1)
        session.execute(update(LoginThrottle).values(window_start=old, locked_until=None))
    record_failure(database, throttle_keys("someone", "192.0.2.2").both())
    with database.session() as session:
        assert len(list(session.scalars(select(LoginThrottle.key)))) == 2  # the old rows are gone


def test_a_csrf_token_is_good_only_with_its_own_session(
    app: Any, accounts: Accounts, log_in: Callable[..., None], csrf_of: Callable[[TestClient], str]
) -> None:
    victim = TestClient(app, base_url="https://testserver")
    attacker = TestClient(app, base_url="https://testserver")
    log_in(victim, "case-officer")
    log_in(attacker, "viewer")
    attacker_token = csrf_of(attacker)
    forged_cookies = {
        "tipwatch_session": victim.cookies["tipwatch_session"],
        "tipwatch_csrf": attacker.cookies["tipwatch_csrf"],
    }
    forged = TestClient(app, base_url="https://testserver", cookies=forged_cookies)
    response = forged.post("/logout", data={"csrf_token": attacker_token}, follow_redirects=False)
    assert response.status_code == 403
    assert victim.get("/api/me").json()["account"]["username"] == "case-officer"


def test_concurrent_first_run_setups_create_one_administrator(app: Any, app_db: Database) -> None:
    barrier = threading.Barrier(6)
    statuses: list[int] = []

    def set_up(index: int) -> None:
        client = TestClient(app, base_url="https://testserver")
        page = client.get("/setup?token=setup-secret")
        marker = 'name="csrf-token" content="'
        start = page.text.index(marker) + len(marker)
        csrf = page.text[start : page.text.index('"', start)]
        barrier.wait()
        form = {
            "token": "setup-secret",
            "username": f"admin{index}",
            "password": PASSWORD,
            "csrf_token": csrf,
        }
        statuses.append(client.post("/setup", data=form, follow_redirects=False).status_code)

    threads = [threading.Thread(target=set_up, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    from tipwatch.accounts.users import list_users

    assert len(list_users(app_db)) == 1
    assert sorted(statuses) == [303] + [404] * 5


def test_upload_errors_do_not_show_server_paths(client: TestClient) -> None:
    pdf = ("report.pdf", b"%PDF-1.4 not really a pdf", "application/pdf")
    response = client.post("/api/read/file", files={"file": pdf})
    assert response.status_code == 400 and "report.pdf" in response.text
    assert tempfile.gettempdir() not in response.text and "/tmp" not in response.text


def test_the_throttle_table_has_a_ceiling(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from tipwatch.accounts import throttle

    monkeypatch.setattr(throttle, "MAX_ROWS", 6)  # the real ceiling is 100,000 rows
    for address in range(20):
        record_failure(database, throttle_keys("someone", f"192.0.2.{address}").both())
    with database.session() as session:
        assert len(list(session.scalars(select(LoginThrottle.key)))) <= 6 + 1
