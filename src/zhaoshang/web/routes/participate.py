"""Visitors' pages: 投稿 (/contribute), 企业入驻 (/enterprise), 联系我们 (/contact).

Every form is CSRF-protected, size-limited and rate-limited per client address;
whatever is submitted is stored as plain text and only ever rendered escaped.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from zhaoshang.services import contact, contributions, onboarding
from zhaoshang.services.contributions import Contributor, SubmissionError
from zhaoshang.services.editing import EDITABLE
from zhaoshang.services.export import to_csv, to_xlsx
from zhaoshang.store.models import FACT_TABLES, Region
from zhaoshang.web.deps import get_session
from zhaoshang.web.participation import (
    UPLOAD_LIMIT,
    current_user,
    field,
    in_session,
    page,
    rate_limited,
    read_form,
    security_event,
)

router = APIRouter(include_in_schema=False)


def _provinces(session: Session) -> list[Region]:
    return list(session.scalars(select(Region).where(Region.level == "province").order_by(Region.code)))


def _too_many() -> HTTPException:
    return HTTPException(429, "提交过于频繁，请稍后再试")


# --- 投稿 -------------------------------------------------------------------------------------


def _fact_for_correction(session: Session, fact_type: str | None, fact_id: int | None) -> Any:
    if not fact_type or fact_type not in FACT_TABLES or not fact_id:
        return None
    fact = session.get(FACT_TABLES[fact_type], fact_id)
    return None if fact is None or fact.deleted else fact


def _contribute_context(session: Session, fact_type: str | None, fact_id: int | None, **extra: Any) -> dict[str, Any]:
    fact = _fact_for_correction(session, fact_type, fact_id)
    return {
        "page_title": "投稿",
        "provinces": _provinces(session),
        "fact": fact,
        "fact_type": fact_type if fact else None,
        "fact_fields": list(EDITABLE.get(fact_type or "", {})) if fact else [],
        "errors": [],
        "form": {},
        **extra,
    }


@router.get("/contribute", response_class=HTMLResponse)
def contribute_page(
    request: Request,
    fact_type: str | None = Query(None, max_length=16),
    fact_id: int | None = Query(None, ge=1),
    session: Session = Depends(get_session),
) -> HTMLResponse:
    current_user(request, session)  # an editor gets a direct link to the fact's edit form
    return page(request, "participate/contribute.html", _contribute_context(session, fact_type, fact_id))


@router.post("/contribute", response_class=HTMLResponse)
async def contribute_submit(request: Request) -> Response:
    form = await read_form(request, limit=UPLOAD_LIMIT, files=1)
    upload = form.get("file")
    data, name = None, None
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(UPLOAD_LIMIT)
        name = upload.filename
    return await in_session(request, _contribute, form, data, name)


def _contribute(request: Request, session: Session, form: FormData, data: bytes | None, name: str | None) -> Response:
    if rate_limited(request, "contribute"):
        raise _too_many()
    kind = field(form, "kind", 16)
    who = Contributor(field(form, "contributor_name", 100), field(form, "contributor_email", 200))
    try:
        if kind == "report":
            sub = contributions.submit_report(
                session, who, region_code=field(form, "region_code", 12) or None, year=field(form, "year", 8) or None,
                file_name=name, data=data, text=field(form, "text", contributions.MAX_TEXT_CHARS) or None,
            )
        elif kind == "correction":
            fact_type = field(form, "fact_type", 16)
            changes = {f: field(form, f"new_{f}", 300) for f in EDITABLE.get(fact_type, {})}
            sub = contributions.submit_correction(
                session, who, fact_type=fact_type, fact_id=field(form, "fact_id", 12), changes=changes,
                comment=field(form, "comment"),
            )
        elif kind == "note":
            sub = contributions.submit_note(
                session, who, region_code=field(form, "region_code", 12) or None, body=field(form, "body")
            )
        else:
            raise SubmissionError("请选择投稿类型")
    except SubmissionError as exc:
        session.rollback()
        if kind == "report" and "无法读取文件" in str(exc):
            security_event(request, "upload_rejected", str(exc)[:500])
        ctx = _contribute_context(
            session, field(form, "fact_type", 16) or None, _int(field(form, "fact_id", 12)),
            errors=[str(exc)], form={k: v for k, v in form.items() if isinstance(v, str)}, kind=kind,
        )
        return page(request, "participate/contribute.html", ctx, status_code=400)
    session.commit()
    return page(request, "participate/thanks.html", {
        "page_title": "投稿已收到",
        "message": f"感谢投稿！编号 #{sub.id} 已进入审核队列，编辑审核通过后才会公开。",
    })


def _int(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- 企业入驻 -----------------------------------------------------------------------------------


def _enterprise_context(session: Session, **extra: Any) -> dict[str, Any]:
    return {
        "page_title": "企业入驻",
        "industries": onboarding.industry_choices(),
        "provinces": _provinces(session),
        "errors": {},
        "form": {},
        **extra,
    }


@router.get("/enterprise", response_class=HTMLResponse)
def enterprise_page(request: Request, session: Session = Depends(get_session)) -> HTMLResponse:
    return page(request, "participate/enterprise.html", _enterprise_context(session))


@router.post("/enterprise", response_class=HTMLResponse)
async def enterprise_submit(request: Request) -> Response:
    return await in_session(request, _enterprise, await read_form(request))


def _enterprise(request: Request, session: Session, form: FormData) -> Response:
    if rate_limited(request, "enterprise"):
        raise _too_many()
    values = {k: v for k, v in form.items() if isinstance(v, str) and k != "preferred_provinces"}
    values["preferred_provinces"] = ",".join(v for v in form.getlist("preferred_provinces") if isinstance(v, str))
    valid_industries = {c["code"] for c in onboarding.industry_choices()}
    provinces = _provinces(session)
    try:
        clean = onboarding.validate_registration(values, valid_industries, {p.code for p in provinces})
    except onboarding.RegistrationError as exc:
        ctx = _enterprise_context(session, errors=exc.errors, form=values)
        return page(request, "participate/enterprise.html", ctx, status_code=400)
    reg = onboarding.register(session, clean)
    session.commit()
    matches = onboarding.match_regions(session, reg.industry_code, provinces=reg.preferred_provinces or None)
    return page(request, "participate/matches.html", {
        "page_title": "匹配的地区",
        "registration": reg,
        "industry_name": _industry_name(reg.industry_code),
        "matches": matches,
        "download_query": _match_query(reg.industry_code, reg.preferred_provinces),
    })


def _industry_name(code: str) -> str:
    return next((c["name"] for c in onboarding.industry_choices() if c["code"] == code), code)


def _match_query(industry: str, provinces: list[str]) -> str:
    from urllib.parse import urlencode

    return urlencode([("industry", industry), *(("province", p) for p in provinces)])


@router.get("/enterprise/matches")
def enterprise_matches(
    request: Request,
    industry: str = Query(..., max_length=48),
    province: list[str] = Query(default=[]),
    format: str = Query("html", pattern="^(html|json|csv|xlsx)$"),
    session: Session = Depends(get_session),
) -> Response:
    """The ranked regions for an industry, with evidence; also as JSON, CSV and XLSX."""
    if industry not in {c["code"] for c in onboarding.industry_choices()}:
        raise HTTPException(404, "未知行业")
    matches = onboarding.match_regions(session, industry, provinces=[p[:12] for p in province[:40]] or None)
    if format == "json":
        return JSONResponse(_matches_json(industry, matches))
    if format in ("csv", "xlsx"):
        rows = onboarding.match_rows(matches)
        data = to_csv(rows, onboarding.MATCH_COLUMNS) if format == "csv" else to_xlsx(rows, onboarding.MATCH_COLUMNS)
        media = "text/csv; charset=utf-8" if format == "csv" else (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        return Response(data, media_type=media, headers={
            "content-disposition": f'attachment; filename="matches-{industry}.{format}"'})
    return page(request, "participate/matches.html", {
        "page_title": "匹配的地区", "registration": None, "industry_name": _industry_name(industry),
        "matches": matches, "download_query": _match_query(industry, province),
    })


@router.get("/api/v1/enterprise/matches", include_in_schema=True, tags=["participation"],
            summary="企业入驻匹配：按行业排序的地区及其证据句（带出处）")
def enterprise_matches_api(
    industry: str = Query(..., max_length=48), province: list[str] = Query(default=[]),
    session: Session = Depends(get_session),
) -> JSONResponse:
    if industry not in {c["code"] for c in onboarding.industry_choices()}:
        raise HTTPException(404, "unknown industry")
    matches = onboarding.match_regions(session, industry, provinces=[p[:12] for p in province[:40]] or None)
    return JSONResponse(_matches_json(industry, matches))


def _matches_json(industry: str, matches: list[onboarding.RegionMatch]) -> dict[str, Any]:
    return {
        "industry": {"code": industry, "name": _industry_name(industry)},
        "matches": [
            {
                "region": {"code": m.code, "name": m.name, "level": m.level}, "score": round(m.score, 3),
                "industry_weight": round(m.industry_weight, 3), "counts": m.counts(),
                "evidence": [
                    {"kind": e.kind, "quote": e.text, "sentence": e.sentence, "report_id": e.report_id,
                     "start": e.start, "end": e.end,
                     "url": f"/reports/{e.report_id}#f-{'indicator' if e.kind == 'target' else e.kind}-{e.fact_id}",
                     **e.extra}
                    for e in m.evidence
                ],
            }
            for m in matches
        ],
    }


# --- 联系我们 -----------------------------------------------------------------------------------


@router.get("/contact", response_class=HTMLResponse)
def contact_page(request: Request) -> HTMLResponse:
    return page(request, "participate/contact.html", {"page_title": "联系我们", "errors": [], "form": {}})


@router.post("/contact", response_class=HTMLResponse)
async def contact_submit(request: Request) -> Response:
    return await in_session(request, _contact, await read_form(request))


def _contact(request: Request, session: Session, form: FormData) -> Response:
    if rate_limited(request, "contact"):
        raise _too_many()
    values = {k: field(form, k) for k in ("name", "email", "phone", "subject", "body")}
    try:
        contact.send(session, **values)
    except contact.ContactError as exc:
        session.rollback()
        ctx = {"page_title": "联系我们", "errors": [str(exc)], "form": values}
        return page(request, "participate/contact.html", ctx, status_code=400)
    session.commit()
    return page(request, "participate/thanks.html", {"page_title": "留言已收到", "message": "感谢留言，我们会尽快与您联系。"})
