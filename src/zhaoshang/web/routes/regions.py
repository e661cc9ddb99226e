"""Region list (/regions) and the region channel 【X招商】 (/regions/{code}), with twins."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from zhaoshang.services.cache import memoised
from zhaoshang.services.common import AmbiguousRegion, RegionNotFound
from zhaoshang.services.profile import region_profile
from zhaoshang.web.charts import headline_chart
from zhaoshang.web.deps import Paging, get_session, paging
from zhaoshang.web.export import table_response
from zhaoshang.web.queries import channel_name, list_regions
from zhaoshang.web.render import json_response, render

router = APIRouter()

REGION_COLUMNS = [
    ("code", "region_code"),
    ("name", "地区"),
    ("level", "level"),
    ("parent_code", "parent_code"),
    ("province_code", "province_code"),
    ("report_count", "reports"),
    ("latest_year", "latest_year"),
]


class RegionFilters:
    def __init__(
        self,
        level: str | None = Query(None, description="province | prefecture | county | district"),
        parent: str | None = Query(None, description="上级地区代码：只列其直接下辖地区"),
        province: str | None = Query(None, description="省级代码：只列该省内地区"),
        q: str | None = Query(None, max_length=50, description="名称包含"),
        all: bool = Query(False, description="也列出没有报告的地区（全国区划）"),
        sort: str = Query("code", description="code | name | reports | latest_year | level；加 - 为降序"),
        format: str | None = Query(None, description="csv | xlsx"),
    ) -> None:
        self.level, self.parent, self.province, self.q, self.all, self.sort, self.format = (
            level, parent, province, q, all, sort, format,
        )  # fmt: skip

    def query(self, session: Session, offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        return list_regions(
            session, level=self.level, parent=self.parent, province=self.province, q=self.q,
            with_reports=not self.all, sort=self.sort, offset=offset, limit=limit,
        )  # fmt: skip


def _regions(session: Session, f: RegionFilters, p: Paging) -> Response | dict[str, Any]:
    if f.format:
        items, _ = f.query(session, 0, 100_000)
        return table_response(f.format, "regions", REGION_COLUMNS, items)
    items, total = f.query(session, p.offset, p.per_page)
    return {"items": items, **p.meta(total), "sort": f.sort}


@router.get("/regions", response_class=HTMLResponse, include_in_schema=False)
def regions_page(
    request: Request, f: RegionFilters = Depends(), p: Paging = Depends(paging), session: Session = Depends(get_session)
) -> Response:
    data = _regions(session, f, p)
    if isinstance(data, Response):
        return data
    return render(request, "regions.html", {"page_title": "区域频道", "filters": f, **data})


@router.get("/api/v1/regions", tags=["regions"], summary="地区列表（默认只列有报告的地区；分页、筛选、排序、CSV/XLSX）")
def regions_api(
    f: RegionFilters = Depends(), p: Paging = Depends(paging), session: Session = Depends(get_session)
) -> Response:
    data = _regions(session, f, p)
    return data if isinstance(data, Response) else json_response(data)


def channel_data(session: Session, code: str) -> dict[str, Any]:
    """The region channel: the service's profile plus the channel name and chart data,
    memoised per data version as plain dicts (treat as read-only)."""
    return memoised(session, ("web.channel", code), lambda: _channel_data(session, code))


def _channel_data(session: Session, code: str) -> dict[str, Any]:
    try:
        profile = region_profile(session, code).to_dict()
    except RegionNotFound as exc:
        raise HTTPException(status_code=404, detail=f"没有找到地区 {code}") from exc
    except AmbiguousRegion as exc:
        names = "、".join(f"{c.full_name}（{c.code}）" for c in exc.candidates[:10])
        raise HTTPException(status_code=404, detail=f"“{code}”对应多个地区，请用代码：{names}") from exc
    profile["channel"] = channel_name(profile["region"])
    profile["chart"] = headline_chart(profile["indicators"])
    return profile


@router.get("/regions/{code}", response_class=HTMLResponse, include_in_schema=False)
def channel_page(request: Request, code: str, session: Session = Depends(get_session)) -> HTMLResponse:
    data = channel_data(session, code)
    return render(request, "region.html", {"page_title": data["channel"], "p": data})


@router.get("/api/v1/regions/{code}", tags=["regions"], summary="区域频道：报告、指标（实际与目标）、项目、产业、园区、企业、政策")
def channel_api(code: str, session: Session = Depends(get_session)) -> Response:
    return json_response(channel_data(session, code))
