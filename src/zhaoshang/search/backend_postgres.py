"""PostgreSQL backend: one ``tsvector`` per sentence built from our tokens, with a GIN index.

Why not a parser-based configuration (zhparser, pg_jieba) or pg_trgm: the extensions are
server-side C that managed hosts must allow-list, and pg_trgm cannot index 2-character
words.  Instead the tsvector is written literally (``'tok':1,5 …``), so PostgreSQL's text
parser never sees Chinese: bigram lexemes carry their positions (phrase ``<->`` queries give
exact substring matches, like the FTS5 backend) and word-layer lexemes carry weight A, which
``ts_rank`` counts ten times a bigram.  Both backends therefore match exactly the same units.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from zhaoshang.search.filters import FacetCounts, Filters, UnitRow, unit_rows
from zhaoshang.search.query import Query, Term
from zhaoshang.search.tokens import bigram_phrase, escape, word_token
from zhaoshang.search.units_build import Unit

NAME = "postgresql"

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS search_units (
        id BIGSERIAL PRIMARY KEY,
        report_id INTEGER NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        section_kind VARCHAR(24),
        year INTEGER,
        region_code VARCHAR(12),
        province_code VARCHAR(12),
        level VARCHAR(16),
        sentence TEXT NOT NULL,
        tsv TSVECTOR NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS ix_search_units_report ON search_units(report_id)",
    "CREATE INDEX IF NOT EXISTS ix_search_units_tsv ON search_units USING GIN (tsv)",
)

TABLES = ("search_units",)


def has_schema(conn: Connection) -> bool:
    return conn.execute(text("SELECT to_regclass('search_units') IS NOT NULL")).scalar() is True


def create_schema(conn: Connection) -> None:
    conn.execute(text("SELECT pg_advisory_xact_lock(74210581)"))  # concurrent first ingests
    for stmt in SCHEMA:
        conn.execute(text(stmt))


def drop_schema(conn: Connection) -> None:
    conn.execute(text("DROP TABLE IF EXISTS search_units"))


def _lexeme(token: str) -> str:
    # tokens hold no ASCII punctuation (escaped), so no quote or backslash can occur
    return "'" + token + "'"


def tsvector_literal(unit: Unit) -> str:
    positions: dict[str, list[int]] = {}
    for pos, tok in enumerate(unit.bigrams, start=1):
        positions.setdefault(tok, []).append(pos)
    parts = [_lexeme(t) + ":" + ",".join(map(str, ps[:255])) for t, ps in positions.items()]
    words: dict[str, list[int]] = {}
    for pos, tok in enumerate(unit.words.split(), start=len(unit.chars) + 1):
        words.setdefault(tok, []).append(min(pos, 16383))
    parts += [_lexeme(t) + ":" + ",".join(f"{p}A" for p in ps[:255]) for t, ps in words.items()]
    return " ".join(parts)


def rows(units: list[Unit]) -> list[dict[str, Any]]:
    """A report's rows with their tsvector literals, ready to write (built in a worker during a rebuild)."""
    return [
        {
            "rid": u.report.report_id, "s": u.start, "e": u.end, "k": u.section_kind, "y": u.report.year,
            "rc": u.report.region_code, "pc": u.report.province_code, "lv": u.report.level,
            "sen": u.sentence, "tsv": tsvector_literal(u),
        }
        for u in units
    ]  # fmt: skip


def write_rows(conn: Connection, prepared: list[dict[str, Any]]) -> None:
    if not prepared:
        return
    conn.execute(
        text(
            "INSERT INTO search_units (report_id, span_start, span_end, section_kind, year, region_code,"
            " province_code, level, sentence, tsv)"
            " VALUES (:rid, :s, :e, :k, :y, :rc, :pc, :lv, :sen, CAST(:tsv AS tsvector))"
        ),
        prepared,
    )


def insert_units(conn: Connection, units: list[Unit]) -> None:
    write_rows(conn, rows(units))


def optimize(conn: Connection) -> None:
    """Move the GIN index's pending list (fast-update inserts) into the main index and refresh the
    planner statistics: what autovacuum would do later, done now."""
    conn.execute(text("SELECT gin_clean_pending_list('ix_search_units_tsv'::regclass)"))
    conn.execute(text("ANALYZE search_units"))


def delete_report(conn: Connection, report_id: int) -> int:
    return conn.execute(text("DELETE FROM search_units WHERE report_id = :r"), {"r": report_id}).rowcount or 0


def delete_all(conn: Connection) -> None:
    conn.execute(text("TRUNCATE search_units"))


# --- queries -----------------------------------------------------------------------------------


