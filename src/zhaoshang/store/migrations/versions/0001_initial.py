"""Initial schema: regions, reports, sections, one table per fact type, participation and audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table("contact_messages",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=100), nullable=False),
    sa.Column("email", sa.String(length=200), nullable=True),
    sa.Column("phone", sa.String(length=32), nullable=True),
    sa.Column("subject", sa.String(length=200), nullable=True),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("handled", sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_messages"))
    )
    op.create_table("enterprise_registrations",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=200), nullable=False),
    sa.Column("credit_code", sa.String(length=18), nullable=False),
    sa.Column("industry_code", sa.String(length=48), nullable=False),
    sa.Column("planned_investment_yuan", sa.Float(), nullable=True),
    sa.Column("preferred_provinces", sa.JSON(), nullable=False),
    sa.Column("contact_person", sa.String(length=100), nullable=False),
    sa.Column("phone", sa.String(length=32), nullable=True),
    sa.Column("email", sa.String(length=200), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprise_registrations"))
    )
    with op.batch_alter_table("enterprise_registrations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enterprise_registrations_credit_code"), ["credit_code"], unique=False)

    op.create_table("enterprises",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("canonical", sa.String(length=200), nullable=False),
    sa.Column("industries", sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprises")),
    sa.UniqueConstraint("canonical", name=op.f("uq_enterprises_canonical"))
    )
    op.create_table("regions",
    sa.Column("code", sa.String(length=12), nullable=False),
    sa.Column("name", sa.String(length=64), nullable=False),
    sa.Column("short_name", sa.String(length=64), nullable=False),
    sa.Column("level", sa.String(length=16), nullable=False),
    sa.Column("parent_code", sa.String(length=12), nullable=True),
    sa.Column("province_code", sa.String(length=12), nullable=False),
    sa.Column("vintage", sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(["parent_code"], ["regions.code"], name=op.f("fk_regions_parent_code_regions")),
    sa.PrimaryKeyConstraint("code", name=op.f("pk_regions"))
    )
    with op.batch_alter_table("regions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_regions_level"), ["level"], unique=False)
        batch_op.create_index(batch_op.f("ix_regions_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_regions_parent_code"), ["parent_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_regions_province_code"), ["province_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_regions_short_name"), ["short_name"], unique=False)

    op.create_table("security_events",
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("kind", sa.String(length=32), nullable=False),
    sa.Column("detail", sa.Text(), nullable=True),
    sa.Column("ip", sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_security_events"))
    )
    with op.batch_alter_table("security_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_security_events_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_security_events_kind"), ["kind"], unique=False)

    op.create_table("users",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("username", sa.String(length=64), nullable=False),
    sa.Column("password_hash", sa.String(length=200), nullable=False),
    sa.Column("role", sa.String(length=16), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("active", sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
    sa.UniqueConstraint("username", name=op.f("uq_users_username"))
    )
    op.create_table("audit_log",
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("user_id", sa.Integer(), nullable=True),
    sa.Column("username", sa.String(length=64), nullable=True),
    sa.Column("action", sa.String(length=48), nullable=False),
    sa.Column("target_type", sa.String(length=24), nullable=False),
    sa.Column("target_id", sa.String(length=32), nullable=True),
    sa.Column("before", sa.JSON(), nullable=True),
    sa.Column("after", sa.JSON(), nullable=True),
    sa.Column("ip", sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_audit_log_user_id_users"), ondelete="SET NULL"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log"))
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_log_at"), ["at"], unique=False)

    op.create_table("reports",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("title", sa.String(length=300), nullable=True),
    sa.Column("region_code", sa.String(length=12), nullable=True),
    sa.Column("region_status", sa.String(length=16), nullable=False),
    sa.Column("region_candidates", sa.JSON(), nullable=False),
    sa.Column("year", sa.Integer(), nullable=True),
    sa.Column("meeting_date", sa.String(length=10), nullable=True),
    sa.Column("speaker", sa.String(length=64), nullable=True),
    sa.Column("channel", sa.String(length=64), nullable=True),
    sa.Column("publish_date", sa.String(length=32), nullable=True),
    sa.Column("source_name", sa.String(length=500), nullable=False),
    sa.Column("source_format", sa.String(length=16), nullable=False),
    sa.Column("encoding", sa.String(length=32), nullable=True),
    sa.Column("content_hash", sa.String(length=64), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("offset_map", sa.JSON(), nullable=False),
    sa.Column("char_count", sa.Integer(), nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("pipeline_version", sa.String(length=32), nullable=False),
    sa.Column("stage_status", sa.JSON(), nullable=False),
    sa.Column("contributor", sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(["region_code"], ["regions.code"], name=op.f("fk_reports_region_code_regions")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
    sa.UniqueConstraint("content_hash", name=op.f("uq_reports_content_hash"))
    )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reports_region_code"), ["region_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_reports_year"), ["year"], unique=False)

    op.create_table("web_sessions",
    sa.Column("id", sa.String(length=64), nullable=False),
    sa.Column("user_id", sa.Integer(), nullable=True),
    sa.Column("csrf_token", sa.String(length=64), nullable=False),
    sa.Column("data", sa.JSON(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_web_sessions_user_id_users"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions"))
    )
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_web_sessions_expires_at"), ["expires_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_web_sessions_user_id"), ["user_id"], unique=False)

    op.create_table("enterprise_mentions",
    sa.Column("report_id", sa.Integer(), nullable=False),
    sa.Column("enterprise_id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=200), nullable=False),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("quote", sa.Text(), nullable=False),
    sa.Column("start", sa.Integer(), nullable=False),
    sa.Column("end", sa.Integer(), nullable=False),
    sa.Column("section_kind", sa.String(length=24), nullable=True),
    sa.Column("corrected", sa.Boolean(), nullable=False),
    sa.Column("deleted", sa.Boolean(), nullable=False),
    sa.CheckConstraint('"end" >= start', name=op.f("ck_enterprise_mentions_end_after_start")),
    sa.CheckConstraint("start >= 0", name=op.f("ck_enterprise_mentions_start_nonneg")),
    sa.ForeignKeyConstraint(["enterprise_id"], ["enterprises.id"], name=op.f("fk_enterprise_mentions_enterprise_id_enterprises")),
    sa.ForeignKeyConstraint(["report_id"], ["reports.id"], name=op.f("fk_enterprise_mentions_report_id_reports"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprise_mentions"))
    )
    with op.batch_alter_table("enterprise_mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enterprise_mentions_enterprise_id"), ["enterprise_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_enterprise_mentions_report_id"), ["report_id"], unique=False)

    op.create_table("indicators",
    sa.Column("report_id", sa.Integer(), nullable=False),
    sa.Column("metric", sa.String(length=48), nullable=False),
    sa.Column("period", sa.String(length=16), nullable=False),
    sa.Column("kind", sa.String(length=8), nullable=False),
    sa.Column("measure", sa.String(length=16), nullable=False),
    sa.Column("number", sa.Float(), nullable=False),
    sa.Column("unit", sa.String(length=16), nullable=False),
    sa.Column("value_yuan", sa.Float(), nullable=True),
    sa.Column("qualifier", sa.String(length=16), nullable=True),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("quote", sa.Text(), nullable=False),
    sa.Column("start", sa.Integer(), nullable=False),
    sa.Column("end", sa.Integer(), nullable=False),
    sa.Column("section_kind", sa.String(length=24), nullable=True),
    sa.Column("corrected", sa.Boolean(), nullable=False),
    sa.Column("deleted", sa.Boolean(), nullable=False),
    sa.CheckConstraint('"end" >= start', name=op.f("ck_indicators_end_after_start")),
    sa.CheckConstraint("start >= 0", name=op.f("ck_indicators_start_nonneg")),
    sa.ForeignKeyConstraint(["report_id"], ["reports.id"], name=op.f("fk_indicators_report_id_reports"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators"))
    )
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicators_metric"), ["metric"], unique=False)
        batch_op.create_index("ix_indicators_metric_period_kind", ["metric", "period", "kind", "measure"], unique=False)
        batch_op.create_index(batch_op.f("ix_indicators_period"), ["period"], unique=False)
        batch_op.create_index(batch_op.f("ix_indicators_report_id"), ["report_id"], unique=False)

    op.create_table("industry_mentions",
    sa.Column("report_id", sa.Integer(), nullable=False),
    sa.Column("code", sa.String(length=48), nullable=False),
    sa.Column("name", sa.String(length=64), nullable=False),
    sa.Column("weight", sa.Float(), nullable=False),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("quote", sa.Text(), nullable=False),
    sa.Column("start", sa.Integer(), nullable=False),
    sa.Column("end", sa.Integer(), nullable=False),
    sa.Column("section_kind", sa.String(length=24), nullable=True),
    sa.Column("corrected", sa.Boolean(), nullable=False),
    sa.Column("deleted", sa.Boolean(), nullable=False),
    sa.CheckConstraint('"end" >= start', name=op.f("ck_industry_mentions_end_after_start")),
    sa.CheckConstraint("start >= 0", name=op.f("ck_industry_mentions_start_nonneg")),
    sa.ForeignKeyConstraint(["report_id"], ["reports.id"], name=op.f("fk_industry_mentions_report_id_reports"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_industry_mentions"))
    )
    with op.batch_alter_table("industry_mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_industry_mentions_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_industry_mentions_report_id"), ["report_id"], unique=False)

    op.create_table("parks",
    sa.Column("report_id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=200), nullable=False),
    sa.Column("park_kind", sa.String(length=24), nullable=False),
    sa.Column("industries", sa.JSON(), nullable=False),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("quote", sa.Text(), nullable=False),
    sa.Column("start", sa.Integer(), nullable=False),
    sa.Column("end", sa.Integer(), nullable=False),
    sa.Column("section_kind", sa.String(length=24), nullable=True),
    sa.Column("corrected", sa.Boolean(), nullable=False),
    sa.Column("deleted", sa.Boolean(), nullable=False),
    sa.CheckConstraint('"end" >= start', name=op.f("ck_parks_end_after_start")),
    sa.CheckConstraint("start >= 0", name=op.f("ck_parks_start_nonneg")),
    sa.ForeignKeyConstraint(["report_id"], ["reports.id"], name=op.f("fk_parks_report_id_reports"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_parks"))
    )
    with op.batch_alter_table("parks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_parks_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_parks_report_id"), ["report_id"], unique=False)

    op.create_table("policies",
    sa.Column("report_id", sa.Integer(), nullable=False),
    sa.Column("title", sa.String(length=300), nullable=False),
    sa.Column("action", sa.String(length=16), nullable=True),
    sa.Column("category", sa.String(length=16), nullable=False),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("quote", sa.Text(), nullable=False),
    sa.Column("start", sa.Integer(), nullable=False),
    sa.Column("end", sa.Integer(), nullable=False),
    sa.Column("section_kind", sa.String(length=24), nullable=True),
    sa.Column("corrected", sa.Boolean(), nullable=False),
    sa.Column("deleted", sa.Boolean(), nullable=False),
    sa.CheckConstraint('"end" >= start', name=op.f("ck_policies_end_after_start")),
    sa.CheckConstraint("start >= 0", name=op.f("ck_policies_start_nonneg")),
    sa.ForeignKeyConstraint(["report_id"], ["reports.id"], name=op.f("fk_policies_report_id_reports"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_policies"))
    )
    with op.batch_alter_table("policies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_policies_report_id"), ["report_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_policies_title"), ["title"], unique=False)

    op.create_table("projects",
    sa.Column("report_id", sa.Integer(), nullable=False),
    sa.Column("name", sa.String(length=300), nullable=False),
    sa.Column("investment_yuan", sa.Float(), nullable=True),
    sa.Column("investment_text", sa.String(length=64), nullable=True),
    sa.Column("status", sa.String(length=16), nullable=True),
    sa.Column("industries", sa.JSON(), nullable=False),
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("quote", sa.Text(), nullable=False),
    sa.Column("start", sa.Integer(), nullable=False),
    sa.Column("end", sa.Integer(), nullable=False),
    sa.Column("section_kind", sa.String(length=24), nullable=True),
    sa.Column("corrected", sa.Boolean(), nullable=False),
    sa.Column("deleted", sa.Boolean(), nullable=False),
    sa.CheckConstraint('"end" >= start', name=op.f("ck_projects_end_after_start")),
    sa.CheckConstraint("start >= 0", name=op.f("ck_projects_start_nonneg")),
    sa.ForeignKeyConstraint(["report_id"], ["reports.id"], name=op.f("fk_projects_report_id_reports"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_projects"))
    )
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_projects_investment_yuan"), ["investment_yuan"], unique=False)
        batch_op.create_index(batch_op.f("ix_projects_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_projects_report_id"), ["report_id"], unique=False)

    op.create_table("sections",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("report_id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.String(length=24), nullable=False),
    sa.Column("title", sa.String(length=300), nullable=False),
    sa.Column("start", sa.Integer(), nullable=False),
    sa.Column("end", sa.Integer(), nullable=False),
    sa.CheckConstraint('"end" >= start', name=op.f("ck_sections_end_after_start")),
    sa.CheckConstraint("start >= 0", name=op.f("ck_sections_start_nonneg")),
    sa.ForeignKeyConstraint(["report_id"], ["reports.id"], name=op.f("fk_sections_report_id_reports"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_sections"))
    )
    with op.batch_alter_table("sections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sections_report_id"), ["report_id"], unique=False)

    op.create_table("submissions",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("contributor_name", sa.String(length=100), nullable=True),
    sa.Column("contributor_email", sa.String(length=200), nullable=True),
    sa.Column("region_code", sa.String(length=12), nullable=True),
    sa.Column("year", sa.Integer(), nullable=True),
    sa.Column("fact_type", sa.String(length=16), nullable=True),
    sa.Column("fact_id", sa.Integer(), nullable=True),
    sa.Column("body", sa.Text(), nullable=True),
    sa.Column("payload", sa.JSON(), nullable=False),
    sa.Column("file_name", sa.String(length=300), nullable=True),
    sa.Column("file_format", sa.String(length=16), nullable=True),
    sa.Column("file_data", sa.LargeBinary(), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("reviewed_by", sa.Integer(), nullable=True),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("review_reason", sa.Text(), nullable=True),
    sa.Column("report_id", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["report_id"], ["reports.id"], name=op.f("fk_submissions_report_id_reports"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["reviewed_by"], ["users.id"], name=op.f("fk_submissions_reviewed_by_users")),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_submissions"))
    )
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_submissions_status"), ["status"], unique=False)



def downgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submissions_status"))

    op.drop_table("submissions")
    with op.batch_alter_table("sections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sections_report_id"))

    op.drop_table("sections")
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_projects_report_id"))
        batch_op.drop_index(batch_op.f("ix_projects_name"))
        batch_op.drop_index(batch_op.f("ix_projects_investment_yuan"))

    op.drop_table("projects")
    with op.batch_alter_table("policies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_policies_title"))
        batch_op.drop_index(batch_op.f("ix_policies_report_id"))

    op.drop_table("policies")
    with op.batch_alter_table("parks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_parks_report_id"))
        batch_op.drop_index(batch_op.f("ix_parks_name"))

    op.drop_table("parks")
    with op.batch_alter_table("industry_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_industry_mentions_report_id"))
        batch_op.drop_index(batch_op.f("ix_industry_mentions_code"))

    op.drop_table("industry_mentions")
    with op.batch_alter_table("indicators", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicators_report_id"))
        batch_op.drop_index(batch_op.f("ix_indicators_period"))
        batch_op.drop_index("ix_indicators_metric_period_kind")
        batch_op.drop_index(batch_op.f("ix_indicators_metric"))

    op.drop_table("indicators")
    with op.batch_alter_table("enterprise_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enterprise_mentions_report_id"))
        batch_op.drop_index(batch_op.f("ix_enterprise_mentions_enterprise_id"))

    op.drop_table("enterprise_mentions")
    with op.batch_alter_table("web_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_web_sessions_user_id"))
        batch_op.drop_index(batch_op.f("ix_web_sessions_expires_at"))

    op.drop_table("web_sessions")
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reports_year"))
        batch_op.drop_index(batch_op.f("ix_reports_region_code"))

    op.drop_table("reports")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_at"))

    op.drop_table("audit_log")
    op.drop_table("users")
    with op.batch_alter_table("security_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_security_events_kind"))
        batch_op.drop_index(batch_op.f("ix_security_events_at"))

    op.drop_table("security_events")
    with op.batch_alter_table("regions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_regions_short_name"))
        batch_op.drop_index(batch_op.f("ix_regions_province_code"))
        batch_op.drop_index(batch_op.f("ix_regions_parent_code"))
        batch_op.drop_index(batch_op.f("ix_regions_name"))
        batch_op.drop_index(batch_op.f("ix_regions_level"))

    op.drop_table("regions")
    op.drop_table("enterprises")
    with op.batch_alter_table("enterprise_registrations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enterprise_registrations_credit_code"))

    op.drop_table("enterprise_registrations")
    op.drop_table("contact_messages")
