"""招商地图 (/map): a choropleth of any indicator by province or by a region's children."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from zhaoshang.services.common import AmbiguousRegion, RegionNotFound
from zhaoshang.services.compare import available_metrics, map_data
from zhaoshang.services.export import COLUMNS
from zhaoshang.web.charts import bar_chart
from zhaoshang.web.deps import get_session
from zhaoshang.web.export import table_response
from zhaoshang.web.geo import geo_url
from zhaoshang.web.queries import region_choices
from zhaoshang.web.render import fact_url, json_response, render

router = APIRouter()


class MapParams:
    def __init__(
        self,
        metric: str | None = Query(None, max_length=48, description="指标代码；缺省取覆盖最多的指标"),
        period: str | None = Query(None, max_length=16, description="时期；缺省取覆盖最多的时期"),
        kind: str = Query("actual", pattern="^(actual|target)$"),
        measure: str | None = Query(None, description="口径；缺省自动"),
        parent: str | None = Query(None, description="显示该地区的下辖地区；缺省为全国各省"),
        format: str | None = Query(None, description="csv | xlsx"),
    ) -> None:
        self.metric, self.period, self.kind, self.measure = metric, period, kind, measure or None
        self.parent, self.format = parent or None, format


def map_page_data(session: Session, params: MapParams) -> dict[str, Any]:
    level = "province" if not params.parent else None
    options = [o for o in available_metrics(session, kind=params.kind, level=level, parent=params.parent)]
    if not params.metric and options:
        params.metric = options[0].metric
    stated = [o.period for o in options if o.metric == params.metric]
    if params.metric and params.period not in stated:
        params.period = stated[0] if stated else None
    metrics = sorted({o.metric: o.metric_label for o in options}.items())
    periods = sorted({o.period for o in options if o.metric == params.metric}, reverse=True)
    query = {k: v for k, v in vars(params).items() if k != "format"}
    if not params.metric or not params.period:
        return {"query": query, "map": None, "chart": None, "menu": {"metrics": metrics, "periods": periods}}
    try:
        data = map_data(session, params.metric, params.period, params.kind, params.measure, parent=params.parent).to_dict()
    except (RegionNotFound, AmbiguousRegion) as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    for item in data["items"]:
        item["url"] = fact_url("indicator", item["report_id"], item["fact_id"])
        item["region_url"] = f"/regions/{item['code']}"
    url = geo_url(data["map_code"])
    chart = None
    if url:
        chart = {
            "type": "map", "geo_url": url, "map_key": f"zs-{data['map_code']}", "items": data["items"],
            "min": data["min"], "max": data["max"], "unit": data["unit"],
        }  # fmt: skip
    elif data["items"]:  # no boundaries vendored for this level: show the same values as bars
        ranked = sorted((i for i in data["items"] if i["value"] is not None), key=lambda i: -i["value"])
        chart = bar_chart(ranked, "name", "value", data["unit"], data["metric_label"])
    data["geo_url"] = url
    return {"query": query, "map": data, "chart": chart, "menu": {"metrics": metrics, "periods": periods}}


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request, params: MapParams = Depends(), session: Session = Depends(get_session)) -> Response:
    data = map_page_data(session, params)
    if params.format:
        return _download(params, data)
    return render(request, "map.html", {"page_title": "招商地图", **data, "choices": region_choices(session)})


@router.get("/api/v1/map", tags=["compare"], summary="地图数据：按省或按某地区的下辖地区的指标值（附出处）")
def map_api(params: MapParams = Depends(), session: Session = Depends(get_session)) -> Response:
    data = map_page_data(session, params)
    if params.format:
        return _download(params, data)
    return json_response(data)


def _download(params: MapParams, data: dict[str, Any]) -> Response:
    items = data["map"]["items"] if data["map"] else []
    return table_response(params.format or "", f"map-{params.metric}-{params.period}", COLUMNS["map"], items)
