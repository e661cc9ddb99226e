"""Keep the search index in step with the store: index, remove, rebuild.

The search tables belong to this package, not to the store's Alembic models: they are derived
data (droppable, rebuildable from ``reports.text``) and their shape differs per backend (an FTS5
virtual table on SQLite, a tsvector column on PostgreSQL).  ``ensure_schema`` creates them.

``index_report`` runs inside the caller's session, so a report and its index rows commit or roll
back together; it replaces whatever the report had, so calling it twice is harmless.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session

from zhaoshang.search import segmenter
from zhaoshang.search.backends import backend_for
from zhaoshang.search.units_build import ReportFacts, build_units
from zhaoshang.store.models import EnterpriseMention, ParkFact, ProjectFact, Region, Report

_names_loaded: set[str] = set()


def ensure_schema(engine: Engine | Connection) -> None:
    """Create the search tables if missing (idempotent, cheap when they exist)."""
    if isinstance(engine, Engine):
        with engine.begin() as conn:
            _ensure(conn)
    else:
        _ensure(engine)


def _ensure(conn: Connection) -> None:
    backend = backend_for(conn)
    if not backend.has_schema(conn):
        backend.create_schema(conn)


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


def rebuild(engine: Engine) -> int:
    """Re-index every report from ``reports.text``; returns the number of reports indexed.

    Done report by report in one transaction per batch, so memory stays flat on big stores.
    """
    ensure_schema(engine)
    backend = backend_for(engine)
    with Session(engine) as session, session.begin():
        backend.delete_all(session.connection())
        ids = list(session.execute(select(Report.id).order_by(Report.id)).scalars())
    count = 0
    for start in range(0, len(ids), 50):
        with Session(engine) as session, session.begin():
            for report in session.execute(select(Report).where(Report.id.in_(ids[start : start + 50]))).scalars():
                index_report(session, report)
                count += 1
    return count


def _report_facts(session: Session, report: Report) -> ReportFacts:
    province_code = level = None
    if report.region_code:
        row = session.execute(
            select(Region.province_code, Region.level).where(Region.code == report.region_code)
        ).first()
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


def index_size(engine: Engine) -> int:
    with engine.connect() as conn:
        return backend_for(conn).index_bytes(conn)


__all__ = ["ensure_schema", "index_report", "remove_report", "rebuild", "index_size", "learn_store_names"]
