"""Industries (/industries): industry × region heat map, drill-down to evidence sentences."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from zhaoshang.services.common import AmbiguousRegion, RegionNotFound
from zhaoshang.services.export import COLUMNS
from zhaoshang.services.industries import industry_evidence, industry_matrix
from zhaoshang.web.deps import get_session
from zhaoshang.web.export import table_response
from zhaoshang.web.queries import region_choices
from zhaoshang.web.render import fact_url, json_response, render

router = APIRouter()


class IndustryParams:
    def __init__(
        self,
        level: str | None = Query(None, description="只看该层级的地区"),
        parent: str | None = Query(None, description="只看该地区的下辖地区"),
        year: int | None = Query(None, description="报告年份；缺省为各地区最新报告"),
        top: int = Query(30, ge=1, le=200, description="最多显示的产业数"),
        industry: str | None = Query(None, max_length=48, description="钻取：该产业的原文依据"),
        region: str | None = Query(None, description="钻取：只看该地区（含下辖）"),
        format: str | None = Query(None, description="csv | xlsx（有 industry 时导出依据，否则导出矩阵）"),
    ) -> None:
        self.level, self.parent, self.year, self.top = level or None, parent or None, year, top
        self.industry, self.region, self.format = industry or None, region or None, format


def heatmap_spec(matrix: dict[str, Any]) -> dict[str, Any] | None:
    """ECharts heat-map data: x = regions, y = industries; each cell links to its evidence."""
    if not matrix["cells"]:
        return None
    regions, industries = matrix["regions"], matrix["industries"]
    return {
        "type": "heatmap",
        "x": [r["name"] for r in regions],
        "y": [i["name"] for i in industries],
        "cells": [[c["r"], c["i"], c["weight"]] for c in matrix["cells"]],
        "max": matrix["max_weight"],
        "links": {
            f"{c['r']},{c['i']}": f"/industries?industry={c['industry']}&region={c['region']}#evidence" for c in matrix["cells"]
        },
    }


def industries_data(session: Session, params: IndustryParams) -> dict[str, Any]:
    try:
        matrix = industry_matrix(session, level=params.level, parent=params.parent, year=params.year, top_industries=params.top).to_dict()
        evidence = None
        if params.industry:
            evidence = [e.to_dict() for e in industry_evidence(session, params.industry, region=params.region, year=params.year)]
            for e in evidence:
                e["url"] = fact_url("industry", e["report_id"], e["fact_id"])
    except (RegionNotFound, AmbiguousRegion) as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from exc
    grid: dict[str, dict[str, Any]] = {}
    for c in matrix["cells"]:
        grid.setdefault(c["industry"], {})[c["region"]] = c
    query = {k: v for k, v in vars(params).items() if k != "format"}
    return {"query": query, "matrix": matrix, "grid": grid, "chart": heatmap_spec(matrix), "evidence": evidence}


@router.get("/industries", response_class=HTMLResponse, include_in_schema=False)
def industries_page(request: Request, params: IndustryParams = Depends(), session: Session = Depends(get_session)) -> Response:
    data = industries_data(session, params)
    if params.format:
        return _download(params, data)
    return render(request, "industries.html", {"page_title": "产业布局", **data, "choices": region_choices(session)})


@router.get("/api/v1/industries", tags=["industries"], summary="产业 × 地区 权重矩阵；给出 industry 时附原文依据句")
def industries_api(params: IndustryParams = Depends(), session: Session = Depends(get_session)) -> Response:
    data = industries_data(session, params)
    if params.format:
        return _download(params, data)
    data.pop("grid")
    return json_response(data)


def _download(params: IndustryParams, data: dict[str, Any]) -> Response:
    if data["evidence"] is not None:
        rows = data["evidence"]
        return table_response(params.format or "", f"industry-{params.industry}", [*COLUMNS["industry_evidence"], ("url", "url")], rows)
    return table_response(params.format or "", "industry-matrix", COLUMNS["industry_matrix"], data["matrix"]["cells"])
