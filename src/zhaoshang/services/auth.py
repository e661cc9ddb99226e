"""Editor and admin accounts: argon2 password hashes and server-side sessions.

The session cookie carries only a random id; everything else (user, CSRF secret,
expiry) lives in the ``web_sessions`` table, so logging out or changing a password
really ends a session, across every worker process.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from zhaoshang.store.models import User, WebSession

ROLES = ("editor", "admin")
SESSION_TTL = timedelta(hours=12)
MIN_PASSWORD_LENGTH = 10

_hasher = PasswordHasher()
# A hash to verify against when the user does not exist, so a wrong username costs
# the same time as a wrong password and does not reveal which accounts exist.
_DUMMY_HASH = _hasher.hash("not-a-real-password-" + secrets.token_hex(8))


class AuthError(ValueError):
    """A refused account operation, with a message fit to show the user."""


@dataclass(frozen=True, slots=True)
class CurrentUser:
    id: int
    username: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(f"密码至少需要{MIN_PASSWORD_LENGTH}个字符")
    if password.isdigit() or password.isalpha():
        raise AuthError("密码需同时包含字母和数字或符号")


def create_user(session: Session, username: str, password: str, role: str = "editor") -> User:
    username = username.strip()
    if role not in ROLES:
        raise AuthError(f"未知角色: {role}")
    if not username or len(username) > 64:
        raise AuthError("用户名不能为空且不超过64个字符")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise AuthError(f"用户已存在: {username}")
    check_password_strength(password)
    user = User(username=username, password_hash=hash_password(password), role=role)
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, username: str, password: str) -> User | None:
    user = session.scalar(select(User).where(User.username == username.strip(), User.active.is_(True)))
    try:
        if user is None:
            _hasher.verify(_DUMMY_HASH, password)
            return None
        _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def change_password(session: Session, user_id: int, old: str, new: str) -> None:
    user = session.get(User, user_id)
    if user is None or authenticate(session, user.username, old) is None:
        raise AuthError("原密码不正确")
    check_password_strength(new)
    user.password_hash = hash_password(new)
    # Every other session of this user ends with the old password.
    session.execute(delete(WebSession).where(WebSession.user_id == user_id))


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(dt: datetime) -> datetime:
    # SQLite hands back naive datetimes even for timezone-aware columns.
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def start_session(session: Session, user: User) -> WebSession:
    """A fresh id on every login (no session fixation)."""
    ws = WebSession(
        id=secrets.token_urlsafe(32),
        user_id=user.id,
        csrf_token=secrets.token_urlsafe(32),
        expires_at=_now() + SESSION_TTL,
    )
    session.add(ws)
    session.flush()
    return ws


def load_session(session: Session, session_id: str | None) -> tuple[WebSession, CurrentUser] | None:
    if not session_id or len(session_id) > 100:
        return None
    ws = session.get(WebSession, session_id)
    if ws is None or ws.user_id is None:
        return None
    if _aware(ws.expires_at) <= _now():
        session.delete(ws)
        return None
    user = session.get(User, ws.user_id)
    if user is None or not user.active:
        return None
    return ws, CurrentUser(user.id, user.username, user.role)


def end_session(session: Session, session_id: str | None) -> None:
    if session_id:
        session.execute(delete(WebSession).where(WebSession.id == session_id))


def purge_expired_sessions(session: Session) -> int:
    result = session.execute(delete(WebSession).where(WebSession.expires_at <= _now()))
    return result.rowcount or 0
