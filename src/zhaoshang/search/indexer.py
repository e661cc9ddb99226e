"""Keep the search index in step with the store: index, remove, rebuild.

The search tables belong to this package, not to the store's Alembic models: they are derived
data (droppable, rebuildable from ``reports.text``) and their shape differs per backend (an FTS5
virtual table on SQLite, a tsvector column on PostgreSQL).  ``ensure_schema`` creates them.

``index_report`` runs inside the caller's session, so a report and its index rows commit or roll
back together; it replaces whatever the report had, so calling it twice is harmless.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import weakref
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.orm import Session, selectinload

from zhaoshang.model import Section

from zhaoshang.search import segmenter
from zhaoshang.search.backends import backend_for, backend_named
from zhaoshang.search.units_build import ReportFacts, build_units
from zhaoshang.store.models import EnterpriseMention, ParkFact, ProjectFact, Region, Report

_names_loaded: set[str] = set()


log = logging.getLogger(__name__)

_ready: weakref.WeakSet[Engine] = weakref.WeakSet()


def ensure_schema(engine: Engine | Connection) -> None:
    """Create the search tables if missing (idempotent; free after the first call per engine)."""
    if isinstance(engine, Engine):
        if engine in _ready:
            return
        with engine.begin() as conn:
            _ensure(conn)
        _ready.add(engine)
    else:
        _ensure(engine)


INDEX_FORMAT = "7"
"""Bumped whenever tokens or tables change shape; an index of another format is dropped."""


def _ensure(conn: Connection) -> None:
    backend = backend_for(conn)
    existed = backend.has_schema(conn)
    if existed and _format(conn) == INDEX_FORMAT:
        return
    if existed:
        log.warning("the search index has an older format: emptied; run `zhaoshang reindex` to rebuild it")
    backend.drop_schema(conn)
    backend.create_schema(conn)
    conn.execute(text("CREATE TABLE IF NOT EXISTS search_meta (key VARCHAR(32) PRIMARY KEY, value VARCHAR(64))"))
    conn.execute(text("DELETE FROM search_meta WHERE key = 'format'"))
    conn.execute(text("INSERT INTO search_meta (key, value) VALUES ('format', :v)"), {"v": INDEX_FORMAT})


def _format(conn: Connection) -> str | None:
    try:
        with conn.begin_nested():
            return conn.execute(text("SELECT value FROM search_meta WHERE key = 'format'")).scalar()
    except Exception:  # noqa: BLE001 - no meta table: an index from before formats were recorded
        return None


def index_report(session: Session, report: Report) -> None:
    """(Re)index one report's sentences inside ``session``'s transaction."""
    conn = session.connection()
    _ensure(conn)
    backend = backend_for(conn)
    learn_store_names(conn)
    segmenter.learn(_report_names(session, report.id))
    backend.delete_report(conn, report.id)
    units = build_units(report.text or "", getattr(report, "sections", None) or (), _report_facts(session, report))
    backend.insert_units(conn, units)


def remove_report(session: Session, report_id: int) -> None:
    """Drop a report's rows from the index (no-op when it has none or the tables do not exist)."""
    conn = session.connection()
    backend = backend_for(conn)
    if backend.has_schema(conn):
        backend.delete_report(conn, report_id)


def rebuild(engine: Engine, workers: int | None = None) -> int:
    """Re-index every report from ``reports.text``; returns the number of reports indexed.

    Tokenising (fold, split, segment, bigrams) and preparing the rows is CPU-bound Python and
    runs in ``workers`` forked processes (default: one per CPU); the parent only reads reports
    and writes the prepared rows.  Reports are read in batches (memory stays flat on big stores)
    but written in a few long transactions: every commit flushes FTS5's pending terms into a new
    segment, and fewer, bigger segments mean less merging while building and faster queries after.
    """
    ensure_schema(engine)
    backend = backend_for(engine)
    with Session(engine) as session, session.begin():
        backend.delete_all(session.connection())
        ids = list(session.execute(select(Report.id).order_by(Report.id)).scalars())
        learn_store_names(session.connection())
    segmenter.segmenter()  # built (with the dictionary) before the fork, so workers share it
    pool = _worker_pool(workers, len(ids))
    regions: dict[str | None, Any] = {}
    batches = [ids[i : i + _BATCH] for i in range(0, len(ids), _BATCH)]

    def submit(reader: Session, batch: list[int]) -> Iterator[Any]:
        jobs = _jobs(reader, backend.NAME, batch, regions)
        reader.close()  # ends the read transaction and drops the ORM objects (memory stays flat)
        return pool.imap(_build_job, jobs, chunksize=4) if pool else map(_build_job, jobs)

    try:
        with Session(engine) as reader, engine.connect() as writer:
            transaction = writer.begin()
            pending = submit(reader, batches[0]) if batches else iter(())
            written = 0
            for k, batch in enumerate(batches):
                # the workers start on the next batch while this one is written
                following = submit(reader, batches[k + 1]) if k + 1 < len(batches) else iter(())
                for prepared in pending:
                    backend.write_rows(writer, prepared)
                written += len(batch)
                if written >= _COMMIT:
                    transaction.commit()
                    transaction, written = writer.begin(), 0
                pending = following
            transaction.commit()
    finally:
        if pool:
            pool.close()
            pool.join()
    return len(ids)


