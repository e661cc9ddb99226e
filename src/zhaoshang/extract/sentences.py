"""Split a report into sentences with spans, each tagged with the kind of its section.

A sentence ends at 。！？；(full-width or ASCII) or at a paragraph gap: a line break that
does not merely wrap a line (see view.SOFT_BREAK), or a space between Chinese text (a
space next to Latin letters or digits, GDP 1835亿元, is part of the sentence).
Enumerations that reports run together inside one paragraph also start a new sentence:
``…：一是…，二是…`` and ``(一)…`` — each item states its own facts, and an indicator must
never borrow a subject from the previous item.  Section boundaries always end a
sentence, so a heading never glues onto the body that follows it.

Speed: a report has thousands of sentences, so they are found by one regex whose every
match *is* a sentence (already stripped of surrounding blanks), read with C-level
``map``; Python runs only at the few places that need context: line breaks (a wrapped
line joins the two pieces the regex cut there), list items and section starts (found by
literal-led searches, they split the sentence they fall in).
"""

from __future__ import annotations

import bisect
import re
from itertools import compress, repeat

from zhaoshang.extract.view import SOFT_BREAK as _SOFT_BREAK
from zhaoshang.extract.view import is_soft_break
from zhaoshang.model import Section, Sentence

__all__ = ["split_sentences", "SENTENCE_END"]

SENTENCE_END = "。！？；!?;"
_ORD = "一二三四五六七八九十"
_MARKS = re.escape(SENTENCE_END)
# Every character str.isspace() and the regex \s accept, listed: the regex engine tests a
# listed class by table lookup, several times faster than the \s category test.
_BLANK = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_LATIN_CHARS = "A-Za-z0-9%."
# A sentence runs to its terminal marks (with a closing quote).  A blank run without a line
# break stays inside it when a Latin letter or digit touches it (GDP 1835亿元, 5 G).
_TERM = rf"[{_MARKS}]+[”’\"]?"
_ATOM = (
    rf"[^{_BLANK}{_MARKS}]++"
    rf"|(?<=[{_LATIN_CHARS}])[^\S\n]++(?=[^{_BLANK}])"
    rf"|[^\S\n]++(?=[{_LATIN_CHARS}])"
)
# One sentence, from its first to its last non-blank character, before the cuts that
# need context: every blank run holding a line break ends it here (the ones that only wrap
# a line are joined afterwards), and list items and section starts split it afterwards.
_SENTENCE = re.compile(rf"{_TERM}|[^{_BLANK}{_MARKS}]++(?:{_ATOM})*+(?:{_TERM})?")
_BLANK_RUN = re.compile(rf"[{_BLANK}]+")
_MARK_SET = frozenset(SENTENCE_END)
# List items run together in a paragraph start a new sentence: after the comma or colon
# before 一是/二是…, and at a (一) item.  Each pattern opens with a literal, which the regex
# engine finds at C speed.
_ITEM_AFTER = re.compile(rf"是(?<=[,，:：][{_ORD}]是)(?=[^,，。])")
_ITEM_BRACKETS = (re.compile(rf"\((?=[{_ORD}]{{1,3}}[)）])"), re.compile(rf"（(?=[{_ORD}]{{1,3}}[)）])"))


def split_sentences(text: str, sections: list[Section] | None = None) -> list[Sentence]:
    """Sentences covering every non-blank stretch of ``text``, in order."""
    sections = sections or []
    cut_at = [s.start for s in sections]
    if cut_at and (cut_at[0] < 0 or cut_at[-1] > len(text) or any(b < a for a, b in zip(cut_at, cut_at[1:]))):
        return _split_general(text, sections)
    found = list(_SENTENCE.finditer(text))
    starts, ends = list(map(re.Match.start, found)), list(map(re.Match.end, found))
    if "\n" in text:
        starts, ends = _join_wrapped_lines(text, starts, ends)
    cuts = _item_starts(text)
    if len(cut_at) > 1:
        cuts = sorted({*cuts, *cut_at[1:]})
    for x in cuts:
        _cut_at(text, starts, ends, x)
    return list(map(Sentence, starts, ends, _kinds(sections, cut_at, starts)))


