"""A region's channel (【X招商】) as data: everything the corpus says about one region."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from zhaoshang.services.base import Plain, figure, iter_chunks, live, provenance
from zhaoshang.services.cache import memoise
from zhaoshang.services.corpus import HEAVY_REPORT_COLUMNS
from zhaoshang.services.facts import INDICATOR_COLUMNS, period_bounds, pick_best
from zhaoshang.services.industries import IndustryWeight, region_industries
from zhaoshang.services.labels import HEADLINE_METRICS, measure_label, measure_rank, metric_label
from zhaoshang.services.projects import ProjectRow, fold_mentions, project_row
from zhaoshang.services.regions import RegionInfo, descendant_codes, region_info, resolve_region
from zhaoshang.services.track import STATUSES, pair_targets
from zhaoshang.store.models import (
    Enterprise,
    EnterpriseMention,
    IndicatorFact,
    ParkFact,
    PolicyFact,
    ProjectFact,
    Region,
    Report,
)


@dataclass(slots=True)
class ReportSummary(Plain):
    id: int
    title: str | None
    year: int | None
    meeting_date: str | None
    speaker: str | None
    char_count: int
    n_indicators: int = 0
    n_projects: int = 0


@dataclass(slots=True)
class IndicatorValue(Plain):
    """One figure (actual or target) with its provenance."""

    number: float
    unit: str
    qualifier: str | None
    value_yuan: float | None
    fact_id: int
    report_id: int
    report_year: int | None
    quote: str
    start: int
    end: int
    section_kind: str | None
    corrected: bool


@dataclass(slots=True)
class IndicatorPoint(Plain):
    """Actual and target of one metric+measure for one period (either may be missing)."""

    period: str
    actual: IndicatorValue | None
    target: IndicatorValue | None


@dataclass(slots=True)
class IndicatorSeries(Plain):
    metric: str
    metric_label: str
    measure: str
    measure_label: str
    unit: str
    headline: bool
    points: list[IndicatorPoint] = field(default_factory=list)


@dataclass(slots=True)
class NamedFact(Plain):
    """A park, policy or enterprise as listed on the profile, with its first mention."""

    name: str
    detail: dict[str, Any]
    mentions: int
    years: list[int]
    """Report years that mention it, newest first."""
    fact_id: int
    report_id: int
    report_year: int | None
    quote: str
    start: int
    end: int
    section_kind: str | None
    corrected: bool


@dataclass(slots=True)
class RegionProfile(Plain):
    region: RegionInfo
    children: list[dict[str, Any]]
    """Child regions that have reports, with their report count and latest year."""
    descendants: list[dict[str, Any]]
    """Every region below (children, grandchildren …) that has reports, same shape plus
    ``parent_code`` — a province channel lists its counties too."""
    reports: list[ReportSummary]
    """Newest first."""
    indicators: list[IndicatorSeries]
    """Headline metrics first (in HEADLINE_METRICS order), then the rest by name."""
    projects: list[ProjectRow]
    industries: list[IndustryWeight]
    parks: list[NamedFact]
    enterprises: list[NamedFact]
    policies: list[NamedFact]
    targets: dict[str, int] = field(default_factory=dict)
    """How its targets fared: met / missed / not_reported / pending counts (details in
    :func:`zhaoshang.services.track.targets_vs_results`)."""

    @property
    def reports_by_year(self) -> dict[int | None, list[ReportSummary]]:
        out: dict[int | None, list[ReportSummary]] = defaultdict(list)
        for r in self.reports:
            out[r.year].append(r)
        return dict(out)


def series_rows(series: list[IndicatorSeries]) -> list[dict[str, Any]]:
    """The profile's indicator series as one row per (metric, measure, period) — the
    shape of its table on the page and in exports (COLUMNS["indicator_series"])."""
    return [
        {
            "metric": s.metric,
            "metric_label": s.metric_label,
            "measure": s.measure,
            "measure_label": s.measure_label,
            "period": p.period,
            "actual": p.actual.to_dict() if p.actual else None,
            "target": p.target.to_dict() if p.target else None,
        }
        for s in series
        for p in s.points
    ]


@memoise
def region_profile(
    session: Session,
    code_or_name: str,
    *,
    top_projects: int = 20,
    top_industries: int = 15,
    list_limit: int = 50,
    headline_only: bool = False,
) -> RegionProfile:
    """Everything about one region, newest report first.

    Indicators cover every report of the region (so a 2021 target sits beside the 2021
    actual from the 2022 report); projects are ranked by investment over all reports;
    industries, parks, enterprises and policies describe the latest report, i.e. what
    the region is pursuing now. Raises RegionNotFound / AmbiguousRegion.
    """
    reg = resolve_region(session, code_or_name)
    info = region_info(session, reg)
    reports = list(
        session.scalars(
            select(Report)
            .where(Report.region_code == reg.code)
            .order_by(Report.year.is_(None), Report.year.desc(), Report.id.desc())
            .options(*(defer(c) for c in HEAVY_REPORT_COLUMNS))
        )
    )
    report_ids = [r.id for r in reports]
    years = {r.id: r.year for r in reports}
    summaries = [
        ReportSummary(
            id=r.id,
            title=r.title,
            year=r.year,
            meeting_date=r.meeting_date,
            speaker=r.speaker,
            char_count=r.char_count,
        )
        for r in reports
    ]
    if report_ids:
        counts = _fact_counts(session, report_ids)
        for s in summaries:
            s.n_indicators, s.n_projects = counts.get(s.id, (0, 0))
    rows = _indicator_rows(session, report_ids, years)
    below = _descendants_with_reports(session, reg.code)
    return RegionProfile(
        region=info,
        children=[d for d in below if d["parent_code"] == reg.code],
        descendants=below,
        reports=summaries,
        indicators=_indicator_series(rows, headline_only),
        targets=_targets_summary(rows, [y for y in sorted({r.year for r in reports}) if y is not None]),
        projects=_top_projects(session, report_ids, years, reg, top_projects),
        industries=region_industries(session, reg.code)[:top_industries] if report_ids else [],
        parks=_named(
            session, ParkFact, "name", report_ids, years, list_limit,
            lambda f: {"park_kind": f.park_kind, "industries": list(f.industries or [])},
        ),
        enterprises=_enterprises(session, report_ids, years, list_limit),
        policies=_named(
            session, PolicyFact, "title", report_ids, years, list_limit,
            lambda f: {"action": f.action, "category": f.category},
        ),
    )


def _fact_counts(session: Session, report_ids: list[int]) -> dict[int, tuple[int, int]]:
    ind = dict(
        session.execute(
            select(IndicatorFact.report_id, func.count())
            .where(live(IndicatorFact), IndicatorFact.report_id.in_(report_ids))
            .group_by(IndicatorFact.report_id)
        ).tuples().all()
    )
    proj = dict(
        session.execute(
            select(ProjectFact.report_id, func.count())
            .where(live(ProjectFact), ProjectFact.report_id.in_(report_ids))
            .group_by(ProjectFact.report_id)
        ).tuples().all()
    )
    return {rid: (int(ind.get(rid, 0)), int(proj.get(rid, 0))) for rid in report_ids}


def _descendants_with_reports(session: Session, code: str) -> list[dict[str, Any]]:
    under = descendant_codes(session, code, include_self=False)
    if not under:
        return []
    out: list[dict[str, Any]] = []
    for chunk in iter_chunks(under):
        stmt = (
            select(Region.code, Region.name, Region.level, Region.parent_code, func.count(Report.id), func.max(Report.year))
            .join(Report, Report.region_code == Region.code)
            .where(Region.code.in_(chunk))
            .group_by(Region.code, Region.name, Region.level, Region.parent_code)
        )
        out.extend(
            {"code": c, "name": n, "level": lv, "parent_code": p, "reports": int(k), "latest_year": y}
            for c, n, lv, p, k, y in session.execute(stmt)
        )
    return sorted(out, key=lambda d: d["code"])


def _value(fact: Any, year: int | None) -> IndicatorValue:
    return IndicatorValue(**figure(fact, year))


def _indicator_rows(session: Session, report_ids: list[int], years: dict[int, int | None]) -> list[tuple[Any, int | None]]:
    """Every live indicator of the region's reports, with its report's year (one query)."""
    if not report_ids:
        return []
    stmt = select(*INDICATOR_COLUMNS).where(live(IndicatorFact), IndicatorFact.report_id.in_(report_ids))
    return [(f, years.get(f.report_id)) for f in session.execute(stmt)]


def _targets_summary(rows: list[tuple[Any, int | None]], report_years: list[int]) -> dict[str, int]:
    targets = [(f, y) for f, y in rows if f.kind == "target"]
    actuals = [(f, y) for f, y in rows if f.kind == "actual"]
    summary = {s: 0 for s in STATUSES}
    for r in pair_targets(targets, actuals, report_years):
        summary[r.status] += 1
    return summary


def _indicator_series(rows: list[tuple[Any, int | None]], headline_only: bool) -> list[IndicatorSeries]:
    grouped: dict[tuple[str, str], dict[str, dict[str, list[tuple[Any, int | None]]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for f, year in rows:
        if headline_only and f.metric not in HEADLINE_METRICS:
            continue
        grouped[(f.metric, f.measure)][f.period][f.kind].append((f, year))
    series = []
    for (metric, measure), periods in grouped.items():
        points = []
        units: list[str] = []
        for period in sorted(periods, key=_period_key):
            kinds = periods[period]
            best = {k: pick_best(kinds.get(k, [])) for k in ("actual", "target")}
            point = IndicatorPoint(
                period=period,
                actual=_value(best["actual"][0], best["actual"][1]) if best["actual"] else None,
                target=_value(best["target"][0], best["target"][1]) if best["target"] else None,
            )
            units.extend(v.unit for v in (point.actual, point.target) if v)
            points.append(point)
        series.append(
            IndicatorSeries(
                metric=metric,
                metric_label=metric_label(metric),
                measure=measure,
                measure_label=measure_label(measure),
                unit=max(set(units), key=units.count) if units else "",
                headline=metric in HEADLINE_METRICS,
                points=points,
            )
        )

    def order(s: IndicatorSeries) -> tuple[Any, ...]:
        head = HEADLINE_METRICS.index(s.metric) if s.metric in HEADLINE_METRICS else len(HEADLINE_METRICS)
        return (head, s.metric, measure_rank(s.measure))

    series.sort(key=order)
    return series


def _period_key(period: str) -> tuple[int, int, str]:
    """Years in order; a span sorts at its start year, after the single years it starts with."""
    b = period_bounds(period)
    if b is None:
        return (9999, 9999, period)
    return (b[0], b[1], period)


def _top_projects(
    session: Session, report_ids: list[int], years: dict[int, int | None], reg: Region, limit: int
) -> list[ProjectRow]:
    """The region's biggest projects, each once however many reports mention it."""
    if not report_ids:
        return []
    stmt = select(ProjectFact).where(live(ProjectFact), ProjectFact.report_id.in_(report_ids))
    rows = fold_mentions([project_row(f, years.get(f.report_id), reg.code, reg.name) for f in session.scalars(stmt)])
    rows.sort(key=lambda r: (r.investment_yuan is None, -(r.investment_yuan or 0), r.fact_id))
    return rows[:limit]


