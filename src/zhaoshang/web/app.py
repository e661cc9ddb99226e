"""The portal application: server-rendered pages in Chinese plus their JSON twins.

``create_app`` builds a FastAPI app on one database URL.  Routers are discovered by
scanning :mod:`zhaoshang.web.routes`: every module there exposing ``router`` is
included, so the participation pages (/contribute, /enterprise, /contact, /login,
/admin) are added by dropping a module in, without editing this file.
"""

from __future__ import annotations

import importlib
import logging
import os
import pkgutil
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zhaoshang import __version__
from zhaoshang.store.db import make_engine
from zhaoshang.web import routes as routes_package
from zhaoshang.web.cache import ResponseCache, store_version
from zhaoshang.web.render import STATIC_DIR, render

log = logging.getLogger(__name__)

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
"""Only our own files: no inline script, no CDN.  ECharts draws on canvas and sets
element styles through the CSSOM, which ``style-src 'self'`` allows."""

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)

STATIC_CACHE = b"public, max-age=604800, immutable"
"""Static URLs carry a content hash (``?v=``), so browsers may keep them for a week."""


class SecurityHeaders:
    """Pure ASGI middleware (no per-request task overhead) adding the headers above,
    and long cache lifetimes to /static responses."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_static = scope.get("path", "").startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                if is_static and b"cache-control" not in present:
                    headers.append((b"cache-control", STATIC_CACHE))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error(request: Request, status: int, detail: Any) -> Response:
    """Errors in the caller's language: JSON for the API, a Chinese page for people;
    never a stack trace."""
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    messages = {
        400: "请求有误", 401: "请先登录", 403: "没有权限", 404: "页面不存在", 405: "不支持的请求方法",
        413: "内容过大", 422: "参数有误", 429: "请求过于频繁，请稍后再试", 500: "服务器内部错误",
    }
    message = messages.get(status, "请求失败")
    shown = detail if isinstance(detail, str) and status < 500 else None
    return render(request, "error.html", {"status": status, "message": message, "detail": shown}, status_code=status)


def include_routers(app: FastAPI) -> list[str]:
    """Include every ``router`` found in the routes package; returns the module names."""
    included = []
    for info in sorted(pkgutil.iter_modules(routes_package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{routes_package.__name__}.{info.name}")
        router = getattr(module, "router", None)
        if router is not None:
            app.include_router(router)
            included.append(info.name)
    return included


def create_app(db_url: str | None = None, *, cache: bool = False) -> FastAPI:
    """The portal on ``db_url`` (a SQLAlchemy URL or SQLite path; None → the default).

    ``cache`` turns on the response cache (:mod:`zhaoshang.web.cache`): ``zhaoshang
    serve`` does; tests and embedders that write to the store behind the app's back
    (without the audit log) keep it off.
    """
    app = FastAPI(
        title="zhaoshang 招商 API",
        version=__version__,
        description="政府工作报告里的指标、项目、企业、园区、政策与产业，每条都带出处（报告与字符区间）。",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.engine = make_engine(db_url)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.state.route_modules = include_routers(app)

    @app.exception_handler(StarletteHTTPException)  # FastAPI's HTTPException is a subclass
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = _error(request, exc.status_code, exc.detail)
        for name, value in (exc.headers or {}).items():  # Allow, Retry-After, WWW-Authenticate ...
            response.headers[name] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        if _wants_json(request):
            return JSONResponse({"detail": detail}, status_code=422)
        text = "；".join(f"{'.'.join(str(x) for x in d['loc'][1:])}: {d['msg']}" for d in detail)
        return _error(request, 422, text)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return _error(request, 500, "internal error")

    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=3)  # fast: most of the gain, a third of the CPU
    if cache:
        engine = app.state.engine
        app.add_middleware(ResponseCache, version=lambda: store_version(engine))
    app.add_middleware(SecurityHeaders)
    return app


def app_from_env() -> FastAPI:
    """Factory for process managers (uvicorn --factory, gunicorn): the database comes from
    ``ZHAOSHANG_DATABASE_URL``, as every worker process must build its own engine; the
    response cache is on unless ``ZHAOSHANG_WEB_CACHE=0``."""
    return create_app(None, cache=os.environ.get("ZHAOSHANG_WEB_CACHE", "1") != "0")
