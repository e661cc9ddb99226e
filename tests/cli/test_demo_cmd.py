"""``zhaoshang demo``: prepares a migrated database with the bundled sample, idempotently."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select
from starlette.testclient import TestClient

from zhaoshang.cli import demo_cmd
from zhaoshang.cli.demo_cmd import portal_app, sample_listing_path
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


def _small_listing(folder: Path) -> Path:
    """Two short entries in the investment-site listing format (channel, title, text, date)."""
    path = folder / "listing.txt"
    path.write_text(
        "-\n【宝兴县招商】2022年宝兴县政府工作报告\n"
        "2022年宝兴县政府工作报告各位代表:过去一年,全县地区生产总值增长4.1%,规模以上工业增加值增长6.2%。\n"
        "2025-07-08\n"
        "-\n【凤阳县招商】2022年凤阳县政府工作报告\n"
        "2022年凤阳县政府工作报告各位代表:过去一年,全县地区生产总值增长3.9%,今年预期增长8%左右。\n"
        "2025-07-08\n",
        encoding="utf-8",
    )
    return path


def test_demo_without_serving_builds_the_sample_database_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listing = _small_listing(tmp_path)
    monkeypatch.setattr(demo_cmd, "sample_listing_path", lambda: listing)
    db = tmp_path / "var" / "demo.db"
    runner = CliRunner(mix_stderr=False)
    first = runner.invoke(cli, ["demo", "--db", str(db), "--no-serve"])
    assert first.exit_code == 0, first.stdout + first.stderr
    assert "2 report(s) ingested, 0 already there" in first.stdout
    reports, regions = _counts(db)
    assert reports == 2 and regions > 3000
    second = runner.invoke(cli, ["demo", "--db", str(db), "--no-serve"])
    assert second.exit_code == 0 and "0 report(s) ingested, 2 already there" in second.stdout
    assert _counts(db)[0] == 2


def test_demo_on_the_bundled_sample_finds_all_ten_reports_already_there(ingested_sqlite, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = ingested_sqlite.copy_to(tmp_path)
    result = CliRunner(mix_stderr=False).invoke(cli, ["demo", "--db", url, "--no-serve"])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "0 report(s) ingested, 10 already there" in result.stdout


def test_the_demo_serves_the_portal_or_the_fallback_page(ingested_sqlite, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = TestClient(demo_cmd.portal_app(ingested_sqlite.copy_to(tmp_path))).get("/")
    assert page.status_code == 200 and "<html" in page.text


def test_the_bundled_sample_ships_inside_the_package() -> None:
    path = sample_listing_path()
    assert path.is_file() and "zhaoshang" in path.parts and path.stat().st_size > 100_000


def test_the_demo_portal_lists_the_sample_regions_and_reports(ingested_sqlite) -> None:  # type: ignore[no-untyped-def]
    with TestClient(portal_app(ingested_sqlite.url)) as client:
        home = client.get("/api/v1/home").json()
        page = client.get("/")
    assert page.status_code == 200 and "宝兴县" in page.text
    assert home["reports"] == 10 and home["regions"] == 10
