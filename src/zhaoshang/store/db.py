"""Engines and sessions for SQLite (default, WAL) and PostgreSQL, from one URL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DB_PATH = Path("zhaoshang.db")
ENV_VAR = "ZHAOSHANG_DATABASE_URL"


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """``--db`` wins, then ``ZHAOSHANG_DATABASE_URL``, then ./zhaoshang.db.

    A bare path means SQLite; anything with ``://`` is taken as a SQLAlchemy URL
    (``postgresql://`` is mapped to the psycopg 3 driver).
    """
    value = str(db) if db is not None else os.environ.get(ENV_VAR) or str(DEFAULT_DB_PATH)
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser()}"
    if value.startswith("postgresql://") or value.startswith("postgres://"):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def make_engine(db: str | os.PathLike[str] | None = None, **kwargs) -> Engine:  # type: ignore[no-untyped-def]
    url = resolve_url(db)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        kwargs.setdefault("pool_pre_ping", True)
        # Per process: 4 gunicorn workers x 20 stay under PostgreSQL's default 100 connections.
        kwargs.setdefault("pool_size", int(os.environ.get("ZHAOSHANG_DB_POOL_SIZE", "10")))
        kwargs.setdefault("max_overflow", int(os.environ.get("ZHAOSHANG_DB_MAX_OVERFLOW", "10")))
        engine = create_engine(url, **kwargs)
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commits on success, rolls back everything on any error."""
    with Session(engine, expire_on_commit=False) as session:
        with session.begin():
            yield session
