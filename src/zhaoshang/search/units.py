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

    Our own splitter rather than the extraction stage's (``extract.sentences``): that one also
    cuts at every space and before enumerations, which is right for facts but would hide a
    phrase spanning a layout space, and it costs 6× more on the indexing hot path.  Section
    starts are honoured so no unit straddles two sections.
    """
    if not sections:
        return own_split(text)
    spans: list[tuple[int, int]] = []
    bounds = sorted({0, len(text), *(min(max(s.start, 0), len(text)) for s in sections)})
    for lo, hi in zip(bounds, bounds[1:]):
        spans.extend((lo + s, lo + e) for s, e in own_split(text[lo:hi]))
    return spans


def own_split(text: str) -> list[tuple[int, int]]:
    """Split after 。；！？ (closing quotes kept) and at line breaks."""
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
