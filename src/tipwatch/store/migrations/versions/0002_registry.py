"""case registry (issue 5): cases, persons by role, screenings, proceedings, services,
recommendations and action items, plenary meetings, and the append-only audit log

Revision ID: 0002_registry
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_registry"
down_revision = "0001_tier_record"
branch_labels = None
depends_on = None

# The audit log is append-only: UPDATE and DELETE are refused by the database itself.
SQLITE_TRIGGERS = [
    """CREATE TRIGGER registry_audit_log_no_update BEFORE UPDATE ON registry_audit_log
       BEGIN SELECT RAISE(ABORT, 'registry_audit_log is append-only'); END""",
    """CREATE TRIGGER registry_audit_log_no_delete BEFORE DELETE ON registry_audit_log
       BEGIN SELECT RAISE(ABORT, 'registry_audit_log is append-only'); END""",
]
POSTGRES_TRIGGERS = [
    """CREATE FUNCTION registry_audit_log_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'registry_audit_log is append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER registry_audit_log_append_only BEFORE UPDATE OR DELETE ON registry_audit_log
       FOR EACH ROW EXECUTE FUNCTION registry_audit_log_append_only()""",
]


def upgrade() -> None:
    op.create_table(
        "registry_audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_audit_log")),
    )
    op.create_index(op.f("ix_registry_audit_log_at"), "registry_audit_log", ["at"], unique=False)
    op.create_table(
        "registry_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=64), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("official_complicity", sa.Boolean(), nullable=False),
        sa.Column("case_owner", sa.String(length=120), nullable=True),
        sa.Column("referring_organisation", sa.String(length=200), nullable=True),
        sa.Column("incoming_referral_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_cases")),
        sa.UniqueConstraint("case_id", name=op.f("uq_registry_cases_case_id")),
    )
    op.create_index(op.f("ix_registry_cases_opened_on"), "registry_cases", ["opened_on"], unique=False)
    op.create_table(
        "registry_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.String(length=64), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("attendees", sa.Text(), nullable=False),
        sa.Column("decisions", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_meetings")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_registry_meetings_meeting_id")),
    )
    op.create_index(op.f("ix_registry_meetings_held_on"), "registry_meetings", ["held_on"], unique=False)
    op.create_table(
        "registry_recommendations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("report_year", sa.Integer(), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_recommendations")),
        sa.UniqueConstraint("recommendation_id", name=op.f("uq_registry_recommendations_recommendation_id")),
    )
    op.create_table(
        "registry_screenings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("screening_id", sa.String(length=64), nullable=False),
        sa.Column("screened_on", sa.Date(), nullable=False),
        sa.Column("setting", sa.String(length=40), nullable=False),
        sa.Column("population", sa.String(length=200), nullable=False),
        sa.Column("persons_screened", sa.Integer(), nullable=False),
        sa.Column("indicators_observed", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.String(length=120), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_screenings")),
        sa.UniqueConstraint("screening_id", name=op.f("uq_registry_screenings_screening_id")),
    )
    op.create_index(
        op.f("ix_registry_screenings_screened_on"), "registry_screenings", ["screened_on"], unique=False
    )
    op.create_table(
        "registry_action_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.String(length=64), nullable=False),
        sa.Column("recommendation_pk", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["recommendation_pk"],
            ["registry_recommendations.id"],
            name=op.f("fk_registry_action_items_recommendation_pk_registry_recommendations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_action_items")),
        sa.UniqueConstraint("action_id", name=op.f("uq_registry_action_items_action_id")),
    )
    op.create_index(
        op.f("ix_registry_action_items_recommendation_pk"),
        "registry_action_items",
        ["recommendation_pk"],
        unique=False,
    )
    op.create_table(
        "registry_persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("case_pk", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=False),
        sa.Column("gender", sa.String(length=40), nullable=True),
        sa.Column("citizenship", sa.String(length=2), nullable=True),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("age_group", sa.String(length=40), nullable=True),
        sa.Column("is_official", sa.Boolean(), nullable=False),
        sa.Column("trafficking_status", sa.String(length=40), nullable=True),
        sa.Column("decision_making_organisation", sa.String(length=40), nullable=True),
        sa.Column("identified_on", sa.Date(), nullable=True),
        sa.Column("screening_pk", sa.Integer(), nullable=True),
        sa.Column("method_of_recruitment", sa.String(length=40), nullable=True),
        sa.Column("location_of_recruitment", sa.String(length=2), nullable=True),
        sa.Column("location_of_exploitation", sa.String(length=2), nullable=True),
        sa.Column("methods_of_control", sa.Text(), nullable=True),
        sa.Column("exploitation_sexual", sa.Boolean(), nullable=False),
        sa.Column("exploitation_forced_labour", sa.Boolean(), nullable=False),
        sa.Column("exploitation_forced_criminality", sa.Boolean(), nullable=False),
        sa.Column("exploitation_domestic_servitude", sa.Boolean(), nullable=False),
        sa.Column("exploitation_forced_marriage", sa.Boolean(), nullable=False),
        sa.Column("exploitation_child_soldiering", sa.Boolean(), nullable=False),
        sa.Column("exploitation_organ_removal", sa.Boolean(), nullable=False),
        sa.Column("exploitation_other", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_pk"], ["registry_cases.id"], name=op.f("fk_registry_persons_case_pk_registry_cases")
        ),
        sa.ForeignKeyConstraint(
            ["screening_pk"],
            ["registry_screenings.id"],
            name=op.f("fk_registry_persons_screening_pk_registry_screenings"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_persons")),
        sa.UniqueConstraint("person_id", name=op.f("uq_registry_persons_person_id")),
    )
    op.create_index(op.f("ix_registry_persons_case_pk"), "registry_persons", ["case_pk"], unique=False)
    op.create_index(
        op.f("ix_registry_persons_identified_on"), "registry_persons", ["identified_on"], unique=False
    )
    op.create_index(
        op.f("ix_registry_persons_screening_pk"), "registry_persons", ["screening_pk"], unique=False
    )
    op.create_table(
        "registry_proceedings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proceeding_id", sa.String(length=64), nullable=False),
        sa.Column("case_pk", sa.Integer(), nullable=False),
        sa.Column("person_pk", sa.Integer(), nullable=True),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("statute_article", sa.String(length=120), nullable=True),
        sa.Column("sentence_months", sa.Integer(), nullable=True),
        sa.Column("sentence_suspended", sa.Boolean(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_pk"], ["registry_cases.id"], name=op.f("fk_registry_proceedings_case_pk_registry_cases")
        ),
        sa.ForeignKeyConstraint(
            ["person_pk"],
            ["registry_persons.id"],
            name=op.f("fk_registry_proceedings_person_pk_registry_persons"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_proceedings")),
        sa.UniqueConstraint("proceeding_id", name=op.f("uq_registry_proceedings_proceeding_id")),
    )
    op.create_index(
        op.f("ix_registry_proceedings_case_pk"), "registry_proceedings", ["case_pk"], unique=False
    )
    op.create_index(
        "ix_registry_proceedings_event_occurred_on",
        "registry_proceedings",
        ["event", "occurred_on"],
        unique=False,
    )
    op.create_index(
        op.f("ix_registry_proceedings_person_pk"), "registry_proceedings", ["person_pk"], unique=False
    )
    op.create_table(
        "registry_services",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.String(length=64), nullable=False),
        sa.Column("person_pk", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("provider", sa.String(length=200), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deleted_by", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_pk"],
            ["registry_persons.id"],
            name=op.f("fk_registry_services_person_pk_registry_persons"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registry_services")),
        sa.UniqueConstraint("service_id", name=op.f("uq_registry_services_service_id")),
    )
    op.create_index(op.f("ix_registry_services_person_pk"), "registry_services", ["person_pk"], unique=False)
    op.create_index(
        op.f("ix_registry_services_referred_on"), "registry_services", ["referred_on"], unique=False
    )
    op.create_index(
        op.f("ix_registry_services_started_on"), "registry_services", ["started_on"], unique=False
    )
    dialect = op.get_bind().dialect.name
    for statement in (
        SQLITE_TRIGGERS if dialect == "sqlite" else POSTGRES_TRIGGERS if dialect == "postgresql" else []
    ):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS registry_audit_log_append_only ON registry_audit_log")
        op.execute("DROP FUNCTION IF EXISTS registry_audit_log_append_only()")
    op.drop_index(op.f("ix_registry_services_started_on"), table_name="registry_services")
    op.drop_index(op.f("ix_registry_services_referred_on"), table_name="registry_services")
    op.drop_index(op.f("ix_registry_services_person_pk"), table_name="registry_services")
    op.drop_table("registry_services")
    op.drop_index(op.f("ix_registry_proceedings_person_pk"), table_name="registry_proceedings")
    op.drop_index("ix_registry_proceedings_event_occurred_on", table_name="registry_proceedings")
    op.drop_index(op.f("ix_registry_proceedings_case_pk"), table_name="registry_proceedings")
    op.drop_table("registry_proceedings")
    op.drop_index(op.f("ix_registry_persons_screening_pk"), table_name="registry_persons")
    op.drop_index(op.f("ix_registry_persons_identified_on"), table_name="registry_persons")
    op.drop_index(op.f("ix_registry_persons_case_pk"), table_name="registry_persons")
    op.drop_table("registry_persons")
    op.drop_index(op.f("ix_registry_action_items_recommendation_pk"), table_name="registry_action_items")
    op.drop_table("registry_action_items")
    op.drop_index(op.f("ix_registry_screenings_screened_on"), table_name="registry_screenings")
    op.drop_table("registry_screenings")
    op.drop_table("registry_recommendations")
    op.drop_index(op.f("ix_registry_meetings_held_on"), table_name="registry_meetings")
    op.drop_table("registry_meetings")
    op.drop_index(op.f("ix_registry_cases_opened_on"), table_name="registry_cases")
    op.drop_table("registry_cases")
    op.drop_index(op.f("ix_registry_audit_log_at"), table_name="registry_audit_log")
    op.drop_table("registry_audit_log")
