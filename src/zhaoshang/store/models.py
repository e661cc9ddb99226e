"""SQLAlchemy 2 schema: one table per fact type so comparisons are plain indexed queries.

The same models run on SQLite (default) and PostgreSQL; Alembic owns every change
(src/zhaoshang/store/migrations).  Facts keep ``start``/``end`` into ``reports.text``.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    text as sql_text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Named constraints, so Alembic can alter them later on SQLite (batch mode) and PostgreSQL alike."""


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


def span_checks() -> tuple[CheckConstraint, ...]:
    """A span is a range of the report's text: ``0 <= start <= end``.

    Enforced by the database so a buggy extractor can never store a span that the
    reader page would slice wrongly; the whole report's transaction then rolls back.
    """
    return (
        CheckConstraint("start >= 0", name="start_nonneg"),
        CheckConstraint('"end" >= start', name="end_after_start"),
    )


class Region(Base):
    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), index=True)
    short_name: Mapped[str] = mapped_column(String(64), index=True)
    level: Mapped[str] = mapped_column(String(16), index=True)
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True)
    province_code: Mapped[str] = mapped_column(String(12), index=True)
    vintage: Mapped[str] = mapped_column(String(100))

    parent: Mapped[Region | None] = relationship(remote_side=[code])


class Report(Base):
    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str | None] = mapped_column(String(300))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True)
    region_status: Mapped[str] = mapped_column(String(16), default="unknown")
    region_candidates: Mapped[list[Any]] = mapped_column(JSON, default=list)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    meeting_date: Mapped[str | None] = mapped_column(String(10))
    speaker: Mapped[str | None] = mapped_column(String(64))
    channel: Mapped[str | None] = mapped_column(String(64))
    publish_date: Mapped[str | None] = mapped_column(String(32))
    source_name: Mapped[str] = mapped_column(String(500))
    source_format: Mapped[str] = mapped_column(String(16))
    encoding: Mapped[str | None] = mapped_column(String(32))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    offset_map: Mapped[list[Any]] = mapped_column(JSON, default=list)
    """Run-length map from normalised offsets back to the original text (see ingest.normalise)."""
    char_count: Mapped[int] = mapped_column(Integer, default=0)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    pipeline_version: Mapped[str] = mapped_column(String(32))
    stage_status: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """{"ingest": "ok", "regions": "ok", "extract": "error: ..."} per stage."""
    contributor: Mapped[str | None] = mapped_column(String(100))
    overrides: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default=sql_text("'{}'"))
    """What the user forced at ingest (``{"year": 2021, "region": "湖南"}``); re-extraction keeps it."""

    region: Mapped[Region | None] = relationship()
    sections: Mapped[list[ReportSection]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportSection.start"
    )


class ReportSection(Base):
    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    title: Mapped[str] = mapped_column(String(300))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    report: Mapped[Report] = relationship(back_populates="sections")

    __table_args__ = span_checks()


