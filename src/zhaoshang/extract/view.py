"""A reading view of a report: the text as the rule-based extractors want to read it.

Wrapped text (PDF, DOCX, hand-copied) breaks lines inside sentences and even inside
words (地区生产总\\n值); full-width and ASCII punctuation are both common.  Rules are
simpler and safer written once against one shape, so extractors read a *view* where
in-sentence line breaks are dropped and ，；：（）！？ are their ASCII forms — and map
every span back to the stored text, keeping ``text[start:end] == quote``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import TypeVar

from zhaoshang.model import Fact

__all__ = ["ReadingView", "SOFT_BREAK"]

_PUNCT = (("，", ","), ("；", ";"), ("：", ":"), ("（", "("), ("）", ")"), ("！", "!"), ("？", "?"))


def _ascii_punct(text: str) -> str:
    # chained str.replace runs in C; str.translate with a dict is several times slower here
    for wide, narrow in _PUNCT:
        if wide in text:
            text = text.replace(wide, narrow)
    return text

# A line break inside a sentence: the line does not end a sentence (or a heading ending
# in a colon), and the next line does not open a numbered heading or list item.
SOFT_BREAK = re.compile(
    r"(?<![。！？；;!?:：\n])[ \t\u3000]*\n[ \t\u3000]*"
    r"(?![一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．]|第[一二三四五六七八九十]+[,，、]|[\n\s]|$)"
)

F = TypeVar("F", bound=Fact)


@dataclass(frozen=True, slots=True)
class ReadingView:
    text: str
    keep: tuple[int, ...] | None
    """For each view character, the index of its source character; None when identical."""

    @classmethod
    def of(cls, source: str) -> ReadingView:
        if "\n" not in source or not SOFT_BREAK.search(source):
            return cls(_ascii_punct(source), None)
        keep: list[int] = []
        pos = 0
        for m in SOFT_BREAK.finditer(source):
            keep.extend(range(pos, m.start()))
            pos = m.end()
        keep.extend(range(pos, len(source)))
        text = _ascii_punct("".join(source[i] for i in keep))
        return cls(text, tuple(keep))

    def to_view(self, pos: int) -> int:
        """View position of source position ``pos`` (the next kept character)."""
        return pos if self.keep is None else bisect.bisect_left(self.keep, pos)

    def to_source(self, fact: F, source: str) -> F:
        """``fact`` with its span (and quote) moved from the view to ``source``."""
        if self.keep is None:
            return replace(fact, quote=source[fact.start : fact.end])
        start = self.keep[fact.start]
        end = self.keep[fact.end - 1] + 1 if fact.end > fact.start else start
        return replace(fact, start=start, end=end, quote=source[start:end])
