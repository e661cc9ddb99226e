"""Render a report's text with every fact span wrapped in a ``<mark>``.

Facts overlap (an indicator inside a longer one, a project inside a policy sentence),
and HTML elements must nest.  We keep one element per fact whenever spans nest, and
only split a fact into several pieces when two spans genuinely cross; the first piece
carries the fact's anchor id (``f-<type>-<id>``), later pieces carry ``data-fact`` too,
so a click, a permalink or a test can still find every character of the fact.

Pure functions: text and spans in, escaped ``Markup`` out; nothing here touches I/O.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    """A fact's span in the text: ``type`` names its colour, ``key`` its anchor."""

    type: str
    id: int
    start: int
    end: int

    @property
    def key(self) -> str:
        return f"{self.type}-{self.id}"


@dataclass(frozen=True, slots=True)
class Piece:
    """A properly nested part of a mark; ``first`` is the part that starts the fact."""

    mark: Mark
    start: int
    end: int

    @property
    def first(self) -> bool:
        return self.start == self.mark.start


def nest(marks: Iterable[Mark], lo: int = 0, hi: int | None = None) -> list[Piece]:
    """Clip ``marks`` to ``[lo, hi)`` and cut crossing spans into nested pieces.

    Returned in document order (start ascending, the enclosing piece before the ones
    inside it), which is the order :func:`render` opens elements in.
    """
    heap: list[tuple[int, int, int, Mark]] = []
    seq = 0
    for m in marks:
        s, e = max(m.start, lo), m.end if hi is None else min(m.end, hi)
        if s < e:
            heap.append((s, -e, seq, m))
            seq += 1
    heapq.heapify(heap)
    open_ends: list[int] = []
    pieces: list[Piece] = []
    while heap:
        s, neg_e, _, m = heapq.heappop(heap)
        e = -neg_e
        while open_ends and open_ends[-1] <= s:
            open_ends.pop()
        if open_ends and e > open_ends[-1]:
            cut = open_ends[-1]
            pieces.append(Piece(m, s, cut))
            open_ends.append(cut)
            heapq.heappush(heap, (cut, -e, seq, m))
            seq += 1
        else:
            pieces.append(Piece(m, s, e))
            open_ends.append(e)
    return pieces


def _open_tag(piece: Piece) -> str:
    m = piece.mark
    cls = f"f f-{m.type}" if piece.first else f"f f-{m.type} f-cont"
    anchor = f' id="f-{m.key}"' if piece.first else ""
    return f'<mark class="{cls}"{anchor} data-fact="{m.key}">'


def render(text: str, marks: Sequence[Mark], lo: int = 0, hi: int | None = None) -> Markup:
    """HTML for ``text[lo:hi]`` with the marks nested inside it; all text is escaped."""
    hi = len(text) if hi is None else min(hi, len(text))
    out: list[str] = []
    pos = lo
    stack: list[int] = []
    for piece in nest(marks, lo, hi):
        while stack and stack[-1] <= piece.start:
            end = stack.pop()
            out.append(str(escape(text[pos:end])))
            out.append("</mark>")
            pos = end
        out.append(str(escape(text[pos : piece.start])))
        pos = piece.start
        out.append(_open_tag(piece))
        stack.append(piece.end)
    while stack:
        end = stack.pop()
        out.append(str(escape(text[pos:end])))
        out.append("</mark>")
        pos = end
    out.append(str(escape(text[pos:hi])))
    return Markup("".join(out))


@dataclass(frozen=True, slots=True)
class Block:
    """A stretch of the report shown under one heading; ``index`` is its TOC anchor."""

    index: int
    kind: str
    title: str | None
    start: int
    end: int


def blocks(text_length: int, sections: Iterable[tuple[str, str, int, int]]) -> list[Block]:
    """Cover the whole text with the sections, filling gaps (and overlaps) so that
    every character is shown exactly once, whatever the section splitter returned."""
    out: list[Block] = []
    pos = 0
    for kind, title, start, end in sorted(sections, key=lambda s: (s[2], s[3])):
        start, end = max(start, pos), min(end, text_length)
        if start >= end:
            continue
        if start > pos:
            out.append(Block(len(out), "other", None, pos, start))
        out.append(Block(len(out), kind, title, start, end))
        pos = end
    if pos < text_length or not out:
        out.append(Block(len(out), "other", None, pos, text_length))
    return out
