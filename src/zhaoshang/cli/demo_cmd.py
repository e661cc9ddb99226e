"""``zhaoshang demo``: one command from a fresh checkout to the portal on the bundled sample.

Creates (or upgrades) the database, ingests the ten bundled reports (a no-op the second
time) and serves the portal.  When the portal package is not available the demo still
serves a plain page of regions and reports, so quick start never breaks.
"""

from __future__ import annotations

import html
from importlib import resources
from pathlib import Path
from typing import Any

import click

DEFAULT_DEMO_DB = Path("var") / "demo.db"


def sample_listing_path() -> Path:
    """The bundled sample listing (shipped as package data)."""
    return Path(str(resources.files("zhaoshang") / "data" / "sample" / "seed-listing.txt"))


def prepare_demo_db(db: str | Path) -> tuple[str, Any]:
    """Migrate the database and ingest the bundled sample; returns (URL, ingest summary)."""
    from zhaoshang.services.ingest import ingest_paths
    from zhaoshang.store.db import resolve_url
    from zhaoshang.store.schema import init_db

    url = resolve_url(db)
    engine = init_db(url)
    try:
        summary = ingest_paths([sample_listing_path()], engine)
    finally:
        engine.dispose()
    return url, summary


def fallback_app(db_url: str) -> Any:
    """A one-page Starlette app listing regions and reports, for when the portal is missing."""
    from sqlalchemy import select
    from starlette.applications import Starlette
    from starlette.responses import HTMLResponse
    from starlette.routing import Route

    from zhaoshang.store.db import make_engine, transaction
    from zhaoshang.store.models import Region, Report

    engine = make_engine(db_url)

    def index(_request: Any) -> HTMLResponse:
        with transaction(engine) as s:
            rows = s.execute(
                select(Report.id, Report.title, Report.year, Region.name, Region.level)
                .outerjoin(Region, Report.region_code == Region.code)
                .order_by(Region.name, Report.year)
            ).all()
        items = "\n".join(
            f"<tr><td>{html.escape(region or '（未识别）')}</td><td>{html.escape(level or '')}</td>"
            f"<td>{year or ''}</td><td>{html.escape(title or '')}</td></tr>"
            for _id, title, year, region, level in rows
        )
        regions = sorted({r[3] for r in rows if r[3]})
        page = (
            "<!doctype html><html lang='zh-CN'><meta charset='utf-8'><title>zhaoshang demo</title>"
            "<h1>zhaoshang — 政府工作报告</h1>"
            f"<p>{len(rows)} 份报告，{len(regions)} 个地区：{html.escape('、'.join(regions))}</p>"
            "<table border='1' cellpadding='4'><tr><th>地区</th><th>级别</th><th>年份</th><th>标题</th></tr>"
            f"{items}</table></html>"
        )
        return HTMLResponse(page)

    return Starlette(routes=[Route("/", index)])


def portal_app(db_url: str) -> Any:
    try:
        from zhaoshang.web.app import create_app
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("zhaoshang.web"):
            raise
        click.echo("portal not available; serving the plain region/report list", err=True)
        return fallback_app(db_url)
    return create_app(db_url)


@click.command("demo")
@click.option("--db", "db", default=str(DEFAULT_DEMO_DB), show_default=True, metavar="PATH|URL", help="Demo database.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--serve/--no-serve", default=True, help="Serve the portal after preparing the database.")
def demo_command(db: str, host: str, port: int, serve: bool) -> None:
    """Create the demo database, ingest the ten bundled sample reports, serve the portal."""
    from zhaoshang.store.schema import StoreUnavailable

    try:
        url, summary = prepare_demo_db(db)
    except StoreUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"demo database {url}: {summary.stored} report(s) ingested, {len(summary.duplicates)} already there"
    )
    for outcome in [*summary.failed, *summary.partial]:
        click.echo(f"  {outcome.status}: {outcome.source}: {outcome.reason}", err=True)
    if not serve:
        return
    import uvicorn

    click.echo(f"serving http://{host}:{port}/  (Ctrl+C to stop)")
    uvicorn.run(portal_app(url), host=host, port=port, log_level="warning")


COMMANDS = [demo_command]
