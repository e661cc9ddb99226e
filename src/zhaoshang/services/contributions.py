"""投稿: visitors' reports, corrections and notes, held in a moderation queue.

Nothing a visitor submits is public before an editor approves it.  Uploaded files
are checked by content (the ingest readers sniff magic bytes and parse them) at
submission time, so the queue never holds a file the pipeline cannot read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zhaoshang.model import Document
from zhaoshang.services import audit, editing
from zhaoshang.services.auth import CurrentUser
from zhaoshang.store.models import FACT_TABLES, Region, Submission

KINDS = ("report", "correction", "note")
MAX_UPLOAD_BYTES = 20 * 2**20
MAX_TEXT_CHARS = 2_000_000
MAX_NOTE_CHARS = 5_000


class SubmissionError(ValueError):
    """A refused submission, with a message fit to show the visitor."""


@dataclass(frozen=True, slots=True)
class Contributor:
    name: str | None
    email: str | None


def _clean(value: str | None, limit: int) -> str | None:
    value = (value or "").strip()
    return value[:limit] or None


def _check_region(session: Session, region_code: str | None) -> str | None:
    if not region_code:
        return None
    if session.get(Region, region_code) is None:
        raise SubmissionError("请选择有效的地区")
    return region_code


def _check_year(year: int | str | None) -> int | None:
    if year in (None, ""):
        return None
    try:
        y = int(year)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise SubmissionError("年份应为数字") from None
    if not 1978 <= y <= 2100:
        raise SubmissionError("年份不合理")
    return y


def check_report_content(data: bytes, file_name: str) -> str:
    """Parse the upload with the ingest readers; return its detected format or raise."""
    from zhaoshang.ingest.registry import read_bytes
    from zhaoshang.ingest.types import IngestError

    if not data:
        raise SubmissionError("文件为空")
    if len(data) > MAX_UPLOAD_BYTES:
        raise SubmissionError("文件超过20MB")
    try:
        docs = read_bytes(data, file_name, max_bytes=MAX_UPLOAD_BYTES)
    except IngestError as exc:
        raise SubmissionError(f"无法读取文件: {exc.reason}") from None
    if not docs or not any(d.text.strip() for d in docs):
        raise SubmissionError("文件中没有可读的文字")
    return docs[0].format


def submit_report(
    session: Session, who: Contributor, *, region_code: str | None, year: int | str | None,
    file_name: str | None = None, data: bytes | None = None, text: str | None = None,
) -> Submission:
    region_code = _check_region(session, region_code)
    y = _check_year(year)
    if data:
        safe_name = _clean(file_name, 200) or "upload"
        fmt = check_report_content(data, safe_name)
        sub = Submission(kind="report", file_name=safe_name, file_format=fmt, file_data=data)
    elif text and text.strip():
        if len(text) > MAX_TEXT_CHARS:
            raise SubmissionError("文字过长")
        sub = Submission(kind="report", body=text)
    else:
        raise SubmissionError("请上传文件或粘贴报告全文")
    sub.region_code, sub.year = region_code, y
    sub.contributor_name, sub.contributor_email = _clean(who.name, 100), _clean(who.email, 200)
    session.add(sub)
    session.flush()
    return sub


def submit_correction(
    session: Session, who: Contributor, *, fact_type: str, fact_id: int | str, changes: dict[str, Any], comment: str | None,
) -> Submission:
    if fact_type not in FACT_TABLES:
        raise SubmissionError("未知的事实类型")
    try:
        fid = int(fact_id)
    except (TypeError, ValueError):
        raise SubmissionError("事实编号无效") from None
    fact = session.get(FACT_TABLES[fact_type], fid)
    if fact is None or fact.deleted:
        raise SubmissionError("找不到要更正的事实")
    changes = {k: v for k, v in changes.items() if v not in (None, "")}
    if not changes:
        raise SubmissionError("请至少填写一个更正后的字段")
    try:
        clean = editing.coerce_changes(fact_type, changes)
    except editing.EditError as exc:
        raise SubmissionError(str(exc)) from None
    sub = Submission(
        kind="correction", fact_type=fact_type, fact_id=fid, payload={"changes": clean},
        body=_clean(comment, MAX_NOTE_CHARS), contributor_name=_clean(who.name, 100),
        contributor_email=_clean(who.email, 200),
    )
    session.add(sub)
    session.flush()
    return sub


def submit_note(session: Session, who: Contributor, *, region_code: str | None, body: str) -> Submission:
    body = (body or "").strip()
    if not body:
        raise SubmissionError("请填写内容")
    if len(body) > MAX_NOTE_CHARS:
        raise SubmissionError(f"内容不超过{MAX_NOTE_CHARS}字")
    sub = Submission(
        kind="note", region_code=_check_region(session, region_code), body=body,
        contributor_name=_clean(who.name, 100), contributor_email=_clean(who.email, 200),
    )
    session.add(sub)
    session.flush()
    return sub


def queue(session: Session, status: str = "pending", *, limit: int = 50, offset: int = 0) -> tuple[int, list[Submission]]:
    total = session.scalar(select(func.count()).select_from(Submission).where(Submission.status == status)) or 0
    rows = session.scalars(
        select(Submission).where(Submission.status == status).order_by(Submission.id).limit(limit).offset(offset)
    ).all()
    return total, list(rows)


def _raw_text(sub: Submission) -> tuple[str, str | None, str | None]:
    """(body text, title, channel) of a submitted report, via the ingest readers."""
    from zhaoshang.ingest.registry import read_bytes

    if sub.file_data:
        docs = read_bytes(sub.file_data, sub.file_name or "upload", max_bytes=MAX_UPLOAD_BYTES)
        d = docs[0]
        return d.text, d.title, d.channel
    return sub.body or "", None, None


def preview(session: Session, submission_id: int) -> Document:
    """What extraction would store if the editor approved this report."""
    from zhaoshang.extract.pipeline import extract_document
    from zhaoshang.ingest.normalise import normalise

    sub = _pending(session, submission_id, "report")
    text, title, channel = _raw_text(sub)
    region_name = None
    if sub.region_code:
        region = session.get(Region, sub.region_code)
        region_name = region.name if region else None
    return extract_document(normalise(text).text, title=title, channel=channel, year=sub.year, region=region_name)


def _pending(session: Session, submission_id: int, kind: str | None = None) -> Submission:
    sub = session.get(Submission, submission_id)
    if sub is None:
        raise SubmissionError("找不到该投稿")
    if sub.status != "pending":
        raise SubmissionError("该投稿已处理")
    if kind and sub.kind != kind:
        raise SubmissionError("投稿类型不符")
    return sub


def approve(session: Session, editor: CurrentUser, submission_id: int, *, ip: str | None = None) -> Submission:
    sub = _pending(session, submission_id)
    if sub.kind == "report":
        sub.report_id = _ingest(session, sub)
    elif sub.kind == "correction":
        editing.correct_fact(
            session, editor, sub.fact_type or "", sub.fact_id or 0, (sub.payload or {}).get("changes", {}),
            ip=ip, action="fact.correct.contributed",
        )
    _close(sub, editor, "approved", None)
    audit.record(session, editor, "submission.approve", "submission", sub.id, {"status": "pending"},
                 {"status": "approved", "report_id": sub.report_id}, ip)
    return sub


def _ingest(session: Session, sub: Submission) -> int:
    """Store the submitted report in the editor's transaction: approval and ingest land together."""
    from zhaoshang.ingest.registry import read_bytes
    from zhaoshang.ingest.types import RawDocument
    from zhaoshang.services.ingest import IngestOptions, process_raw
    from zhaoshang.store.repository import save_report

    if sub.file_data:
        raw = read_bytes(sub.file_data, sub.file_name or "upload", max_bytes=MAX_UPLOAD_BYTES)[0]
    else:
        raw = RawDocument(source_name=f"submission-{sub.id}", format="text", encoding="utf-8", text=sub.body or "")
    raw.source_name = f"投稿#{sub.id}: {raw.source_name}"[:500]
    region = session.get(Region, sub.region_code) if sub.region_code else None
    options = IngestOptions(year=sub.year, region=region.code if region else None,
                            contributor=sub.contributor_name or "匿名投稿")
    result = save_report(session, process_raw(raw, options))
    if not result.created:
        raise SubmissionError(f"该报告已存在（报告 #{result.report_id}），请退回此投稿")
    return result.report_id


def reject(session: Session, editor: CurrentUser, submission_id: int, reason: str, *, ip: str | None = None) -> Submission:
    reason = (reason or "").strip()
    if not reason:
        raise SubmissionError("请填写退回理由")
    sub = _pending(session, submission_id)
    _close(sub, editor, "rejected", reason[:2000])
    audit.record(session, editor, "submission.reject", "submission", sub.id, {"status": "pending"},
                 {"status": "rejected", "reason": sub.review_reason}, ip)
    return sub


def _close(sub: Submission, editor: CurrentUser, status: str, reason: str | None) -> None:
    sub.status = status
    sub.reviewed_by = editor.id
    sub.reviewed_at = datetime.now(timezone.utc)
    sub.review_reason = reason


def approved_notes(session: Session, region_code: str) -> list[Submission]:
    return list(session.scalars(
        select(Submission).where(Submission.kind == "note", Submission.status == "approved",
                                 Submission.region_code == region_code).order_by(Submission.id.desc())
    ))
