"""Targets vs results (/targets): did the region deliver what its report promised?"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from zhaoshang.services.common import AmbiguousRegion, RegionNotFound
from zhaoshang.services.export import COLUMNS
from zhaoshang.services.track import targets_overview, targets_vs_results
from zhaoshang.web.deps import get_session
from zhaoshang.web.export import table_response
from zhaoshang.web.queries import region_choices
from zhaoshang.web.render import fact_url, json_response, render

router = APIRouter()

STATUS_FILTERS = ("met", "missed", "not_reported", "pending")


class TargetParams:
    def __init__(
        self,
        region: str | None = Query(None, description="地区代码；缺省只给出各地区的汇总"),
        year: int | None = Query(None, description="只看为该年设定的目标"),
        status: str | None = Query(None, pattern="^(met|missed|not_reported|pending)?$", description="met | missed | not_reported | pending"),
        format: str | None = Query(None, description="csv | xlsx"),
    ) -> None:
        self.region, self.year, self.status, self.format = region or None, year, status or None, format


OVERVIEW_COLUMNS = [
    ("code", "region_code"), ("name", "地区"), ("level", "level"), ("parent_name", "上级"),
    ("targets", "targets"), ("summary.met", "met"), ("summary.missed", "missed"),
    ("summary.not_reported", "not_reported"), ("summary.pending", "pending"), ("met_rate", "met_rate"),
]  # fmt: skip


def targets_data(session: Session, params: TargetParams) -> dict[str, Any]:
    """Every region's tally (the league), and one region's targets when ``region`` is given."""
    query = {"region": params.region, "year": params.year, "status": params.status}
    overview = [r.to_dict() for r in targets_overview(session, year=params.year)]
    if not params.region:
        return {"query": query, "overview": overview, "targets": None}
    try:
        data = targets_vs_results(session, params.region, year=params.year).to_dict()
    except RegionNotFound as exc:
        raise HTTPException(status_code=404, detail=f"没有找到地区 {params.region}") from exc
    except AmbiguousRegion as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    for r in data["results"]:
        for side in ("target", "actual"):
            ref = r.get(side)
            if ref:
                ref["url"] = fact_url("indicator", ref["report_id"], ref["fact_id"])
    for c in data["parent_comparisons"]:
        for side in ("region_target", "ancestor_target"):
            ref = c[side]
            ref["url"] = fact_url("indicator", ref["report_id"], ref["fact_id"])
    if params.status:
        data["results"] = [r for r in data["results"] if r["status"] == params.status]
    return {"query": query, "overview": overview, "targets": data}


@router.get("/targets", response_class=HTMLResponse, include_in_schema=False)
def targets_page(request: Request, params: TargetParams = Depends(), session: Session = Depends(get_session)) -> Response:
    data = targets_data(session, params)
    if params.format:
        return _download(params, data)
    return render(request, "targets.html", {"page_title": "目标追踪", **data, "choices": region_choices(session)})


@router.get("/api/v1/targets", tags=["targets"], summary="目标与结果：各地区汇总；给出 region 时每个目标配对后续报告中的实际值（已完成/未完成/未报告/待定），两端都附原文")
def targets_api(params: TargetParams = Depends(), session: Session = Depends(get_session)) -> Response:
    data = targets_data(session, params)
    if params.format:
        return _download(params, data)
    return json_response(data)


def _download(params: TargetParams, data: dict[str, Any]) -> Response:
    if data["targets"] is None:
        return table_response(params.format or "", "targets-overview", OVERVIEW_COLUMNS, data["overview"])
    return table_response(params.format or "", f"targets-{params.region}", COLUMNS["targets"], data["targets"]["results"])
