"""Queries the pages need that the services layer does not offer: one report with its
sections for the reader, and the region list with report counts (and the pickers built
from it).  Plain SQLAlchemy, so they run unchanged on SQLite and PostgreSQL; results
are JSON-ready dicts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from zhaoshang.services.cache import memoised
from zhaoshang.store.models import Region, Report, ReportSection


def region_brief(region: Region | None) -> dict[str, Any] | None:
    if region is None:
        return None
    return {"code": region.code, "name": region.name, "short_name": region.short_name, "level": region.level}


def region_parents(session: Session, region: Region) -> list[dict[str, Any]]:
    """Ancestors from the province down (not including the region itself)."""
    chain: list[dict[str, Any]] = []
    seen = {region.code}
    code = region.parent_code
    while code and code not in seen:
        seen.add(code)
        parent = session.get(Region, code)
        if parent is None:
            break
        chain.insert(0, region_brief(parent))
        code = parent.parent_code
    return chain


def channel_name(region: dict[str, Any] | None) -> str:
    """The investment-site channel name of a region: 【宝兴县招商】."""
    return f"【{region['name']}招商】" if region else "【未识别地区】"


def report_brief(report: Report, region: Region | None) -> dict[str, Any]:
    return {
        "id": report.id,
        "title": report.title,
        "year": report.year,
        "meeting_date": report.meeting_date,
        "speaker": report.speaker,
        "publish_date": report.publish_date,
        "region": region_brief(region),
        "region_status": report.region_status,
        "char_count": report.char_count,
        "source_format": report.source_format,
        "url": f"/reports/{report.id}",
    }


def report_detail(session: Session, report_id: int) -> dict[str, Any] | None:
    """One report's metadata, region (with parents) and sections; None if absent."""
    report = session.get(Report, report_id)
    if report is None:
        return None
    region = session.get(Region, report.region_code) if report.region_code else None
    brief = report_brief(report, region)
    brief["region_parents"] = region_parents(session, region) if region else []
    brief["channel"] = channel_name(brief["region"])
    brief["source_name"] = report.source_name
    brief["contributor"] = report.contributor
    sections = session.scalars(
        select(ReportSection).where(ReportSection.report_id == report_id).order_by(ReportSection.start)
    )
    brief["sections"] = [{"kind": s.kind, "title": s.title, "start": s.start, "end": s.end} for s in sections]
    brief["text"] = report.text
    return brief


REGION_SORTS = ("code", "name", "reports", "latest_year", "level")


def list_regions(
    session: Session,
    *,
    level: str | None = None,
    parent: str | None = None,
    province: str | None = None,
    q: str | None = None,
    with_reports: bool = True,
    sort: str = "code",
    offset: int = 0,
    limit: int = 50,
) -> tuple[list[dict[str, Any]], int]:
    """Regions (by default only those with reports), with their report counts.

    ``parent`` keeps its direct children, ``province`` everything in one province,
    ``q`` a substring of the name; ``sort`` code | name | reports | latest_year | level.
    """
    counts = (
        select(Report.region_code.label("code"), func.count(Report.id).label("n"), func.max(Report.year).label("y"))
        .where(Report.region_code.is_not(None))
        .group_by(Report.region_code)
        .subquery()
    )
    join = counts.c.code == Region.code
    stmt = select(Region, counts.c.n, counts.c.y)
    stmt = stmt.join(counts, join) if with_reports else stmt.outerjoin(counts, join)
    if level:
        stmt = stmt.where(Region.level == level)
    if parent:
        stmt = stmt.where(Region.parent_code == parent)
    if province:
        stmt = stmt.where(Region.province_code == province)
    if q:
        stmt = stmt.where(or_(Region.name.contains(q.strip(), autoescape=True), Region.code == q.strip()))
    total = int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)
    key = (sort or "code").strip()
    desc = key.startswith("-")
    column = {
        "code": Region.code,
        "name": Region.name,
        "reports": counts.c.n,
        "latest_year": counts.c.y,
        "level": Region.level,
    }.get(key.lstrip("+-"), Region.code)
    order = column.desc().nulls_last() if desc else column.asc().nulls_last()
    rows = session.execute(stmt.order_by(order, Region.code).offset(offset).limit(limit)).all()
    return [
        {
            **region_brief(reg),  # type: ignore[dict-item]
            "parent_code": reg.parent_code,
            "province_code": reg.province_code,
            "report_count": int(n or 0),
            "latest_year": y,
            "url": f"/regions/{reg.code}",
        }
        for reg, n, y in rows
    ], total


def region_choices(session: Session) -> dict[str, list[dict[str, Any]]]:
    """What a region picker offers: regions with reports, and their ancestors as
    "parents" (for "a province's children" style selections).  Memoised per data
    version, as every form page needs it; treat the result as read-only."""
    return memoised(session, ("web.region_choices",), lambda: _region_choices(session))


def _region_choices(session: Session) -> dict[str, list[dict[str, Any]]]:
    regions, _ = list_regions(session, limit=100_000)
    have = {r["code"] for r in regions}
    parent_codes: set[str] = set()
    for r in regions:
        if r["parent_code"]:
            parent_codes.add(r["parent_code"])
        if r["province_code"] and r["province_code"] != r["code"]:
            parent_codes.add(r["province_code"])
    parents = [
        {**region_brief(p), "has_reports": p.code in have}  # type: ignore[dict-item]
        for p in session.scalars(select(Region).where(Region.code.in_(parent_codes)).order_by(Region.code))
    ] if parent_codes else []
    return {"regions": regions, "parents": parents}
