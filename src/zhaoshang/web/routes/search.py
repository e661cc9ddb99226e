"""Full-text search (/search?q=) over every report, with facets and snippets that link
to the exact characters (the reader highlights ``?hl=start-end``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from zhaoshang.search.service import QueryError, search
from zhaoshang.web.deps import Paging, paging
from zhaoshang.web.export import table_response
from zhaoshang.web.render import json_response, render

router = APIRouter()

SEARCH_COLUMNS = [
    ("report.id", "report_id"),
    ("report.title", "标题"),
    ("report.year", "year"),
    ("report.region.code", "region_code"),
    ("report.region.name", "地区"),
    ("section", "section_kind"),
    ("snippet", "snippet"),
    ("start", "start"),
    ("end", "end"),
    ("url", "url"),
]
PER_PAGE_MAX = 100


class SearchParams:
    def __init__(
        self,
        q: str = Query("", max_length=200, description="检索词；空格分隔为“且”，引号为短语，-词 排除"),
        region: str | None = Query(None, description="地区代码（含下辖地区）"),
        level: str | None = Query(None, description="province | prefecture | county | district"),
        year: int | None = Query(None, description="报告年份"),
        section_kind: str | None = Query(None, description="章节类型，如 tasks、review"),
        fact_type: str | None = Query(None, description="只要含该类事实的句子：indicator | project | enterprise | park | policy | industry"),
        format: str | None = Query(None, description="csv | xlsx"),
    ) -> None:
        self.q, self.region, self.level, self.year = q.strip(), region or None, level or None, year
        self.section_kind, self.fact_type, self.format = section_kind or None, fact_type or None, format


def hit_url(hit: dict[str, Any]) -> str:
    """The reader with the matched characters highlighted and scrolled to."""
    return f"/reports/{hit['report']['id']}?hl={hit['start']}-{hit['end']}#f-hit-0"


def search_data(request: Request, params: SearchParams, p: Paging) -> dict[str, Any]:
    query = {k: v for k, v in vars(params).items() if k != "format"}
    if not params.q:
        return {"query": query, "result": None, "error": None}
    per_page = min(p.per_page, PER_PAGE_MAX)
    try:
        result = search(
            request.app.state.engine, params.q, region=params.region, level=params.level, year=params.year,
            section_kind=params.section_kind, fact_type=params.fact_type,
            limit=per_page, offset=(p.page - 1) * per_page,
        ).to_dict()  # fmt: skip
    except QueryError as exc:
        return {"query": query, "result": None, "error": str(exc)}
    for hit in result["hits"]:
        hit["url"] = hit_url(hit)
    pages = max(1, -(-result["total"] // per_page))
    return {"query": query, "result": result, "error": None, "page": p.page, "per_page": per_page, "pages": pages}


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, params: SearchParams = Depends(), p: Paging = Depends(paging)) -> Response:
    data = search_data(request, params, p)
    if params.format and data["result"]:
        return table_response(params.format, "search", SEARCH_COLUMNS, data["result"]["hits"])
    title = f"搜索：{params.q}" if params.q else "全文检索"
    return render(request, "search.html", {"page_title": title, "search_query": params.q, **data})


@router.get("/api/v1/search", tags=["search"], summary="全文检索（句子级命中、分面、高亮片段、字符区间）")
def search_api(request: Request, params: SearchParams = Depends(), p: Paging = Depends(paging)) -> Response:
    data = search_data(request, params, p)
    if data["error"]:
        raise HTTPException(status_code=400, detail=data["error"])
    if params.format and data["result"]:
        return table_response(params.format, "search", SEARCH_COLUMNS, data["result"]["hits"])
    return json_response(data)
