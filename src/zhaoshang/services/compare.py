"""Compare regions on one indicator, and the same data shaped for a choropleth map.

One row per region: the region's own statement of ``metric`` for ``period`` (actual or
target, one measure), with the quote and span it came from. Regions are never mixed
with their children: a county's figure is the county's report's figure.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zhaoshang.services.base import Plain, figure, iter_chunks, live
from zhaoshang.services.cache import memoise
from zhaoshang.services.facts import INDICATOR_COLUMNS, pick_best
from zhaoshang.services.labels import KIND_LABELS, measure_label, measure_rank, metric_label
from zhaoshang.services.regions import region_scope, resolve_region
from zhaoshang.services.units import comparable, split_unit
from zhaoshang.store.models import IndicatorFact, Region, Report



@dataclass(slots=True)
class CompareRow(Plain):
    """One region's figure with its provenance. ``value`` is ``number`` converted to the
    result's ``unit`` (e.g. 3500万元 shown as 0.35 when the table is in 亿元) so rows sort
    and chart on one scale; ``number``/``unit`` stay as the report wrote them."""

    rank: int
    region_code: str
    region_name: str
    region_short_name: str
    level: str
    parent_code: str | None
    parent_name: str | None
    value: float | None
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
    n_statements: int
    """How many live facts matched for this region (the row shows the preferred one)."""


@dataclass(slots=True)
class CompareResult(Plain):
    metric: str
    metric_label: str
    period: str
    kind: str
    kind_label: str
    measure: str | None
    measure_label: str
    unit: str
    rows: list[CompareRow] = field(default_factory=list)
    measures_available: list[str] = field(default_factory=list)
    not_stated: list[dict[str, str]] = field(default_factory=list)
    """Regions in scope that have reports but state no such figure (code, name) — not
    the same as zero, and worth showing beside the ranking."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


@dataclass(slots=True)
class MetricOption(Plain):
    """One (metric, measure, kind, period) combination present in the store."""

    metric: str
    metric_label: str
    measure: str
    measure_label: str
    kind: str
    period: str
    n_regions: int


SORT_KEYS = ("value", "region", "code", "year")


@memoise
def available_metrics(
    session: Session,
    *,
    kind: str | None = None,
    regions: Sequence[str] | None = None,
    level: str | None = None,
    parent: str | None = None,
) -> list[MetricOption]:
    """Every metric/measure/kind/period that at least one region states, with how many
    regions state it — what a compare form offers, most-covered first."""
    codes = region_scope(session, regions=regions, level=level, parent=parent)
    stmt = (
        select(
            IndicatorFact.metric,
            IndicatorFact.measure,
            IndicatorFact.kind,
            IndicatorFact.period,
            func.count(func.distinct(Report.region_code)),
        )
        .join(Report, Report.id == IndicatorFact.report_id)
        .where(live(IndicatorFact), Report.region_code.is_not(None))
        .group_by(IndicatorFact.metric, IndicatorFact.measure, IndicatorFact.kind, IndicatorFact.period)
    )
    if kind:
        stmt = stmt.where(IndicatorFact.kind == kind)
    if codes is not None:
        if not codes:
            return []
        stmt = stmt.where(Report.region_code.in_(codes))
    options = [
        MetricOption(
            metric=m,
            metric_label=metric_label(m),
            measure=ms,
            measure_label=measure_label(ms),
            kind=k,
            period=p,
            n_regions=int(n),
        )
        for m, ms, k, p, n in session.execute(stmt)
    ]
    options.sort(key=lambda o: (-o.n_regions, o.metric, o.measure, o.kind, o.period))
    return options


