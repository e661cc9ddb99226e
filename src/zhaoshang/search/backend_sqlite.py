"""SQLite FTS5 backend: a contentless FTS5 table over pre-tokenised text, ranked by bm25.

``search_units`` holds one row per sentence (offsets, filter/facet columns, and the token source
needed to delete it again: SQLite 3.40 has no ``contentless_delete``, so a contentless table
forgets a row only when told exactly which tokens it held).  ``search_fts`` (rowid = unit id)
has two columns: ``words`` (word layer) and ``bigrams`` (recall layer), tokenised by FTS5's
``ascii`` tokenizer, which keeps our escaped tokens whole.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from zhaoshang.search.query import Query, Term
from zhaoshang.search.tokens import bigram_phrase, bigrams, escape, word_token
from zhaoshang.search.units_build import Unit

NAME = "sqlite"

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS search_units (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        section_kind TEXT,
        year INTEGER,
        region_code TEXT,
        province_code TEXT,
        level TEXT,
        words TEXT NOT NULL,
        chars TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS ix_search_units_report ON search_units(report_id)",
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
        words, bigrams, content='', tokenize='ascii', detail='full'
    )""",
)

TABLES = ("search_fts", "search_units")


def has_schema(conn: Connection) -> bool:
    row = conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name IN ('search_units', 'search_fts')")).scalar()
    return row == 2


def create_schema(conn: Connection) -> None:
    for stmt in SCHEMA:
        conn.execute(text(stmt))


def drop_schema(conn: Connection) -> None:
    for name in TABLES:
        conn.execute(text(f"DROP TABLE IF EXISTS {name}"))


def insert_units(conn: Connection, units: list[Unit]) -> None:
    if not units:
        return
    # The caller's transaction already holds SQLite's single write lock (it wrote the report),
    # so ids taken from max(id) cannot be raced by another writer.
    base = conn.execute(text("SELECT coalesce(max(id), 0) FROM search_units")).scalar() or 0
    r = units[0].report
    rows = []
    fts_rows = []
    for i, u in enumerate(units, start=base + 1):
        words = u.words
        rows.append((i, r.report_id, u.start, u.end, u.section_kind, r.year, r.region_code, r.province_code,
                     r.level, words, u.chars))  # fmt: skip
        fts_rows.append((i, words, u.bigram_text))
    # Plain DB-API executemany inside the caller's transaction: SQLAlchemy's per-row parameter
    # processing would cost more than FTS5's own indexing here.
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(
            "INSERT INTO search_units (id, report_id, span_start, span_end, section_kind, year, region_code,"
            " province_code, level, words, chars) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        cursor.executemany("INSERT INTO search_fts (rowid, words, bigrams) VALUES (?, ?, ?)", fts_rows)
    finally:
        cursor.close()


def delete_report(conn: Connection, report_id: int) -> int:
    rows = conn.execute(
        text("SELECT id, words, chars FROM search_units WHERE report_id = :r"), {"r": report_id}
    ).all()
    if not rows:
        return 0
    conn.execute(
        text("INSERT INTO search_fts (search_fts, rowid, words, bigrams) VALUES ('delete', :id, :w, :b)"),
        [{"id": r.id, "w": r.words, "b": " ".join(bigrams(r.chars))} for r in rows],
    )
    conn.execute(text("DELETE FROM search_units WHERE report_id = :r"), {"r": report_id})
    return len(rows)


def delete_all(conn: Connection) -> None:
    conn.execute(text("INSERT INTO search_fts (search_fts) VALUES ('delete-all')"))
    conn.execute(text("DELETE FROM search_units"))


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


def matched_units_sql(filters_sql: str) -> str:
    """Units matching ``:q`` plus filters, as ``u.*`` and a score where higher is better."""
    return (
        "SELECT u.id, u.report_id, u.span_start, u.span_end, u.section_kind, u.year, u.region_code,"
        " u.province_code, u.level, -bm25(search_fts, 2.0, 1.0) AS score"
        " FROM search_fts CROSS JOIN search_units u ON u.id = search_fts.rowid"
        f" WHERE search_fts MATCH :q{filters_sql}"
    )


def facet_rows_sql(filters_sql: str) -> str:
    return (
        "SELECT u.province_code, u.level, u.year, u.section_kind, count(*) AS n"
        " FROM search_fts CROSS JOIN search_units u ON u.id = search_fts.rowid"
        f" WHERE search_fts MATCH :q{filters_sql}"
        " GROUP BY u.province_code, u.level, u.year, u.section_kind"
    )


def index_bytes(conn: Connection) -> int:
    """Bytes used by the search tables (FTS shadow tables and units), via dbstat when available."""
    try:
        return int(
            conn.execute(
                text("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_%' OR name = 'ix_search_units_report'")
            ).scalar()
            or 0
        )
    except Exception:
        return -1
