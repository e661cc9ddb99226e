"""What the participation pages share: CSRF, the signed-in user, client address,
size-limited form parsing and the secret key.

Every POST in the portal goes through :func:`read_form`, which enforces the size
limit while the body streams in (a 2 GB upload is cut off after 20 MB, never
buffered whole) and checks the CSRF token before any handler sees the data.
"""

from __future__ import annotations

import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from collections.abc import Callable

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from zhaoshang.services import auth
from zhaoshang.services.security import csrf_valid, hit_rate_limit, log_event, new_csrf_token
from zhaoshang.store.db import transaction
from zhaoshang.web.render import render

log = logging.getLogger(__name__)

CSRF_COOKIE = "zs_csrf"
SESSION_COOKIE = "zs_session"
FORM_LIMIT = 64 * 1024
UPLOAD_LIMIT = 20 * 2**20 + 64 * 1024  # the file plus the other fields and multipart framing
SECRET_ENV = "ZHAOSHANG_SECRET_KEY"
SECRET_FILE_ENV = "ZHAOSHANG_SECRET_FILE"


class FormTooLarge(Exception):
    pass


def secret_key() -> str:
    """The HMAC key for CSRF tokens, the same in every worker process.

    ``ZHAOSHANG_SECRET_KEY`` wins; otherwise a random key is created once in a 0600 file
    (``ZHAOSHANG_SECRET_FILE``, default ./.zhaoshang-secret) that all workers read.
    """
    global _SECRET
    if _SECRET:
        return _SECRET
    value = os.environ.get(SECRET_ENV)
    if not value:
        path = Path(os.environ.get(SECRET_FILE_ENV, ".zhaoshang-secret"))
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
        except FileExistsError:
            pass
        value = path.read_text().strip()
    _SECRET = value
    return value


_SECRET = ""


def client_ip(request: Request) -> str:
    # Behind a proxy, uvicorn/gunicorn's --forwarded-allow-ips puts the real address here.
    return request.client.host if request.client else "unknown"


def secure_cookies(request: Request) -> bool:
    return request.url.scheme == "https" or os.environ.get("ZHAOSHANG_SECURE_COOKIES") == "1"


def csrf_token(request: Request) -> str:
    """The token for this visitor's forms (reuses a valid cookie, else mints one)."""
    token = request.cookies.get(CSRF_COOKIE)
    if token and csrf_valid(secret_key(), token, token):
        return token
    cached = getattr(request.state, "new_csrf", None)
    if cached is None:
        cached = request.state.new_csrf = new_csrf_token(secret_key())
    return cached


def page(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """Render a participation page with its CSRF token, and set the cookie if it is new."""
    token = csrf_token(request)
    ctx = {"csrf_token": token, "user": getattr(request.state, "user", None), **context}
    response = render(request, template, ctx, status_code=status_code)
    response.headers["cache-control"] = "no-store"
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure_cookies(request), path="/")
    return response


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                raise FormTooLarge
        except ValueError:
            raise FormTooLarge from None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise FormTooLarge
    return bytes(body)


async def read_form(request: Request, *, limit: int = FORM_LIMIT, files: int = 0) -> FormData:
    """Parse a POSTed form within ``limit`` bytes and check its CSRF token.

    Raises HTTPException 413 (too large), 400 (malformed) or 403 (CSRF), each logged.
    Runs on the event loop and touches the database only to log a refusal.
    """
    try:
        body = await _read_limited(request, limit)
    except FormTooLarge:
        await _security(request, "oversize_body", f"{request.url.path} over {limit} bytes")
        raise HTTPException(413, "提交的内容过大") from None

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    replay = Request(request.scope, receive)
    try:
        form = await replay.form(max_files=files, max_fields=60)
    except Exception as exc:  # malformed multipart, too many parts
        await _security(request, "malformed_form", f"{request.url.path}: {type(exc).__name__}")
        raise HTTPException(400, "表单格式有误") from None
    token = form.get("csrf_token")
    if not csrf_valid(secret_key(), request.cookies.get(CSRF_COOKIE), token if isinstance(token, str) else None):
        await _security(request, "csrf_failed", request.url.path)
        raise HTTPException(403, "表单已失效或来源不明，请刷新页面后重试")
    return form


async def _security(request: Request, kind: str, detail: str) -> None:
    log.warning("security event %s from %s: %s", kind, client_ip(request), detail)
    await run_in_threadpool(security_event, request, kind, detail)


def security_event(request: Request, kind: str, detail: str) -> None:
    """Write a security event in its own short transaction (the request is being refused)."""
    with transaction(request.app.state.engine) as s:
        log_event(s, kind, detail, client_ip(request))


def rate_limited(request: Request, action: str) -> bool:
    """Count this attempt in its own transaction; on refusal log it. Call it before the
    handler's session touches the database, so a request never holds two connections."""
    ip = client_ip(request)
    with transaction(request.app.state.engine) as s:
        over = hit_rate_limit(s, action, ip)
        if over:
            log_event(s, "rate_limited", action, ip)
    return over


async def in_session(request: Request, handler: Callable[..., Response], *args: Any) -> Response:
    """Run a form handler off the event loop with a fresh session: database calls are
    blocking, and on the loop they would stall every other request of the worker."""

    def run() -> Response:
        with Session(request.app.state.engine, expire_on_commit=False) as session:
            return handler(request, session, *args)

    return await run_in_threadpool(run)


def field(form: FormData, name: str, limit: int = 5000) -> str:
    value = form.get(name)
    return value[:limit] if isinstance(value, str) else ""


@dataclass(frozen=True, slots=True)
class Signed:
    user: auth.CurrentUser
    session_id: str


def current_user(request: Request, session: Session) -> Signed | None:
    sid = request.cookies.get(SESSION_COOKIE)
    loaded = auth.load_session(session, sid)
    if loaded is None:
        return None
    request.state.user = loaded[1]
    return Signed(loaded[1], loaded[0].id)


def require_user(request: Request, session: Session, *, admin: bool = False) -> auth.CurrentUser:
    signed = current_user(request, session)
    if signed is None:
        raise HTTPException(401, "请先登录")
    if admin and not signed.user.is_admin:
        raise HTTPException(403, "需要管理员权限")
    return signed.user


def login_redirect(request: Request) -> Response:
    return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
