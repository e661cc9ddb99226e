"""Split a report into sentences with spans, each tagged with the kind of its section.

A sentence ends at 。！？；(full-width or ASCII) or at a paragraph gap: a line break that
does not merely wrap a line (see view.SOFT_BREAK), or a space between Chinese text (a
space next to Latin letters or digits, GDP 1835亿元, is part of the sentence).
Enumerations that reports run together inside one paragraph also start a new sentence:
``…：一是…，二是…`` and ``(一)…`` — each item states its own facts, and an indicator must
never borrow a subject from the previous item.  Section boundaries always end a
sentence, so a heading never glues onto the body that follows it.
"""

from __future__ import annotations

import re

from zhaoshang.extract.view import SOFT_BREAK as _SOFT_BREAK
from zhaoshang.extract.view import is_soft_break
from zhaoshang.model import Section, Sentence

__all__ = ["split_sentences", "SENTENCE_END"]

SENTENCE_END = "。！？；!?;"
_ORD = "一二三四五六七八九十"
# One pass finds every place a sentence may end: terminal marks (with a closing quote),
# whitespace, a list item after a comma or colon (…：一是… / ，二是…), or a (一) item.
# The pattern opens with a bare character class so that the regex engine scans for it in
# C (a leading lookahead or group alternation would make it try every position); the
# lookbehinds then pick the alternative by the character just consumed.
_CUT = re.compile(
    r"[。！？；!?;\s,，:：(（]"
    rf"(?:(?<=[{re.escape(SENTENCE_END)}])(?P<end>[{re.escape(SENTENCE_END)}]*[”’\"]?)"
    r"|(?<=\s)(?P<ws>\s*)"
    rf"|(?<=[,，:：])(?P<item>)(?=[{_ORD}]是[^,，。])"
    rf"|(?<=[(（])(?P<bracket>)(?=[{_ORD}]{{1,3}}[)）]))"
)


_LATIN = re.compile(r"[A-Za-z0-9%.]")


def split_sentences(text: str, sections: list[Section] | None = None) -> list[Sentence]:
    """Sentences covering every non-blank stretch of ``text``, in order."""
    sections = sections or []
    bounds: list[tuple[int, int]] = []  # (end of the previous sentence, start of the next)
    for m in _CUT.finditer(text):
        kind = m.lastgroup
        if kind == "end" or kind == "item":
            bounds.append((m.end(), m.end()))
        elif kind == "ws":
            if "\n" in m.group():
                soft = _SOFT_BREAK.match(text, m.start())
                if soft and is_soft_break(text, soft):
                    continue  # a wrapped line, not a paragraph end
            elif _LATIN.match(text, m.end()) or (m.start() > 0 and _LATIN.match(text, m.start() - 1)):
                continue  # a space inside a phrase: GDP 1835亿元, 5 G
            bounds.append((m.start(), m.end()))
        else:
            bounds.append((m.start(), m.start()))
    if sections:
        bounds.extend((s.start, s.start) for s in sections[1:])
        bounds.sort()
    bounds.append((len(text), len(text)))
    out: list[Sentence] = []
    starts = [s.start for s in sections]
    si = 0
    a = 0
    for end, nxt in bounds:
        b = end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            while si + 1 < len(starts) and starts[si + 1] <= a:
                si += 1
            out.append(Sentence(a, b, sections[si].kind if sections and starts[si] <= a else "other"))
        a = max(a, nxt)
    return out
