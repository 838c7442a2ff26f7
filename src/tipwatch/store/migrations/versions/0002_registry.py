"""case registry (issue 5)

Revision ID: 0002_registry
"""

from __future__ import annotations

revision = "0002_registry"
down_revision = "0001_tier_record"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
