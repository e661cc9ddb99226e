"""Projects library (/projects): filter by region (with children), industry, status,
investment range, year; sort; page; export."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from zhaoshang.services.common import AmbiguousRegion, RegionNotFound
from zhaoshang.services.export import COLUMNS
from zhaoshang.services.projects import list_projects, project_facets
from zhaoshang.web.deps import Paging, get_session, paging
from zhaoshang.web.export import table_response
from zhaoshang.web.queries import region_choices
from zhaoshang.web.render import fact_url, json_response, render

router = APIRouter()

EXPORT_MAX_PAGES = 200
"""At most 100,000 rows in one download."""


class ProjectParams:
    def __init__(
        self,
        region: str | None = Query(None, description="地区代码"),
        children: bool = Query(True, description="包括下辖地区的项目"),
        industry: str | None = Query(None, description="产业代码"),
        status: str | None = Query(None, max_length=16, description="状态，如 开工建设、建成投产"),
        min_yi: float | None = Query(None, ge=0, description="最低投资额（亿元）"),
        max_yi: float | None = Query(None, ge=0, description="最高投资额（亿元）"),
        year: int | None = Query(None, description="报告年份"),
        q: str | None = Query(None, max_length=100, description="项目名称包含"),
        sort: str = Query("-investment", description="investment | name | year | region | status；加 - 为降序"),
        format: str | None = Query(None, description="csv | xlsx"),
    ) -> None:
        self.region, self.children, self.industry, self.status = region or None, children, industry or None, status or None
        self.min_yi, self.max_yi, self.year, self.q, self.sort, self.format = min_yi, max_yi, year, q or None, sort, format

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if k != "format"}

    def run(self, session: Session, page: int, per_page: int) -> Any:
        try:
            return list_projects(
                session, region=self.region, include_descendants=self.children, industry=self.industry,
                status=self.status,
                min_investment=self.min_yi * 1e8 if self.min_yi is not None else None,
                max_investment=self.max_yi * 1e8 if self.max_yi is not None else None,
                year=self.year, q=self.q, sort=self.sort, page=page, per_page=per_page,
            )  # fmt: skip
        except (RegionNotFound, AmbiguousRegion) as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from exc


def projects_data(session: Session, params: ProjectParams, p: Paging) -> dict[str, Any]:
    result = params.run(session, p.page, p.per_page).to_dict()
    for row in result["items"]:
        row["url"] = fact_url("project", row["report_id"], row["fact_id"])
    facets = project_facets(session, region=params.region, include_descendants=params.children).to_dict()
    return {"query": params.as_dict(), **result, "facets": facets}


@router.get("/projects", response_class=HTMLResponse, include_in_schema=False)
def projects_page(
    request: Request, params: ProjectParams = Depends(), p: Paging = Depends(paging), session: Session = Depends(get_session)
) -> Response:
    if params.format:
        return _download(session, params)
    data = projects_data(session, params, p)
    return render(request, "projects.html", {"page_title": "项目库", **data, "choices": region_choices(session)})


@router.get("/api/v1/projects", tags=["projects"], summary="项目库（分页、筛选、排序、CSV/XLSX；每个项目附原文出处）")
def projects_api(
    params: ProjectParams = Depends(), p: Paging = Depends(paging), session: Session = Depends(get_session)
) -> Response:
    if params.format:
        return _download(session, params)
    return json_response(projects_data(session, params, p))


def _download(session: Session, params: ProjectParams) -> Response:
    rows: list[dict[str, Any]] = []
    page = 1
    while True:  # the service caps a page at 500 rows; an export wants them all
        result = params.run(session, page, 500).to_dict()
        rows.extend(result["items"])
        if page >= result["pages"] or page >= EXPORT_MAX_PAGES:
            break
        page += 1
    for row in rows:
        row["url"] = fact_url("project", row["report_id"], row["fact_id"])
    return table_response(params.format or "", "projects", [*COLUMNS["projects"], ("url", "url")], rows)
