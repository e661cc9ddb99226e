"""``zhaoshang demo``: prepares a migrated database with the bundled sample, idempotently."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select
from starlette.testclient import TestClient

from zhaoshang.cli.demo_cmd import fallback_app, sample_listing_path
from zhaoshang.cli.main import cli
from zhaoshang.store.db import make_engine, transaction
from zhaoshang.store.models import Region, Report


def _counts(db: Path) -> tuple[int, int]:
    engine = make_engine(str(db))
    try:
        with transaction(engine) as s:
            return (
                s.scalar(select(func.count()).select_from(Report)) or 0,
                s.scalar(select(func.count()).select_from(Region)) or 0,
            )
    finally:
        engine.dispose()


def test_demo_without_serving_builds_the_sample_database_once(tmp_path: Path) -> None:
    db = tmp_path / "var" / "demo.db"
    runner = CliRunner(mix_stderr=False)
    first = runner.invoke(cli, ["demo", "--db", str(db), "--no-serve"])
    assert first.exit_code == 0, first.stdout + first.stderr
    assert "10 report(s) ingested, 0 already there" in first.stdout
    reports, regions = _counts(db)
    assert reports == 10 and regions > 3000
    second = runner.invoke(cli, ["demo", "--db", str(db), "--no-serve"])
    assert second.exit_code == 0 and "0 report(s) ingested, 10 already there" in second.stdout
    assert _counts(db)[0] == 10


def test_the_bundled_sample_ships_inside_the_package() -> None:
    path = sample_listing_path()
    assert path.is_file() and "zhaoshang" in path.parts and path.stat().st_size > 100_000


def test_the_fallback_page_lists_every_report_with_its_region(ingested_sqlite) -> None:  # type: ignore[no-untyped-def]
    page = TestClient(fallback_app(ingested_sqlite.url)).get("/")
    assert page.status_code == 200
    assert "10 份报告" in page.text and "宝兴县" in page.text and "湖南省" in page.text
