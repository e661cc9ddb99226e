"""The indicator list (/api/v1/indicators): every live figure, filtered, sorted, paged."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zhaoshang.services.base import Page, Plain, clamp_paging, live, parse_sort, provenance
from zhaoshang.services.labels import measure_label, metric_label
from zhaoshang.services.regions import in_region
from zhaoshang.store.models import IndicatorFact, Region, Report


@dataclass(slots=True)
class IndicatorRow(Plain):
    fact_id: int
    metric: str
    metric_label: str
    period: str
    kind: str
    measure: str
    measure_label: str
    number: float
    unit: str
    value_yuan: float | None
    qualifier: str | None
    region_code: str | None
    region_name: str | None
    report_id: int
    report_year: int | None
    quote: str
    start: int
    end: int
    section_kind: str | None
    corrected: bool


_SORTS = {
    "metric": IndicatorFact.metric,
    "period": IndicatorFact.period,
    "number": IndicatorFact.number,
    "value_yuan": IndicatorFact.value_yuan,
    "year": Report.year,
    "region": Report.region_code,
    "id": IndicatorFact.id,
    "position": IndicatorFact.start,
}


def list_indicators(
    session: Session,
    *,
    region: str | None = None,
    include_descendants: bool = True,
    metric: str | None = None,
    period: str | None = None,
    kind: str | None = None,
    measure: str | None = None,
    year: int | None = None,
    report_id: int | None = None,
    sort: str = "region",
    page: int = 1,
    per_page: int = 50,
) -> Page[IndicatorRow]:
    """Live indicator facts with provenance.

    ``region`` (code or name) includes its descendants unless told not to; ``year`` is
    the report's year (a 2021 report holds 2020 actuals and 2021 targets), ``period`` the
    year the figure is about. ``sort``: metric | period | number | value_yuan | year |
    region | id | position, ``-`` for descending; ties keep report order.
    """
    page, per_page = clamp_paging(page, per_page)
    stmt = (
        select(IndicatorFact, Report.year, Report.region_code, Region.name)
        .join(Report, Report.id == IndicatorFact.report_id)
        .outerjoin(Region, Region.code == Report.region_code)
        .where(live(IndicatorFact))
    )
    stmt = in_region(session, stmt, region, include_descendants)
    for column, value in (
        (IndicatorFact.metric, metric),
        (IndicatorFact.period, period),
        (IndicatorFact.kind, kind),
        (IndicatorFact.measure, measure),
        (Report.year, year),
        (IndicatorFact.report_id, report_id),
    ):
        if value is not None and value != "":
            stmt = stmt.where(column == value)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    column, desc = parse_sort(sort, _SORTS, "region")
    stmt = stmt.order_by(
        column.is_(None), column.desc() if desc else column.asc(), IndicatorFact.report_id, IndicatorFact.start, IndicatorFact.id
    )
    stmt = stmt.limit(per_page).offset((page - 1) * per_page)
    items = [
        IndicatorRow(
            metric=f.metric,
            metric_label=metric_label(f.metric),
            period=f.period,
            kind=f.kind,
            measure=f.measure,
            measure_label=measure_label(f.measure),
            number=f.number,
            unit=f.unit,
            value_yuan=f.value_yuan,
            qualifier=f.qualifier,
            region_code=code,
            region_name=name,
            **provenance(f, y),
        )
        for f, y, code, name in session.execute(stmt)
    ]
    return Page(items=items, total=int(total), page=page, per_page=per_page)