@memoise
def compare(
    session: Session,
    metric: str,
    period: str,
    kind: str = "actual",
    measure: str | None = None,
    *,
    regions: Sequence[str] | None = None,
    level: str | None = None,
    parent: str | None = None,
    include_descendants: bool = False,
    sort: str = "-value",
) -> CompareResult:
    """Rank regions on ``metric`` for ``period`` (``kind`` actual|target).

    ``measure`` None picks the measure most regions state (growth_pct wins ties), so
    "compare GDP 2020" works without knowing the vocabulary. ``regions`` (codes or
    names), ``level`` and ``parent`` (its children; all descendants with
    ``include_descendants``) narrow the set and combine. ``sort``: value | region |
    code | year, ``-`` for descending; regions without a value sort last.
    """
    codes = region_scope(
        session, regions=regions, level=level, parent=parent, include_descendants=include_descendants
    )
    result = CompareResult(
        metric=metric,
        metric_label=metric_label(metric),
        period=period,
        kind=kind,
        kind_label=KIND_LABELS.get(kind, kind),
        measure=measure,
        measure_label=measure_label(measure),
        unit="",
    )
    if codes is not None and not codes:
        return result
    stmt = (
        select(*INDICATOR_COLUMNS, Report.year, Report.region_code)
        .join(Report, Report.id == IndicatorFact.report_id)
        .where(
            live(IndicatorFact),
            IndicatorFact.metric == metric,
            IndicatorFact.period == period,
            IndicatorFact.kind == kind,
            Report.region_code.is_not(None),
        )
    )
    rows: list[tuple[Any, int | None, str]] = []
    for chunk in iter_chunks(codes) if codes is not None else [None]:
        st = stmt if chunk is None else stmt.where(Report.region_code.in_(chunk))
        rows.extend((r, r.year, r.region_code) for r in session.execute(st))
    measure_regions: dict[str, set[str]] = defaultdict(set)
    for fact, _year, code in rows:
        measure_regions[fact.measure].add(code)
    result.measures_available = sorted(measure_regions, key=measure_rank)
    if measure is None and measure_regions:
        measure = max(measure_regions, key=lambda m: (len(measure_regions[m]), -measure_rank(m)))
    result.measure = measure
    result.measure_label = measure_label(measure)
    by_region: dict[str, list[tuple[Any, int | None]]] = defaultdict(list)
    for fact, year, code in rows:
        if fact.measure == measure:
            by_region[code].append((fact, year))
    result.not_stated = _not_stated(session, codes, set(by_region))
    if not by_region:
        return result
    regions_by_code = {
        r.code: r for r in session.scalars(select(Region).where(Region.code.in_(list(by_region))))
    }
    parent_codes = {r.parent_code for r in regions_by_code.values() if r.parent_code}
    parent_names = (
        dict(session.execute(select(Region.code, Region.name).where(Region.code.in_(parent_codes))).tuples().all()) if parent_codes else {}
    )
    chosen = {code: pick_best(cands) for code, cands in by_region.items()}
    unit, factor, base_unit = _display_unit([c[0] for c in chosen.values() if c])
    result.unit = unit
    for code, best in chosen.items():
        if best is None:
            continue
        fact, year, n = best
        region = regions_by_code.get(code)
        base, base_of_row = comparable(fact.number, fact.unit, fact.value_yuan)
        # a figure in another unit (万美元 beside 亿元) is shown as written but not ranked
        value = base / factor if base is not None and factor and base_of_row == base_unit else None
        result.rows.append(
            CompareRow(
                rank=0,
                region_code=code,
                region_name=region.name if region else code,
                region_short_name=region.short_name if region else code,
                level=region.level if region else "",
                parent_code=region.parent_code if region else None,
                parent_name=parent_names.get(region.parent_code) if region and region.parent_code else None,
                value=round(value, 6) if value is not None else None,
                **figure(fact, year),
                n_statements=n,
            )
        )
    _rank(result.rows)
    result.rows = sort_rows(result.rows, sort)
    return result


def _not_stated(session: Session, codes: list[str] | None, stated: set[str]) -> list[dict[str, str]]:
    stmt = select(Region.code, Region.name).join(Report, Report.region_code == Region.code).distinct()
    found: list[tuple[str, str]] = []
    for chunk in iter_chunks(codes) if codes is not None else [None]:
        st = stmt if chunk is None else stmt.where(Region.code.in_(chunk))
        found.extend(session.execute(st).tuples())
    return [{"code": c, "name": n} for c, n in sorted(set(found)) if c not in stated]


def sort_rows(rows: list[CompareRow], sort: str | None) -> list[CompareRow]:
    """Sort compare rows; ``None`` values always go last whatever the direction."""
    key = (sort or "-value").strip()
    desc = key.startswith("-")
    key = key.lstrip("+-")
    if key not in SORT_KEYS:
        key, desc = "value", True
    getter: dict[str, Any] = {
        "value": lambda r: r.value,
        "region": lambda r: r.region_name,
        "code": lambda r: r.region_code,
        "year": lambda r: r.report_year,
    }
    present = [r for r in rows if getter[key](r) is not None]
    missing = [r for r in rows if getter[key](r) is None]
    present.sort(key=lambda r: r.region_code)  # ties in code order, whatever the direction
    present.sort(key=getter[key], reverse=desc)
    return present + sorted(missing, key=lambda r: r.region_code)


