from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tipwatch.accounts import Permission, Role, permissions_of
from tipwatch.accounts.models import ApiToken, User
from tipwatch.accounts.sessions import account_for_session, start_session
from tipwatch.accounts.throttle import FREE_FAILURES, record_failure, seconds_locked, throttle_keys
from tipwatch.accounts.tokens import account_for_token, issue_token, revoke_token, revoke_tokens
from tipwatch.accounts.users import (
    check_credentials,
    create_user,
    get_user,
    list_users,
    set_active,
    set_password,
    set_role,
)
from tipwatch.problems import InputError, NotFoundError
from tipwatch.registry.repository import audit_log
from tipwatch.store import Database


def test_passwords_are_stored_as_argon2_hashes(database: Database) -> None:
    create_user(database, "ana", "a long passphrase", Role.ANALYST, actor="tests")
    with database.session() as session:
        stored = session.scalar(select(User.password_hash).where(User.username == "ana"))
    assert stored is not None and stored.startswith("$argon2id$") and "a long passphrase" not in stored
    assert check_credentials(database, "ana", "a long passphrase") is not None
    assert check_credentials(database, "ana", "a wrong passphrase") is None
    assert check_credentials(database, "nobody", "a long passphrase") is None


def test_bad_usernames_roles_and_short_passwords_are_refused_with_the_field(database: Database) -> None:
    with pytest.raises(InputError) as short:
        create_user(database, "bob", "short", Role.VIEWER, actor="tests")
    assert short.value.problems[0].code == "password-too-short"
    assert short.value.problems[0].location.field == "password"
    with pytest.raises(InputError) as bad_name:
        create_user(
            database, "Robert'); DROP TABLE accounts_user;--", "a long passphrase", Role.VIEWER, actor="tests"
        )
    assert bad_name.value.problems[0].code == "invalid-username"
    with pytest.raises(InputError) as bad_role:
        Role.parse("superuser")
    assert "case_officer" in bad_role.value.problems[0].message
    create_user(database, "bob", "a long passphrase", Role.VIEWER, actor="tests")
    with pytest.raises(InputError):
        create_user(database, "bob", "another passphrase", Role.ANALYST, actor="tests")


def test_roles_grant_least_privilege() -> None:
    assert permissions_of(None) == permissions_of(Role.VIEWER) == {Permission.PUBLIC_STATISTICS}
    assert Permission.RECORDS not in permissions_of(Role.ANALYST)
    assert Permission.ALL_STATISTICS in permissions_of(Role.ANALYST)
    assert Permission.RECORDS in permissions_of(Role.CASE_OFFICER)
    assert Permission.USERS not in permissions_of(Role.CASE_OFFICER)
    assert Permission.RECORDS not in permissions_of(Role.ADMINISTRATOR)


def test_tokens_are_hashed_and_stop_working_when_revoked_or_user_deactivated(database: Database) -> None:
    create_user(database, "machine", "a long passphrase", Role.ANALYST, actor="tests")
    issued = issue_token(database, "machine", "nightly export", actor="machine")
    with database.session() as session:
        hashes = list(session.scalars(select(ApiToken.token_hash)))
    assert issued.token not in hashes and len(hashes) == 1
    account = account_for_token(database, issued.token)
    assert account is not None and account.role is Role.ANALYST
    assert account_for_token(database, issued.token + "x") is None
    set_active(database, "machine", False, actor="tests")
    assert account_for_token(database, issued.token) is None
    set_active(database, "machine", True, actor="tests")
    assert account_for_token(database, issued.token) is None  # reactivating brings no token back
    again = issue_token(database, "machine", "nightly export", actor="machine")
    assert account_for_token(database, again.token) is not None
    assert revoke_tokens(database, "machine", actor="tests") == 1
    assert account_for_token(database, again.token) is None


def test_sessions_end_when_the_user_is_deactivated(database: Database) -> None:
    account = create_user(database, "carla", "a long passphrase", Role.CASE_OFFICER, actor="tests")
    session_id = start_session(database, account)
    assert account_for_session(database, session_id) == account
    set_active(database, "carla", False, actor="tests")
    assert account_for_session(database, session_id) is None


def test_failed_logins_slow_down_the_username_and_the_address(database: Database) -> None:
    keys = throttle_keys("dora", "127.0.0.9")
    for _ in range(FREE_FAILURES - 1):
        record_failure(database, keys.both())
    assert seconds_locked(database, keys.both()) == 0
    record_failure(database, keys.both())
    assert 0 < seconds_locked(database, keys.both()) <= 3  # a short wait, doubling with each failure
    record_failure(database, keys.both())
    assert 3 < seconds_locked(database, keys.both()) <= 5
    assert seconds_locked(database, throttle_keys("someone-else", "127.0.0.9").both()) > 0
    assert seconds_locked(database, throttle_keys("someone-else", "127.0.0.10").both()) == 0


def account_entries(database: Database) -> list[tuple[str, str, str, dict[str, object]]]:
    """The audit log's entries about accounts, oldest first: (actor, action, username, detail)."""
    entries = reversed(audit_log(database, limit=1000, accounts=True))
    return [
        (e["actor"], e["action"], e["entity_id"], json.loads(e["detail"]))
        for e in entries
        if e["entity"] == "accounts"
    ]


def test_every_account_change_is_in_the_audit_log_with_who_made_it(database: Database) -> None:
    create_user(database, "dana", "a long passphrase", Role.VIEWER, actor="root")
    set_role(database, "dana", Role.ANALYST, actor="root")
    set_password(database, "dana", "another long passphrase", actor="dana")
    issued = issue_token(database, "dana", "exports", actor="dana")
    second = issue_token(database, "dana", "backups", actor="dana")
    revoke_token(database, "dana", second.id, actor="root")
    set_active(database, "dana", False, actor="root")
    assert revoke_tokens(database, "dana", actor="root") == 0  # none left: nothing to log
    ended = {"sessions_ended": 0, "tokens_revoked": 0}
    assert account_entries(database) == [
        ("root", "create", "dana", {"role": "viewer"}),
        ("root", "update", "dana", {"changed": {"role": ["viewer", "analyst"]}}),
        ("dana", "set-password", "dana", ended),
        ("dana", "issue-token", "dana", {"token_id": issued.id, "name": "exports"}),
        ("dana", "issue-token", "dana", {"token_id": second.id, "name": "backups"}),
        ("root", "revoke-token", "dana", {"token_id": second.id, "name": "backups"}),
        ("root", "update", "dana", {"changed": {"active": [True, False]}, **ended, "tokens_revoked": 1}),
    ]
    logged = json.dumps(audit_log(database, limit=1000, accounts=True), default=str)
    assert "passphrase" not in logged and issued.token not in logged and "argon2" not in logged


def test_an_account_change_without_an_actor_or_user_changes_and_records_nothing(database: Database) -> None:
    create_user(database, "erin", "a long passphrase", Role.VIEWER, actor="root")
    with pytest.raises(InputError, match="names who made it"):
        set_role(database, "erin", Role.ADMINISTRATOR, actor="  ")
    with pytest.raises(InputError, match="names who made it"):
        create_user(database, "frank", "a long passphrase", Role.VIEWER, actor="")
    with pytest.raises(NotFoundError):
        set_active(database, "nobody", False, actor="root")
    assert get_user(database, "erin").role is Role.VIEWER
    assert [entry[1:3] for entry in account_entries(database)] == [("create", "erin")]
    assert [account.username for account in list_users(database)] == ["erin"]
