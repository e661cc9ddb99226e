"""Indicator list (/api/v1/indicators and the /indicators table): every live figure."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from zhaoshang.services.common import AmbiguousRegion, RegionNotFound
from zhaoshang.services.compare import available_metrics
from zhaoshang.services.export import COLUMNS
from zhaoshang.services.queries import list_indicators
from zhaoshang.web.deps import Paging, get_session, paging
from zhaoshang.web.export import table_response
from zhaoshang.web.queries import region_choices
from zhaoshang.web.render import fact_url, json_response, render

router = APIRouter()


class IndicatorParams:
    def __init__(
        self,
        region: str | None = Query(None, description="地区代码（含下辖地区）"),
        metric: str | None = Query(None, max_length=48, description="指标代码，如 gdp"),
        period: str | None = Query(None, max_length=16, description="时期，如 2020"),
        kind: str | None = Query(None, pattern="^(actual|target)?$", description="actual | target"),
        measure: str | None = Query(None, description="growth_pct | avg_growth_pct | value | rate_pct"),
        year: int | None = Query(None, description="报告年份"),
        report_id: int | None = Query(None, description="只看一份报告"),
        sort: str = Query("region", description="metric | period | number | value_yuan | year | region | id | position；加 - 为降序"),
        format: str | None = Query(None, description="csv | xlsx"),
    ) -> None:
        self.region, self.metric, self.period, self.kind = region or None, metric or None, period or None, kind or None
        self.measure, self.year, self.report_id, self.sort, self.format = measure or None, year, report_id, sort, format

    def run(self, session: Session, page: int, per_page: int) -> dict[str, Any]:
        try:
            result = list_indicators(
                session, region=self.region, metric=self.metric, period=self.period, kind=self.kind,
                measure=self.measure, year=self.year, report_id=self.report_id, sort=self.sort,
                page=page, per_page=per_page,
            ).to_dict()  # fmt: skip
        except (RegionNotFound, AmbiguousRegion) as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from exc
        for row in result["items"]:
            row["url"] = fact_url("indicator", row["report_id"], row["fact_id"])
        return result


def _download(session: Session, params: IndicatorParams) -> Response:
    rows: list[dict[str, Any]] = []
    page = 1
    while page <= 200:  # the service caps pages at 500 rows
        result = params.run(session, page, 500)
        rows.extend(result["items"])
        if page >= result["pages"]:
            break
        page += 1
    return table_response(params.format or "", "indicators", [*COLUMNS["indicators"], ("url", "url")], rows)


@router.get("/indicators", response_class=HTMLResponse, include_in_schema=False)
def indicators_page(
    request: Request, params: IndicatorParams = Depends(), p: Paging = Depends(paging), session: Session = Depends(get_session)
) -> Response:
    if params.format:
        return _download(session, params)
    data = params.run(session, p.page, p.per_page)
    metrics = sorted({(o.metric, o.metric_label) for o in available_metrics(session)}, key=lambda m: m[1])
    return render(
        request, "indicators.html",
        {"page_title": "指标明细", "query": vars(params), **data, "metrics": metrics, "choices": region_choices(session)},
    )  # fmt: skip


@router.get("/api/v1/indicators", tags=["indicators"], summary="指标明细（分页、筛选、排序、CSV/XLSX；每条附原文出处）")
def indicators_api(
    params: IndicatorParams = Depends(), p: Paging = Depends(paging), session: Session = Depends(get_session)
) -> Response:
    if params.format:
        return _download(session, params)
    return json_response(params.run(session, p.page, p.per_page))
