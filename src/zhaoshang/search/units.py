"""Index units: the sentences of a report as ``(start, end)`` offsets into ``reports.text``.

A sentence is what a search result shows and links to.  Units are split after 。；！？ (and their
half-width forms, which normalisation may have produced) and at line breaks, keeping closing
quotes/brackets with their sentence.  Very long runs without a stop (tables flattened into
one line) are cut at a comma, or hard-cut, to stay under ``MAX_UNIT`` characters: PostgreSQL
stores phrase positions only up to 16,383 and a snippet of a 5,000-character "sentence" helps
nobody.  A match spanning such a forced cut is the one case the index cannot see (documented).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

MAX_UNIT = 1000

_STOP = re.compile(r"[。；！？;!?]+[”’」』）)》\"']*|\n+")
_SOFT = re.compile(r"[，,、：:]")


def split_units(text: str, sections: Sequence[Any] = ()) -> list[tuple[int, int]]:
    """Sentence spans covering every non-blank character of ``text``, in order.

    Uses the extraction stage's sentence splitter when installed, so a search hit and a fact
    point at the same sentence; long sentences are then capped at ``MAX_UNIT`` here.
    """
    try:
        from zhaoshang.extract.sentences import split_sentences
    except ImportError:
        return own_split(text)
    spans: list[tuple[int, int]] = []
    for s in split_sentences(text, list(sections)):
        _add(text, s.start, s.end, spans)
    return spans


def own_split(text: str) -> list[tuple[int, int]]:
    """The fallback splitter: after 。；！？ (closing quotes kept) and at line breaks."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _STOP.finditer(text):
        _add(text, pos, m.end(), spans)
        pos = m.end()
    _add(text, pos, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_UNIT:
        cut = _soft_cut(text, start, start + MAX_UNIT)
        spans.append((start, cut))
        start = cut
    if end > start:
        spans.append((start, end))


def _soft_cut(text: str, start: int, limit: int) -> int:
    """The last comma-like break in the second half of the window, else the hard limit."""
    best = limit
    for m in _SOFT.finditer(text, start + (limit - start) // 2, limit):
        best = m.end()
    return best
