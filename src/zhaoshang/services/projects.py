"""The projects library: every named project with its investment, filterable and pageable."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from zhaoshang.services.base import Page, Plain, clamp_paging, live, parse_sort, provenance
from zhaoshang.services.cache import memoise
from zhaoshang.services.labels import industry_label, industry_with_descendants
from zhaoshang.services.regions import in_region
from zhaoshang.store.models import ProjectFact, Region, Report


@dataclass(slots=True)
class ProjectRow(Plain):
    fact_id: int
    name: str
    investment_yuan: float | None
    investment_yi: float | None
    """Investment in 亿元 (the unit reports and readers think in), rounded to 4 places."""
    investment_text: str | None
    status: str | None
    industries: list[str]
    """Taxonomy codes; ``industry_names`` holds their Chinese names in the same order."""
    industry_names: list[str]
    region_code: str | None
    region_name: str | None
    report_id: int
    report_year: int | None
    quote: str
    start: int
    end: int
    section_kind: str | None
    corrected: bool
    mentions: int = 1
    """With ``distinct``: how many live mentions across the region's reports."""
    history: list[dict[str, object]] = field(default_factory=list)
    """With ``distinct``: every mention, newest first — year, status, investment and
    provenance — so a project can be followed from 签约 to 开工 to 投产."""


_SORTS = {
    "investment": ProjectFact.investment_yuan,
    "name": ProjectFact.name,
    "year": Report.year,
    "region": Report.region_code,
    "status": ProjectFact.status,
}


def _projects_stmt(
    session: Session,
    *,
    region: str | None,
    include_descendants: bool,
    industry: str | None,
    status: str | Sequence[str] | None,
    min_investment: float | None,
    max_investment: float | None,
    year: int | None,
    q: str | None,
):  # type: ignore[no-untyped-def]
    stmt = (
        select(ProjectFact, Report.year, Report.region_code, Region.name)
        .join(Report, Report.id == ProjectFact.report_id)
        .outerjoin(Region, Region.code == Report.region_code)
        .where(live(ProjectFact))
    )
    stmt = in_region(session, stmt, region, include_descendants)
    if industry:
        # JSON list of codes; matching the quoted code in its text form is the same
        # plain LIKE on SQLite and PostgreSQL (no backend-specific JSON operators).
        as_text = cast(ProjectFact.industries, String)
        codes = industry_with_descendants(industry)
        stmt = stmt.where(or_(*(as_text.contains(f'"{c}"', autoescape=True) for c in codes)))
    if status:
        statuses = [status] if isinstance(status, str) else list(status)
        stmt = stmt.where(ProjectFact.status.in_(statuses))
    if min_investment is not None:
        stmt = stmt.where(ProjectFact.investment_yuan >= min_investment)
    if max_investment is not None:
        stmt = stmt.where(ProjectFact.investment_yuan <= max_investment)
    if year is not None:
        stmt = stmt.where(Report.year == year)
    if q:
        stmt = stmt.where(ProjectFact.name.contains(q.strip(), autoescape=True))
    return stmt


@memoise
def list_projects(
    session: Session,
    *,
    region: str | None = None,
    include_descendants: bool = True,
    industry: str | None = None,
    status: str | Sequence[str] | None = None,
    min_investment: float | None = None,
    max_investment: float | None = None,
    year: int | None = None,
    q: str | None = None,
    sort: str = "-investment",
    page: int = 1,
    per_page: int = 50,
    distinct: bool = False,
) -> Page[ProjectRow]:
    """Projects (live facts) with their provenance.

    ``distinct`` folds the mentions of one project across a region's reports into one
    row (same region, same name up to a trailing 项目/工程), shown by its newest mention
    with ``mentions`` and the ``history`` of every mention; filters apply to mentions.

    ``region`` (code or name) includes its descendants unless ``include_descendants``
    is False; ``industry`` is a taxonomy code; ``status`` one or several status verbs;
    investment bounds are in yuan; ``q`` matches inside the project name. ``sort``:
    investment | name | year | region | status, ``-`` for descending; projects with no
    amount sort last.
    """
    page, per_page = clamp_paging(page, per_page)
    stmt = _projects_stmt(
        session,
        region=region,
        include_descendants=include_descendants,
        industry=industry,
        status=status,
        min_investment=min_investment,
        max_investment=max_investment,
        year=year,
        q=q,
    )
    if distinct:
        return _distinct_page(session, stmt, sort, page, per_page)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    column, desc = parse_sort(sort, _SORTS, "-investment")
    stmt = stmt.order_by(column.is_(None), column.desc() if desc else column.asc(), ProjectFact.id)
    stmt = stmt.limit(per_page).offset((page - 1) * per_page)
    items = [project_row(f, y, code, name) for f, y, code, name in session.execute(stmt)]
    return Page(items=items, total=int(total), page=page, per_page=per_page)


