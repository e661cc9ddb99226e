"""``zhaoshang db``: upgrade, status, re-extract and delete through the CLI."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select

from zhaoshang.cli.main import cli
from zhaoshang.store.db import make_engine, transaction
from zhaoshang.store.models import FACT_TABLES, IndicatorFact, Report
from zhaoshang.store.schema import current_revision, head_revision


def test_upgrade_creates_a_database_at_the_head_revision(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    result = CliRunner().invoke(cli, ["db", "upgrade", "--db", str(db)])
    assert result.exit_code == 0 and head_revision() in result.output
    assert current_revision(make_engine(str(db))) == head_revision()


def test_status_reports_schema_regions_reports_and_facts(ingested_sqlite, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = ingested_sqlite.copy_to(tmp_path)
    result = CliRunner().invoke(cli, ["db", "status", "--db", url])
    assert result.exit_code == 0, result.output
    assert f"schema: {head_revision()}" in result.output
    assert "reports: 10 (0 without a region" in result.output
    assert "indicator " in result.output


def test_reextract_keeps_a_corrected_fact_and_delete_removes_a_report(ingested_sqlite, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url = ingested_sqlite.copy_to(tmp_path)
    engine = make_engine(url)
    with transaction(engine) as s:
        fact = s.scalars(select(IndicatorFact).where(IndicatorFact.report_id == 1).limit(1)).one()
        fact.number, fact.corrected = 12345.0, True
        fact_id = fact.id
    runner = CliRunner()
    result = runner.invoke(cli, ["db", "reextract", "1", "--db", url])
    assert result.exit_code == 0 and "re-extracted 1 report(s), 0 failed" in result.output
    with transaction(engine) as s:
        assert s.get(IndicatorFact, fact_id).number == 12345.0  # type: ignore[union-attr]
    deleted = runner.invoke(cli, ["db", "delete", "1", "999", "--db", url])
    assert deleted.exit_code == 1 and "deleted 1 report(s)" in deleted.output and "999" in deleted.output
    with transaction(engine) as s:
        assert s.get(Report, 1) is None
        for model in FACT_TABLES.values():
            assert not s.scalar(select(func.count()).select_from(model).where(model.report_id == 1))  # type: ignore[attr-defined]
    engine.dispose()
