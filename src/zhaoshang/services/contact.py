"""联系我们: messages stored for editors."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zhaoshang.store.models import ContactMessage

_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,24}$")
MAX_BODY = 5_000


class ContactError(ValueError):
    pass


def send(session: Session, *, name: str, email: str | None, phone: str | None, subject: str | None, body: str) -> ContactMessage:
    name, body = (name or "").strip(), (body or "").strip()
    email = (email or "").strip() or None
    phone = (phone or "").strip() or None
    if not name or len(name) > 100:
        raise ContactError("请填写姓名(不超过100字)")
    if not body:
        raise ContactError("请填写留言内容")
    if len(body) > MAX_BODY:
        raise ContactError(f"留言不超过{MAX_BODY}字")
    if email and not _EMAIL.match(email):
        raise ContactError("邮箱格式不正确")
    if phone and not re.fullmatch(r"[0-9+\- ]{5,32}", phone):
        raise ContactError("电话号码格式不正确")
    if not email and not phone:
        raise ContactError("邮箱和电话至少填写一项")
    msg = ContactMessage(name=name, email=email, phone=phone, subject=(subject or "").strip()[:200] or None, body=body)
    session.add(msg)
    session.flush()
    return msg


def inbox(session: Session, *, limit: int = 50, offset: int = 0) -> tuple[int, list[ContactMessage]]:
    total = session.scalar(select(func.count()).select_from(ContactMessage)) or 0
    rows = session.scalars(select(ContactMessage).order_by(ContactMessage.id.desc()).limit(limit).offset(offset)).all()
    return total, list(rows)