_NAME_TAIL = ("项目", "工程")


def project_key(region_code: str | None, name: str) -> tuple[str, str]:
    """Mentions with the same key are one project: same region, same name once spaces
    and a trailing 项目/工程 are dropped (reports add or omit them from year to year)."""
    key = "".join(name.split())
    for tail in _NAME_TAIL:
        if key.endswith(tail) and len(key) > len(tail) + 1:
            key = key[: -len(tail)]
            break
    return region_code or "", key


def fold_mentions(mentions: list[ProjectRow]) -> list[ProjectRow]:
    """One row per project (see :func:`project_key`): its newest mention, carrying the
    newest stated amount, the number of mentions and the history of all of them."""
    groups: dict[tuple[str, str], list[ProjectRow]] = {}
    for row in mentions:
        groups.setdefault(project_key(row.region_code, row.name), []).append(row)
    rows = []
    for group in groups.values():
        group.sort(key=lambda r: (-(r.report_year or 0), -r.report_id, r.start))
        head = group[0]
        if head.investment_yuan is None:  # keep the newest stated amount
            stated = next((m for m in group if m.investment_yuan is not None), None)
            if stated is not None:
                head.investment_yuan, head.investment_yi, head.investment_text = (
                    stated.investment_yuan,
                    stated.investment_yi,
                    stated.investment_text,
                )
        head.mentions = len(group)
        head.history = [
            {
                "report_year": m.report_year,
                "status": m.status,
                "investment_yuan": m.investment_yuan,
                "fact_id": m.fact_id,
                "report_id": m.report_id,
                "quote": m.quote,
                "start": m.start,
                "end": m.end,
            }
            for m in group
        ]
        rows.append(head)
    return rows


def _distinct_page(session: Session, stmt, sort: str, page: int, per_page: int) -> Page[ProjectRow]:  # type: ignore[no-untyped-def]
    rows = fold_mentions([project_row(f, y, code, name) for f, y, code, name in session.execute(stmt)])
    key = (sort or "-investment").strip()
    desc = key.startswith("-")
    key = key.lstrip("+-")
    if key not in _SORTS:
        key, desc = "investment", True
    attr = {"investment": "investment_yuan", "name": "name", "year": "report_year", "region": "region_code", "status": "status"}[key]
    rows.sort(key=lambda r: r.fact_id)
    rows.sort(key=lambda r: getattr(r, attr) if getattr(r, attr) is not None else 0, reverse=desc)
    rows.sort(key=lambda r: getattr(r, attr) is None)
    start = (page - 1) * per_page
    return Page(items=rows[start : start + per_page], total=len(rows), page=page, per_page=per_page)


def project_row(fact: ProjectFact, year: int | None, region_code: str | None, region_name: str | None) -> ProjectRow:
    inv = fact.investment_yuan
    return ProjectRow(
        name=fact.name,
        investment_yuan=inv,
        investment_yi=round(inv / 1e8, 4) if inv is not None else None,
        investment_text=fact.investment_text,
        status=fact.status,
        industries=list(fact.industries or []),
        industry_names=[industry_label(c) for c in fact.industries or []],
        region_code=region_code,
        region_name=region_name,
        **provenance(fact, year),
    )


@dataclass(slots=True)
class ProjectFacets(Plain):
    """Counts that a filter form shows beside its choices."""

    statuses: list[dict[str, object]] = field(default_factory=list)
    industries: list[dict[str, object]] = field(default_factory=list)
    total: int = 0
    total_investment_yuan: float = 0.0


@memoise
def project_facets(session: Session, *, region: str | None = None, include_descendants: bool = True) -> ProjectFacets:
    """Statuses and industries with counts (within ``region`` if given), for filter forms."""
    stmt = _projects_stmt(
        session,
        region=region,
        include_descendants=include_descendants,
        industry=None,
        status=None,
        min_investment=None,
        max_investment=None,
        year=None,
        q=None,
    )
    statuses: dict[str, int] = {}
    industries: dict[str, int] = {}
    total = 0
    invest = 0.0
    for fact, *_rest in session.execute(stmt):
        total += 1
        invest += fact.investment_yuan or 0.0
        key = fact.status or ""
        statuses[key] = statuses.get(key, 0) + 1
        for code in fact.industries or []:
            industries[code] = industries.get(code, 0) + 1
    return ProjectFacets(
        statuses=[{"status": s or None, "count": n} for s, n in sorted(statuses.items(), key=lambda kv: (-kv[1], kv[0]))],
        industries=[{"code": c, "name": industry_label(c), "count": n} for c, n in sorted(industries.items(), key=lambda kv: (-kv[1], kv[0]))],
        total=total,
        total_investment_yuan=invest,
    )
