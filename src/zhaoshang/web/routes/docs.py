"""API documentation at /docs, served from vendored Swagger UI files (no CDN), with the
initialisation in a static script so the page obeys the same CSP as the rest."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from zhaoshang.web.render import render

router = APIRouter()


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def docs_page(request: Request) -> HTMLResponse:
    return render(request, "docs.html", {"page_title": "API 文档", "openapi_url": request.app.openapi_url})
