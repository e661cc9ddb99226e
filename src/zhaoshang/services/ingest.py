"""The ingest pipeline: files → raw documents → normalised text → extraction → one transaction each.

Streaming by design: one file is read, each of its documents is processed and committed,
and nothing is kept but counters, so a batch of thousands of reports runs in constant
memory.  One bad document is recorded with its reason and the batch goes on; the store
never holds half a report.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from zhaoshang.model import Document
from zhaoshang.store.db import transaction
from zhaoshang.store.repository import ReportInput, content_hash, find_by_hash, save_report

Status = Literal["ingested", "partial", "duplicate", "updated", "failed"]

DEFAULT_MAX_MB = 20.0
"""Largest input file read by default; bigger files fail with a clear reason (``--max-size``)."""


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What happened to one document (or to one file that yielded no document)."""

    source: str
    status: Status
    report_id: int | None = None
    title: str | None = None
    region: str | None = None
    region_status: str | None = None
    year: int | None = None
    chars: int = 0
    reason: str | None = None
    """Why it failed, or which stage had trouble for a ``partial`` report."""


@dataclass(slots=True)
class IngestSummary:
    """Counts and the noteworthy outcomes of a batch (successes are counted, not kept)."""

    ingested: int = 0
    partial: list[IngestOutcome] = field(default_factory=list)
    duplicates: list[IngestOutcome] = field(default_factory=list)
    updated: list[IngestOutcome] = field(default_factory=list)
    """Already stored, re-extracted because the user gave a different --region/--year."""
    failed: list[IngestOutcome] = field(default_factory=list)
    unrecognised_region: list[IngestOutcome] = field(default_factory=list)
    files: int = 0
    bytes_read: int = 0
    chars: int = 0
    seconds: float = 0.0
    report_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every document was stored (or was already stored) with every stage working."""
        return not self.failed and not self.partial

    @property
    def stored(self) -> int:
        return self.ingested + len(self.partial)

    def add(self, outcome: IngestOutcome) -> None:
        if outcome.status == "failed":
            self.failed.append(outcome)
            return
        if outcome.status == "duplicate":
            self.duplicates.append(outcome)
            return
        if outcome.status == "updated":
            self.updated.append(outcome)
            return
        if outcome.status == "partial":
            self.partial.append(outcome)
        else:
            self.ingested += 1
        self.chars += outcome.chars
        if outcome.report_id is not None:
            self.report_ids.append(outcome.report_id)
        if outcome.region_status in ("unknown", "ambiguous"):
            self.unrecognised_region.append(outcome)


@dataclass(frozen=True, slots=True)
class IngestOptions:
    year: int | None = None
    """Meeting year to force (``--year``)."""
    region: str | None = None
    """Region name or code to force (``--region``)."""
    max_bytes: int | None = int(DEFAULT_MAX_MB * 1024 * 1024)
    contributor: str | None = None

    def overrides(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.year is not None:
            out["year"] = self.year
        if self.region:
            out["region"] = self.region
        return out


# --- stages (pure apart from the readers' file I/O) ---------------------------------------------


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    return f"{name}: {text}"[:300] if text else name


def _reason(exc: BaseException) -> str:
    """A one-line reason fit for the summary; IngestError already carries one."""
    reason = getattr(exc, "reason", None)
    if isinstance(reason, str) and reason:
        return reason
    return _short(exc)


def normalise_raw(raw: Any) -> Any:
    """The stored text and its offset map; refuses a document with no text left."""
    from zhaoshang.ingest.normalise import normalise

    norm = normalise(raw.text)
    if not norm.text.strip():
        raise ValueError("the document has no text after normalisation")
    if "\x00" in norm.text:  # PostgreSQL cannot store it; refuse on every backend alike
        raise ValueError("the text contains NUL characters (binary data inside the document)")
    return norm


def process_raw(raw: Any, options: IngestOptions, norm: Any = None) -> ReportInput:
    """Normalise and extract one raw document; an extractor crash still yields a storable report.

    The report text is always stored (it is searchable and can be re-extracted later);
    a stage that fails is recorded in ``stage_status`` and the outcome becomes ``partial``.
    """
    norm = norm if norm is not None else normalise_raw(raw)
    text = norm.text
    stages: dict[str, str] = {"read": "ok", "normalise": "ok"}
    try:
        from zhaoshang.extract.pipeline import extract_document

        doc = extract_document(
            text, title=raw.title, channel=raw.channel, year=options.year, region=options.region
        )
        stages["extract"] = "ok"
        for stage, reason in doc.stage_errors.items():
            stages[f"extract.{stage}"] = reason  # "error: ...": the report is stored as partial
    except Exception as exc:  # noqa: BLE001 - a broken extractor must not lose the report
        doc = Document(text=text)
        doc.meta.title = raw.title
        doc.meta.year = options.year
        stages["extract"] = f"error: {_short(exc)}"
    bad = _drop_bad_spans(doc)
    if bad:
        stages["extract"] = f"error: {bad} facts whose quote did not match the text were dropped"
    stages["regions"] = doc.meta.region_status
    offsets = norm.offsets
    return ReportInput(
        document=doc,
        source_name=raw.source_name,
        source_format=raw.format,
        encoding=raw.encoding,
        channel=raw.channel,
        publish_date=raw.publish_date,
        offset_map=offsets.to_json() if hasattr(offsets, "to_json") else offsets,
        stage_status=stages,
        overrides=options.overrides(),
        contributor=options.contributor,
    )


def _drop_bad_spans(doc: Document) -> int:
    """Remove facts whose ``text[start:end] != quote``: the store only keeps verifiable spans."""
    dropped = 0
    n = len(doc.text)
    for attr in ("indicators", "projects", "enterprises", "parks", "policies", "industries"):
        facts = getattr(doc, attr)
        good = [f for f in facts if 0 <= f.start <= f.end <= n and doc.text[f.start : f.end] == f.quote]
        dropped += len(facts) - len(good)
        setattr(doc, attr, good)
    return dropped


def store(engine: Engine, item: ReportInput) -> IngestOutcome:
    """Save one processed report in its own transaction; duplicates and races are handled here."""
    doc = item.document
    meta = doc.meta
    try:
        with transaction(engine) as session:
            result = save_report(session, item)
    except IntegrityError:
        # another writer stored the same text between our check and our insert
        with transaction(engine) as session:
            existing = find_by_hash(session, content_hash(doc.text))
        if existing is None:
            raise
        return IngestOutcome(item.source_name, "duplicate", report_id=existing, title=meta.title)
    if not result.created:
        return IngestOutcome(item.source_name, "duplicate", report_id=result.report_id, title=meta.title)
    errors = {k: v for k, v in item.stage_status.items() if v.startswith("error")}
    return IngestOutcome(
        item.source_name,
        "partial" if errors else "ingested",
        report_id=result.report_id,
        title=meta.title,
        region=meta.region.name if meta.region else None,
        region_status=meta.region_status,
        year=meta.year,
        chars=len(doc.text),
        reason="; ".join(f"{k}: {v}" for k, v in errors.items()) or None,
    )


def _stored_id(engine: Engine, text: str) -> int | None:
    with transaction(engine) as session:
        return find_by_hash(session, content_hash(text))


def _already_stored(engine: Engine, report_id: int, raw: Any, options: IngestOptions) -> IngestOutcome:
    """A duplicate, unless the user now forces a different region or year: then that is how a
    stored report gets fixed (``--region``), so it is re-extracted with the new overrides."""
    from zhaoshang.store.models import Report
    from zhaoshang.store.repository import reextract_report

    wanted = options.overrides()
    with transaction(engine) as session:
        report = session.get(Report, report_id)
        current = dict(report.overrides or {}) if report is not None else {}
        if report is None or not wanted or {**current, **wanted} == current:
            return IngestOutcome(raw.source_name, "duplicate", report_id=report_id, title=raw.title)
        report.overrides = {**current, **wanted}
        reextract_report(session, report_id, _checked_extract)
        return IngestOutcome(
            raw.source_name,
            "updated",
            report_id=report_id,
            title=report.title,
            region=report.region.name if report.region else None,
            region_status=report.region_status,
            year=report.year,
        )


def ingest_raw(engine: Engine, raw: Any, options: IngestOptions = IngestOptions()) -> IngestOutcome:
    """Process and store one raw document; never raises for a bad document, reports it instead."""
    try:
        norm = normalise_raw(raw)
        existing = _stored_id(engine, norm.text)
        if existing is not None:  # skip extraction: re-running a batch costs one hash per report
            return _already_stored(engine, existing, raw, options)
        item = process_raw(raw, options, norm)
    except Exception as exc:  # noqa: BLE001 - one bad document must not abort the batch
        return IngestOutcome(raw.source_name, "failed", reason=_reason(exc))
    try:
        return store(engine, item)
    except SQLAlchemyError as exc:
        cause = getattr(exc, "orig", None) or exc  # the driver's message says which constraint
        return IngestOutcome(raw.source_name, "failed", reason=f"not stored: {_short(cause)}")
    except Exception as exc:  # noqa: BLE001 - e.g. the search indexer failing on one report
        return IngestOutcome(raw.source_name, "failed", reason=f"not stored: {_short(exc)}")


# --- batch -----------------------------------------------------------------------------------------


def expand_inputs(specs: Sequence[str | os.PathLike[str]]) -> Iterator[Path | IngestOutcome]:
    """Each input path, or a failed outcome for a spec that names nothing readable."""
    from zhaoshang.ingest.registry import iter_inputs

    seen: set[Path] = set()
    for spec in specs:
        found = False
        try:
            for path in iter_inputs([str(spec)]):
                found = True
                key = Path(path).resolve()
                if key not in seen:  # a file named twice (or matched by two globs) is read once
                    seen.add(key)
                    yield Path(path)
        except Exception as exc:  # noqa: BLE001
            yield IngestOutcome(str(spec), "failed", reason=_reason(exc))
            continue
        if not found:
            yield IngestOutcome(str(spec), "failed", reason="no such file, folder or matching files")


def ensure_regions_loaded(engine: Engine) -> str | None:
    """Load the packaged gazetteer into the store if needed; returns its vintage."""
    from zhaoshang.store.regions import load_gazetteer_into

    return load_gazetteer_into(engine).vintage


def read_documents(path: Path, max_bytes: int | None) -> list[Any]:
    from zhaoshang.ingest.registry import read_path

    if max_bytes is None:
        return read_path(path)
    return read_path(path, max_bytes=max_bytes)


AdvanceCallback = Callable[[int], None]
OutcomeCallback = Callable[[IngestOutcome], None]


def ingest_paths(
    specs: Sequence[str | os.PathLike[str]],
    engine: Engine,
    options: IngestOptions = IngestOptions(),
    *,
    on_outcome: OutcomeCallback | None = None,
    on_advance: AdvanceCallback | None = None,
) -> IngestSummary:
    """Ingest every file the specs name (files, folders, globs), one transaction per report.

    ``on_outcome`` is called after each document; ``on_advance(nbytes)`` reports input
    consumed (a file's size is shared among its documents, so a listing advances smoothly).
    The CLI drives its progress bar from them.
    """
    started = time.perf_counter()
    summary = IngestSummary()
    ensure_regions_loaded(engine)

    def record(outcome: IngestOutcome) -> None:
        summary.add(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    def advance(nbytes: int) -> None:
        if on_advance is not None and nbytes:
            on_advance(nbytes)

    for entry in expand_inputs(specs):
        if isinstance(entry, IngestOutcome):
            record(entry)
            continue
        path = entry
        size = _size(path)
        summary.files += 1
        summary.bytes_read += size
        try:
            raws = read_documents(path, options.max_bytes)
        except Exception as exc:  # noqa: BLE001 - IngestError and anything a reader throws
            record(IngestOutcome(getattr(exc, "source_name", None) or str(path), "failed", reason=_reason(exc)))
            advance(size)
            continue
        if not raws:
            record(IngestOutcome(str(path), "failed", reason="no report found in the file"))
            advance(size)
            continue
        shares = _shares(size, len(raws))
        while raws:  # pop as we go so each processed text can be freed
            record(ingest_raw(engine, raws.pop(0), options))
            advance(shares.pop())
    summary.seconds = time.perf_counter() - started
    return summary


def _shares(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` integers that sum to it exactly."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# --- re-extraction -------------------------------------------------------------------------------


def extract_stored(report: Any) -> Document:
    """Run the current extractors on a stored report's text, with the user's ingest overrides."""
    from zhaoshang.extract.pipeline import extract_document

    overrides = report.overrides or {}
    return extract_document(
        report.text,
        title=report.title,
        channel=report.channel,
        year=overrides.get("year"),
        region=overrides.get("region"),
    )


def _checked_extract(report: Any) -> Document:
    doc = extract_stored(report)
    _drop_bad_spans(doc)
    return doc


def reextract(engine: Engine, report_ids: Sequence[int] | None = None, *, stale_only: bool = False) -> dict[str, int]:
    """Re-run extraction on stored reports, one transaction each; editor corrections are kept.

    ``report_ids`` None means every report; ``stale_only`` limits to reports made by an
    older ``PIPELINE_VERSION``.  Returns counts of reports done and failed.
    """
    from sqlalchemy import select

    from zhaoshang import PIPELINE_VERSION
    from zhaoshang.store.models import Report
    from zhaoshang.store.repository import reextract_report

    query = select(Report.id).order_by(Report.id)
    if report_ids is not None:
        query = query.where(Report.id.in_(list(report_ids)))
    if stale_only:
        query = query.where(Report.pipeline_version != PIPELINE_VERSION)
    with transaction(engine) as session:
        ids = list(session.scalars(query))

    done = failed = 0
    for rid in ids:
        try:
            with transaction(engine) as session:
                reextract_report(session, rid, _checked_extract)
            done += 1
        except Exception:  # noqa: BLE001 - one report's failure leaves it as it was
            failed += 1
    return {"reextracted": done, "failed": failed}
