"""tier record and GLOTIP statistics (issue 2)

Revision ID: 0001_tier_record
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_tier_record"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tier_placements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("jurisdiction", sa.String(length=100), nullable=False),
        sa.Column("iso3", sa.String(length=3), nullable=False),
        sa.Column("report_year", sa.Integer(), nullable=False),
        sa.Column("tier", sa.String(length=8), nullable=False),
        sa.Column("source", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tier_placements")),
        sa.UniqueConstraint("iso3", "report_year", name=op.f("uq_tier_placements_iso3")),
    )
    op.create_index(op.f("ix_tier_placements_iso3"), "tier_placements", ["iso3"])
    op.create_index(op.f("ix_tier_placements_report_year"), "tier_placements", ["report_year"])
    op.create_table(
        "tier_year_coverage",
        sa.Column("report_year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("complete", sa.String(length=12), nullable=False),
        sa.Column("published_total", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("report_year", name=op.f("pk_tier_year_coverage")),
    )
    op.create_table(
        "glotip_figures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("iso3", sa.String(length=3), nullable=False),
        sa.Column("country", sa.String(length=100), nullable=False),
        sa.Column("indicator", sa.String(length=60), nullable=False),
        sa.Column("dimension", sa.String(length=40), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("sex", sa.String(length=10), nullable=False),
        sa.Column("age", sa.String(length=20), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value_low", sa.Integer(), nullable=False),
        sa.Column("value_high", sa.Integer(), nullable=False),
        sa.Column("suppressed", sa.Boolean(), nullable=False),
        sa.Column("text", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_glotip_figures")),
    )
    op.create_index(op.f("ix_glotip_figures_iso3"), "glotip_figures", ["iso3"])


def downgrade() -> None:
    op.drop_index(op.f("ix_glotip_figures_iso3"), table_name="glotip_figures")
    op.drop_table("glotip_figures")
    op.drop_table("tier_year_coverage")
    op.drop_index(op.f("ix_tier_placements_report_year"), table_name="tier_placements")
    op.drop_index(op.f("ix_tier_placements_iso3"), table_name="tier_placements")
    op.drop_table("tier_placements")
