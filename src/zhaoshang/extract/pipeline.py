"""Text in, Document out: meta, region, sections, sentences, then every extractor.

The extractors are listed as data (:data:`EXTRACTORS`): each is a pure function
``(Document) -> list[Fact]`` stored under a Document field, so adding one is one line.
Stages owned by other parts of the package are imported lazily, and a stage that is
not installed is skipped rather than breaking extraction — the pipeline degrades to
what exists.  Faults are isolated per extractor: one that raises, or that returns a fact
whose span does not hold its quote (``text[start:end] != quote``), loses only its own
output (all of it on an exception, the bad facts otherwise), and the reason is recorded
in ``Document.stage_errors`` under the extractor's field name, so a caller (ingest) can
store the report with every other fact and mark the stage as failed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zhaoshang.extract.periods import infer_year
from zhaoshang.extract.sections import split_sections
from zhaoshang.extract.sentences import split_sentences
from zhaoshang.model import Document, ReportMeta

__all__ = ["EXTRACTORS", "extract_document", "extract_file", "read_reports"]

#: (Document field, "module:function") for every fact extractor, run in this order.
EXTRACTORS: tuple[tuple[str, str], ...] = (
    ("indicators", "zhaoshang.extract.indicators:extract_indicators"),
    ("projects", "zhaoshang.extract.projects:extract_projects"),
    ("enterprises", "zhaoshang.extract.enterprises:extract_enterprises"),
    ("parks", "zhaoshang.extract.parks:extract_parks"),
    ("policies", "zhaoshang.extract.policies:extract_policies"),
    ("industries", "zhaoshang.extract.industries:extract_industries"),
)


def _resolve(target: str) -> Callable[..., Any]:
    """``"module:function"`` → the function (imported on first use)."""
    module_name, _, attr = target.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def _detect_meta(text: str, title: str | None, year: int | None) -> ReportMeta:
    from zhaoshang.regions import meta as m

    meta = ReportMeta(title=title, year=year)
    meta.title = title or m.detect_title(text)
    meta.year = year or m.detect_year(text, meta.title)
    meta.meeting_date = m.detect_meeting_date(text)
    meta.speaker = m.detect_speaker(text)
    if meta.year is None:
        meta.year = infer_year(text)
    return meta


def _detect_region(meta: ReportMeta, text: str, channel: str | None, region: str | None) -> None:
    from zhaoshang.regions.recognise import recognise_region

    match = recognise_region(text, title=meta.title, channel=channel, hint=region)
    meta.region = match.region
    meta.region_status = match.status if match.status in ("ok", "ambiguous", "unknown", "override") else "unknown"
    meta.region_candidates = list(match.candidates)


def extract_document(
    text: str,
    *,
    title: str | None = None,
    channel: str | None = None,
    year: int | None = None,
    region: str | None = None,
) -> Document:
    """Every fact of one already-normalised report.

    ``year`` (the meeting year) and ``region`` (a name, resolved in the gazetteer)
    override what is detected; ``title`` and ``channel`` are evidence from the source.
    """
    meta = _detect_meta(text, title, year)
    doc = Document(text=text, meta=meta)
    try:
        _detect_region(meta, text, channel, region)
    except Exception as exc:  # noqa: BLE001 - an unknown region still leaves every fact
        meta.region, meta.region_status = None, "unknown"
        doc.stage_errors["region"] = _short_error(exc)
    doc.sections = split_sections(text, meta.year)
    doc.sentences = split_sentences(text, doc.sections)
    for field_name, target in EXTRACTORS:
        try:
            facts = list(_resolve(target)(doc))
        except Exception as exc:  # noqa: BLE001 - one broken extractor must not lose the others' facts
            doc.stage_errors[field_name] = _short_error(exc)
            continue
        good = _good_facts(text, facts)
        if len(good) < len(facts):
            doc.stage_errors[field_name] = f"error: {len(facts) - len(good)} fact(s) whose quote is not text[start:end] dropped"
        setattr(doc, field_name, good)
    # Every stored fact passed _span_ok, so the document keeps spaCy's invariant
    # (Document.check_spans) without checking each span a second time.
    return doc


def _good_facts(text: str, facts: list[Any]) -> list[Any]:
    """The facts whose span holds their quote (see :func:`_span_ok`), tested inline: a
    report has thousands of facts, and a call per fact costs more than the test."""
    size = len(text)
    try:
        return [f for f in facts if 0 <= f.start <= f.end <= size and text[f.start : f.end] == f.quote]
    except (AttributeError, TypeError):
        return [f for f in facts if _span_ok(text, f)]


def _span_ok(text: str, fact: Any) -> bool:
    """The spaCy invariant every stored fact keeps: its quote is exactly the text it points at."""
    try:
        return 0 <= fact.start <= fact.end <= len(text) and text[fact.start : fact.end] == fact.quote
    except (AttributeError, TypeError):
        return False


def _short_error(exc: BaseException) -> str:
    """``error: ValueError: message`` cut to one line of at most 200 characters."""
    msg = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
    return "error: " + msg[:200]


def read_reports(path: str | Path) -> list[tuple[str, str | None, str | None]]:
    """(normalised text, title, channel) of every report in a file (a listing holds several)."""
    from zhaoshang.ingest.normalise import normalise
    from zhaoshang.ingest.registry import read_path

    return [(normalise(raw.text).text, raw.title, raw.channel) for raw in read_path(Path(path))]


def extract_file(path: str | Path, *, year: int | None = None, region: str | None = None, index: int = 0) -> Document:
    """Read, normalise and extract one report of ``path``.

    A listing file holds several reports: ``index`` picks one (0 = the first).
    Raises IndexError if the file has fewer reports.
    """
    reports = read_reports(path)
    if not 0 <= index < len(reports):
        raise IndexError(f"{path} holds {len(reports)} report(s); no report #{index + 1}")
    text, title, channel = reports[index]
    return extract_document(text, title=title, channel=channel, year=year, region=region)
