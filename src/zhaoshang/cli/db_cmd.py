"""``zhaoshang db``: schema upgrades, store status, re-extraction and deletion of reports."""

from __future__ import annotations

import sys

import click

def _open(db: str | None):  # type: ignore[no-untyped-def]
    """init_db with a one-line error instead of a traceback when the database cannot be opened."""
    from zhaoshang.store.schema import StoreUnavailable, init_db

    try:
        return init_db(db)
    except StoreUnavailable as exc:
        raise click.ClickException(str(exc)) from exc


_DB_OPTION = click.option("--db", "db", metavar="PATH|URL", help="SQLite file or database URL (default: $ZHAOSHANG_DATABASE_URL or ./zhaoshang.db).")


@click.group("db")
def db_group() -> None:
    """Manage the store: migrate, inspect, re-extract, delete."""


@db_group.command("upgrade")
@_DB_OPTION
def upgrade_command(db: str | None) -> None:
    """Create the database or upgrade it to the current schema (other commands do this too)."""
    from zhaoshang.store.schema import current_revision

    engine = _open(db)
    click.echo(f"{engine.url.render_as_string(hide_password=True)} at revision {current_revision(engine)}")
    engine.dispose()


@db_group.command("status")
@_DB_OPTION
def status_command(db: str | None) -> None:
    """Schema revision, gazetteer vintage, and how many reports and facts are stored."""
    from sqlalchemy import func, select

    from zhaoshang import PIPELINE_VERSION
    from zhaoshang.store.db import make_engine, transaction
    from zhaoshang.store.models import FACT_TABLES, Region, Report
    from zhaoshang.store.schema import current_revision, head_revision

    from sqlalchemy.exc import OperationalError

    engine = make_engine(db)
    try:
        try:
            revision = current_revision(engine)
        except OperationalError as exc:
            raise click.ClickException(f"cannot open the database: {str(exc.orig or exc).strip().splitlines()[0]}") from exc
        click.echo(f"database: {engine.url.render_as_string(hide_password=True)}")
        click.echo(f"schema: {revision or 'empty'} (this version needs {head_revision()})")
        if revision is None:
            return
        with transaction(engine) as s:
            vintages = s.execute(select(Region.vintage, func.count()).group_by(Region.vintage)).all()
            reports = s.scalar(select(func.count()).select_from(Report)) or 0
            stale = s.scalar(select(func.count()).select_from(Report).where(Report.pipeline_version != PIPELINE_VERSION)) or 0
            unknown = s.scalar(select(func.count()).select_from(Report).where(Report.region_code.is_(None))) or 0
            facts = {t: s.scalar(select(func.count()).select_from(m)) or 0 for t, m in FACT_TABLES.items()}
        click.echo("regions: " + (", ".join(f"{n} ({v})" for v, n in vintages) or "none loaded"))
        click.echo(f"reports: {reports} ({unknown} without a region, {stale} from an older pipeline)")
        click.echo("facts: " + ", ".join(f"{t} {n}" for t, n in facts.items()))
    finally:
        engine.dispose()


@db_group.command("reextract")
@_DB_OPTION
@click.argument("report_ids", nargs=-1, type=int)
@click.option("--stale", is_flag=True, help="Only reports extracted by an older pipeline version.")
def reextract_command(db: str | None, report_ids: tuple[int, ...], stale: bool) -> None:
    """Re-run extraction on stored reports (all, or the given ids); editor corrections are kept."""
    from zhaoshang.services.ingest import reextract

    engine = _open(db)
    try:
        counts = reextract(engine, list(report_ids) or None, stale_only=stale)
    finally:
        engine.dispose()
    click.echo(f"re-extracted {counts['reextracted']} report(s), {counts['failed']} failed")
    if counts["failed"]:
        sys.exit(1)


@db_group.command("delete")
@_DB_OPTION
@click.argument("report_ids", nargs=-1, type=int, required=True)
def delete_command(db: str | None, report_ids: tuple[int, ...]) -> None:
    """Delete reports with their sections, facts and search entries."""
    from zhaoshang.store.db import transaction
    from zhaoshang.store.repository import delete_report

    engine = _open(db)
    missing = []
    try:
        for rid in report_ids:
            with transaction(engine) as s:
                if not delete_report(s, rid):
                    missing.append(rid)
    finally:
        engine.dispose()
    click.echo(f"deleted {len(report_ids) - len(missing)} report(s)")
    if missing:
        click.echo(f"no such report: {', '.join(map(str, missing))}", err=True)
        sys.exit(1)


COMMANDS = [db_group]
