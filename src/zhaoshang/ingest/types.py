"""What a reader hands to the rest of the pipeline, and how it says no.

Readers stop at *decoded* text: normalisation (and its offset map) is a separate,
pure step (:mod:`zhaoshang.ingest.normalise`), so the map always points back into
exactly the text a reader produced.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class RawDocument:
    """One report as read from a file, before normalisation."""

    source_name: str
    """The path, or ``"path#3"`` for the 3rd entry of a listing file."""
    format: str
    """``"listing" | "text" | "html" | "pdf" | "docx"``."""
    encoding: str | None
    """Detected encoding for text formats (``utf-8``, ``utf-8-sig``, ``gb18030`` ...); None for pdf/docx."""
    text: str
    """Decoded body text; a separate title line is not part of it."""
    title: str | None = None
    """The report's title when the source has one apart from the body (already normalised, one line)."""
    channel: str | None = None
    """Region name of a listing channel: 【宝兴县招商】 → ``"宝兴县"``."""
    publish_date: str | None = None
    """A listing entry's publish date, ISO ``YYYY-MM-DD``."""


class IngestError(Exception):
    """A file that cannot become a report; ``reason`` is a sentence a user can act on."""

    def __init__(self, source_name: str, reason: str) -> None:
        super().__init__(f"{source_name}: {reason}")
        self.source_name = source_name
        self.reason = reason

    def __reduce__(self):  # keep picklable across process pools
        return (type(self), (self.source_name, self.reason))


class DecodeError(ValueError):
    """Bytes that are not trustworthy text; carries only the reason (no file name)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
