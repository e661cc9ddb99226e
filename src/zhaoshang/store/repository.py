"""Writing processed reports to the store, and re-extracting or deleting them.

Every write here runs inside the caller's transaction (``zhaoshang.store.db.transaction``),
so a report is stored whole or not at all: the report row, its sections, every fact, the
enterprise links and the search index entries commit together.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, delete, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from zhaoshang import PIPELINE_VERSION
from zhaoshang.model import Document, Fact, RegionRef, Section
from zhaoshang.store.models import (
    FACT_TABLES,
    Base,
    Enterprise,
    EnterpriseMention,
    Report,
    ReportSection,
)
from zhaoshang.store.regions import ensure_region

DOCUMENT_LISTS: dict[str, str] = {
    "indicator": "indicators",
    "project": "projects",
    "enterprise": "enterprises",
    "park": "parks",
    "policy": "policies",
    "industry": "industries",
}
"""Fact type → the ``Document`` attribute holding that type's facts."""

_NOT_COPIED = {"id", "report_id", "enterprise_id", "corrected", "deleted", "section_kind"}


def content_hash(text: str) -> str:
    """sha256 of the normalised text: two files with the same report text are one report."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class ReportInput:
    """A processed document, ready to store: provenance, normalised text, offset map, extraction."""

    document: Document
    source_name: str
    source_format: str
    encoding: str | None = None
    channel: str | None = None
    publish_date: str | None = None
    offset_map: Any = field(default_factory=list)
    stage_status: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, Any] = field(default_factory=dict)
    """What the user forced (``{"year": 2021, "region": "湖南"}``), reapplied on re-extraction."""
    contributor: str | None = None

    @property
    def text(self) -> str:
        return self.document.text


@dataclass(frozen=True, slots=True)
class SaveResult:
    report_id: int
    created: bool
    """False when a report with the same content hash was already stored (a duplicate)."""


# --- column helpers ------------------------------------------------------------------------------


@functools.cache
def _string_limits(model: type[Base]) -> dict[str, int]:
    return {
        c.name: c.type.length
        for c in model.__table__.columns
        if isinstance(c.type, String) and getattr(c.type, "length", None)
    }


def _fit(model: type[Base], values: dict[str, Any]) -> dict[str, Any]:
    """Cut strings to their column's length: PostgreSQL enforces VARCHAR(n), SQLite does not,
    and the two backends must store the same thing."""
    for name, length in _string_limits(model).items():
        value = values.get(name)
        if isinstance(value, str) and len(value) > length:
            values[name] = value[:length]
    return values


def _copy_fields(fact: Fact, model: type[Base]) -> dict[str, Any]:
    """The fact's attributes that are columns of ``model`` (extra dataclass fields are ignored)."""
    values: dict[str, Any] = {}
    for column in model.__table__.columns:
        if column.name in _NOT_COPIED:
            continue
        if hasattr(fact, column.name):
            value = getattr(fact, column.name)
            values[column.name] = list(value) if isinstance(value, tuple) else value
    return values


class SectionLocator:
    """Finds the kind of section a character offset falls in (sections are sorted, non-overlapping)."""

    def __init__(self, sections: Iterable[Section]) -> None:
        self._sections = sorted(sections, key=lambda s: s.start)
        self._starts = [s.start for s in self._sections]

    def kind_at(self, pos: int) -> str | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self._sections[i].start <= pos < self._sections[i].end:
            return self._sections[i].kind
        return None


def _section_kind(fact: Fact, locator: SectionLocator) -> str | None:
    own = getattr(fact, "section_kind", None)
    if own and own != "other":
        return own
    return locator.kind_at(fact.start) or own


# --- enterprises ---------------------------------------------------------------------------------


def enterprise_ids(session: Session, canonicals: Iterable[str]) -> dict[str, int]:
    """The ``enterprises`` row id for each canonical key, creating missing rows.

    INSERT ... ON CONFLICT DO NOTHING, so two ingests that meet the same company at the
    same time both succeed and link to one row.
    """
    wanted = {c for c in canonicals if c}
    if not wanted:
        return {}
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    rows = [_fit(Enterprise, {"canonical": c, "industries": []}) for c in sorted(wanted)]
    session.execute(insert(Enterprise).on_conflict_do_nothing(index_elements=["canonical"]), rows)
    keys = [r["canonical"] for r in rows]
    found = dict(session.execute(select(Enterprise.canonical, Enterprise.id).where(Enterprise.canonical.in_(keys))).all())
    return {c: found[_fit(Enterprise, {"canonical": c})["canonical"]] for c in wanted}