class FactMixin:
    """Columns every fact table shares: provenance and the editor's trail."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    section_kind: Mapped[str | None] = mapped_column(String(24))
    corrected: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class IndicatorFact(FactMixin, Base):
    __tablename__ = "indicators"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    metric: Mapped[str] = mapped_column(String(48), index=True)
    period: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    measure: Mapped[str] = mapped_column(String(16))
    number: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(16))
    value_yuan: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str | None] = mapped_column(String(16))

    __table_args__ = (
        Index("ix_indicators_metric_period_kind", "metric", "period", "kind", "measure"),
        *span_checks(),
    )


class ProjectFact(FactMixin, Base):
    __tablename__ = "projects"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300), index=True)
    investment_yuan: Mapped[float | None] = mapped_column(Float, index=True)
    investment_text: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str | None] = mapped_column(String(16))
    industries: Mapped[list[Any]] = mapped_column(JSON, default=list)

    __table_args__ = span_checks()


class Enterprise(Base):
    """One company, linked to all its mentions across reports."""

    __tablename__ = "enterprises"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    canonical: Mapped[str] = mapped_column(String(200), unique=True)
    industries: Mapped[list[Any]] = mapped_column(JSON, default=list)


class EnterpriseMention(FactMixin, Base):
    __tablename__ = "enterprise_mentions"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))

    enterprise: Mapped[Enterprise] = relationship()

    __table_args__ = span_checks()


class ParkFact(FactMixin, Base):
    __tablename__ = "parks"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    park_kind: Mapped[str] = mapped_column(String(24))
    industries: Mapped[list[Any]] = mapped_column(JSON, default=list)

    __table_args__ = span_checks()


class PolicyFact(FactMixin, Base):
    __tablename__ = "policies"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300), index=True)
    action: Mapped[str | None] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(String(16))

    __table_args__ = span_checks()


class IndustryFact(FactMixin, Base):
    __tablename__ = "industry_mentions"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(48), index=True)
    name: Mapped[str] = mapped_column(String(64))
    weight: Mapped[float] = mapped_column(Float, default=1.0)

    __table_args__ = span_checks()


FACT_TABLES: dict[str, type[Base]] = {
    "indicator": IndicatorFact,
    "project": ProjectFact,
    "enterprise": EnterpriseMention,
    "park": ParkFact,
    "policy": PolicyFact,
    "industry": IndustryFact,
}


# --- participation -------------------------------------------------------


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16), default="editor")  # editor | admin
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class WebSession(Base):
    """Server-side session: the cookie holds only the random id."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Submission(Base):
    """投稿: a report, a correction to one fact, or a note; nothing is public before approval."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # report | correction | note
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)  # pending|approved|rejected
    contributor_name: Mapped[str | None] = mapped_column(String(100))
    contributor_email: Mapped[str | None] = mapped_column(String(200))
    region_code: Mapped[str | None] = mapped_column(String(12))
    year: Mapped[int | None] = mapped_column(Integer)
    fact_type: Mapped[str | None] = mapped_column(String(16))
    fact_id: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    file_name: Mapped[str | None] = mapped_column(String(300))
    file_format: Mapped[str | None] = mapped_column(String(16))
    file_data: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    review_reason: Mapped[str | None] = mapped_column(Text)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id", ondelete="SET NULL"))


class EnterpriseRegistration(Base):
    """企业入驻."""

    __tablename__ = "enterprise_registrations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    credit_code: Mapped[str] = mapped_column(String(18), index=True)
    industry_code: Mapped[str] = mapped_column(String(48))
    planned_investment_yuan: Mapped[float | None] = mapped_column(Float)
    preferred_provinces: Mapped[list[Any]] = mapped_column(JSON, default=list)
    contact_person: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ContactMessage(Base):
    """联系我们."""

    __tablename__ = "contact_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    subject: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    handled: Mapped[bool] = mapped_column(Boolean, default=False)


class AuditEntry(Base):
    """Every editorial change: who, when, what it was before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    username: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(48))
    target_type: Mapped[str] = mapped_column(String(24))
    target_id: Mapped[str | None] = mapped_column(String(32))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    ip: Mapped[str | None] = mapped_column(String(64))


class SecurityEvent(Base):
    """Refused requests worth an admin's look: failed logins, CSRF failures, rejected uploads."""

    __tablename__ = "security_events"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    detail: Mapped[str | None] = mapped_column(Text)
    ip: Mapped[str | None] = mapped_column(String(64))


class RateHit(Base):
    """One attempt at a rate-limited action (login, contribute ...), counted per key and window.

    Kept in the database rather than process memory so limits hold across worker processes.
    """

    __tablename__ = "rate_hits"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)

    __table_args__ = (Index("ix_rate_hits_key_at", "key", "at"),)


__all__ = [name for name in dir() if not name.startswith("_")]
