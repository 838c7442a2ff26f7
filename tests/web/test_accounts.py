from __future__ import annotations

import pytest
from sqlalchemy import select

from tipwatch.accounts import Permission, Role, permissions_of
from tipwatch.accounts.models import ApiToken, User
from tipwatch.accounts.sessions import account_for_session, start_session
from tipwatch.accounts.throttle import MAX_FAILURES, record_failure, seconds_locked, throttle_keys
from tipwatch.accounts.tokens import account_for_token, issue_token, revoke_tokens
from tipwatch.accounts.users import check_credentials, create_user, set_active
from tipwatch.problems import InputError
from tipwatch.store import Database


def test_passwords_are_stored_as_argon2_hashes(database: Database) -> None:
    create_user(database, "ana", "a long passphrase", Role.ANALYST)
    with database.session() as session:
        stored = session.scalar(select(User.password_hash).where(User.username == "ana"))
    assert stored is not None and stored.startswith("$argon2id$") and "a long passphrase" not in stored
    assert check_credentials(database, "ana", "a long passphrase") is not None
    assert check_credentials(database, "ana", "a wrong passphrase") is None
    assert check_credentials(database, "nobody", "a long passphrase") is None


def test_bad_usernames_roles_and_short_passwords_are_refused_with_the_field(database: Database) -> None:
    with pytest.raises(InputError) as short:
        create_user(database, "bob", "short", Role.VIEWER)
    assert short.value.problems[0].code == "password-too-short"
    assert short.value.problems[0].location.field == "password"
    with pytest.raises(InputError) as bad_name:
        create_user(database, "Robert'); DROP TABLE accounts_user;--", "a long passphrase", Role.VIEWER)
    assert bad_name.value.problems[0].code == "invalid-username"
    with pytest.raises(InputError) as bad_role:
        Role.parse("superuser")
    assert "case_officer" in bad_role.value.problems[0].message
    create_user(database, "bob", "a long passphrase", Role.VIEWER)
    with pytest.raises(InputError):
        create_user(database, "bob", "another passphrase", Role.ANALYST)


def test_roles_grant_least_privilege() -> None:
    assert permissions_of(None) == permissions_of(Role.VIEWER) == {Permission.PUBLIC_STATISTICS}
    assert Permission.RECORDS not in permissions_of(Role.ANALYST)
    assert Permission.ALL_STATISTICS in permissions_of(Role.ANALYST)
    assert Permission.RECORDS in permissions_of(Role.CASE_OFFICER)
    assert Permission.USERS not in permissions_of(Role.CASE_OFFICER)
    assert Permission.RECORDS not in permissions_of(Role.ADMINISTRATOR)


def test_tokens_are_hashed_and_stop_working_when_revoked_or_user_deactivated(database: Database) -> None:
    create_user(database, "machine", "a long passphrase", Role.ANALYST)
    issued = issue_token(database, "machine", "nightly export")
    with database.session() as session:
        hashes = list(session.scalars(select(ApiToken.token_hash)))
    assert issued.token not in hashes and len(hashes) == 1
    account = account_for_token(database, issued.token)
    assert account is not None and account.role is Role.ANALYST
    assert account_for_token(database, issued.token + "x") is None
    set_active(database, "machine", False)
    assert account_for_token(database, issued.token) is None
    set_active(database, "machine", True)
    assert revoke_tokens(database, "machine") == 1
    assert account_for_token(database, issued.token) is None


def test_sessions_end_when_the_user_is_deactivated(database: Database) -> None:
    account = create_user(database, "carla", "a long passphrase", Role.CASE_OFFICER)
    session_id = start_session(database, account)
    assert account_for_session(database, session_id) == account
    set_active(database, "carla", False)
    assert account_for_session(database, session_id) is None


def test_failed_logins_lock_the_username_and_the_address(database: Database) -> None:
    keys = throttle_keys("dora", "127.0.0.9")
    for _ in range(MAX_FAILURES - 1):
        record_failure(database, keys)
    assert seconds_locked(database, keys) == 0
    record_failure(database, keys)
    assert seconds_locked(database, keys) > 0
    assert seconds_locked(database, throttle_keys("someone-else", "127.0.0.9")) > 0
    assert seconds_locked(database, throttle_keys("someone-else", "127.0.0.10")) == 0
