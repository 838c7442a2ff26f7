"""Issue 16, items 8-10: the store keeps victims' data to itself. Files are private, statement
parameters never reach errors or logs, and the audit log cannot be rewritten by INSERT OR REPLACE."""

from __future__ import annotations

import logging
import os
import stat
import traceback
from pathlib import Path

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from tipwatch.registry import repository
from tipwatch.registry.format import Format
from tipwatch.registry.interchange import export
from tipwatch.registry.synth import SynthOptions, load
from tipwatch.registry.tables import AUDIT
from tipwatch.store import Database, open_database
from tipwatch.store.audit import audit_entry


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_database_its_folder_and_exports_are_created_private(tmp_path: Path) -> None:
    previous = os.umask(0o022)  # the usual umask, which made them 0644 and 0755
    try:
        folder = tmp_path / "data" / "tipwatch"
        db = open_database(f"sqlite:///{folder / 'tipwatch.db'}")
        load(db, SynthOptions(victims=20, seed=3), "synth")
        assert _mode(folder) == 0o700
        for name in ("tipwatch.db", "tipwatch.db-wal", "tipwatch.db-shm"):
            assert _mode(folder / name) == 0o600, name
        export(db, tmp_path / "registry.json")
        export(db, tmp_path / "csv")
        export(db, tmp_path / "victims.csv", Format.HTCDS)
        export(db, tmp_path / "ctdc.csv", Format.CTDC)
        db.dispose()
    finally:
        os.umask(previous)
    assert _mode(tmp_path / "csv") == 0o700
    written = [tmp_path / "registry.json", tmp_path / "victims.csv", tmp_path / "ctdc.csv"]
    written += list((tmp_path / "csv").iterdir())
    assert len(written) > 5
    for path in written:
        assert _mode(path) == 0o600, path


def test_statement_parameters_never_appear_in_errors_or_logs(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "victim-attribute-4711"
    caplog.set_level(logging.INFO, logger="sqlalchemy")
    with pytest.raises(DBAPIError) as raised, database.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO accounts_user (id, username, password_hash, role, active, created_at) "
                "VALUES (:id, :name, :hash, :role, :active, :at)"
            ),
            {"id": 1, "name": secret, "hash": secret, "role": "viewer", "active": True, "at": None},
        )
    assert secret not in "".join(traceback.format_exception(raised.value))  # as a server log shows it
    assert secret not in caplog.text


def _entry(identifier: int | None = None) -> dict[str, object]:
    values = audit_entry("mallory", "create", "cases", "C1", {"forged": True})
    return values if identifier is None else {**values, "id": identifier}


def test_an_audit_entry_cannot_be_replaced(database: Database) -> None:
    """SQLite: INSERT OR REPLACE of an existing id. PostgreSQL: INSERT … ON CONFLICT DO UPDATE."""
    with database.engine.begin() as connection:
        connection.execute(insert(AUDIT), _entry())
    original = repository.audit_log(database, limit=1)[0]
    if database.is_sqlite:
        statement = insert(AUDIT).prefix_with("OR REPLACE")
    else:
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        upsert = pg_insert(AUDIT)
        statement = upsert.on_conflict_do_update(
            index_elements=["id"], set_={"actor": upsert.excluded.actor, "detail": upsert.excluded.detail}
        )
    with pytest.raises(DBAPIError, match="append-only"), database.engine.begin() as connection:
        connection.execute(statement, _entry(int(original["id"])))
    assert repository.audit_log(database, limit=1)[0] == original
    with pytest.raises(IntegrityError), database.engine.begin() as connection:  # a plain duplicate too
        connection.execute(insert(AUDIT), _entry(int(original["id"])))
    with database.engine.begin() as connection:  # new entries still go in
        connection.execute(insert(AUDIT), _entry())
    assert len(repository.audit_log(database, limit=10)) == 2


def test_the_upgrade_revokes_tokens_minted_by_someone_else(database_url: str) -> None:
    """Issue 16, item 6: a token an administrator minted for another user wrote in that user's name."""
    from tipwatch.store.migrate import upgrade

    db = open_database(database_url, migrate=False)
    upgrade(db, "0003_accounts")
    now = "2026-01-01 00:00:00"
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO accounts_user (id, username, password_hash, role, active, created_at) VALUES "
                "(1, 'root', 'x', 'administrator', true, :at), (2, 'dana', 'x', 'case_officer', true, :at)"
            ),
            {"at": now},
        )
        connection.execute(
            text(
                "INSERT INTO accounts_api_token (id, user_id, name, token_hash, created_at, revoked) VALUES "
                "(1, 2, 'by root', 'h1', :at, false), (2, 2, 'by dana', 'h2', :at, false)"
            ),
            {"at": now},
        )
        for actor, token_id in (("root", 1), ("dana", 2)):
            connection.execute(
                insert(AUDIT), audit_entry(actor, "issue-token", "accounts", "dana", {"token_id": token_id})
            )
    upgrade(db)
    with db.engine.connect() as connection:
        revoked = dict(connection.execute(text("SELECT id, revoked FROM accounts_api_token")).all())
    assert {key: bool(value) for key, value in revoked.items()} == {1: True, 2: False}
    db.dispose()
