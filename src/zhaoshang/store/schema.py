"""Create or upgrade a database to the current schema with Alembic, configured in code.

Every command that touches the store calls :func:`init_db` first, so a user never has
to run a separate migration step; the same revisions run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from zhaoshang.store.db import make_engine

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class StoreUnavailable(RuntimeError):
    """The database cannot be opened (server down, bad URL, no permission); the message says which."""


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic ``Config`` pointing at the bundled migrations (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    """The newest revision shipped with this version of zhaoshang."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _as_engine(db: Engine | str | os.PathLike[str] | None) -> tuple[Engine, bool]:
    if isinstance(db, Engine):
        return db, False
    return make_engine(db), True


def init_db(db: Engine | str | os.PathLike[str] | None = None) -> Engine:
    """Upgrade the database to head (creating it if empty) and return an engine for it.

    Cheap when already current: only the version table is read.  Accepts an engine, a
    URL, a SQLite path, or None (``ZHAOSHANG_DATABASE_URL`` / the default file).
    """
    engine, _owned = _as_engine(db)
    where = engine.url.render_as_string(hide_password=True)
    try:
        if engine.url.get_backend_name() == "sqlite" and engine.url.database not in (None, "", ":memory:"):
            Path(engine.url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        revision = current_revision(engine)
    except OSError as exc:
        raise StoreUnavailable(f"cannot create the database {where}: {exc.strerror or exc}") from exc
    except OperationalError as exc:
        cause = str(exc.orig or exc).strip()
        reason = cause.splitlines()[0] if cause else type(exc).__name__
        raise StoreUnavailable(f"cannot open the database {where}: {reason}") from exc
    if revision == head_revision():
        return engine
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return engine
