"""Request-scoped dependencies: a database session and the common list parameters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from fastapi import Query, Request
from sqlalchemy.orm import Session

MAX_PER_PAGE = 500


def get_session(request: Request) -> Iterator[Session]:
    """One session per request on the app's engine; read-only pages never commit."""
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


@dataclass(frozen=True, slots=True)
class Paging:
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def meta(self, total: int) -> dict[str, int]:
        pages = max(1, -(-total // self.per_page))
        return {"total": total, "page": self.page, "per_page": self.per_page, "pages": pages}


def paging(
    page: int = Query(1, ge=1, le=100_000, description="页码，从 1 开始"),
    per_page: int = Query(50, ge=1, le=MAX_PER_PAGE, description="每页条数"),
) -> Paging:
    return Paging(page=page, per_page=per_page)