def _rank(rows: list[CompareRow]) -> None:
    """Competition ranking by value, highest first (1, 2, 2, 4)."""
    ordered = sorted((r for r in rows if r.value is not None), key=lambda r: -r.value)  # type: ignore[operator]
    prev: float | None = None
    rank = 0
    for i, row in enumerate(ordered, start=1):
        if row.value != prev:
            rank = i
            prev = row.value
        row.rank = rank


def _display_unit(facts: list[Any]) -> tuple[str, float, str]:
    """(unit shown, factor from base units to it, base unit) of a comparison.

    The base unit most rows share wins (yuan on a tie); money is shown in 亿元 (how
    reports speak of regional totals), other quantities in the unit most rows use, so
    850人 and 0.1万人 land on one scale. Rows in another base unit get no ``value``.
    """
    if not facts:
        return "", 1.0, ""
    bases = Counter(comparable(f.number, f.unit, f.value_yuan)[1] for f in facts)
    base = max(bases, key=lambda b: (bases[b], b == "元"))
    if base == "元" and any(f.value_yuan is not None for f in facts):
        return "亿元", 1e8, base
    units = Counter(f.unit for f in facts if comparable(f.number, f.unit, f.value_yuan)[1] == base)
    unit = units.most_common(1)[0][0]
    factor, _base = split_unit(unit)
    return unit, factor, base


# --- map --------------------------------------------------------------------


@dataclass(slots=True)
class MapItem(Plain):
    """One area of the choropleth. ``name`` is the full official name (湖南省, 衡阳市),
    which is how the ECharts/DataV China maps name their features."""

    name: str
    short_name: str
    code: str
    value: float | None
    number: float
    unit: str
    qualifier: str | None
    fact_id: int
    report_id: int
    quote: str
    start: int
    end: int


@dataclass(slots=True)
class MapData(Plain):
    map_code: str
    """"100000" for the national map, else the adcode of the region whose children are shown."""
    map_name: str
    """"中国" or the parent region's full name (the map file to load)."""
    metric: str
    metric_label: str
    period: str
    kind: str
    measure: str | None
    unit: str
    min: float | None
    max: float | None
    items: list[MapItem] = field(default_factory=list)
    children_without_data: list[dict[str, str]] = field(default_factory=list)


@memoise
def map_data(
    session: Session,
    metric: str,
    period: str,
    kind: str = "actual",
    measure: str | None = None,
    *,
    parent: str | None = None,
) -> MapData:
    """Values of an indicator by province (``parent`` None) or by the children of
    ``parent``, for a choropleth; areas without a figure are listed separately so the
    map can grey them out rather than guess."""
    if parent:
        p = resolve_region(session, parent)
        result = compare(session, metric, period, kind, measure, parent=p.code)
        map_code, map_name = p.code, p.name
        area_stmt = select(Region.code, Region.name).where(Region.parent_code == p.code)
    else:
        result = compare(session, metric, period, kind, measure, level="province")
        map_code, map_name = "100000", "中国"
        area_stmt = select(Region.code, Region.name).where(Region.level == "province")
    items = [
        MapItem(
            name=r.region_name,
            short_name=r.region_short_name,
            code=r.region_code,
            value=r.value,
            number=r.number,
            unit=r.unit,
            qualifier=r.qualifier,
            fact_id=r.fact_id,
            report_id=r.report_id,
            quote=r.quote,
            start=r.start,
            end=r.end,
        )
        for r in result.rows
    ]
    have = {i.code for i in items}
    missing = [{"code": c, "name": n} for c, n in session.execute(area_stmt.order_by(Region.code)) if c not in have]
    values = [i.value for i in items if i.value is not None]
    return MapData(
        map_code=map_code,
        map_name=map_name,
        metric=metric,
        metric_label=result.metric_label,
        period=period,
        kind=kind,
        measure=result.measure,
        unit=result.unit,
        min=min(values) if values else None,
        max=max(values) if values else None,
        items=items,
        children_without_data=missing,
    )
