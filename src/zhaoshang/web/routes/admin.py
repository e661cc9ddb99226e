"""/admin: the moderation queue, registrations, messages, fact editing, audit log.

Editors moderate and edit; the audit and security logs are for admins.  Every
change goes through :mod:`zhaoshang.services.editing` or ``contributions`` so it is
written to the audit log in the same transaction as the change itself.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from zhaoshang.services import audit, contact, contributions, editing, onboarding
from zhaoshang.services.auth import CurrentUser
from zhaoshang.services.export import to_csv, to_xlsx
from zhaoshang.store.models import (
    FACT_TABLES,
    ContactMessage,
    EnterpriseRegistration,
    Region,
    Report,
    SecurityEvent,
    Submission,
)
from zhaoshang.web.deps import get_session
from zhaoshang.web.participation import client_ip, current_user, field, in_session, login_redirect, page, read_form

router = APIRouter(include_in_schema=False)
PER_PAGE = 50


def _signed(request: Request, session: Session, *, admin: bool = False) -> CurrentUser | Response:
    signed = current_user(request, session)
    if signed is None:
        return login_redirect(request)
    if admin and not signed.user.is_admin:
        raise HTTPException(403, "需要管理员权限")
    return signed.user


@router.get("/admin", response_class=HTMLResponse)
def dashboard(request: Request, session: Session = Depends(get_session)) -> Response:
    user = _signed(request, session)
    if isinstance(user, Response):
        return user
    counts = {
        "pending": session.scalar(select(func.count()).select_from(Submission).where(Submission.status == "pending")),
        "registrations": session.scalar(select(func.count()).select_from(EnterpriseRegistration)),
        "messages": session.scalar(select(func.count()).select_from(ContactMessage)),
        "reports": session.scalar(select(func.count()).select_from(Report)),
        "unrecognised": session.scalar(
            select(func.count()).select_from(Report).where(Report.region_status.in_(("unknown", "ambiguous")))),
    }
    flagged = session.scalars(
        select(Report).where(Report.region_status.in_(("unknown", "ambiguous"))).order_by(Report.id).limit(20)).all()
    return page(request, "admin/dashboard.html", {"page_title": "管理", "counts": counts, "flagged": flagged})


@router.get("/admin/queue", response_class=HTMLResponse)
def queue_page(
    request: Request, status: str = Query("pending", pattern="^(pending|approved|rejected)$"),
    page_no: int = Query(1, alias="page", ge=1, le=10_000), session: Session = Depends(get_session),
) -> Response:
    user = _signed(request, session)
    if isinstance(user, Response):
        return user
    total, rows = contributions.queue(session, status, limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE)
    return page(request, "admin/queue.html", {"page_title": "投稿审核", "status": status, "total": total, "rows": rows,
                                              "page_no": page_no, "per_page": PER_PAGE})


@router.get("/admin/submissions/{submission_id}", response_class=HTMLResponse)
def submission_page(request: Request, submission_id: int, session: Session = Depends(get_session)) -> Response:
    user = _signed(request, session)
    if isinstance(user, Response):
        return user
    sub = session.get(Submission, submission_id)
    if sub is None:
        raise HTTPException(404, "找不到该投稿")
    preview, preview_error = None, None
    if sub.kind == "report" and sub.status == "pending":
        try:
            preview = contributions.preview(session, submission_id)
        except Exception as exc:  # noqa: BLE001 - the editor sees why, the queue stays usable
            preview_error = f"{type(exc).__name__}: {exc}"[:500]
    fact = None
    if sub.kind == "correction" and sub.fact_type in FACT_TABLES and sub.fact_id:
        fact = session.get(FACT_TABLES[sub.fact_type], sub.fact_id)
    region = session.get(Region, sub.region_code) if sub.region_code else None
    return page(request, "admin/submission.html", {
        "page_title": f"投稿 #{sub.id}", "sub": sub, "preview": preview, "preview_error": preview_error,
        "fact": fact, "region": region, "errors": [],
    })


@router.post("/admin/submissions/{submission_id}/{decision}")
async def moderate(request: Request, submission_id: int, decision: Literal["approve", "reject"]) -> Response:
    return await in_session(request, _moderate, await read_form(request), submission_id, decision)


def _moderate(request: Request, session: Session, form: FormData, submission_id: int, decision: str) -> Response:
    """Approve (ingest or apply) or reject (with a reason) one pending submission."""
    user = _signed(request, session)
    if isinstance(user, Response):
        return user
    try:
        if decision == "approve":
            contributions.approve(session, user, submission_id, ip=client_ip(request))
        else:
            contributions.reject(session, user, submission_id, field(form, "reason", 2000), ip=client_ip(request))
    except (contributions.SubmissionError, editing.EditError) as exc:
        session.rollback()
        raise HTTPException(400, str(exc)) from None
    session.commit()
    return RedirectResponse("/admin/queue", status_code=303)


def _table_response(rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: str, name: str) -> Response:
    if fmt == "csv":
        return Response(to_csv(rows, columns), media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": f'attachment; filename="{name}.csv"'})
    return Response(to_xlsx(rows, columns),
                    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"content-disposition": f'attachment; filename="{name}.xlsx"'})


@router.get("/admin/registrations", response_class=HTMLResponse)
def registrations_page(
    request: Request, format: str = Query("html", pattern="^(html|csv|xlsx)$"),
    page_no: int = Query(1, alias="page", ge=1, le=10_000), session: Session = Depends(get_session),
) -> Response:
    user = _signed(request, session)
    if isinstance(user, Response):
        return user
    query = select(EnterpriseRegistration).order_by(EnterpriseRegistration.id.desc())
    if format != "html":
        rows = onboarding.registration_rows(session.scalars(query))
        return _table_response(rows, onboarding.REGISTRATION_COLUMNS, format, "registrations")
    total = session.scalar(select(func.count()).select_from(EnterpriseRegistration)) or 0
    regs = session.scalars(query.limit(PER_PAGE).offset((page_no - 1) * PER_PAGE)).all()
    return page(request, "admin/registrations.html", {"page_title": "企业入驻登记", "total": total, "rows": regs,
                                                      "page_no": page_no, "per_page": PER_PAGE})


@router.get("/admin/messages", response_class=HTMLResponse)
def messages_page(
    request: Request, page_no: int = Query(1, alias="page", ge=1, le=10_000), session: Session = Depends(get_session),
) -> Response:
    user = _signed(request, session)
    if isinstance(user, Response):
        return user
    total, rows = contact.inbox(session, limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE)
    return page(request, "admin/messages.html", {"page_title": "留言", "total": total, "rows": rows,
                                                 "page_no": page_no, "per_page": PER_PAGE})


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_page(
    request: Request, page_no: int = Query(1, alias="page", ge=1, le=10_000), session: Session = Depends(get_session),
) -> Response:
    user = _signed(request, session, admin=True)
    if isinstance(user, Response):
        return user
    total, rows = audit.list_entries(session, limit=PER_PAGE, offset=(page_no - 1) * PER_PAGE)
    events = session.scalars(select(SecurityEvent).order_by(SecurityEvent.id.desc()).limit(100)).all()
    return page(request, "admin/audit.html", {"page_title": "审计日志", "total": total, "rows": rows, "events": events,
                                              "page_no": page_no, "per_page": PER_PAGE})


# --- editing facts and reports ----------------------------------------------------------------


@router.get("/admin/facts/{fact_type}/{fact_id}", response_class=HTMLResponse)
def fact_page(request: Request, fact_type: str, fact_id: int, session: Session = Depends(get_session)) -> Response:
    user = _signed(request, session)
    if isinstance(user, Response):
        return user
    try:
        fact = editing.get_fact(session, fact_type, fact_id)
    except editing.EditError as exc:
        raise HTTPException(404, str(exc)) from None
    return page(request, "admin/fact.html", {
        "page_title": f"编辑{fact_type} #{fact_id}", "fact": fact, "fact_type": fact_type,
        "fields": list(editing.EDITABLE[fact_type]), "choices": editing.CHOICES, "errors": [],
    })


@router.post("/admin/facts/{fact_type}/{fact_id}", response_class=HTMLResponse)
async def fact_submit(request: Request, fact_type: str, fact_id: int) -> Response:
    return await in_session(request, _fact_submit, await read_form(request), fact_type, fact_id)


def _fact_submit(request: Request, session: Session, form: FormData, fact_type: str, fact_id: int) -> Response:
    user = _signed(request, session)
    if isinstance(user, Response):
        return user
    try:
        if field(form, "action", 16) == "delete":
            editing.delete_fact(session, user, fact_type, fact_id, ip=client_ip(request))
        else:
            changes = {f: field(form, f, 300) for f in editing.EDITABLE.get(fact_type, {}) if f in form}
            editing.correct_fact(session, user, fact_type, fact_id, changes, ip=client_ip(request))
    except editing.EditError as exc:
        session.rollback()
        fact = session.get(FACT_TABLES[fact_type], fact_id) if fact_type in FACT_TABLES else None
        if fact is None:
            raise HTTPException(404, str(exc)) from None
        return page(request, "admin/fact.html", {
            "page_title": "编辑", "fact": fact, "fact_type": fact_type, "fields": list(editing.EDITABLE[fact_type]),
            "choices": editing.CHOICES, "errors": [str(exc)],
        }, status_code=400)
    report_id = editing.get_fact(session, fact_type, fact_id).report_id
    session.commit()
    return RedirectResponse(f"/reports/{report_id}#f-{fact_type}-{fact_id}", status_code=303)


@router.get("/admin/reports/{report_id}", response_class=HTMLResponse)
def report_admin_page(request: Request, report_id: int, session: Session = Depends(get_session)) -> Response:
    user = _signed(request, session)
    if isinstance(user, Response):
        return user
    report = session.get(Report, report_id)
    if report is None:
        raise HTTPException(404, "找不到报告")
    return page(request, "admin/report.html", {"page_title": f"报告 #{report_id}", "report": report, "errors": [],
                                               "message": request.query_params.get("done")})


@router.post("/admin/reports/{report_id}", response_class=HTMLResponse)
async def report_admin_submit(request: Request, report_id: int) -> Response:
    return await in_session(request, _report_admin, await read_form(request), report_id)


def _report_admin(request: Request, session: Session, form: FormData, report_id: int) -> Response:
    user = _signed(request, session)
    if isinstance(user, Response):
        return user
    action = field(form, "action", 16)
    try:
        if action == "reextract":
            _reextract(session, user, report_id, client_ip(request))
        else:
            year_raw = field(form, "year", 8)
            editing.fix_report(
                session, user, report_id, region_code=field(form, "region_code", 12) or None,
                year=int(year_raw) if year_raw.isdigit() else None, ip=client_ip(request),
            )
    except (editing.EditError, LookupError, ValueError) as exc:
        session.rollback()
        report = session.get(Report, report_id)
        if report is None:
            raise HTTPException(404, "找不到报告") from None
        return page(request, "admin/report.html", {"page_title": f"报告 #{report_id}", "report": report,
                                                   "errors": [str(exc)], "message": None}, status_code=400)
    session.commit()
    return RedirectResponse(f"/admin/reports/{report_id}?done={action or 'fix'}", status_code=303)


def _reextract(session: Session, user: CurrentUser, report_id: int, ip: str) -> None:
    from zhaoshang.extract.pipeline import extract_document
    from zhaoshang.store.repository import fact_count, reextract_report

    def run(report: Report) -> Any:
        region = report.region.name if report.region_status == "override" and report.region else None
        return extract_document(report.text, title=report.title, channel=report.channel, year=report.year,
                                region=region)

    before = fact_count(session, report_id)
    result = reextract_report(session, report_id, run)
    audit.record(session, user, "report.reextract", "report", report_id, {"facts": before},
                 {"facts": fact_count(session, report_id), "kept_corrections": result.kept_corrections}, ip)
