"""Sign in, sign out and change password for editors and admins."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from zhaoshang.services import auth
from zhaoshang.services.security import hit_rate_limit, log_event
from zhaoshang.store.db import transaction
from zhaoshang.web.deps import get_session
from zhaoshang.web.participation import (
    SESSION_COOKIE,
    client_ip,
    current_user,
    field,
    in_session,
    login_redirect,
    page,
    read_form,
    secure_cookies,
    security_event,
)

router = APIRouter(include_in_schema=False)


def _safe_next(value: str | None) -> str:
    """Only same-site paths: an open redirect would turn our login into a phishing tool."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value and len(value) < 300:
        return value
    return "/admin"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = Query(None, max_length=300)) -> HTMLResponse:
    return page(request, "participate/login.html", {"page_title": "登录", "next": _safe_next(next), "errors": []})


@router.post("/login", response_class=HTMLResponse)
async def login_submit(request: Request) -> Response:
    return await in_session(request, _login, await read_form(request))


def _login(request: Request, session: Session, form: FormData) -> Response:
    username = field(form, "username", 64)
    ip = client_ip(request)
    engine = request.app.state.engine
    with transaction(engine) as s:  # before the session below takes a connection
        limited = hit_rate_limit(s, "login", ip) or hit_rate_limit(s, "login", "user:" + username)
        if limited:
            log_event(s, "login_rate_limited", f"user={username!r}", ip)
    ctx = {"page_title": "登录", "next": _safe_next(field(form, "next", 300))}
    if limited:
        return page(request, "participate/login.html", {**ctx, "errors": ["尝试次数过多，请稍后再试"]}, status_code=429)
    user = auth.authenticate(session, username, field(form, "password", 200))
    if user is None:
        session.rollback()
        security_event(request, "login_failed", f"user={username!r}")
        return page(request, "participate/login.html", {**ctx, "errors": ["用户名或密码不正确"]}, status_code=401)
    old = request.cookies.get(SESSION_COOKIE)
    auth.end_session(session, old)
    ws = auth.start_session(session, user)
    session.commit()
    response = RedirectResponse(ctx["next"], status_code=303)
    response.set_cookie(
        SESSION_COOKIE, ws.id, httponly=True, samesite="lax", secure=secure_cookies(request), path="/",
        max_age=int(auth.SESSION_TTL.total_seconds()),
    )
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    return await in_session(request, _logout, await read_form(request))


def _logout(request: Request, session: Session, form: FormData) -> Response:
    auth.end_session(session, request.cookies.get(SESSION_COOKIE))
    session.commit()
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account/password", response_class=HTMLResponse)
def password_page(request: Request, session: Session = Depends(get_session)) -> Response:
    if current_user(request, session) is None:
        return login_redirect(request)
    return page(request, "participate/password.html", {"page_title": "修改密码", "errors": [], "done": False})


@router.post("/account/password", response_class=HTMLResponse)
async def password_submit(request: Request) -> Response:
    return await in_session(request, _password, await read_form(request))


def _password(request: Request, session: Session, form: FormData) -> Response:
    signed = current_user(request, session)
    if signed is None:
        return login_redirect(request)
    new = field(form, "new_password", 200)
    if new != field(form, "new_password2", 200):
        return page(request, "participate/password.html",
                    {"page_title": "修改密码", "errors": ["两次输入的新密码不一致"], "done": False}, status_code=400)
    try:
        auth.change_password(session, signed.user.id, field(form, "old_password", 200), new)
    except auth.AuthError as exc:
        session.rollback()
        return page(request, "participate/password.html",
                    {"page_title": "修改密码", "errors": [str(exc)], "done": False}, status_code=400)
    # The change ended every session; start a fresh one for this browser.
    from zhaoshang.store.models import User

    ws = auth.start_session(session, session.get(User, signed.user.id))  # type: ignore[arg-type]
    session.commit()
    response = page(request, "participate/password.html", {"page_title": "修改密码", "errors": [], "done": True})
    response.set_cookie(SESSION_COOKIE, ws.id, httponly=True, samesite="lax", secure=secure_cookies(request), path="/",
                        max_age=int(auth.SESSION_TTL.total_seconds()))
    return response