def _merge_enterprise_industries(session: Session, doc: Document, ids: dict[str, int]) -> None:
    """An enterprise's industries are the union of what every mention says about it."""
    by_key: dict[str, set[str]] = {}
    for mention in doc.enterprises:
        if mention.industries:
            by_key.setdefault(mention.canonical, set()).update(mention.industries)
    for canonical, industries in by_key.items():
        row = session.get(Enterprise, ids[canonical])
        if row is not None and not industries <= set(row.industries or []):
            row.industries = sorted(set(row.industries or []) | industries)


# --- facts ---------------------------------------------------------------------------------------


FactRow = tuple[type[Base], dict[str, Any]]


def fact_rows(
    session: Session,
    report_id: int,
    doc: Document,
    *,
    skip_spans: set[tuple[str, int, int]] | frozenset[tuple[str, int, int]] = frozenset(),
) -> list[FactRow]:
    """(table, column values) for every fact of ``doc``, minus spans an editor already owns."""
    locator = SectionLocator(doc.sections)
    ent_ids = enterprise_ids(session, (e.canonical or e.name for e in doc.enterprises))
    _merge_enterprise_industries(session, doc, ent_ids)
    rows: list[FactRow] = []
    for fact_type, attr in DOCUMENT_LISTS.items():
        model = FACT_TABLES[fact_type]
        for fact in getattr(doc, attr):
            if (fact_type, fact.start, fact.end) in skip_spans:
                continue
            values = _copy_fields(fact, model)
            values["report_id"] = report_id
            values["section_kind"] = _section_kind(fact, locator)
            values["corrected"] = values["deleted"] = False
            if model is EnterpriseMention:
                values["enterprise_id"] = ent_ids[fact.canonical or fact.name]  # type: ignore[attr-defined]
            rows.append((model, _fit(model, values)))
    return rows


def insert_rows(session: Session, rows: Iterable[FactRow]) -> int:
    """Insert rows with one executemany per table (Core, not one ORM object per fact)."""
    by_model: dict[type[Base], list[dict[str, Any]]] = {}
    for model, values in rows:
        by_model.setdefault(model, []).append(values)
    for model, batch in by_model.items():
        session.execute(insert(model), batch)
    return sum(len(b) for b in by_model.values())


def _section_rows(report_id: int, doc: Document) -> list[FactRow]:
    return [
        (ReportSection, _fit(ReportSection, {"report_id": report_id, "kind": s.kind, "title": s.title, "start": s.start, "end": s.end}))
        for s in doc.sections
    ]


def _region_code(session: Session, region: RegionRef | None) -> str | None:
    if region is None:
        return None
    return ensure_region(session, region)


def _candidates_json(doc: Document) -> list[dict[str, Any]]:
    return [c.to_dict() for c in doc.meta.region_candidates]


def _index(session: Session, report: Report) -> None:
    """Index the report for search in the same transaction: stored and searchable land together."""
    from zhaoshang.search.indexer import index_report

    index_report(session, report)


def _unindex(session: Session, report: Report) -> None:
    from zhaoshang.search.indexer import remove_report

    remove_report(session, report.id)


# --- public API ----------------------------------------------------------------------------------


def find_by_hash(session: Session, digest: str) -> int | None:
    return session.scalar(select(Report.id).where(Report.content_hash == digest))


def save_report(session: Session, item: ReportInput) -> SaveResult:
    """Store one processed report with all its facts; a duplicate (same content hash) is a no-op.

    Runs in the caller's transaction: if anything here raises, the caller's rollback
    leaves no trace of the report.
    """
    doc = item.document
    digest = content_hash(doc.text)
    existing = find_by_hash(session, digest)
    if existing is not None:
        return SaveResult(existing, created=False)
    meta = doc.meta
    report = Report(
        **_fit(
            Report,
            {
                "title": meta.title,
                "region_code": _region_code(session, meta.region),
                "region_status": meta.region_status,
                "region_candidates": _candidates_json(doc),
                "year": meta.year,
                "meeting_date": meta.meeting_date,
                "speaker": meta.speaker,
                "channel": item.channel,
                "publish_date": item.publish_date,
                "source_name": item.source_name,
                "source_format": item.source_format,
                "encoding": item.encoding,
                "content_hash": digest,
                "text": doc.text,
                "offset_map": item.offset_map,
                "char_count": len(doc.text),
                "pipeline_version": PIPELINE_VERSION,
                "stage_status": dict(item.stage_status),
                "overrides": dict(item.overrides),
                "contributor": item.contributor,
            },
        )
    )
    session.add(report)
    session.flush()
    insert_rows(session, _section_rows(report.id, doc))
    insert_rows(session, fact_rows(session, report.id, doc))
    session.expire(report, ["sections"])  # inserted with Core: let the indexer load them
    _index(session, report)
    return SaveResult(report.id, created=True)


