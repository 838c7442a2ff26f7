"""accounts and audit log hardening (issue 16): the audit log refuses INSERT OR REPLACE, known devices
for logins under throttling, the login throttle keeps no user names in clear text, and tokens that were
minted by someone other than their owner are revoked (writes with them were logged in the owner's name)

Revision ID: 0004_accounts_hardening
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004_accounts_hardening"
down_revision = "0003_accounts"
branch_labels = None
depends_on = None

# SQLite's REPLACE deletes the old row without firing the delete trigger (recursive triggers are off),
# so an insert that names an existing id is refused before it happens. PostgreSQL has no REPLACE; its
# INSERT … ON CONFLICT DO UPDATE fires the update trigger of 0002, and TRUNCATE is refused here.
SQLITE_TRIGGER = """CREATE TRIGGER registry_audit_log_no_replace BEFORE INSERT ON registry_audit_log
   WHEN EXISTS (SELECT 1 FROM registry_audit_log WHERE id = NEW.id)
   BEGIN SELECT RAISE(ABORT, 'registry_audit_log is append-only'); END"""
POSTGRES_TRIGGER = """CREATE TRIGGER registry_audit_log_no_truncate BEFORE TRUNCATE ON registry_audit_log
   FOR EACH STATEMENT EXECUTE FUNCTION registry_audit_log_append_only()"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(SQLITE_TRIGGER)
    else:
        op.execute(POSTGRES_TRIGGER)
    op.execute("DELETE FROM accounts_login_throttle")  # its keys held user names as typed
    _revoke_tokens_minted_for_others()
    op.create_table(
        "accounts_device",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("device_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_accounts_device"),
        sa.UniqueConstraint("device_hash", name="uq_accounts_device_device_hash"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["accounts_user.id"],
            name="fk_accounts_device_user_id_accounts_user",
            ondelete="CASCADE",
        ),
    )


def _revoke_tokens_minted_for_others() -> None:
    bind = op.get_bind()
    minted = bind.execute(
        sa.text(
            "SELECT actor, entity_id, detail FROM registry_audit_log "
            "WHERE entity = 'accounts' AND action = 'issue-token'"
        )
    )
    for actor, owner, detail in minted:
        token_id = json.loads(detail).get("token_id")
        if actor != owner and isinstance(token_id, int):
            bind.execute(
                sa.text("UPDATE accounts_api_token SET revoked = :yes WHERE id = :id"),
                {"yes": True, "id": token_id},
            )


def downgrade() -> None:
    op.drop_table("accounts_device")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS registry_audit_log_no_replace")
    else:
        op.execute("DROP TRIGGER IF EXISTS registry_audit_log_no_truncate ON registry_audit_log")
