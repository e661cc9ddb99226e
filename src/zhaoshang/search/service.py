"""``search()``: the one entry point the CLI, the web pages and the JSON API share.

Flow: parse the query (``QueryError`` for the user) → compile it for the engine's backend →
one grouped count (exact total and the four facets in a single pass over the matches) → one
ranked page of sentences → snippets computed here from the stored sentence.  Filters: region
(with all its descendants, via ``regions.parent_code``), level, year, section kind, and an
EXISTS on a fact table.  Facet counts are over the filtered result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, text

from zhaoshang.search import segmenter
from zhaoshang.search.backends import backend_for
from zhaoshang.search.filters import FacetCounts, Filters, UnitRow
from zhaoshang.search.indexer import ensure_schema, learn_store_names
from zhaoshang.search.query import Query, QueryError, parse
from zhaoshang.search.snippet import make_snippet
from zhaoshang.store.models import FACT_TABLES

MAX_LIMIT = 200
MAX_OFFSET = 10_000
FACET_NAMES = ("province", "level", "year", "section_kind")

SECTION_LABELS: dict[str, str] = {
    "preamble": "开篇",
    "review": "工作回顾",
    "review_plan": "五年回顾",
    "plan": "规划目标",
    "tasks": "年度任务",
    "self_improvement": "政府自身建设",
    "closing": "结束语",
    "appendix": "名词解释",
    "other": "其他",
}

__all__ = ["SearchHit", "SearchResult", "QueryError", "search", "all_matches"]


@dataclass(slots=True)
class SearchHit:
    report_id: int
    report_title: str | None
    year: int | None
    region_name: str | None
    region_code: str | None
    section_kind: str | None
    snippet_html: str
    """The snippet with matches in ``<mark>``; every other character HTML-escaped."""
    snippet_text: str
    start: int
    """Offset of the first match in ``reports.text`` (the link target), ``end`` exclusive."""
    end: int
    score: float
    """Higher is better; comparable only within one result."""
    sentence_start: int = 0
    sentence_end: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "report": {
                "id": self.report_id,
                "title": self.report_title,
                "year": self.year,
                "region": {"name": self.region_name, "code": self.region_code},
            },
            "section": self.section_kind,
            "snippet": self.snippet_text,
            "snippet_html": self.snippet_html,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 6),
        }


@dataclass(slots=True)
class SearchResult:
    query: str
    total: int
    """Every matching sentence under the filters, not only this page."""
    hits: list[SearchHit]
    facets: dict[str, list[tuple[Any, str, int]]] = field(default_factory=dict)
    """``province``/``level``/``year``/``section_kind`` → ``(value, label, count)``, largest first."""
    ignored: list[str] = field(default_factory=list)
    """Query terms dropped because they held nothing searchable."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [h.to_dict() for h in self.hits],
            "facets": {
                name: [{"value": v, "label": label, "count": n} for v, label, n in rows]
                for name, rows in self.facets.items()
            },
        }


def search(
    engine: Engine,
    query: str,
    *,
    region: str | None = None,
    level: str | None = None,
    year: int | str | None = None,
    section_kind: str | None = None,
    fact_type: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResult:
    """Search every indexed sentence; raises ``QueryError`` for a query or filter it cannot use."""
    parsed = parse(query)
    limit, offset = _page(limit, offset)
    ensure_schema(engine)
    with engine.connect() as conn:
        backend = backend_for(conn)
        learn_store_names(conn)
        bonus = _word_bonus(parsed)
        match = backend.compile_match(parsed, bonus)
        flt = resolve_filters(conn, region=region, level=level, year=year, section_kind=section_kind,
                              fact_type=fact_type)  # fmt: skip
        # the word-layer bonus never changes which sentences match, only their scores: counting
        # without it spares FTS5 a second posting list per word (10–25% of a common word's count)
        counts, window = backend.facet_counts(conn, backend.compile_match(parsed, set()), flt)
        rows = []
        if counts.total > offset:
            rows = backend.page(conn, match, flt, limit, offset, window, backend.compile_words(parsed, bonus))
        hits = _hits(rows, parsed)
        facets = _facets(conn, counts)
    return SearchResult(query=query, total=counts.total, hits=hits, facets=facets, ignored=parsed.ignored)


def all_matches(
    engine: Engine,
    query: str,
    *,
    region: str | None = None,
    level: str | None = None,
    year: int | str | None = None,
    section_kind: str | None = None,
    fact_type: str | None = None,
) -> list[tuple[int, int, int]]:
    """Every matching sentence as ``(report_id, start, end)``, unranked and unpaged.

    For exports and for checking recall against a brute-force scan; ``search`` is the
    interactive entry point.
    """
    parsed = parse(query)
    ensure_schema(engine)
    with engine.connect() as conn:
        backend = backend_for(conn)
        flt = resolve_filters(conn, region=region, level=level, year=year, section_kind=section_kind,
                              fact_type=fact_type)  # fmt: skip
        return sorted(backend.all_units(conn, backend.compile_match(parsed, set()), flt))


def _page(limit: int, offset: int) -> tuple[int, int]:
    try:
        limit, offset = int(limit), int(offset)
    except (TypeError, ValueError):
        raise QueryError("limit and offset must be whole numbers") from None
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_LIMIT}")
    if not 0 <= offset <= MAX_OFFSET:
        raise QueryError(f"offset must be between 0 and {MAX_OFFSET}")
    return limit, offset


