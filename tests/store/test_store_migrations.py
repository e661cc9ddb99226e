"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from zhaoshang.store.db import make_engine
from zhaoshang.store.models import Base
from zhaoshang.store.schema import current_revision, head_revision, init_db


def test_migrations_apply_to_an_empty_database_and_match_the_models(db_url: str) -> None:
    engine = init_db(db_url)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == [], f"models and migrations disagree: {diff}"
        assert {"regions", "reports", "sections", "indicators", "enterprises"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_init_db_is_idempotent_on_a_current_database(engine: Engine) -> None:
    url = engine.url.render_as_string(hide_password=False)
    again = init_db(url)
    try:
        assert current_revision(again) == head_revision()
    finally:
        again.dispose()


def test_init_db_accepts_a_bare_sqlite_path_and_creates_its_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "nested" / "dir" / "z.db"
    engine = init_db(str(path))
    try:
        assert path.exists()
        assert current_revision(make_engine(str(path))) == head_revision()
    finally:
        engine.dispose()


def test_a_database_that_cannot_be_opened_is_one_clear_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from zhaoshang.store.schema import StoreUnavailable

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreUnavailable, match="cannot create the database"):
        init_db(str(blocker / "z.db"))
    with pytest.raises(StoreUnavailable, match="cannot open the database postgresql"):
        init_db("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")


def test_every_revision_downgrades_and_upgrades_again(db_url: str) -> None:
    from alembic import command

    from zhaoshang.store.schema import alembic_config

    engine = init_db(db_url)
    try:
        cfg = alembic_config(engine)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "base")
        assert current_revision(engine) is None
        assert "reports" not in inspect(engine).get_table_names()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0001")
        assert current_revision(engine) == "0001"
        init_db(engine)  # step by step from an old revision to head
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        engine.dispose()
