"""Home page (/) and its JSON twin (/api/v1/home)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy.orm import Session

from zhaoshang.services.corpus import corpus_overview
from zhaoshang.web.deps import get_session
from zhaoshang.web.render import json_response, render

router = APIRouter()


def home_data(session: Session) -> dict[str, Any]:
    """The corpus overview (memoised by the service per data version) with links."""
    data = corpus_overview(session, latest=12).to_dict()
    for r in data["latest_reports"]:
        r["url"] = f"/reports/{r['id']}"
    for group in data["provinces"]:
        for r in group["regions"]:
            r["url"] = f"/regions/{r['code']}"
    data["facts_total"] = sum(data["facts"].values())
    return data


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home_page(request: Request, session: Session = Depends(get_session)) -> HTMLResponse:
    return render(request, "home.html", home_data(session))


@router.get("/api/v1/home", tags=["pages"], summary="首页：概况数字、最新报告、按省分组的地区")
def home_api(session: Session = Depends(get_session)) -> JSONResponse:
    return json_response(home_data(session))