def _jobs(session: Session, backend_name: str, batch: list[int], regions: dict[str | None, Any]) -> list[Any]:
    """What a worker needs to index each report of ``batch``, in report order (plain data)."""
    reports = session.execute(
        select(Report).options(selectinload(Report.sections)).where(Report.id.in_(batch)).order_by(Report.id)
    ).scalars()
    return [
        (backend_name, r.text or "", [(x.kind, x.start, x.end) for x in r.sections], _report_facts(session, r, regions))
        for r in reports
    ]


_BATCH = 200
"""Reports read (and handed to the workers) at a time; two batches are in flight at most."""
_COMMIT = 2000
"""Reports written per transaction (about 100 MB of text)."""


def _worker_pool(workers: int | None, n_reports: int) -> Any:
    """A fork-based process pool, or None when one process is enough (or fork is unavailable)."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or n_reports < 20 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork").Pool(workers, initializer=_lower_priority)


def _lower_priority() -> None:
    """Workers yield the CPU to the writer: the single writer is the build's critical path, and
    workers that took its core would only queue more rows for it (1.55 → 1.8 MB/s on 2 cores).
    It also keeps a server that rebuilds its index answering requests."""
    try:
        os.nice(10)
    except OSError:  # not permitted here: run at the same priority
        pass


def _build_job(job: tuple[str, str, list[tuple[str, int, int]], ReportFacts]) -> Any:
    """Tokenise one report and prepare its rows for the backend named in the job."""
    name, text, sections, facts = job
    units = build_units(text, [Section(kind=k, title="", start=s, end=e) for k, s, e in sections], facts)
    return backend_named(name).rows(units)


def _report_facts(session: Session, report: Report, cache: dict[str | None, Any] | None = None) -> ReportFacts:
    province_code = level = None
    if report.region_code:
        if cache is not None and report.region_code in cache:
            row = cache[report.region_code]
        else:
            row = session.execute(
                select(Region.province_code, Region.level).where(Region.code == report.region_code)
            ).first()
            if cache is not None:
                cache[report.region_code] = row
        if row is not None:
            province_code, level = row
    return ReportFacts(
        report_id=report.id,
        year=report.year,
        region_code=report.region_code,
        province_code=province_code,
        level=level,
    )


def _report_names(session: Session, report_id: int) -> list[str]:
    names: list[str] = []
    for column in (ProjectFact.name, ParkFact.name, EnterpriseMention.name):
        table = column.class_
        names.extend(session.execute(select(column).where(table.report_id == report_id)).scalars())
    return names


def learn_store_names(conn: Connection) -> None:
    """Teach the segmenter every project, park and enterprise name in this store (once per store).

    Names of reports ingested later are learnt as each one is indexed (``index_report``).
    """
    key = conn.engine.url.render_as_string(hide_password=True)
    if key in _names_loaded:
        return
    names: list[str] = []
    for column in (ProjectFact.name, ParkFact.name, EnterpriseMention.name):
        names.extend(conn.execute(select(column).distinct()).scalars())
    segmenter.learn(names)
    _names_loaded.add(key)


def optimize(engine: Engine) -> None:
    """Compact the index for query speed (after a rebuild; each backend knows how)."""
    ensure_schema(engine)
    with engine.begin() as conn:
        backend_for(conn).optimize(conn)


def index_size(engine: Engine) -> int:
    with engine.connect() as conn:
        return backend_for(conn).index_bytes(conn)


__all__ = ["ensure_schema", "index_report", "remove_report", "rebuild", "optimize", "index_size", "learn_store_names"]
