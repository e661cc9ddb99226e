"""SQLite FTS5 backend: a contentless FTS5 table over pre-tokenised text, ranked by bm25.

* ``search_fts`` (rowid = unit id) has two columns, ``words`` (word layer) and ``bigrams``
  (recall layer), tokenised by FTS5's ``ascii`` tokenizer, which keeps our escaped tokens whole.
* ``search_units``: one row per sentence — its offsets; a hit's sentence is cut from
  ``reports.text`` (keeping a copy here would write the whole text a second time while building).
* ``search_reports``: one row per report — the filter/facet columns.
* ``search_state``: one row, a random ``generation`` replaced by every write, so that the
  in-memory copy of ``search_reports`` the facets use knows when it is stale.
* ``search_tokens``: per report, each unit's word-layer tokens and the folded characters its
  bigrams come from, zlib-packed: SQLite 3.40 has no ``contentless_delete``, so a contentless table
  forgets a row only when told exactly which tokens it held, and by then the report's text may
  already have changed.  The word layer depends on what the segmenter had learnt when the report
  was indexed, so it is kept as written; the bigrams are recomputed from the characters.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import weakref
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text

from zhaoshang.search import rowid_facets
from zhaoshang.search.filters import FacetCounts, Filters, UnitRow, unit_rows
from zhaoshang.search.query import Query, Term
from zhaoshang.search.tokens import bigram_lines, bigram_phrase, escape, word_token
from zhaoshang.search.units_build import Unit

NAME = "sqlite"

# rowid = report_id << 20 | unit number << 4 | section code: total, facets and the section
# filter come from the rowids FTS5 returns, without touching another table per match.  The
# section code sits in the low bits so consecutive units of a report have small rowid gaps
# (FTS5 stores rowid deltas as varints: big gaps would bloat every posting).
_KIND_BITS = 4
_UNIT_BITS = 16
_REPORT_SHIFT = _KIND_BITS + _UNIT_BITS
_KIND_MASK = (1 << _KIND_BITS) - 1
SECTION_CODES: dict[str, int] = {
    "other": 0, "preamble": 1, "review": 2, "review_plan": 3, "plan": 4, "tasks": 5,
    "self_improvement": 6, "closing": 7, "appendix": 8,
}  # fmt: skip
SECTION_BY_CODE = {v: k for k, v in SECTION_CODES.items()}
RANK_WINDOW = 200
"""Above this many matches only the newest this-many are ranked (see ``page``); total and facets
stay exact.  FTS5's bm25 costs about 3.5 µs per match plus a pass over every match for its
IDF, so ranking all 100,000 matches of a common word would take a third of a second."""

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS search_units (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        section_kind TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS search_reports (
        report_id INTEGER PRIMARY KEY,
        year INTEGER,
        region_code TEXT,
        province_code TEXT,
        level TEXT
    )""",
    "CREATE TABLE IF NOT EXISTS search_state (generation INTEGER NOT NULL)",
    "INSERT OR IGNORE INTO search_state (rowid, generation) VALUES (1, random())",
    # apart from search_reports so that facet lookups read small rows, not 50 KB blobs
    "CREATE TABLE IF NOT EXISTS search_tokens (report_id INTEGER PRIMARY KEY, tokens BLOB NOT NULL)",
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
        words, bigrams, content='', tokenize='ascii', detail='full'
    )""",
    # Pending terms are flushed to a new segment whenever this many bytes accumulate (default
    # 1 MB); a bigger buffer writes fewer, larger level-0 segments and so merges far less while
    # a whole store is rebuilt (1.6x faster inserts).  Memory is only held inside a transaction.
    f"INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', {64 << 20})",
)

TABLES = ("search_fts", "search_units", "search_reports", "search_tokens", "search_state")


def has_schema(conn: Connection) -> bool:
    names = "', '".join(TABLES)
    return conn.execute(text(f"SELECT count(*) FROM sqlite_master WHERE name IN ('{names}')")).scalar() == len(TABLES)


def create_schema(conn: Connection) -> None:
    for stmt in SCHEMA:
        conn.execute(text(stmt))


def drop_schema(conn: Connection) -> None:
    for name in TABLES:
        conn.execute(text(f"DROP TABLE IF EXISTS {name}"))


def unit_rowid(report_id: int, section_kind: str, number: int) -> int:
    if number >= 1 << _UNIT_BITS:
        raise ValueError(f"report {report_id} has more than {1 << _UNIT_BITS} sentences")
    return (report_id << _REPORT_SHIFT) | (number << _KIND_BITS) | SECTION_CODES.get(section_kind, 0)


@dataclass(frozen=True, slots=True)
class Rows:
    """A report's index rows, ready to write: built where the tokenising happens (a worker
    process during a rebuild), so the single writer only runs the inserts."""

    report: tuple[int, int | None, str | None, str | None, str | None]
    tokens: bytes
    units: list[tuple[int, int, int, int, str]]
    fts: list[tuple[int, str, str]]


def rows(units: list[Unit]) -> Rows | None:
    if not units:
        return None
    r = units[0].report
    unit_list = []
    fts_rows = []
    for n, u in enumerate(units):
        i = unit_rowid(r.report_id, u.section_kind, n)
        unit_list.append((i, r.report_id, u.start, u.end, u.section_kind))
        fts_rows.append((i, u.words, u.bigram_text))
    # FTS5 flushes its pending-terms buffer to a new segment whenever a rowid is lower than
    # the previous one; ascending inserts keep one buffer (6× faster, half the index size).
    fts_rows.sort()
    return Rows(
        report=(r.report_id, r.year, r.region_code, r.province_code, r.level),
        tokens=_pack([u.words for u in units], [u.chars for u in units]),
        units=unit_list,
        fts=fts_rows,
    )


_NEW_GENERATION = "INSERT OR REPLACE INTO search_state (rowid, generation) VALUES (1, random())"
"""Random, not a counter: an index dropped and rebuilt must never repeat an earlier generation.
Not an UPDATE: that opens a statement savepoint, and SQLite 3.40's FTS5 flushes its pending
terms into a new segment at every savepoint (2× slower inserts, many more segments)."""


def write_rows(conn: Connection, prepared: Rows | None) -> None:
    """Insert one report's prepared rows inside the caller's transaction.

    Plain DB-API calls: SQLAlchemy's per-row parameter processing would cost more than FTS5's
    own indexing here.
    """
    if prepared is None:
        return
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(
            "INSERT INTO search_reports (report_id, year, region_code, province_code, level) VALUES (?, ?, ?, ?, ?)",
            prepared.report,
        )
        cursor.execute("INSERT INTO search_tokens (report_id, tokens) VALUES (?, ?)", (prepared.report[0], prepared.tokens))
        cursor.executemany(
            "INSERT INTO search_units (id, report_id, span_start, span_end, section_kind) VALUES (?, ?, ?, ?, ?)",
            prepared.units,
        )
        cursor.executemany("INSERT INTO search_fts (rowid, words, bigrams) VALUES (?, ?, ?)", prepared.fts)
        cursor.execute(_NEW_GENERATION)
    finally:
        cursor.close()


def insert_units(conn: Connection, units: list[Unit]) -> None:
    write_rows(conn, rows(units))


def _report_rowids(report_id: int) -> dict[str, int]:
    """The rowid range of a report's units: they are found by rowid, so ``search_units`` needs
    no index on ``report_id`` (one b-tree insert less per sentence while building)."""
    return {"lo": report_id << _REPORT_SHIFT, "hi": (report_id + 1) << _REPORT_SHIFT}


def _pack(words: list[str], chars: list[str]) -> bytes:
    """Each unit's word-layer tokens and compact characters (in unit order), compressed; neither
    holds a newline.

    Level 1: this runs once per report on the build's hot path, and the blob is read back only
    to delete or re-index that report.
    """
    return zlib.compress("\n".join(words + chars).encode("utf-8"), 1)


def _unpack(blob: bytes) -> tuple[list[str], list[str]]:
    """(words, chars) as given to ``_pack``."""
    lines = zlib.decompress(blob).decode("utf-8").split("\n")
    half = len(lines) // 2
    return lines[:half], lines[half:]


def delete_report(conn: Connection, report_id: int) -> int:
    blob = conn.execute(
        text("SELECT tokens FROM search_tokens WHERE report_id = :r"), {"r": report_id}
    ).scalar()
    if blob is None:
        return 0
    words, chars = _unpack(blob)
    ids = _report_rowids(report_id)
    units = conn.execute(text("SELECT id FROM search_units WHERE id >= :lo AND id < :hi ORDER BY id"), ids).scalars().all()
    if not (len(units) == len(words) == len(chars)):
        raise RuntimeError(f"search index of report {report_id} is inconsistent; run `zhaoshang reindex`")
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(
            "INSERT INTO search_fts (search_fts, rowid, words, bigrams) VALUES ('delete', ?, ?, ?)",
            zip(units, words, bigram_lines(chars)),
        )
    finally:
        cursor.close()
    conn.execute(text("DELETE FROM search_units WHERE id >= :lo AND id < :hi"), ids)
    conn.execute(text("DELETE FROM search_reports WHERE report_id = :r"), {"r": report_id})
    conn.execute(text("DELETE FROM search_tokens WHERE report_id = :r"), {"r": report_id})
    conn.execute(text(_NEW_GENERATION))
    return len(units)


def optimize(conn: Connection) -> None:
    """Merge every FTS5 segment into one: each query term is then looked up in one b-tree, not
    one per segment.  Worth it for an index grown by many small ingests (every commit adds a
    segment); a rebuild already leaves few (4 at 10,000 reports, where merging them changed
    query latency by less than the noise)."""
    conn.execute(text("INSERT INTO search_fts (search_fts) VALUES ('optimize')"))


def delete_all(conn: Connection) -> None:
    conn.execute(text("INSERT INTO search_fts (search_fts) VALUES ('delete-all')"))
    conn.execute(text("DELETE FROM search_units"))
    conn.execute(text("DELETE FROM search_reports"))
    conn.execute(text("DELETE FROM search_tokens"))
    conn.execute(text(_NEW_GENERATION))


# --- queries -----------------------------------------------------------------------------------


def _quoted(tokens: list[str]) -> str:
    return '"' + " ".join(tokens) + '"'


def _alternative(alt: str) -> str:
    if len(alt) == 1:
        return f'"{escape(alt)}" *'
    return _quoted(bigram_phrase(alt))


def _term(term: Term, bonus: set[str]) -> str:
    parts = [_alternative(a) for a in term.alternatives]
    if not term.negated:
        parts += [_quoted([word_token(a)]) for a in term.alternatives if a in bonus]
    return "(" + " OR ".join(parts) + ")"


def compile_match(query: Query, bonus: set[str]) -> str:
    """The FTS5 MATCH expression; ``bonus`` lists alternatives that are one word of the word layer.

    A word-layer token only ever occurs where its bigram phrase does, so OR-ing it in changes
    the ranking (bm25 sums every matched phrase) but never the set of matches.
    """
    groups = []
    for group in query.groups:
        pos = " AND ".join(_term(t, bonus) for t in group if not t.negated)
        neg = [_term(t, bonus) for t in group if t.negated]
        groups.append(f"({pos})" + (f" NOT ({' OR '.join(neg)})" if neg else ""))
    return " OR ".join(f"({g})" for g in groups)


def _where(flt: Filters, params: dict[str, Any]) -> str:
    """Filters as conditions on ``search_fts.rowid`` (and, for fact types, on the unit's span)."""
    sql = []
    if flt.report_level:
        conds = []
        if flt.year is not None:
            params["year"] = flt.year
            conds.append("year = :year")
        if flt.level is not None:
            params["level"] = flt.level
            conds.append("level = :level")
        if flt.region_codes is not None:
            names = []
            for i, code in enumerate(flt.region_codes):
                params[f"rc{i}"] = code
                names.append(f":rc{i}")
            conds.append(f"region_code IN ({', '.join(names) or 'NULL'})")
        sql.append(
            f"(search_fts.rowid >> {_REPORT_SHIFT}) IN"
            f" (SELECT report_id FROM search_reports WHERE {' AND '.join(conds)})"
        )
    if flt.section_kind is not None:
        code = SECTION_CODES.get(flt.section_kind)
        if code is None or (code == 0 and flt.section_kind != "other"):
            sql.append("0")
        else:
            params["section_code"] = code
            sql.append(f"(search_fts.rowid & {_KIND_MASK}) = :section_code")
    if flt.fact_table is not None:
        sql.append(
            f"EXISTS (SELECT 1 FROM search_units u JOIN {flt.fact_table} f ON f.report_id = u.report_id"
            ' WHERE u.id = search_fts.rowid AND f.start < u.span_end AND f."end" > u.span_start AND NOT f.deleted)'
        )
    return "".join(f" AND {s}" for s in sql)


PARALLEL_FROM = 1000
"""Indexes with at least this many reports count facets in parallel parts (see ``facet_counts``)."""
_PARTS = max(1, min(4, os.cpu_count() or 1))
_pool = ThreadPoolExecutor(max_workers=_PARTS, thread_name_prefix="zhaoshang-facets")


def facet_counts(conn: Connection, match: str, flt: Filters) -> tuple[FacetCounts, tuple[int, ...]]:
    """Exact counts by facet, and the rowids of the ranking window (empty: rank every match).

    SQLite only lists the matching rowids (``group_concat``); they are counted by report and
    section in numpy (see ``rowid_facets``), and the newest ``RANK_WINDOW`` of them are the
    window ``page`` ranks when there are more.  On a big index the rowid space is cut into one
    part per core and the parts are listed on their own connections at once (SQLite releases
    the GIL while it steps).
    """
    params: dict[str, Any] = {"q": match}
    where = _where(flt, params)
    first, *others = _parts(conn)
    database = conn.engine.url.database or ""
    futures = [
        _pool.submit(_rowid_lists, lambda part: _rowid_list_read_only(database, *_rowid_query(where, params, part)), part)
        for part in others
    ]
    texts = _rowid_lists(lambda part: _rowid_list(conn, where, params, part), first)
    for future in futures:
        texts += future.result()
    rowids = rowid_facets.parse_rowids(texts)
    kinds, (province, level, year) = rowid_facets.count(rowids, _report_table(conn), _REPORT_SHIFT, _KIND_MASK)
    sections: dict[str | None, int] = {}
    for code, n in kinds.items():
        key = SECTION_BY_CODE.get(code, "other")
        sections[key] = sections.get(key, 0) + n
    window = rowid_facets.newest(rowids, RANK_WINDOW) if len(rowids) > RANK_WINDOW else ()
    return FacetCounts(len(rowids), province, level, year, sections), window


_report_tables: weakref.WeakKeyDictionary[Engine, rowid_facets.ReportTable] = weakref.WeakKeyDictionary()


def _report_table(conn: Connection) -> rowid_facets.ReportTable:
    """``search_reports`` as read at the index's current generation (re-read only after a write)."""
    generation = conn.execute(text("SELECT generation FROM search_state WHERE rowid = 1")).scalar()
    table = _report_tables.get(conn.engine)
    if table is None or table.generation != generation:
        rows = conn.execute(text("SELECT report_id, province_code, level, year FROM search_reports")).all()
        table = rowid_facets.report_table(generation, rows)
        _report_tables[conn.engine] = table
    return table


def _parts(conn: Connection) -> list[tuple[int, int] | None]:
    """Rowid ranges over evenly spaced report ids, one per core (or [None]: one part, no bounds)."""
    if _PARTS == 1 or not _shared_file(conn):
        return [None]
    # min and max in separate SELECTs: each is then one b-tree lookup (together in one SELECT,
    # SQLite reads every row).  The id span stands in for the report count (gaps only overstate
    # it, and a part with no reports costs one empty lookup).
    first, last = conn.execute(
        text("SELECT (SELECT min(report_id) FROM search_reports), (SELECT max(report_id) FROM search_reports)")
    ).one()
    if first is None or last - first + 1 < PARALLEL_FROM:
        return [None]
    cuts = [(first + (last - first + 1) * i // _PARTS) << _REPORT_SHIFT for i in range(1, _PARTS)]
    bounds = [0, *cuts, 1 << 62]
    return list(zip(bounds, bounds[1:]))


def _shared_file(conn: Connection) -> bool:
    """True when the database is a file another connection can open by its path: an in-memory
    database is private to its connection (and a ``file:`` URI is left alone), so their facets
    are never counted in parallel."""
    database = conn.engine.url.database or ""
    return database not in ("", ":memory:") and not database.startswith("file:")


_readers = threading.local()
_READERS_PER_THREAD = 4


def _rowid_lists(list_part: Callable[[tuple[int, int] | None], str | None], part: tuple[int, int] | None) -> list[str | None]:
    """``list_part(part)``, or the lists of its halves when the list is longer than SQLite's
    longest string (SQLITE_LIMIT_LENGTH, 1 GB by default: some 70 million matches)."""
    try:
        return [list_part(part)]
    except Exception as exc:  # sqlite3.DataError, or SQLAlchemy's wrapper of it
        if "too big" not in str(exc):
            raise
        lo, hi = part or (0, 1 << 62)
        if hi - lo < 2:
            raise
        mid = (lo + hi) // 2
        return _rowid_lists(list_part, (lo, mid)) + _rowid_lists(list_part, (mid, hi))


def _rowid_list_read_only(database: str, sql: str, params: dict[str, Any]) -> str | None:
    """Run a facet part on this helper thread's own read-only connection to ``database``.

    Not a connection from the engine's pool: a request holding one pooled connection while it
    waits for its part must never wait for a second one (with every request doing the same, a
    full pool would leave them all waiting).
    """
    cached: dict[str, sqlite3.Connection] = getattr(_readers, "by_database", None) or {}
    _readers.by_database = cached
    reader = cached.get(database)
    if reader is None:
        if len(cached) >= _READERS_PER_THREAD:
            cached.pop(next(iter(cached))).close()
        reader = sqlite3.connect(Path(database).resolve().as_uri() + "?mode=ro", uri=True)
        reader.execute("PRAGMA busy_timeout = 10000")
        cached[database] = reader
    return reader.execute(sql, params).fetchone()[0]


def _rowid_list(conn: Connection, where: str, params: dict[str, Any], part: tuple[int, int] | None) -> str | None:
    """The rowids of the matches in ``part`` (a half-open rowid range), comma-separated."""
    sql, part_params = _rowid_query(where, params, part)
    return conn.execute(text(sql), part_params).scalar()


def _rowid_query(where: str, params: dict[str, Any], part: tuple[int, int] | None) -> tuple[str, dict[str, Any]]:
    if part is not None:
        params = {**params, "part_lo": part[0], "part_hi": part[1]}
        where += " AND search_fts.rowid >= :part_lo AND search_fts.rowid < :part_hi"
    return f"SELECT group_concat(search_fts.rowid) FROM search_fts WHERE search_fts MATCH :q{where}", params


def compile_words(query: Query, bonus: set[str]) -> str | None:
    """An expression matching the word-layer tokens of the query's positive words, if any."""
    tokens = [_quoted([word_token(a)]) for a in query.positives() if a in bonus]
    return " OR ".join(tokens) or None


def _sentence(unit: str) -> str:
    """A hit's sentence, cut from its report's stored text (``r``) at the spans of ``unit``."""
    return f"substr(r.text, {unit}.span_start + 1, {unit}.span_end - {unit}.span_start) AS sentence"


def page(
    conn: Connection, match: str, flt: Filters, limit: int, offset: int, window: tuple[int, ...],
    words: str | None = None,
) -> list[UnitRow]:
    """One page, higher score first.

    No ``window``: bm25 over every match.  Otherwise (more than ``RANK_WINDOW`` matches) bm25 is
    out of reach — FTS5 computes its IDF by visiting every match — so the window's matches are
    ordered by whole-word hit, then shorter sentence, then recency.
    """
    if window:
        return _page_by_proxy(conn, window, limit, offset, words)
    params: dict[str, Any] = {"q": match, "limit": limit, "offset": offset}
    where = _where(flt, params)
    rows = conn.execute(
        text(
            f"SELECT u.report_id, u.span_start, u.span_end, u.section_kind, {_sentence('u')}, p.score,"
            " r.title, r.year, r.region_code, g.name AS region_name FROM"
            " (SELECT search_fts.rowid AS id, -bm25(search_fts, 2.0, 1.0) AS score FROM search_fts"
            f"  WHERE search_fts MATCH :q{where}"
            "  ORDER BY score DESC, search_fts.rowid LIMIT :limit OFFSET :offset) p"
            " JOIN search_units u ON u.id = p.id JOIN reports r ON r.id = u.report_id"
            " LEFT JOIN regions g ON g.code = r.region_code ORDER BY p.score DESC, p.id"
        ),
        params,
    ).all()
    return unit_rows(rows)


def _page_by_proxy(conn: Connection, window: tuple[int, ...], limit: int, offset: int, words: str | None) -> list[UnitRow]:
    """The window's sentences are read by rowid: the query is not matched again."""
    params: dict[str, Any] = {"ids": json.dumps(window), "lo": window[0], "limit": limit, "offset": offset}
    whole_word = "0.0"
    if words:
        params["w"] = words
        whole_word = (
            "(CASE WHEN u.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :w AND rowid >= :lo)"
            " THEN 1.0 ELSE 0.0 END)"
        )
    rows = conn.execute(
        text(
            f"SELECT p.*, {_sentence('p')}, r.title, r.year, r.region_code, g.name AS region_name FROM"
            " (SELECT u.id, u.report_id, u.span_start, u.span_end, u.section_kind,"
            f"  {whole_word} + 1.0 / (1 + u.span_end - u.span_start) AS score FROM search_units u"
            "  WHERE u.id IN (SELECT value FROM json_each(:ids))"
            "  ORDER BY score DESC, u.id DESC LIMIT :limit OFFSET :offset) p"
            " JOIN reports r ON r.id = p.report_id LEFT JOIN regions g ON g.code = r.region_code"
            " ORDER BY p.score DESC, p.id DESC"
        ),
        params,
    ).all()
    return unit_rows(rows)


def all_units(conn: Connection, match: str, flt: Filters) -> list[tuple[int, int, int]]:
    params: dict[str, Any] = {"q": match}
    where = _where(flt, params)
    rows = conn.execute(
        text(
            "SELECT u.report_id, u.span_start, u.span_end FROM search_fts"
            f" CROSS JOIN search_units u ON u.id = search_fts.rowid WHERE search_fts MATCH :q{where}"
        ),
        params,
    ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def index_bytes(conn: Connection) -> int:
    """Bytes used by the search tables (FTS shadow tables and units), via dbstat when available."""
    try:
        return int(
            conn.execute(
                text("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_%'")
            ).scalar()
            or 0
        )
    except Exception:
        return -1
