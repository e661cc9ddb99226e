"""Snippets and highlights computed from our own offsets, never from the engine's.

Engines report offsets in their own token space (bytes, positions in a token stream); ours are
character offsets into ``reports.text``, found by searching the folded sentence for the query's
strings.  So a highlight is exactly where a reader of the stored text will find the words.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from zhaoshang.search.normalize import compact, fold

SNIPPET_CHARS = 160
CONTEXT_BEFORE = 50
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Snippet:
    html: str
    text: str
    start: int
    """Offset of the first match in the sentence's coordinates (sentence start = 0)."""
    end: int


def match_spans(sentence: str, needles: list[str]) -> list[tuple[int, int]]:
    """Merged ``(start, end)`` spans of every occurrence of any folded needle in ``sentence``."""
    comp, positions = compact(fold(sentence))
    spans: list[tuple[int, int]] = []
    for needle in needles:
        if not needle:
            continue
        i = comp.find(needle)
        while i >= 0:
            spans.append((positions[i], positions[i + len(needle) - 1] + 1))
            i = comp.find(needle, i + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def make_snippet(sentence: str, needles: list[str], width: int = SNIPPET_CHARS) -> Snippet:
    """A window of at most ``width`` characters around the first match, matches in ``<mark>``."""
    spans = match_spans(sentence, needles)
    first = spans[0] if spans else (0, len(sentence))
    lo, hi = 0, len(sentence)
    if hi > width:
        lo = max(0, first[0] - CONTEXT_BEFORE)
        hi = min(len(sentence), lo + width)
        lo = max(0, hi - width)
    parts: list[str] = [ELLIPSIS] if lo > 0 else []
    cursor = lo
    for s, e in spans:
        s, e = max(s, lo), min(e, hi)
        if s >= e:
            continue
        parts.append(html.escape(sentence[cursor:s]))
        parts.append("<mark>" + html.escape(sentence[s:e]) + "</mark>")
        cursor = e
    parts.append(html.escape(sentence[cursor:hi]))
    if hi < len(sentence):
        parts.append(ELLIPSIS)
    plain = (ELLIPSIS if lo > 0 else "") + sentence[lo:hi] + (ELLIPSIS if hi < len(sentence) else "")
    return Snippet(html="".join(parts), text=plain, start=first[0], end=first[1])
