"""The audit log: every editorial change with who, when, before and after."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zhaoshang.services.auth import CurrentUser
from zhaoshang.store.models import AuditEntry


def record(
    session: Session,
    user: CurrentUser | None,
    action: str,
    target_type: str,
    target_id: object,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    ip: str | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        user_id=user.id if user else None,
        username=user.username if user else None,
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        before=before,
        after=after,
        ip=ip,
    )
    session.add(entry)
    return entry


def list_entries(session: Session, *, limit: int = 100, offset: int = 0) -> tuple[int, list[AuditEntry]]:
    total = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit).offset(offset)).all()
    return total, list(rows)
