"""``zhaoshang search QUERY``: full-text search from the shell; ``zhaoshang reindex`` rebuilds the index."""

from __future__ import annotations

import html
import json
import re

import click

from zhaoshang.model import FACT_TYPES

_LEVELS = ("province", "prefecture", "county", "district")
_SECTIONS = ("preamble", "review", "review_plan", "plan", "tasks", "self_improvement", "closing", "appendix", "other")
_DB_HELP = "SQLite file or database URL (default: $ZHAOSHANG_DATABASE_URL or ./zhaoshang.db)."


def _terminal_snippet(snippet_html: str) -> str:
    """The highlighted snippet for a terminal: marks in bold (click strips styles when piped)."""
    parts = re.split(r"<mark>(.*?)</mark>", snippet_html)
    return "".join(
        click.style(html.unescape(p), bold=True, fg="red") if i % 2 else html.unescape(p) for i, p in enumerate(parts)
    )


@click.command("search")
@click.argument("query")
@click.option("--region", metavar="NAME|CODE", help="Only this region and everything under it (湖南省 includes 衡阳市).")
@click.option("--level", type=click.Choice(_LEVELS), help="Only reports of regions at this level.")
@click.option("--year", type=click.IntRange(1949, 2100), help="Only reports of this meeting year.")
@click.option("--section", type=click.Choice(_SECTIONS), help="Only sentences in this kind of section.")
@click.option("--type", "fact_type", type=click.Choice(FACT_TYPES), help="Only sentences holding a fact of this type.")
@click.option("--limit", type=click.IntRange(1, 200), default=20, show_default=True, help="Hits to show.")
@click.option("--offset", type=click.IntRange(0, 10_000), default=0, help="Hits to skip (paging).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option("--db", "db", metavar="PATH|URL", help=_DB_HELP)
def search_command(
    query: str, region: str | None, level: str | None, year: int | None, section: str | None,
    fact_type: str | None, limit: int, offset: int, as_json: bool, db: str | None,
) -> None:  # fmt: skip
    """Search every report sentence: words, "phrases", OR, NOT / -word.

    \b
    Examples:
      zhaoshang search 汉白玉
      zhaoshang search '"新材料 产业园" OR 大熊猫' --region 四川省
      zhaoshang search GDP --year 2021 --section tasks --json
    """
    from zhaoshang.search.query import QueryError
    from zhaoshang.search.service import search
    from zhaoshang.store.schema import init_db

    engine = init_db(db)
    try:
        result = search(
            engine, query, region=region, level=level, year=year, section_kind=section,
            fact_type=fact_type, limit=limit, offset=offset,
        )  # fmt: skip
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    finally:
        engine.dispose()
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
        return
    shown = f"{offset + 1}–{offset + len(result.hits)}" if result.hits else "none"
    click.echo(f"{result.total} matching sentence(s); showing {shown}")
    if result.ignored:
        click.echo(f"ignored (nothing searchable): {' '.join(result.ignored)}")
    for i, hit in enumerate(result.hits, start=offset + 1):
        where = " · ".join(str(x) for x in (hit.region_name, hit.year, hit.section_kind) if x)
        click.echo(f"\n{i}. {hit.report_title or '(untitled)'}  [{where}]  report {hit.report_id} @{hit.start}-{hit.end}")
        click.echo("   " + _terminal_snippet(hit.snippet_html))
    for name, rows in result.facets.items():
        if rows:
            click.echo(f"\n{name}: " + ", ".join(f"{label} {n}" for _, label, n in rows[:8]))


@click.command("reindex")
@click.option("--db", "db", metavar="PATH|URL", help=_DB_HELP)
@click.option("--optimize", is_flag=True,
              help="Then compact the index (SQLite: merge FTS5 segments into one): a longer rebuild, faster queries.")
def reindex_command(db: str | None, optimize: bool) -> None:
    """Rebuild the full-text index from the stored report texts."""
    from zhaoshang.search.indexer import optimize as optimize_index
    from zhaoshang.search.indexer import rebuild
    from zhaoshang.store.schema import init_db

    engine = init_db(db)
    try:
        n = rebuild(engine)
        if optimize:
            optimize_index(engine)
    finally:
        engine.dispose()
    click.echo(f"indexed {n} report(s)" + (", index compacted" if optimize else ""))


COMMANDS = [search_command, reindex_command]
