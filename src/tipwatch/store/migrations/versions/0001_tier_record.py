"""tier record and GLOTIP statistics (issue 2)

Revision ID: 0001_tier_record
"""

from __future__ import annotations

revision = "0001_tier_record"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
