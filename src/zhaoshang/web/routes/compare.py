"""Compare regions on one indicator (/compare) and its twin (/api/v1/compare).

Choose a metric, a period, actual or target (and optionally the measure), and which
regions: named ones, a level, or a region's children.  The table sorts on the server
(links) and in the browser (JS); the bar chart links every bar to its quote.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from zhaoshang.services.common import AmbiguousRegion, RegionNotFound
from zhaoshang.services.compare import MetricOption, available_metrics, compare
from zhaoshang.services.export import COLUMNS
from zhaoshang.services.labels import metric_label
from zhaoshang.web.charts import bar_chart
from zhaoshang.web.deps import get_session
from zhaoshang.web.export import table_response
from zhaoshang.web.queries import region_choices
from zhaoshang.web.render import fact_url, json_response, render

router = APIRouter()


class CompareParams:
    def __init__(
        self,
        metric: str | None = Query(None, max_length=48, description="指标代码，如 gdp；缺省取覆盖地区最多的指标"),
        period: str | None = Query(None, max_length=16, description="时期，如 2020、2021-2025；缺省取该指标覆盖最多的时期"),
        kind: str = Query("actual", pattern="^(actual|target)$", description="actual 实际 | target 目标"),
        measure: str | None = Query(None, description="growth_pct | avg_growth_pct | value | rate_pct；缺省自动选择"),
        region: list[str] | None = Query(None, description="地区代码（可重复）"),
        level: str | None = Query(None, description="只比较该层级的地区"),
        parent: str | None = Query(None, description="比较该地区的下辖地区"),
        descendants: bool = Query(False, description="与 parent 一起：包括所有下级而不只是直接下辖"),
        sort: str = Query("-value", description="value | region | code | year；加 - 为降序"),
        format: str | None = Query(None, description="csv | xlsx"),
    ) -> None:
        self.metric, self.period, self.kind, self.measure = metric, period, kind, measure or None
        self.region = [r for r in (region or []) if r]
        self.level, self.parent, self.descendants = level or None, parent or None, descendants
        self.sort, self.format = sort, format

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if k != "format"}


def _defaults(params: CompareParams, options: list[MetricOption]) -> None:
    """Fill metric/period with the most covered choice so /compare always shows a table;
    the effective choice is echoed in ``query`` so a caller sees what was compared."""
    pool = [o for o in options if o.kind == params.kind]
    if not params.metric and pool:
        params.metric = pool[0].metric
    periods = [o.period for o in pool if o.metric == params.metric]
    if params.metric and periods and params.period not in periods:
        # no period given, or one this metric/kind never states (e.g. the form switched
        # from actual to target and kept last year): take the best-covered one
        params.period = periods[0]


def _menu(options: list[MetricOption], params: CompareParams) -> dict[str, Any]:
    metrics: dict[str, dict[str, Any]] = {}
    for o in options:
        m = metrics.setdefault(o.metric, {"metric": o.metric, "label": o.metric_label, "n_regions": 0})
        m["n_regions"] = max(m["n_regions"], o.n_regions)
    periods = sorted({o.period for o in options if o.metric == params.metric and o.kind == params.kind}, reverse=True)
    return {"metrics": sorted(metrics.values(), key=lambda m: (-m["n_regions"], m["metric"])), "periods": periods}


def compare_data(session: Session, params: CompareParams) -> dict[str, Any]:
    options = available_metrics(session)
    _defaults(params, options)
    result: dict[str, Any] | None = None
    if params.metric and params.period:
        try:
            res = compare(
                session, params.metric, params.period, params.kind, params.measure,
                regions=params.region or None, level=params.level, parent=params.parent,
                include_descendants=params.descendants, sort=params.sort,
            )  # fmt: skip
        except (RegionNotFound, AmbiguousRegion) as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from exc
        result = res.to_dict()
        for row in result["rows"]:
            row["url"] = fact_url("indicator", row["report_id"], row["fact_id"])
            row["region_url"] = f"/regions/{row['region_code']}"
    chart = None
    if result and result["rows"]:
        ranked = sorted((r for r in result["rows"] if r["value"] is not None), key=lambda r: -r["value"])
        name = f"{metric_label(result['metric'])} {result['period']} {result['kind_label']}"
        chart = bar_chart(ranked, "region_name", "value", result["unit"], name)
    return {"query": params.as_dict(), "result": result, "chart": chart, "menu": _menu(options, params)}


@router.get("/compare", response_class=HTMLResponse, include_in_schema=False)
def compare_page(request: Request, params: CompareParams = Depends(), session: Session = Depends(get_session)) -> Response:
    data = compare_data(session, params)
    if params.format:
        return _download(params, data)
    return render(request, "compare.html", {"page_title": "指标对比", **data, "choices": region_choices(session)})


@router.get("/api/v1/compare", tags=["compare"], summary="地区指标对比（附每个数值的原文出处；CSV/XLSX）")
def compare_api(params: CompareParams = Depends(), session: Session = Depends(get_session)) -> Response:
    data = compare_data(session, params)
    if params.format:
        return _download(params, data)
    return json_response(data)


@router.get("/api/v1/metrics", tags=["compare"], summary="库中已有的 指标×口径×实际/目标×时期 组合及覆盖地区数")
def metrics_api(kind: str | None = Query(None, pattern="^(actual|target)$"), session: Session = Depends(get_session)) -> Response:
    return json_response({"items": [o.to_dict() for o in available_metrics(session, kind=kind)]})


def _download(params: CompareParams, data: dict[str, Any]) -> Response:
    rows = data["result"]["rows"] if data["result"] else []
    name = f"compare-{params.metric or 'none'}-{params.period or ''}-{params.kind}"
    return table_response(params.format or "", name, [*COLUMNS["compare"], ("url", "url")], rows)
