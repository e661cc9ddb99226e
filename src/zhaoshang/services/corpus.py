"""The corpus at a glance (home page) and the report list (/api/v1/reports)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from zhaoshang.services.base import Page, Plain, clamp_paging, live, parse_sort
from zhaoshang.services.cache import memoise
from zhaoshang.services.regions import in_region, resolve_region
from zhaoshang.store.models import FACT_TABLES, Region, Report


@dataclass(slots=True)
class ReportItem(Plain):
    id: int
    title: str | None
    year: int | None
    meeting_date: str | None
    speaker: str | None
    region_code: str | None
    region_name: str | None
    region_level: str | None
    province_code: str | None
    region_status: str
    channel: str | None
    publish_date: str | None
    source_format: str
    char_count: int
    ingested_at: str | None


@dataclass(slots=True)
class CorpusOverview(Plain):
    reports: int
    regions: int
    """Regions with at least one report."""
    reports_without_region: int
    facts: dict[str, int]
    """Live facts per type (indicator, project, enterprise, park, policy, industry)."""
    years: list[dict[str, int]]
    """[{"year": 2021, "reports": 10}, ...] newest first."""
    latest_reports: list[ReportItem] = field(default_factory=list)
    provinces: list[dict[str, Any]] = field(default_factory=list)
    """Regions with reports grouped by province: [{code, name, reports, regions: [...]}]."""


HEAVY_REPORT_COLUMNS = (Report.text, Report.offset_map, Report.region_candidates, Report.stage_status)
"""Columns a list never shows: a page of 50 reports must not drag a megabyte of text along."""


def _report_stmt():  # type: ignore[no-untyped-def]
    return (
        select(Report, Region.name, Region.level, Region.province_code)
        .outerjoin(Region, Region.code == Report.region_code)
        .options(*(defer(c) for c in HEAVY_REPORT_COLUMNS))
    )


def _item(r: Report, name: str | None, level: str | None, province: str | None) -> ReportItem:
    return ReportItem(
        id=r.id,
        title=r.title,
        year=r.year,
        meeting_date=r.meeting_date,
        speaker=r.speaker,
        region_code=r.region_code,
        region_name=name,
        region_level=level,
        province_code=province,
        region_status=r.region_status,
        channel=r.channel,
        publish_date=r.publish_date,
        source_format=r.source_format,
        char_count=r.char_count,
        ingested_at=r.ingested_at.isoformat() if r.ingested_at else None,
    )


@memoise
def corpus_overview(session: Session, *, latest: int = 10) -> CorpusOverview:
    """Headline counts, the ``latest`` reports (newest year, then newest ingested) and
    every region with reports under its province, for the home page."""
    n_reports = session.scalar(select(func.count(Report.id))) or 0
    n_unplaced = session.scalar(select(func.count(Report.id)).where(Report.region_code.is_(None))) or 0
    n_regions = session.scalar(select(func.count(func.distinct(Report.region_code)))) or 0
    facts = {
        name: int(session.scalar(select(func.count(model.id)).where(live(model))) or 0)  # type: ignore[attr-defined]
        for name, model in FACT_TABLES.items()
    }
    years = [
        {"year": y, "reports": int(n)}
        for y, n in session.execute(
            select(Report.year, func.count(Report.id))
            .where(Report.year.is_not(None))
            .group_by(Report.year)
            .order_by(Report.year.desc())
        )
    ]
    latest_rows = session.execute(
        _report_stmt()
        .order_by(Report.year.is_(None), Report.year.desc(), Report.ingested_at.desc(), Report.id.desc())
        .limit(latest)
    )
    return CorpusOverview(
        reports=int(n_reports),
        regions=int(n_regions),
        reports_without_region=int(n_unplaced),
        facts=facts,
        years=years,
        latest_reports=[_item(*row) for row in latest_rows],
        provinces=regions_by_province(session),
    )


def regions_by_province(session: Session) -> list[dict[str, Any]]:
    """Regions that have reports, grouped under their province (province code order)."""
    stmt = (
        select(Region.code, Region.name, Region.short_name, Region.level, Region.province_code,
               func.count(Report.id), func.max(Report.year))
        .join(Report, Report.region_code == Region.code)
        .group_by(Region.code, Region.name, Region.short_name, Region.level, Region.province_code)
        .order_by(Region.code)
    )
    rows = list(session.execute(stmt))
    prov_codes = sorted({r[4] for r in rows})
    prov_names = dict(session.execute(select(Region.code, Region.name).where(Region.code.in_(prov_codes))).tuples().all()) if prov_codes else {}
    groups: dict[str, dict[str, Any]] = {}
    for code, name, short, level, prov, n, y in rows:
        g = groups.setdefault(prov, {"code": prov, "name": prov_names.get(prov, prov), "reports": 0, "regions": []})
        g["reports"] += int(n)
        g["regions"].append({"code": code, "name": name, "short_name": short, "level": level, "reports": int(n), "latest_year": y})
    return [groups[k] for k in sorted(groups)]


_REPORT_SORTS = {
    "year": Report.year,
    "id": Report.id,
    "title": Report.title,
    "region": Report.region_code,
    "ingested": Report.ingested_at,
    "meeting_date": Report.meeting_date,
}


def list_reports(
    session: Session,
    *,
    region: str | None = None,
    include_descendants: bool = True,
    year: int | None = None,
    level: str | None = None,
    province: str | None = None,
    q: str | None = None,
    sort: str = "-year",
    page: int = 1,
    per_page: int = 50,
) -> Page[ReportItem]:
    """Reports (without their text), filterable by region (with descendants), year,
    region level, province (code or name) and a title substring ``q``. ``sort``:
    year | id | title | region | ingested | meeting_date, ``-`` for descending."""
    page, per_page = clamp_paging(page, per_page)
    stmt = _report_stmt()
    stmt = in_region(session, stmt, region, include_descendants)
    if year is not None:
        stmt = stmt.where(Report.year == year)
    if level:
        stmt = stmt.where(Region.level == level)
    if province:
        stmt = stmt.where(Region.province_code == resolve_region(session, province).code)
    if q:
        stmt = stmt.where(Report.title.contains(q.strip(), autoescape=True))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    column, desc = parse_sort(sort, _REPORT_SORTS, "-year")
    stmt = stmt.order_by(column.is_(None), column.desc() if desc else column.asc(), Report.id.desc())
    stmt = stmt.limit(per_page).offset((page - 1) * per_page)
    return Page(items=[_item(*row) for row in session.execute(stmt)], total=int(total), page=page, per_page=per_page)
