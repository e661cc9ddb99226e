"""Which period a statement is about, anchored on the report year.

A work report delivered in year ``Y`` reviews ``Y-1`` and the five-year plan that just
ended, then sets goals for the next plan and for ``Y`` itself.  The *scope* of a
sentence starts from its section's kind and follows the time markers the prose uses
to move between those parts (过去五年 / 五年来 / “十三五”时期 → the past plan;
2020年是…的一年 / 过去一年 → last year; 今后五年 → the next plan; 今年 → this year).
Inside a clause, an explicit year (2020年达…, 到2025年, 从2015年的…) or a comparison
with the start of the plan (较2015年增长, 较“十二五”末) overrides the scope; a horizon opening
a clause (…，到2025年底…) dates the rest of its sentence; a base year (在2020年基础上) or a
year inside a document's name (…2035年远景目标的建议) dates nothing; 今后五年 whose passage
writes its end year (…到2027年…) is the five years ending there.

Plan spans are computed from the plan's ordinal, never hard-coded, so the same rules
read a 2016 or a 2026 report.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from zhaoshang.extract.sections import plan_span

# Patterns used inside functions, compiled once (re's cache lookup costs ~1 µs a call).
_PLAN_NAME = re.compile(r"十([一二三四五六])五(?!”?(?:末|期末))")
_MOVES_ON = re.compile(r"#.*(?:到|至)")
_TARGET_TALK = re.compile(r"今年|力争|预期目标|主要目标")
_REVIEW_TALK = re.compile(r"去年|过去一年|刚刚过去")
_SINCE_BASE = re.compile(r"(?:较|比|与)(?:“?十([一二三四五])五”?(?:末|期末|时期)?|((?:19|20)\d\d)年(?:底|末)?)(?:相比)?[^#]*$")
_PLAN_END = re.compile(r"“?十([一二三四五六])五”?(?:末|期末)")
_FRONTING = re.compile(r"\s*(?:到|至|截至|截止|在|于|预计到|力争到|确保到)?")
_CLAUSE_OR_TO = re.compile(r"[,，]|到|至")
_CLAUSE = re.compile(r"[,，]")
_FROM_END = re.compile(r"(?:从|由)$")
_FRONTED_END = re.compile(r"(?:底|末|年底|年末)?[,，]")


__all__ = [
    "Scope", "ScopeTracker", "plan_of_year", "plan_name", "period_label", "scope_period", "past_span", "next_span",
    "named_plan", "infer_year", "explicit_period",
]

Scope = str
""""last" | "past_plan" | "next_plan" | "this" | "unknown" | "plan_<n>" (a named plan) |
"last_results" (a table of last year's results, heeded in any section) |
"years_<first>_<last>" (今后五年 with its end year written: 今后五年…到2027年)."""

_ORD_CN = {11: "十一", 12: "十二", 13: "十三", 14: "十四", 15: "十五", 16: "十六"}
_CN_ORD = {v: k for k, v in _ORD_CN.items()}


def plan_of_year(year: int) -> int:
    """Ordinal of the five-year plan containing ``year`` (2020 → 13)."""
    return (year - 1966) // 5 + 3


def plan_name(ordinal: int) -> str:
    return _ORD_CN.get(ordinal, "") + "五"


def period_label(lo: int, hi: int) -> str:
    return str(lo) if lo == hi else f"{lo}-{hi}"


def past_span(year: int) -> tuple[int, int]:
    """The five years a report of ``year`` reviews: the plan just ended when ``year`` opens a
    new plan (2021 → 2016-2020), else the last five years (a 2022 换届 report → 2017-2021)."""
    lo, hi = plan_span(plan_of_year(year - 1))
    return (lo, hi) if hi == year - 1 else (year - 5, year - 1)


def next_span(year: int) -> tuple[int, int]:
    """The plan a report of ``year`` sets goals for: the five-year plan in force (a 2021,
    2022 or 2023 report's goals are 十四五 goals, 2021-2025)."""
    return plan_span(plan_of_year(year))


def _target_year_span(y: int, year: int) -> tuple[int, int]:
    """A goal dated to a future year: the closing year of the plan in force stands for
    the plan (到2025年 → 2021-2025); any other year for itself (到2035年 → 2035)."""
    lo, hi = next_span(year)
    return (lo, hi) if y == hi else (y, y)


@lru_cache(maxsize=256)
def scope_period(scope: Scope, year: int) -> tuple[int, int] | None:
    """The (first, last) year a scope covers for a report of ``year``."""
    if scope in ("last", "last_results"):
        return year - 1, year - 1
    if scope == "this":
        return year, year
    if scope == "past_plan":
        return past_span(year)
    if scope == "next_plan":
        return next_span(year)
    if scope.startswith("plan_"):
        return plan_span(int(scope[5:]))
    if scope.startswith("years_"):
        lo, hi = scope[6:].split("_")
        return int(lo), int(hi)
    return None


def named_plan(text: str) -> tuple[int, int] | None:
    """Span of the five-year plan named last in ``text`` (“十三五”期间 → 2016-2020), unless
    it names the plan's end (“十二五”末) or the text moves on from it (…#增加到…)."""
    found = None
    if "五" not in text:  # every plan name has it: skip the scan
        return None
    for m in _PLAN_NAME.finditer(text):
        found = m
    if found is None or _MOVES_ON.search(text[found.end() :]):
        return None  # 由“十二五”#增加到#: the plan dates the first figure only
    return plan_span(_CN_ORD["十" + found.group(1)])


_DEFAULT_SCOPE: dict[str, Scope] = {
    "review": "last", "review_plan": "past_plan", "plan": "next_plan", "tasks": "this",
    "self_improvement": "this", "closing": "this", "appendix": "this",
    "preamble": "unknown", "other": "unknown",
}


@dataclass
class ScopeTracker:
    """The time markers of a report of ``year`` and the scope they give each sentence.

    A marker moves the scope for the rest of its section, but only towards a part that
    section can hold (a review moves between last year and the past plan; the plan and
    tasks parts between the next plan and this year).
    """

    year: int

    def __post_init__(self) -> None:
        y = self.year
        past_lo, past_hi = past_span(y)
        past = plan_name(plan_of_year(past_hi)) if past_hi == plan_span(plan_of_year(past_hi))[1] else None
        nxt = plan_name(plan_of_year(y))
        # (scope, alternatives in the order they are tried); an alternative is (head, core,
        # tail): ``core`` is a literal every match holds, found fast by :meth:`markers`; the
        # head before it is a literal or a (regex, possible widths) pair.  A sentence start
        # (_SOS) is a terminal mark, consumed.
        # Only paragraph-level phrases move the scope for what follows; a goal date inside a
        # task (到2025年…, “十四五”末…) dates its own sentence only (see explicit_period).
        since = "”?(?:时期|期间|以来)(?!规划)"
        named = "”?(?:时期|期间)(?!规划)"
        last, this = f"{y - 1}年", f"{y}年"
        scopes: list[tuple[str, list[tuple[_Head, str, str]]]] = [
            ("past_plan", [("过去", "五年", ""), ("", "五年", "来"), ("这", "五年", ""), ("", "五年", "间"),
                           ("", "五年", "中"), *([(_QUOTE, past, since)] if past else [])]),
            # 附：2025年主要指标完成情况: a table of last year's results, wherever it is printed
            # (before "last", which would take the same sentence start)
            ("last_results", [(_SENTENCE_LEAD, last, "[^。；;]{0,10}完成情况"), ("", last, "[^。；;]{0,10}完成情况")]),
            ("last", [("过去", "一年", ""), ("", "一年", "来"), ("", "去年", ""), ("刚刚过去的", last, ""),
                      (_SENTENCE_LEAD, last, ""), ("", last, "[,，]?是[^。]{0,40}一年")]),
            ("next_plan", [("今后", "五年", ""), ("未来", "五年", "")]),
            (f"plan_{plan_of_year(y)}", [(_SOS_QUOTE, nxt, named)]),
            ("this", [("", "今年", ""), (_SENTENCE_LEAD, this, ""), ("", this, "[,，]?是")]),
        ]
        self._both_text = re.compile(
            "|".join(
                f"(?P<{scope}>"
                + "|".join((re.escape(h) if isinstance(h, str) else h[0]) + re.escape(core) + tail for h, core, tail in alts)
                + ")"
                for scope, alts in scopes
            )
        )
        # Where each core can sit after a match start, and one scan per last character of
        # the cores: a pattern that opens with a literal is searched for in C, fast (a class
        # or an alternation of literals is tried character by character, ~20x slower).
        # For each core, the widths its heads can have and, per width, the characters a
        # marker can start with there: a start whose character no head of that width
        # opens with cannot match, and is not tried.
        heads: dict[str, dict[int, set[str]]] = {}
        for _, alts in scopes:
            for h, core, _ in alts:
                widths = heads.setdefault(core, {})
                if isinstance(h, str):
                    widths.setdefault(len(h), set()).add((h or core)[0])
                else:
                    for w in h[1]:
                        widths.setdefault(w, set()).update(h[2] if w else core[0])
        by_last: dict[str, list[tuple[str, int, tuple[tuple[int, frozenset[str]], ...]]]] = {}
        for core, widths in heads.items():
            by_last.setdefault(core[-1], []).append(
                (core, len(core), tuple((w, frozenset(chars)) for w, chars in sorted(widths.items())))
            )
        self._core_scans = [
            (re.compile(re.escape(ch) + "(?:" + "|".join(f"(?<={re.escape(c)})" for c, _, _ in cores) + ")"), cores)
            for ch, cores in by_last.items()
        ]

    def markers(self, text: str) -> list[tuple[int, Scope]]:
        """Every time marker of a whole text, (position, scope) in order: scan once, then
        :meth:`scope_at` answers per sentence without rescanning.

        The result is that of ``finditer`` over the text with a terminal mark prepended (the
        first sentence's start); but that would try the alternation at every character, so
        the markers' literal cores are found first and the pattern is matched only where a
        marker holding them could start, leftmost first, never inside an earlier marker."""
        padded = "\n" + text
        starts: list[int] = []
        startswith = padded.startswith
        for scan, cores in self._core_scans:
            for hit in scan.finditer(padded):
                end = hit.end()
                for core, n, widths in cores:
                    if startswith(core, end - n):
                        at = end - n
                        for w, chars in widths:
                            if w <= at and padded[at - w] in chars:
                                starts.append(at - w)
        starts.sort()
        out: list[tuple[int, Scope]] = []
        match = self._both_text.match
        end = 0
        for p in starts:
            if p < end or not (m := match(padded, p)):
                continue
            end = m.end()
            if padded[p] in _TERMINALS:
                p += 1  # the consumed sentence end belongs to the sentence before
            out.append((p - 1, m.lastgroup or "unknown"))
        return [(p, self._dated(text, p) if scope == "next_plan" else scope) for p, scope in out]

    def _dated(self, text: str, pos: int) -> Scope:
        """今后五年 counts from the report year; when the passage it opens writes the end year
        (今后五年…主要目标是：…，到2027年…), a 2023 report's goals are about 2023-2027, not the
        plan in force (2021-2025).  Without an end year, the plan in force (the gold convention)."""
        m = _END_YEAR.search(text, pos, pos + _DATED_REACH)
        if m:
            y = int(m.group(1))
            if y != next_span(self.year)[1] and self.year - 1 <= y - 4 <= self.year + 1:
                return f"years_{y - 4}_{y}"
        return "next_plan"

    def scope_at(self, markers: list[tuple[int, Scope]], positions: list[int], section_kind: str,
                 section_start: int, pos: int) -> Scope:
        """Scope at text position ``pos``: the last marker its section kind heeds between the
        section start and ``pos``, else the section default."""
        allowed = _ALLOWED.get(section_kind, ())
        i = bisect.bisect_left(positions, pos) - 1
        while i >= 0 and positions[i] >= section_start:
            scope = markers[i][1]
            if scope in allowed or scope == "last_results" or (scope.startswith(("plan_", "years_")) and "next_plan" in allowed):
                return scope
            i -= 1
        return _DEFAULT_SCOPE.get(section_kind, "unknown")


_TERMINALS = frozenset("。！？；!?;\n \t\r\u3000")
_SOS = r"[。！？；!?;\n \t]"  # a sentence end (or the mark prepended to a text) before a marker
_SOS_CHARS = "。！？；!?;\n \t"
_Head = str | tuple[str, range, str]
"""What comes before a marker's core: a literal, or a regex with the widths it can match
and the characters it starts with when not empty."""
_QUOTE: _Head = ("“?", range(2), "“")
_SOS_QUOTE: _Head = (_SOS + "“?", range(1, 3), _SOS_CHARS)
_SENTENCE_LEAD: _Head = (_SOS + "[^,，。]{0,8}", range(1, 10), _SOS_CHARS)  # 。2020年 / 。在刚刚过去的2020年
_ALLOWED: dict[str, tuple[Scope, ...]] = {
    "review": ("past_plan", "last"), "review_plan": ("past_plan", "last"),
    "plan": ("next_plan", "this"), "tasks": ("next_plan", "this"), "closing": ("next_plan", "this"),
    "preamble": ("past_plan", "last", "next_plan", "this"), "other": ("past_plan", "last", "next_plan", "this"),
}


_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)年")
_END_YEAR = re.compile(r"(?:到|至)((?:19|20)\d\d)年")
_DATED_REACH = 300
"""How far after 今后五年 its end year may be written: the heading or opening sentence names the
period, the goals follow a sentence or two later (今后五年，是…关键时期。…力争到2027年，…)."""
_PREVIOUS_FIVE = re.compile(r"(?:较|比|与)(?:上个|上一个|前一个|前)五年")
_BASE_YEAR = re.compile(r"在(?:19|20)\d\d年的?基础上")
"""A base (翻一番 在2020年基础上) names the year compared with, not the year a figure is about."""
_NAMED_YEAR = re.compile(r"(?:19|20)\d\d年远景目标的?(?:建议|纲要)")
"""A year inside a document's name (“十四五”规划和二〇三五年远景目标的建议) dates nothing."""
_HORIZON_LEAD = re.compile(r"\s*(?:展望|预计到|力争到?|确保到?|争取到?|到|至)")
"""What opens a clause with a horizon (，到2025年底…): it dates the rest of its sentence."""
_COMPARISON = re.compile(
    r"(?:较|比|与)(?:上年|去年|同期|上年同期|(?:19|20)\d\d年(?:同期|底|末)?|“?十[一二三四五六]五”?(?:末|期末|时期)?)(?:相比)?"
)


def infer_year(text: str) -> int | None:
    """Meeting year of a report that does not state it: the year after the latest past year
    it reviews, or the latest year it targets when it only talks about targets."""
    years = [
        int(m.group(1))
        for m in _YEAR_RE.finditer(text)
        if text[max(0, m.start() - 1) : m.start()] not in ("到", "至") and int(m.group(1)) < 2100
    ]
    if not years:
        return None
    latest = max(years)
    if _TARGET_TALK.search(text) and not _REVIEW_TALK.search(text):
        return latest
    return latest + 1


def _fronts(lead: str, tail: str) -> bool:
    """Whether a date between ``lead`` and ``tail`` dates the rest of its sentence: it fronts
    the sentence (2020年，… / 到“十四五”末，…) or a horizon opens its clause (…，到2025年底…)."""
    return (_FRONTING.fullmatch(lead) is not None and _FRONTED_END.match(tail) is not None) or (
        _HORIZON_LEAD.fullmatch(lead[max(map(lead.rfind, ",，:：")) + 1 :]) is not None
    )


def explicit_period(prefix: str, year: int, scope: Scope) -> tuple[int, int] | None:
    """Period named right before an amount (first and last year).

    ``prefix`` is the clause text leading to the amount.  Returns the span the amount is
    about, or None when the clause names no period of its own.
    """
    # Each pattern below needs a character of its own (a comparison word, 五, 年): a plain
    # ``in`` test skips the patterns a clause cannot match.
    if "五年" in prefix and _PREVIOUS_FIVE.search(prefix):
        return past_span(year)  # 较上个五年增长46.5%: growth of the past five years over the five before
    if "较" in prefix or "比" in prefix or "与" in prefix:
        # 较2015年增长 / 比“十二五”末 / 较“十二五”: growth over the whole past plan.
        m = _SINCE_BASE.search(prefix)
        if m:
            if m.group(2):
                base = int(m.group(2))
            else:
                base = plan_span(_CN_ORD["十" + m.group(1)])[1]
            if base < year - 1:
                return (base + 1, year - 1)
        # A comparison base (比2020年, 较上年) names the year compared with, not the year the
        # figure is about: drop it before looking for dates.
        prefix = _COMPARISON.sub("", prefix)
    if "基础上" in prefix:
        prefix = _BASE_YEAR.sub("", prefix)
    if "远景目标" in prefix:
        prefix = _NAMED_YEAR.sub("", prefix)
    m = None
    if "五" in prefix:
        for m in _PLAN_END.finditer(prefix):
            pass
    if m is not None and (
        _fronts(prefix[: m.start()], tail := prefix[m.end() :]) or ("#" not in tail.lstrip("的") and not _CLAUSE.search(tail))
    ):
        # …由“十二五”末的…调整为…，X年均增长…: a plan end dates its own clause, or the rest of
        # the sentence when it fronts it (到“十四五”末，…)
        lo, hi = plan_span(_CN_ORD["十" + m.group(1)])
        # “十二五”末的564亿元 (a past level) / 到“十四五”末达到450亿元 (a goal for the plan)
        return (hi, hi) if hi < year else (lo, hi)
    m = None
    if "年" in prefix:
        for m in _YEAR_RE.finditer(prefix):
            pass
    if m is not None:
        y = int(m.group(1))
        tail = prefix[m.end() :]
        lead = prefix[: m.start()]
        if "#" in tail and not _fronts(lead, tail):
            # 2020年实现生产总值#、规上工业增加值#: the year dates the whole list in its clause,
            # but not past a clause break, nor in 从2015年的#提升到# (it dates only the first).
            # A year fronting the sentence (2020年，…) or a horizon opening a clause
            # (…，到2025年底…) dates the rest of the sentence.
            if _CLAUSE_OR_TO.search(tail) or _FROM_END.search(prefix[max(0, m.start() - 1) : m.start()]):
                return None
        if y > year:
            dated = scope_period(scope, year) if scope.startswith("years_") else None
            return dated if dated is not None and dated[1] == y else _target_year_span(y, year)
        if y == year and lead[-1:] in ("到", "至"):
            # 到2025年底 in a 2025 report: the plan's goal when the plan ends this year
            return _target_year_span(y, year)
        if year - 15 <= y <= year:
            return (y, y)
    if scope == "past_plan" and _FROM_END.search(prefix):
        past_lo = past_span(year)[0]
        return (past_lo - 1, past_lo - 1)
    return None
