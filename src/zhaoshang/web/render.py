"""Templates, filters and the helpers every page uses to answer in HTML, JSON, CSV or XLSX.

Autoescaping is always on and no template marks user data as safe: the only ``Markup``
that reaches a page is built by :mod:`zhaoshang.web.highlight`, which escapes the text
itself.  JSON for scripts is embedded with ``tojson`` inside ``type="application/json"``
blocks, so the Content-Security-Policy can forbid inline scripts entirely.
"""

from __future__ import annotations

import hashlib
import html
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse
from markupsafe import Markup, escape
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from zhaoshang.services.labels import KIND_LABELS, LEVEL_LABELS, QUALIFIER_LABELS, measure_label, metric_label
from zhaoshang.web.labels import (
    FACT_TYPE_LABELS,
    POLICY_CATEGORY_LABELS,
    TARGET_STATUS_LABELS,
    fact_type_label,
    fact_types,
    section_label,
)

WEB_DIR = Path(__file__).resolve().parent
TEMPLATE_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

PARTICIPATION_LINKS: tuple[tuple[str, str], ...] = (
    ("/contribute", "投稿"),
    ("/enterprise", "企业入驻"),
    ("/contact", "联系我们"),
    ("/login", "登录"),
    ("/admin", "管理"),
)
"""Paths served by the participation routers (added later without editing this package)."""

MAIN_NAV: tuple[tuple[str, str], ...] = (
    ("/", "首页"),
    ("/regions", "区域频道"),
    ("/compare", "指标对比"),
    ("/map", "招商地图"),
    ("/targets", "目标追踪"),
    ("/projects", "项目库"),
    ("/industries", "产业布局"),
    ("/search", "全文检索"),
)


@lru_cache(maxsize=256)
def _asset_hash(path: str) -> str:
    """Short content hash of a static file, so URLs change when the file does (cache busting)."""
    file = STATIC_DIR / path
    try:
        return hashlib.sha256(file.read_bytes()).hexdigest()[:10]
    except OSError:
        return "0"


def static_url(path: str) -> str:
    return f"/static/{path}?v={_asset_hash(path)}"


def fact_anchor(fact_type: str, fact_id: int) -> str:
    return f"f-{fact_type}-{fact_id}"


def fact_url(fact_type: str, report_id: int, fact_id: int) -> str:
    """The permalink of one fact: the reader scrolled to its span."""
    return f"/reports/{report_id}#{fact_anchor(fact_type, fact_id)}"


def fmt_number(value: Any, digits: int = 2) -> str:
    """1234567.0 → '1,234,567'; 3.80 → '3.8'; None → '—'."""
    if value is None or value == "":
        return "—"
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if v.is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.{digits}f}".rstrip("0").rstrip(".")


def fmt_yuan(value: Any) -> str:
    """An amount in yuan as a reader expects it: 亿元 from 1e8 up, else 万元."""
    if value is None:
        return "—"
    v = float(value)
    if abs(v) >= 1e8:
        return f"{fmt_number(v / 1e8)}亿元"
    if abs(v) >= 1e4:
        return f"{fmt_number(v / 1e4)}万元"
    return f"{fmt_number(v)}元"


def query_with(request: Request, **changes: Any) -> str:
    """The current URL's query with some parameters replaced (None removes them)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    for k, v in changes.items():
        if v is None or v == "":
            continue
        if isinstance(v, (list, tuple)):
            params.extend((k, str(x)) for x in v)
        else:
            params.append((k, str(v)))
    return "?" + urlencode(params) if params else "?"


_MARK_SPLIT = re.compile(r"(</?mark>)")


def safe_snippet(snippet_html: str) -> Markup:
    """Keep only ``<mark>``/``</mark>`` from a search snippet; everything else is
    re-escaped (after undoing the snippet's own escaping), so even a bug upstream can
    never put markup from a report or a contribution on the page."""
    out = []
    for part in _MARK_SPLIT.split(snippet_html or ""):
        if part in ("<mark>", "</mark>"):
            out.append(part)
        else:
            out.append(str(escape(html.unescape(part))))
    return Markup("".join(out))


def industry_name(code: str) -> str:
    """Chinese name of an industry code of the taxonomy (the code itself if unknown)."""
    from zhaoshang.extract.industries import taxonomy

    entry = taxonomy().entries.get(code)
    return entry.name if entry else code


def _make_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals.update(
        static_url=static_url,
        fact_url=fact_url,
        fact_anchor=fact_anchor,
        metric_label=metric_label,
        measure_label=measure_label,
        fact_type_label=fact_type_label,
        section_label=section_label,
        fact_types=fact_types(),
        FACT_TYPE_LABELS=FACT_TYPE_LABELS,
        KIND_LABELS=KIND_LABELS,
        LEVEL_LABELS=LEVEL_LABELS,
        QUALIFIER_LABELS=QUALIFIER_LABELS,
        POLICY_CATEGORY_LABELS=POLICY_CATEGORY_LABELS,
        TARGET_STATUS_LABELS=TARGET_STATUS_LABELS,
        MAIN_NAV=MAIN_NAV,
        PARTICIPATION_LINKS=PARTICIPATION_LINKS,
        query_with=query_with,
        industry_name=industry_name,
    )
    env.filters.update(num=fmt_number, yuan=fmt_yuan, snippet=safe_snippet)
    return env


ENV = _make_env()


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """Render a page; ``request`` and the current path are always available to templates."""
    ctx = {"request": request, "current_path": request.url.path, **context}
    ctx.setdefault("page_title", None)
    return HTMLResponse(ENV.get_template(template).render(ctx), status_code=status_code)


def json_response(data: Any, status_code: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status_code)

