"""Split a report into its parts from the headings it uses inline.

Reports republished on the web have lost their line breaks, so a heading is a short
phrase glued to the body (``一、2020年工作回顾2020年是…``, ``2021年重点工作 今年…``).
A candidate heading starts at a sentence boundary, optionally numbered (``一、``,
``(一)``), and it becomes a section boundary only if its wording says what part of a
work report it opens:

* review of last year / of the five-year period just ended (回顾, 盘点, 成就 …),
* the next five-year plan and long-range goals (十四五, 今后五年, 远景目标, 擘画 …),
* this year's targets and tasks (2021年工作, 重点工作, 工作安排, 聚焦2021 …),
* government self-improvement (政府自身建设, 服务型政府 …), the glossary (名词解释).

Reports always run in that order, so a candidate that would go *back* (a task item
``二、着力抢抓“十四五”规划…`` inside the tasks) is a sub-heading, not a section.
Numbered sub-items (``一、实施产业大升级行动``) that name no part stay inside their
section.  The closing exhortation is the last ``各位代表`` paragraph near the end.

Speed: a report has thousands of clause boundaries and only a handful of part headings,
so boundaries are not visited one by one.  One regex over the reversed text finds the
words every part heading holds (_TRIGGERS) and reads each clause back to its boundary, at
C speed; Python then classifies only those clauses, after a cheap necessary test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from zhaoshang.extract.view import arabic_years
from zhaoshang.model import Section

__all__ = ["split_sections", "classify_heading", "plan_span", "KIND_ORDER"]

# The canonical order of a work report; review and review_plan share a rank.
KIND_ORDER: dict[str, int] = {
    "preamble": 0, "review": 1, "review_plan": 1, "plan": 2, "tasks": 3,
    "self_improvement": 4, "closing": 5, "appendix": 6, "other": 0,
}

_CN_ORD = "一二三四五六七八九十"
_NUM_PREFIX = rf"(?:[{_CN_ORD}](?: ?[{_CN_ORD}])?、|[(（][{_CN_ORD}]{{1,3}}[)）])"
# A candidate starts at text start, after sentence punctuation or whitespace.
# (Two patterns rather than ``(?:^|[…])``: one that opens with a character class lets the
# regex engine skip, in C, every position that is not a boundary.)
_BOUNDARY = re.compile(rf"[。！？!?;；:： \n\t](?=\S)(?P<num>{_NUM_PREFIX})?")
_OPENING = re.compile(rf"(?=\S)(?P<num>{_NUM_PREFIX})?")


# Every part heading holds one of these words in its first 40 characters (see
# classify_heading: an appendix opens with 名词解释/注释/附…, self-improvement names 自身建设 or
# a kind of government, a review 回顾/盘点/成就/总结/过去, and a future part one of the
# _FUTURE_WORD words).  They are looked for from their end, in the reversed text, each from
# a character that is rare in prose (the others are checked by a lookbehind): the scan
# stops at few places, and from each the clause is read back to the boundary it opens at.
_TRIGGERS = (
    "名词解释", "注释", "附", "自身建设", "服务型政府", "法治政府", "廉洁政府", "满意政府", "满意的政府",
    "建设人民满意", "回顾", "盘点", "成就", "总结", "过去", "目标", "任务", "安排", "考虑", "擘画",
    "展望", "谋划", "聚焦", "奋进", "开局",
)
_ANCHOR = "词释附身型治廉满顾盘就结去标任排作虑擘望谋焦奋局"
# _TITLE_STOP's characters, with \s listed (the regex engine tests a listed class by table
# lookup, faster than the \s category test)
_STOP_CHARS = r"。！？!?;；:：\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def _reversed_trigger(word: str) -> str:
    """``word`` as the reversed text holds it, opening with its anchor character."""
    rev = word[::-1]
    i = min(i for i, ch in enumerate(rev) if ch in _ANCHOR)
    behind = f"(?<={re.escape(rev[: i + 1])})" if i else ""
    return f"{rev[i]}{behind}{re.escape(rev[i + 1 :])}"


# 工作 is too common to stop at everywhere; it makes a future heading only as 重点工作 /
# 主要工作 or as the heading's last word (_FUTURE_WORD's 工作$), and a title ends before a
# comma or clause break, at the text end, or where _title_at and classify_heading cut it
# (24 and 40 characters into the body: the body starts 0-5 characters after the boundary).
_WORK = (
    "作工(?:点重|要主)",
    f"作(?<![^,，{_STOP_CHARS}]作)工",  # followed by a break or the text end
    f"作工(?=[^{_STOP_CHARS}]{{20,27}}(?:[。！？!?;；:： \n\t]|\\Z))",
    f"作工(?=[^{_STOP_CHARS}]{{36,43}}(?:[。！？!?;；:： \n\t]|\\Z))",
)
# (Every alternative opens with a literal, so the regex engine finds the anchors in C.)
# A trigger, then at most 45 characters back (a 40-character title plus the longest
# heading number) without a clause break, then the boundary character (a clause at the
# text start has none: _candidates always tries the opening).
_REVERSED_HEAD = re.compile(
    "(?:" + "|".join([*sorted({_reversed_trigger(w) for w in _TRIGGERS}), *_WORK]) + ")"
    + f"[^{_STOP_CHARS}]{{0,45}}+[。！？!?;；:： \n\t]"
)


# What classify_heading needs in a heading's first 40 characters, read on the raw clause:
# an appendix word first; a self-improvement or review word; or a future word together
# with a reference to the coming period (a year, a plan, 今年 …).
_SURE_WORD = re.compile(r"自身建设|服务型政府|法治政府|廉洁政府|满意的?政府|建设人民满意|回顾|盘点|成就|总结|过去")
_FUTURE_RAW = re.compile(r"目标|任务|安排|工作|考虑|擘画|展望|谋划|聚焦|奋进|开局")
_PERIOD_RAW = re.compile(
    r"(?:19|20)\d\d|[〇○零一二三四五六七八九]{4}年|十[一二三四五六]五|今后五年|未来五年|远景目标|二〇三五|今年|本年"
)
# An appendix word opening the clause, or else the clause's first 40 characters.
_CLAUSE_AT = re.compile(f"(?P<appendix>名词解释|注释|附)|[^{_STOP_CHARS}]{{0,40}}")


def _may_head(text: str, body: int) -> bool:
    """Whether the clause at ``body`` holds what classify_heading needs (a necessary
    condition, checked on the raw text before the heading is cut out and classified)."""
    clause = _CLAUSE_AT.match(text, body)
    if clause is None:  # never: the second form matches the empty clause
        return False
    if clause.lastgroup == "appendix":
        return True
    end = clause.end()
    return bool(
        _SURE_WORD.search(text, body, end) or (_PERIOD_RAW.search(text, body, end) and _FUTURE_RAW.search(text, body, end))
    )


def _candidates(text: str) -> Iterator[tuple[int, int, str | None]]:
    """(start, body start, heading number) of every place a part heading may begin.

    The same places as scanning every boundary (``_OPENING`` at the start, then
    ``_BOUNDARY.finditer``), restricted to the clauses that hold a trigger word: a clause
    without one cannot classify as a part, and skipping it is what makes this fast.
    """
    size = len(text)
    marks = set(map(size.__sub__, map(re.Match.end, _REVERSED_HEAD.finditer(text[::-1]))))
    m = _OPENING.match(text)  # always tried: one place, and it may hide behind 十 一、
    if m:
        yield 0, m.end(), m["num"]
    for c in sorted(marks):
        if c >= 2 and text[c] == " ":  # the space inside a heading number (十 一、) is not a boundary
            m = _BOUNDARY.match(text, c - 2)
            if m and m.end() > c:
                yield m.start() + 1, m.end(), m["num"]
                continue
        m = _BOUNDARY.match(text, c)
        if m:
            yield c + 1, m.end(), m["num"]


_PLAN_NAMES = "十一五|十二五|十三五|十四五|十五五|十六五"
_TITLE_END = re.compile(
    r"(?:工作回顾|发展回顾|回顾|主要成就|重点工作安排|工作安排|重点工作|主要工作|主要目标任务|目标任务|"
    r"主要任务|远景目标|奋斗目标|目标考虑|考虑|政府自身建设|自身建设|名词解释|注释|附件)"
)


_KIND_WORD = re.compile(
    r"回顾|盘点|成就|总结|过去|目标|任务|安排|工作|考虑|擘画|展望|谋划|聚焦|奋进|开局|自身建设|政府|"
    r"名词解释|注释|附|十[一二三四五六]五|20\d\d|二〇"
)


_REF_RE = re.compile(
    rf"(?P<plan>{_PLAN_NAMES})|(?P<year>(?:19|20)\d\d)年?|(?P<past5>过去五年|五年来|这五年)"
    r"|(?P<next5>今后五年|未来五年|远景目标|二〇三五|2035)|(?P<this>今年|本年)|(?P<last>去年|过去一年)"
)
_APPENDIX_HEAD = re.compile(r"名词解释|注释|附件|附录|附表|附[:：]")
_SELF_HEAD = re.compile(r"政府自身建设|自身建设|(?:服务型|法治|廉洁|人民满意的?)政府$|建设人民满意|服务型政府")
_REVIEW_WORD = re.compile(r"回顾|盘点|成就|总结|过去")
_FUTURE_WORD = re.compile(r"目标|任务|安排|重点工作|主要工作|工作$|考虑|擘画|展望|谋划|聚焦|奋进|开局")
_PERIOD_HEAD = re.compile(rf"(?:擘画|展望|谋划|聚焦|奋进|开启)?“?(?:{_PLAN_NAMES}|20\d\d)")
_FORWARD_VERB = re.compile(r"擘画|展望|谋划|聚焦")
_TITLE_STOP = re.compile(f"[{_STOP_CHARS}]")
_TITLE_GAP_BREAK = re.compile(r"[是,，]")
_COMMA = re.compile(r"[,，]")
_LIST_PUNCT = re.compile(r"[,，、]")
_SELF_TITLE = re.compile(r"(?:全面|切实|进一步|持续)?(?:加强|推进|强化)(?:政府)?自身建设")


def _plan_ordinal(name: str) -> int:
    core = name.removesuffix("五")
    return {"十一": 11, "十二": 12, "十三": 13, "十四": 14, "十五": 15, "十六": 16}[core]


def plan_span(ordinal: int) -> tuple[int, int]:
    """Years of the n-th five-year plan (十三五 → 2016-2020); regular since the 3rd (1966)."""
    start = 1966 + 5 * (ordinal - 3)
    return start, start + 4


def _refs(title: str, year: int | None) -> list[tuple[int, str]]:
    """Positions in ``title`` of references to last year, the past plan, the next plan, this year."""
    refs: list[tuple[int, str]] = []
    for m in _REF_RE.finditer(title):
        if m["plan"]:
            lo, hi = plan_span(_plan_ordinal(m["plan"]))
            if year is None:
                refs.append((m.start(), "plan" if lo >= 2021 else "review_plan"))
            else:
                refs.append((m.start(), "review_plan" if hi < year else "plan"))
        elif m["year"]:
            y = int(m["year"])
            if y == 2035 or (year is not None and y > year):
                refs.append((m.start(), "plan"))
            elif year is None or y == year:
                refs.append((m.start(), "tasks"))
            elif y == year - 1:
                refs.append((m.start(), "review"))
        elif m["past5"]:
            refs.append((m.start(), "review_plan"))
        elif m["next5"]:
            refs.append((m.start(), "plan"))
        elif m["this"]:
            refs.append((m.start(), "tasks"))
        elif m["last"]:
            refs.append((m.start(), "review"))
    return refs


def classify_heading(title: str, year: int | None) -> str | None:
    """The section kind a heading opens, or None if it is not a part heading."""
    head = arabic_years(title[:40])
    if _APPENDIX_HEAD.match(head):
        return "appendix"
    if _SELF_HEAD.search(head):
        return "self_improvement"
    refs = _refs(head, year)
    is_review = _REVIEW_WORD.search(head) is not None
    is_future = _FUTURE_WORD.search(head) is not None
    if is_review:
        past = [k for _, k in refs if k in ("review", "review_plan")]
        return past[0] if past else "review"
    if is_future or _PERIOD_HEAD.match(head):
        future = [k for _, k in refs if k in ("plan", "tasks")]
        if future and (is_future or _FORWARD_VERB.match(head)):
            return future[0]
    return None


def _title_at(text: str, start: int) -> str:
    """The heading text: up to a heading-final word or the first clause break, at most 40 chars."""
    window = text[start : start + 48]
    stop = _TITLE_STOP.search(window)
    limit = stop.start() if stop else len(window)
    matches = list(_TITLE_END.finditer(window[:limit]))
    if matches:
        end = matches[0].end()
        for m in matches[1:]:  # 远景目标及“十四五”时期…主要目标任务: one heading, several ends
            gap = window[end : m.start()]
            if len(gap) > 14 or _TITLE_GAP_BREAK.search(gap):
                break
            end = m.end()
        return window[:end]
    comma = _COMMA.search(window, 0, limit)
    return window[: comma.start() if comma else min(limit, 24)]


def split_sections(text: str, year: int | None = None) -> list[Section]:
    """Contiguous sections covering ``text`` (preamble first), each with a kind and title."""
    bounds: list[tuple[int, str, str]] = []  # (start, kind, title)
    current = "preamble"
    for start, body, num in _candidates(text):
        if not _may_head(text, body):
            continue  # cannot classify as a part (a necessary condition of classify_heading)
        if not _KIND_WORD.search(text, body, body + 48):
            continue  # cheap test first: no word that could make this a part heading
        title = _title_at(text, body)
        if not title:
            continue
        if num is None and not _heading_shaped(title) and not _APPENDIX_HEAD.match(title):
            continue  # _unnumbered_ok would refuse it, whatever its kind: skip classifying
        kind = classify_heading(title, year)
        if kind is None:
            continue
        numbered = num is not None
        if num and num[0] in "(（":
            if kind not in ("self_improvement", "appendix"):
                continue  # (一) items are never top-level parts except these two
            if kind == "self_improvement" and current in ("preamble", "review", "review_plan"):
                continue  # （六）政府自身建设不断加强 inside the review: last year's work, not the part
        if not numbered and not _unnumbered_ok(title, kind, year):
            continue
        if KIND_ORDER[kind] < KIND_ORDER[current]:
            continue
        if bounds and bounds[-1][1] == kind and kind not in ("review", "review_plan"):
            continue
        if bounds and start - bounds[-1][0] < len(bounds[-1][2]) + 2:
            continue  # a heading repeated right after itself
        bounds.append((start, kind, (num or "") + title))
        current = kind
    bounds = _add_glued_appendix(text, bounds)
    bounds = _add_closing(text, bounds)
    sections: list[Section] = []
    if not bounds or bounds[0][0] > 0:
        first_end = bounds[0][0] if bounds else len(text)
        sections.append(Section("preamble" if bounds else "other", "", 0, first_end))
    for i, (start, kind, title) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        sections.append(Section(kind, title, start, end))
    return sections


def _heading_shaped(title: str) -> bool:
    """Short, without a comma, and ending like a heading: what an unnumbered heading needs."""
    return len(title) <= 26 and not _LIST_PUNCT.search(title) and _TITLE_END.search(title) is not None


def _unnumbered_ok(title: str, kind: str, year: int | None) -> bool:
    """An unnumbered heading is a bare noun phrase: no comma, short, ending like a heading,
    and (except the fixed ones) naming the period it covers."""
    if kind == "appendix":
        return True
    if not _heading_shaped(title):
        return False
    if kind == "self_improvement":
        return _SELF_TITLE.fullmatch(title) is not None
    return bool(_refs(arabic_years(title), year))


_GLOSSARY_WORDS = ("名词解释", "注释", "注解")
_GLOSSARY_ITEM = re.compile(r"[:：]?\s*(?:\d+[.、．]|[一二三四五六七八九十]、|[(（]?[一1][)）])")


def _last_glossary_heading(text: str, lo: int) -> tuple[int, str] | None:
    """The last 名词解释/注释/注解 at or after ``lo`` that a numbered item follows.

    Found from the end with ``str.rfind`` (C speed; the words never overlap one another)."""
    found: tuple[int, str] | None = None
    for word in _GLOSSARY_WORDS:
        hi = len(text)
        while (i := text.rfind(word, lo, hi)) >= 0:
            if _GLOSSARY_ITEM.match(text, i + len(word)):
                if found is None or i > found[0]:
                    found = (i, word)
                break
            hi = i + len(word) - 1
    return found


def _add_glued_appendix(text: str, bounds: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """A glossary heading glued to the text before it (…建设局名词解释1.四条防线…), which the
    boundary scan cannot see: the last such heading after the last part is the appendix."""
    if any(kind == "appendix" for _, kind, _ in bounds):
        return bounds
    last_start = bounds[-1][0] if bounds else 0
    found = _last_glossary_heading(text, last_start)
    if found is None or found[0] <= last_start:
        return bounds
    return [*bounds, (found[0], "appendix", found[1])]


_SALUTATION = re.compile(r"各位代表[,，!！、:：]")


def _add_closing(text: str, bounds: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """Insert the closing exhortation: the last 各位代表 after the last body section."""
    if not bounds:
        return bounds
    body = [b for b in bounds if b[1] != "appendix"]
    if not body or body[-1][1] not in ("plan", "tasks", "self_improvement"):
        return bounds
    appendix_start = next((b[0] for b in bounds if b[1] == "appendix"), len(text))
    last = None
    for m in _SALUTATION.finditer(text, body[-1][0], appendix_start):
        last = m.start()
    if last is None or last < body[-1][0] + len(body[-1][2]) + 20 or (appendix_start - last) > 3000:
        return bounds  # none, or the section's own opening words, or too far from the end
    out = [b for b in bounds if b[0] < last]
    out.append((last, "closing", "各位代表"))
    out.extend(b for b in bounds if b[0] > last)
    return out
