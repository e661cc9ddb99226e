"""A reading view of a report: the text as the rule-based extractors want to read it.

Wrapped text (PDF, DOCX, hand-copied) breaks lines inside sentences and even inside
words (地区生产总\\n值); full-width and ASCII punctuation are both common.  Rules are
simpler and safer written once against one shape, so extractors read a *view* where
in-sentence line breaks are dropped, ，；：（）！？ are their ASCII forms and years are
in Arabic digits (二〇二〇年 → 2020年, same length) — and map
every span back to the stored text, keeping ``text[start:end] == quote``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import TypeVar

from zhaoshang.model import Fact

__all__ = ["ReadingView", "SOFT_BREAK", "arabic_years", "is_soft_break", "soft_breaks"]

_PUNCT = (("，", ","), ("；", ";"), ("：", ":"), ("（", "("), ("）", ")"), ("！", "!"), ("？", "?"))


_CN_DIGIT = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6",
             "七": "7", "八": "8", "九": "9"}


# 年 after four numeral characters; the pattern opens with the literal 年, which the regex
# engine finds at C speed (a regex over the numeral characters would stop at every 一/二/三
# of the prose), and checks the numerals by lookbehind.
_CN_YEAR = re.compile(f"年(?<=[{''.join(_CN_DIGIT)}]{{4}}年)")


def arabic_years(text: str) -> str:
    """二〇二〇年 → 2020年: same length, so offsets are unchanged; only plausible years."""
    pieces: list[str] = []
    pos = 0
    for m in _CN_YEAR.finditer(text):
        i = m.start()
        digits = "".join(_CN_DIGIT[c] for c in text[i - 4 : i])
        if 1949 <= int(digits) <= 2100:
            pieces.append(text[pos : i - 4])
            pieces.append(digits)
            pos = i
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


def _ascii_punct(text: str) -> str:
    # chained str.replace runs in C; str.translate with a dict is several times slower here
    for wide, narrow in _PUNCT:
        if wide in text:
            text = text.replace(wide, narrow)
    return arabic_years(text)

# A line break inside a sentence: the line does not end a sentence (or a heading ending
# in a colon), and the next line does not open a numbered heading or list item.
# The break is judged from the start of its whitespace run (a line ending 。 followed by
# trailing spaces is still a sentence end).  Written to open with a bare character class,
# which the regex engine scans for in C; the lookbehind checks the character before it.
SOFT_BREAK = re.compile(
    r"[ \t\u3000\n](?<![。！？；;!?:：\n \t\u3000][ \t\u3000\n])(?:(?<=\n)|(?<=[ \t\u3000])[ \t\u3000]*\n)[ \t\u3000]*"
    r"(?![一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d)|第[一二三四五六七八九十]+[,，、]|[\n\s]|$)"
)

# A line that is a heading ends with a hard break even without punctuation: it opens with
# a heading number (一、 / (一) / 第一), or it is short and ends like a heading does.
_HEADING_LINE = re.compile(
    r"(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[部章节])[^。！？；;!?]{0,40}"
    r"|.{0,28}(?:回顾|安排|工作|任务|目标|建设|解释|考虑|成就|展望)"
)


def is_soft_break(text: str, m: re.Match[str]) -> bool:
    """Whether a :data:`SOFT_BREAK` match only wraps a line (and is not a heading's end)."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    return _HEADING_LINE.fullmatch(text, line_start, m.start()) is None


def soft_breaks(text: str) -> list[re.Match[str]]:
    """The line breaks inside sentences, which the reading view drops.

    A :data:`SOFT_BREAK` match holds one line break and starts a blank run, so it is
    tried only at the start of each blank run around a line break (found with
    ``str.find``), not at every character."""
    out: list[re.Match[str]] = []
    i = text.find("\n")
    while i >= 0:  # i: the first line break of a blank run
        start = i
        while start > 0 and text[start - 1] in " \t\u3000":
            start -= 1
        m = SOFT_BREAK.match(text, start)
        if m and is_soft_break(text, m):
            out.append(m)
        i = text.find("\n", _BLANK_RUN.match(text, i).end())
    return out


_BLANK_RUN = re.compile("[ \t\u3000\n]*")


F = TypeVar("F", bound=Fact)


@dataclass(frozen=True, slots=True)
class ReadingView:
    text: str
    cuts: tuple[tuple[int, int], ...] = ()
    """Dropped source stretches as (view position, source characters dropped so far), in order."""

    @classmethod
    def of(cls, source: str) -> ReadingView:
        if "\n" not in source:
            return cls(_ascii_punct(source))
        pieces: list[str] = []
        cuts: list[tuple[int, int]] = []
        pos = dropped = 0
        for m in soft_breaks(source):
            pieces.append(source[pos : m.start()])
            dropped += m.end() - m.start()
            cuts.append((m.start() - (dropped - (m.end() - m.start())), dropped))
            pos = m.end()
        if not cuts:
            return cls(_ascii_punct(source))
        pieces.append(source[pos:])
        return cls(_ascii_punct("".join(pieces)), tuple(cuts))

    def _shift(self, view_pos: int) -> int:
        """Source characters dropped before the view character at ``view_pos``."""
        i = bisect.bisect_right(self.cuts, (view_pos, 1 << 62)) - 1
        return self.cuts[i][1] if i >= 0 else 0

    def to_view(self, pos: int) -> int:
        """View position of source position ``pos`` (the next kept character)."""
        if not self.cuts:
            return pos
        # smallest v with source(v) >= pos
        lo, hi = 0, len(self.text)
        while lo < hi:
            mid = (lo + hi) // 2
            if mid + self._shift(mid) < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def to_source_pos(self, view_pos: int) -> int:
        return view_pos + self._shift(view_pos) if self.cuts else view_pos

    def to_source(self, fact: F, source: str) -> F:
        """``fact`` with its span (and quote) moved from the view to ``source``."""
        if not self.cuts:
            quote = source[fact.start : fact.end]
            return fact if quote == fact.quote else replace(fact, quote=quote)
        start = self.to_source_pos(fact.start)
        end = self.to_source_pos(fact.end - 1) + 1 if fact.end > fact.start else start
        return replace(fact, start=start, end=end, quote=source[start:end])