def _named(session, model, name_attr, report_ids, years, limit, detail) -> list[NamedFact]:  # type: ignore[no-untyped-def]
    """Distinct names of one fact type (first mention kept, mentions counted)."""
    if not report_ids:
        return []
    facts = list(session.execute(select(*model.__table__.columns).where(live(model), model.report_id.in_(report_ids))))
    facts.sort(key=lambda f: (-(years.get(f.report_id) or 0), -f.report_id, f.start))
    by_name: dict[str, NamedFact] = {}
    for f in facts:
        name = getattr(f, name_attr)
        if name in by_name:
            _count(by_name[name], years.get(f.report_id))
            continue
        by_name[name] = NamedFact(
            name=name,
            detail=detail(f),
            mentions=1,
            years=[years[f.report_id]] if years.get(f.report_id) else [],
            **provenance(f, years.get(f.report_id)),
        )
    return _rank_named(list(by_name.values()), limit)


def _count(item: NamedFact, year: int | None) -> None:
    item.mentions += 1
    if year and year not in item.years:
        item.years.append(year)
        item.years.sort(reverse=True)


def _rank_named(items: list[NamedFact], limit: int) -> list[NamedFact]:
    """Most mentioned first; ties keep the newest report's reading order."""
    order = {id(n): i for i, n in enumerate(items)}
    return sorted(items, key=lambda n: (-n.mentions, order[id(n)]))[:limit]