def _join_wrapped_lines(text: str, starts: list[int], ends: list[int]) -> tuple[list[int], list[int]]:
    """Join the two sentences on either side of a line break that only wraps a line."""
    joined: list[int] = []  # index of every sentence that continues the one before it
    i = text.find("\n")
    while i >= 0:
        if text[i - 1 : i] in _MARK_SET:  # …。\n: a paragraph end, the common case
            i = text.find("\n", i + 1)
            continue
        run = _BLANK_RUN.match(text, _blank_run_start(text, i))
        if not _ends_sentence(text, run.start()):
            soft = _SOFT_BREAK.match(text, run.start())
            if soft and is_soft_break(text, soft):
                k = bisect.bisect_left(starts, run.end())
                if 0 < k < len(starts) and starts[k] == run.end() and ends[k - 1] == run.start():
                    joined.append(k)
        i = text.find("\n", run.end())
    if not joined:
        return starts, ends
    keep_start, keep_end = [True] * len(starts), [True] * len(ends)
    for k in joined:
        keep_start[k] = keep_end[k - 1] = False
    return list(compress(starts, keep_start)), list(compress(ends, keep_end))


def _ends_sentence(text: str, end: int) -> bool:
    """Whether ``text[:end]`` closes with a sentence's own end (…。 / …。”): a line break
    right after it joins nothing."""
    last = text[end - 1 : end]
    if last and last in "”’\"":
        last = text[end - 2 : end - 1]
    return bool(last) and last in SENTENCE_END


def _blank_run_start(text: str, i: int) -> int:
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i


def _item_starts(text: str) -> list[int]:
    """Where a list item run into its paragraph starts a new sentence (…，二是 / (一)…)."""
    cuts = [m.start() - 1 for m in _ITEM_AFTER.finditer(text)]
    for pattern in _ITEM_BRACKETS:
        cuts += [m.start() for m in pattern.finditer(text)]
    return sorted(cuts)


def _cut_at(text: str, starts: list[int], ends: list[int], x: int) -> None:
    """Split the sentence ``x`` falls inside, if any: a list item, or a section start (a
    heading never joins the body).  In place."""
    k = bisect.bisect_left(starts, x) - 1  # the last sentence starting before x
    if k < 0 or not x < ends[k]:
        return
    parts = [p for p in (_strip(text, starts[k], x), _strip(text, x, ends[k])) if p[0] < p[1]]
    starts[k : k + 1] = [a for a, _ in parts]
    ends[k : k + 1] = [b for _, b in parts]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _kinds(sections: list[Section], cut_at: list[int], starts: list[int]) -> list[str]:
    """The kind of the section each sentence starts in ("other" before the first one)."""
    if not sections:
        return ["other"] * len(starts)
    kinds: list[str] = []
    first = bisect.bisect_left(starts, cut_at[0])
    kinds.extend(repeat("other", first))
    for i, sec in enumerate(sections):
        upto = bisect.bisect_left(starts, cut_at[i + 1]) if i + 1 < len(sections) else len(starts)
        kinds.extend(repeat(sec.kind, max(0, upto - len(kinds))))
    return kinds


# The boundary-at-a-time form of the same rules, for :func:`_split_general`.
_CUT = re.compile(
    r"[。！？；!?;\s,，:：(（]"
    rf"(?:(?<=[{re.escape(SENTENCE_END)}])(?P<end>[{re.escape(SENTENCE_END)}]*[”’\"]?)"
    r"|(?<=\s)(?P<ws>\s*)"
    rf"|(?<=[,，:：])(?P<item>)(?=[{_ORD}]是[^,，。])"
    rf"|(?<=[(（])(?P<bracket>)(?=[{_ORD}]{{1,3}}[)）]))"
)


_LATIN = re.compile(r"[A-Za-z0-9%.]")


def _split_general(text: str, sections: list[Section]) -> list[Sentence]:
    """The same cuts, one boundary at a time: for section lists that are out of order or
    out of range (callers passing their own), where the fast path's bisects do not apply."""
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
