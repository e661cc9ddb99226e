"""``zhaoshang demo``: one command from a fresh checkout to the portal on the bundled sample.

Creates (or upgrades) the database, ingests the ten bundled reports (a no-op the second
time) and serves the portal.  When the portal package is not available the demo still
serves a plain page of regions and reports, so quick start never breaks.
"""

from __future__ import annotations

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


def portal_app(db_url: str) -> Any:
    """The portal as ``zhaoshang serve`` runs it (response cache on)."""
    from zhaoshang.web.app import create_app

    return create_app(db_url, cache=True)


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