def _word_bonus(parsed: Query) -> set[str]:
    """Query strings the segmenter sees as one word: matching them as a word ranks higher."""
    return {a for a in parsed.positives() if len(a) >= 2 and len(segmenter.cut(a)) == 1}


# --- filters -------------------------------------------------------------------------------------


def resolve_filters(
    conn: Connection,
    *,
    region: str | None = None,
    level: str | None = None,
    year: int | str | None = None,
    section_kind: str | None = None,
    fact_type: str | None = None,
) -> Filters:
    """Validate the filter values and resolve the region to the indexed codes under it."""
    year_value = None
    if year not in (None, ""):
        try:
            year_value = int(year)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise QueryError(f"year must be a number, not {year!r}") from None
    fact_table = None
    if fact_type:
        model = FACT_TABLES.get(fact_type)
        if model is None:
            raise QueryError(f"unknown fact type {fact_type!r}; use one of {', '.join(FACT_TABLES)}")
        fact_table = model.__tablename__
    return Filters(
        year=year_value,
        level=level or None,
        region_codes=tuple(_region_codes(conn, region)) if region else None,
        section_kind=section_kind or None,
        fact_table=fact_table,
    )


def _region_codes(conn: Connection, region: str) -> list[str]:
    """Codes of the indexed regions at or below ``region`` (a name, short name or code)."""
    wanted = region.strip()
    roots = list(
        conn.execute(
            text("SELECT code FROM regions WHERE code = :x OR name = :x OR short_name = :x"), {"x": wanted}
        ).scalars()
    )
    if not roots:
        if wanted.isdigit():
            roots = [wanted]
        else:
            raise QueryError(f"unknown region {wanted!r}")
    params = {f"r{i}": c for i, c in enumerate(roots)}
    below = conn.execute(
        text(
            "WITH RECURSIVE sub(code) AS ("
            f" SELECT code FROM regions WHERE code IN ({', '.join(':' + k for k in params)})"
            " UNION SELECT r.code FROM regions r JOIN sub ON r.parent_code = sub.code)"
            " SELECT code FROM sub"
        ),
        params,
    ).scalars()
    indexed = set(conn.execute(text("SELECT DISTINCT region_code FROM reports")).scalars())
    return sorted((set(below) | set(roots)) & indexed)


# --- results -------------------------------------------------------------------------------------


def _hits(rows: list[UnitRow], parsed: Query) -> list[SearchHit]:
    needles = parsed.positives()
    hits = []
    for r in rows:
        snip = make_snippet(r.sentence, needles)
        hits.append(
            SearchHit(
                report_id=r.report_id,
                report_title=r.title,
                year=r.year,
                region_name=r.region_name,
                region_code=r.region_code,
                section_kind=r.section_kind,
                snippet_html=snip.html,
                snippet_text=snip.text,
                start=r.start + snip.start,
                end=r.start + snip.end,
                score=r.score,
                sentence_start=r.start,
                sentence_end=r.end,
            )
        )
    return hits


def _facets(conn: Connection, counts: FacetCounts) -> dict[str, list[tuple[Any, str, int]]]:
    provinces = _region_names(conn, [c for c in counts.province if c])
    levels = _level_labels()
    named: dict[str, tuple[dict[Any, int], Any]] = {
        "province": (counts.province, lambda v: provinces.get(v, v)),
        "level": (counts.level, lambda v: levels.get(v, v)),
        "year": (counts.year, str),
        "section_kind": (counts.section_kind, lambda v: SECTION_LABELS.get(v, v)),
    }
    return {
        name: sorted(((v, label(v), n) for v, n in values.items() if v is not None), key=lambda t: (-t[2], str(t[0])))
        for name, (values, label) in named.items()
    }


def _region_names(conn: Connection, codes: list[str]) -> dict[str, str]:
    if not codes:
        return {}
    binds = {f"c{i}": c for i, c in enumerate(codes)}
    rows = conn.execute(
        text(f"SELECT code, name FROM regions WHERE code IN ({', '.join(':' + k for k in binds)})"), binds
    )
    return {r.code: r.name for r in rows}


def _level_labels() -> dict[str, str]:
    from zhaoshang.services.labels import LEVEL_LABELS

    return dict(LEVEL_LABELS)
