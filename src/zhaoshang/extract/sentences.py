"""Split a report into sentences with spans, each tagged with the kind of its section.

A sentence ends at 。！？；(and their ASCII forms, which normalisation produces) or at a
paragraph gap.  Enumerations that reports run together inside one paragraph also start
a new sentence: ``一是…二是…``, ``(一)…``, ``1.…`` — each item states its own facts, and
an indicator must never borrow a subject from the previous item.  Section boundaries
always end a sentence, so a heading never glues onto the body that follows it.
"""

from __future__ import annotations

import bisect
import re

from zhaoshang.extract.view import SOFT_BREAK as _SOFT_BREAK
from zhaoshang.model import Section, Sentence

__all__ = ["split_sentences", "SENTENCE_END"]

SENTENCE_END = "。！？；!?;"
_ORD = "一二三四五六七八九十"
# Where a new sentence starts without a terminal mark before it.
_ITEM_START = re.compile(
    rf"[,，:：](?=[{_ORD}]是[^,，。])"  # …：一是… / ，二是…
    rf"|(?=[(（][{_ORD}]{{1,3}}[)）])"  # (一), also glued to the previous text
)
_BREAK = re.compile(rf"[{re.escape(SENTENCE_END)}]+[”’\"]?|\s+")


def split_sentences(text: str, sections: list[Section] | None = None) -> list[Sentence]:
    """Sentences covering every non-blank stretch of ``text``, in order."""
    cuts: set[int] = {0, len(text)}
    for m in _BREAK.finditer(text):
        if m.group().isspace() and "\n" in m.group() and _SOFT_BREAK.match(text, m.start()):
            continue  # a wrapped line, not a paragraph end
        cuts.add(m.end() if not m.group().isspace() else m.start())
        cuts.add(m.end())
    for m in _ITEM_START.finditer(text):
        cuts.add(m.end() if m.group() else m.start())
    starts = [s.start for s in sections or []]
    cuts.update(starts)
    ordered = sorted(cuts)
    out: list[Sentence] = []
    for a, b in zip(ordered, ordered[1:]):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append(Sentence(a, b, _kind_at(sections or [], starts, a)))
    return out


def _kind_at(sections: list[Section], starts: list[int], pos: int) -> str:
    i = bisect.bisect_right(starts, pos) - 1
    return sections[i].kind if i >= 0 else "other"
