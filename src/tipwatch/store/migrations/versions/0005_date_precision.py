"""date precision of a victim's identification (issue 15, item 7): ``identified_on_precision`` is day,
month or year; a year-level date (CTDC's year of registration) is stored as the 1st of January. Rows
stored before this migration have day-level dates.

Revision ID: 0005_date_precision
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_date_precision"
down_revision = "0004_accounts_hardening"
branch_labels = None
depends_on = None
COARSE_DATE = "identified_on_precision != 'day'"  # month- and year-level dates, in an index of their own


# Plain ALTER TABLE on both backends (SQLite adds and, since 3.35, drops a column in place): a batch
# copy of registry_persons would drop the table that services and proceedings refer to.


def upgrade() -> None:
    op.add_column(
        "registry_persons",
        sa.Column("identified_on_precision", sa.String(40), nullable=False, server_default="day"),
    )
    op.create_index(
        "ix_registry_persons_coarse_identified_on",
        "registry_persons",
        ["identified_on"],
        sqlite_where=sa.text(COARSE_DATE),
        postgresql_where=sa.text(COARSE_DATE),
    )


def downgrade() -> None:
    op.drop_index("ix_registry_persons_coarse_identified_on", table_name="registry_persons")
    op.drop_column("registry_persons", "identified_on_precision")
