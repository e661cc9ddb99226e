"""CSRF tokens, rate limits and the security log, shared by every worker process.

CSRF uses the signed double-submit pattern: the cookie holds a random value, each
form echoes it together with an HMAC under the server secret, so a forged form can
neither guess nor plant a token.  Rate limits count rows in the database rather than
process memory, so they hold with several gunicorn workers.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from zhaoshang.store.models import RateHit, SecurityEvent

# (max hits, window) per action and client address.
LIMITS: dict[str, tuple[int, timedelta]] = {
    "login": (10, timedelta(minutes=5)),
    "contribute": (20, timedelta(minutes=10)),
    "enterprise": (20, timedelta(minutes=10)),
    "contact": (20, timedelta(minutes=10)),
}


def rate_limit_scale() -> float:
    """``ZHAOSHANG_RATE_LIMIT_SCALE`` multiplies every limit (load tests from one address set it high)."""
    try:
        return max(0.0, float(os.environ.get("ZHAOSHANG_RATE_LIMIT_SCALE", "1")))
    except ValueError:
        return 1.0


def new_csrf_token(secret: str) -> str:
    nonce = secrets.token_urlsafe(24)
    return f"{nonce}.{_sign(secret, nonce)}"


def _sign(secret: str, nonce: str) -> str:
    return hmac.new(secret.encode(), nonce.encode(), hashlib.sha256).hexdigest()[:32]


def csrf_valid(secret: str, cookie_token: str | None, form_token: str | None) -> bool:
    if not cookie_token or not form_token or len(form_token) > 200:
        return False
    if not hmac.compare_digest(cookie_token, form_token):
        return False
    nonce, _, sig = form_token.partition(".")
    return bool(nonce) and hmac.compare_digest(sig, _sign(secret, nonce))


def log_event(session: Session, kind: str, detail: str | None = None, ip: str | None = None) -> None:
    session.add(SecurityEvent(kind=kind, detail=(detail or "")[:2000], ip=ip))


def hit_rate_limit(session: Session, action: str, client: str, *, now: datetime | None = None) -> bool:
    """Record one attempt; True when the client is over the limit (the attempt is refused)."""
    limit, window = LIMITS[action]
    limit = int(limit * rate_limit_scale())
    now = now or datetime.now(timezone.utc)
    key = f"{action}:{client}"
    since = now - window
    count = session.scalar(select(func.count()).select_from(RateHit).where(RateHit.key == key, RateHit.at > since))
    if (count or 0) >= limit:
        return True
    session.add(RateHit(key=key, at=now))
    return False


def purge_rate_hits(session: Session, older_than: timedelta = timedelta(days=1)) -> None:
    session.execute(delete(RateHit).where(RateHit.at < datetime.now(timezone.utc) - older_than))