def _editor_owned(session: Session, report_id: int) -> set[tuple[str, int, int]]:
    """Spans of facts an editor corrected or deleted: re-extraction must not touch them."""
    owned: set[tuple[str, int, int]] = set()
    for fact_type, model in FACT_TABLES.items():
        rows = session.execute(
            select(model.start, model.end).where(  # type: ignore[attr-defined]
                model.report_id == report_id,  # type: ignore[attr-defined]
                model.corrected | model.deleted,  # type: ignore[attr-defined]
            )
        )
        owned.update((fact_type, start, end) for start, end in rows)
    return owned


@dataclass(frozen=True, slots=True)
class ReextractResult:
    report_id: int
    facts: int
    kept_corrections: int


def reextract_report(session: Session, report_id: int, extract: Callable[[Report], Document]) -> ReextractResult:
    """Replace a stored report's sections and facts with a fresh extraction of its text.

    Facts an editor corrected or deleted are kept as they are, and a new fact on the same
    span is dropped so the editor's version wins.  Metadata the user forced at ingest
    (``overrides``) or an editor fixed (region_status "override") is left alone.
    """
    report = session.get(Report, report_id)
    if report is None:
        raise LookupError(f"no report with id {report_id}")
    doc = extract(report)
    if doc.text != report.text:
        raise ValueError("re-extraction must run on the stored text, offsets point into it")
    owned = _editor_owned(session, report_id)
    for fact_type, model in FACT_TABLES.items():
        session.execute(
            delete(model).where(
                model.report_id == report_id,  # type: ignore[attr-defined]
                ~(model.corrected | model.deleted),  # type: ignore[attr-defined]
            )
        )
    session.execute(delete(ReportSection).where(ReportSection.report_id == report_id))
    meta = doc.meta
    overrides = report.overrides or {}
    report.title = _fit(Report, {"title": meta.title})["title"] if meta.title else report.title
    if "year" not in overrides:
        report.year = meta.year
    report.meeting_date = meta.meeting_date
    report.speaker = _fit(Report, {"speaker": meta.speaker})["speaker"] if meta.speaker else None
    if report.region_status != "override" or "region" in overrides:
        report.region_code = _region_code(session, meta.region)
        report.region_status = meta.region_status
        report.region_candidates = _candidates_json(doc)
    report.pipeline_version = PIPELINE_VERSION
    report.stage_status = {**(report.stage_status or {}), "extract": "ok"}
    insert_rows(session, _section_rows(report_id, doc))
    inserted = insert_rows(session, fact_rows(session, report_id, doc, skip_spans=owned))
    session.expire(report, ["sections"])
    _index(session, report)
    return ReextractResult(report_id, facts=inserted, kept_corrections=len(owned))


def delete_report(session: Session, report_id: int) -> bool:
    """Remove a report with its sections, facts and index entries; False if it did not exist."""
    report = session.get(Report, report_id)
    if report is None:
        return False
    _unindex(session, report)
    for model in FACT_TABLES.values():
        session.execute(delete(model).where(model.report_id == report_id))  # type: ignore[attr-defined]
    session.delete(report)
    session.flush()
    return True


def fact_count(session: Session, report_id: int) -> dict[str, int]:
    """Live (not deleted) facts of a report per type."""
    from sqlalchemy import func

    out: dict[str, int] = {}
    for fact_type, model in FACT_TABLES.items():
        out[fact_type] = session.scalar(
            select(func.count()).select_from(model).where(
                model.report_id == report_id, ~model.deleted  # type: ignore[attr-defined]
            )
        ) or 0
    return out


__all__ = [
    "ReportInput",
    "SaveResult",
    "ReextractResult",
    "content_hash",
    "save_report",
    "reextract_report",
    "delete_report",
    "find_by_hash",
    "enterprise_ids",
    "fact_rows",
    "insert_rows",
    "fact_count",
    "SectionLocator",
]
