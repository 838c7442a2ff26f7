"""accounts, roles and API tokens (issue 6)

Revision ID: 0003_accounts
"""

from __future__ import annotations

revision = "0003_accounts"
down_revision = "0002_registry"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
