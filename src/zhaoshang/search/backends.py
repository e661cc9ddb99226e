"""Pick the backend module for an engine or connection (one interface, two implementations)."""

from __future__ import annotations

from types import ModuleType

from sqlalchemy import Connection, Engine

from zhaoshang.search import backend_postgres, backend_sqlite


def backend_for(bind: Engine | Connection) -> ModuleType:
    return backend_named(bind.dialect.name)


def backend_named(name: str) -> ModuleType:
    """The backend module for a dialect name (``sqlite``/``postgresql``): what a worker process,
    which has no engine, is told."""
    if name == "sqlite":
        return backend_sqlite
    if name == "postgresql":
        return backend_postgres
    raise NotImplementedError(f"full-text search supports SQLite and PostgreSQL, not {name}")
