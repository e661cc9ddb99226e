"""Editors' changes to extracted facts and report metadata, each kept in the audit log.

A corrected fact keeps its span (the quote still points at the text) but carries the
editor's values and ``corrected = True``; a deleted fact is hidden, never erased, so
the audit trail can always show what the extractor said.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from zhaoshang.services import audit
from zhaoshang.services.auth import CurrentUser
from zhaoshang.store.models import FACT_TABLES, Region, Report

# Fields an editor may change per fact type; spans and quotes are provenance and stay.
EDITABLE: dict[str, dict[str, type]] = {
    "indicator": {
        "metric": str, "period": str, "kind": str, "measure": str, "number": float,
        "unit": str, "value_yuan": float, "qualifier": str,
    },
    "project": {"name": str, "investment_yuan": float, "investment_text": str, "status": str},
    "enterprise": {"name": str},
    "park": {"name": str, "park_kind": str},
    "policy": {"title": str, "action": str, "category": str},
    "industry": {"code": str, "name": str, "weight": float},
}
CHOICES: dict[tuple[str, str], tuple[str | None, ...]] = {
    ("indicator", "kind"): ("actual", "target"),
    ("indicator", "measure"): ("growth_pct", "avg_growth_pct", "value", "rate_pct"),
    ("indicator", "qualifier"): ("at_least", "about", "at_most", None),
    ("policy", "category"): ("plan", "policy", "law", "other"),
}


class EditError(ValueError):
    """A refused edit, with a message fit to show the editor."""


def fact_snapshot(fact: Any, fact_type: str) -> dict[str, Any]:
    fields = ["quote", "start", "end", "corrected", "deleted", *EDITABLE[fact_type]]
    return {f: getattr(fact, f) for f in fields}


def get_fact(session: Session, fact_type: str, fact_id: int) -> Any:
    model = FACT_TABLES.get(fact_type)
    if model is None:
        raise EditError(f"未知的事实类型: {fact_type}")
    fact = session.get(model, fact_id)
    if fact is None:
        raise EditError(f"找不到{fact_type} #{fact_id}")
    return fact


def coerce_changes(fact_type: str, changes: dict[str, Any]) -> dict[str, Any]:
    """Validate and convert form strings to the column types; unknown fields are refused."""
    allowed = EDITABLE[fact_type]
    out: dict[str, Any] = {}
    for field, raw in changes.items():
        if field not in allowed:
            raise EditError(f"字段不可修改: {field}")
        value: Any = raw.strip() if isinstance(raw, str) else raw
        if value == "":
            value = None
        if value is not None and allowed[field] is float:
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise EditError(f"{field} 必须是数字") from None
        elif value is not None:
            value = str(value)[:300]
        choices = CHOICES.get((fact_type, field))
        if choices is not None and value not in choices:
            raise EditError(f"{field} 只能是: {', '.join(str(c) for c in choices)}")
        out[field] = value
    return out


def correct_fact(
    session: Session, user: CurrentUser | None, fact_type: str, fact_id: int, changes: dict[str, Any],
    *, ip: str | None = None, action: str = "fact.correct",
) -> Any:
    fact = get_fact(session, fact_type, fact_id)
    values = coerce_changes(fact_type, changes)
    before = fact_snapshot(fact, fact_type)
    for field, value in values.items():
        setattr(fact, field, value)
    fact.corrected = True
    audit.record(session, user, action, fact_type, fact_id, before, fact_snapshot(fact, fact_type), ip)
    return fact


def delete_fact(session: Session, user: CurrentUser, fact_type: str, fact_id: int, *, ip: str | None = None) -> None:
    fact = get_fact(session, fact_type, fact_id)
    before = fact_snapshot(fact, fact_type)
    fact.deleted = True
    audit.record(session, user, "fact.delete", fact_type, fact_id, before, fact_snapshot(fact, fact_type), ip)


def fix_report(
    session: Session, user: CurrentUser, report_id: int, *, region_code: str | None = None,
    year: int | None = None, ip: str | None = None,
) -> Report:
    report = session.get(Report, report_id)
    if report is None:
        raise EditError(f"找不到报告 #{report_id}")
    before = {"region_code": report.region_code, "region_status": report.region_status, "year": report.year}
    if region_code is not None:
        if session.get(Region, region_code) is None:
            raise EditError(f"未知的行政区划代码: {region_code}")
        report.region_code = region_code
        report.region_status = "override"
    if year is not None:
        if not 1949 <= year <= 2100:
            raise EditError("年份不合理")
        report.year = year
        # Re-extraction keeps what was forced at ingest or by an editor (repository.reextract_report).
        report.overrides = {**(report.overrides or {}), "year": year}
    after = {"region_code": report.region_code, "region_status": report.region_status, "year": report.year}
    audit.record(session, user, "report.fix", "report", report_id, before, after, ip)
    return report