def _enterprises(session: Session, report_ids: list[int], years: dict[int, int | None], limit: int) -> list[NamedFact]:
    if not report_ids:
        return []
    stmt = (
        select(
            *EnterpriseMention.__table__.columns,
            Enterprise.canonical,
            Enterprise.industries.label("enterprise_industries"),
        )
        .outerjoin(Enterprise, Enterprise.id == EnterpriseMention.enterprise_id)
        .where(live(EnterpriseMention), EnterpriseMention.report_id.in_(report_ids))
    )
    mentions = list(session.execute(stmt))
    mentions.sort(key=lambda f: (-(years.get(f.report_id) or 0), -f.report_id, f.start))
    by_entity: dict[int, NamedFact] = {}
    for m in mentions:
        if m.enterprise_id in by_entity:
            _count(by_entity[m.enterprise_id], years.get(m.report_id))
            continue
        by_entity[m.enterprise_id] = NamedFact(
            name=m.canonical or m.name,
            detail={
                "enterprise_id": m.enterprise_id,
                "as_written": m.name,
                "industries": list(m.enterprise_industries or []),
            },
            mentions=1,
            years=[years[m.report_id]] if years.get(m.report_id) else [],
            **provenance(m, years.get(m.report_id)),
        )
    return _rank_named(list(by_entity.values()), limit)