def _alternative(alt: str) -> str:
    if len(alt) == 1:
        return _lexeme(escape(alt)) + ":*"
    return "(" + " <-> ".join(_lexeme(t) for t in bigram_phrase(alt)) + ")"


def _term(term: Term, bonus: set[str]) -> str:
    parts = [_alternative(a) for a in term.alternatives]
    if not term.negated:
        parts += [_lexeme(word_token(a)) for a in term.alternatives if a in bonus]
    return "(" + " | ".join(parts) + ")"


def compile_match(query: Query, bonus: set[str]) -> str:
    """The tsquery text; same structure and the same match set as the FTS5 expression."""
    groups = []
    for group in query.groups:
        pos = " & ".join(_term(t, bonus) for t in group if not t.negated)
        neg = [_term(t, bonus) for t in group if t.negated]
        groups.append(f"({pos})" + "".join(f" & !{n}" for n in neg))
    return " | ".join(f"({g})" for g in groups)


def _where(flt: Filters, params: dict[str, Any]) -> str:
    sql = []
    if flt.year is not None:
        params["year"] = flt.year
        sql.append("u.year = :year")
    if flt.level is not None:
        params["level"] = flt.level
        sql.append("u.level = :level")
    if flt.region_codes is not None:
        names = []
        for i, code in enumerate(flt.region_codes):
            params[f"rc{i}"] = code
            names.append(f":rc{i}")
        sql.append(f"u.region_code IN ({', '.join(names) or 'NULL'})")
    if flt.section_kind is not None:
        params["section_kind"] = flt.section_kind
        sql.append("u.section_kind = :section_kind")
    if flt.fact_table is not None:
        sql.append(
            f"EXISTS (SELECT 1 FROM {flt.fact_table} f WHERE f.report_id = u.report_id"
            ' AND f.start < u.span_end AND f."end" > u.span_start AND NOT f.deleted)'
        )
    return "".join(f" AND {s}" for s in sql)


def facet_counts(conn: Connection, match: str, flt: Filters) -> tuple[FacetCounts, tuple[int, ...]]:
    """Exact counts by facet in one grouped pass; PostgreSQL ranks every match (no window)."""
    params: dict[str, Any] = {"q": match}
    where = _where(flt, params)
    rows = conn.execute(
        text(
            "SELECT u.province_code, u.level, u.year, u.section_kind, count(*) AS n FROM search_units u"
            f" WHERE u.tsv @@ CAST(:q AS tsquery){where}"
            " GROUP BY u.province_code, u.level, u.year, u.section_kind"
        ),
        params,
    ).all()
    by: list[dict[Any, int]] = [{}, {}, {}, {}]
    for r in rows:
        for i, value in enumerate((r.province_code, r.level, r.year, r.section_kind)):
            by[i][value] = by[i].get(value, 0) + r.n
    return FacetCounts(sum(r.n for r in rows), *by), ()


def compile_words(query: Query, bonus: set[str]) -> str | None:
    """Unused here: ts_rank ranks every match, the word-layer weight is part of ``match``."""
    return None


def page(
    conn: Connection, match: str, flt: Filters, limit: int, offset: int, window: tuple[int, ...],
    words: str | None = None,
) -> list[UnitRow]:
    params: dict[str, Any] = {"q": match, "limit": limit, "offset": offset}
    where = _where(flt, params)
    rows = conn.execute(
        text(
            "SELECT p.*, r.title, r.year, r.region_code, g.name AS region_name FROM"
            " (SELECT u.report_id, u.span_start, u.span_end, u.section_kind, u.sentence,"
            "  ts_rank(u.tsv, CAST(:q AS tsquery)) AS score FROM search_units u"
            f"  WHERE u.tsv @@ CAST(:q AS tsquery){where}"
            "  ORDER BY score DESC, u.report_id, u.span_start LIMIT :limit OFFSET :offset) p"
            " JOIN reports r ON r.id = p.report_id LEFT JOIN regions g ON g.code = r.region_code"
            " ORDER BY p.score DESC, p.report_id, p.span_start"
        ),
        params,
    ).all()
    return unit_rows(rows)


def all_units(conn: Connection, match: str, flt: Filters) -> list[tuple[int, int, int]]:
    params: dict[str, Any] = {"q": match}
    where = _where(flt, params)
    rows = conn.execute(
        text(f"SELECT u.report_id, u.span_start, u.span_end FROM search_units u WHERE u.tsv @@ CAST(:q AS tsquery){where}"),
        params,
    ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def index_bytes(conn: Connection) -> int:
    return int(conn.execute(text("SELECT pg_total_relation_size('search_units')")).scalar() or 0)
