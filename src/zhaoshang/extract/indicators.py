"""Indicators: every statement of a SCHEMA metric that carries a number.

How a number is bound to a metric, sentence by sentence:

1. Metric mentions come from the alias catalogue (metrics.py); amounts from numbers.py.
2. A *list* of amounts with the same unit (6.3%和9%, 26.8%、12%、0.6%和25.9%) is bound
   item by item to a list of subjects: the mentions joined by 、/和/与 before it
   (固定资产投资、规模工业增加值年均分别增长12%、7.2%), a compound subject (城乡居民… →
   urban, rural), or — when its clause names no subject (…,较2015年分别增长…) — the
   subjects of the amounts just before it.  Counts must agree, or nothing is bound.
3. A single amount is bound to the nearest mention before it when the words between
   them are only the vocabulary of an indicator statement (verbs such as 增长/达到/
   控制在, time words, qualifiers, earlier figures of the same subject): anything else
   means the number belongs to some other subject (第三产业完成投资…).  A clause opened
   by a pronoun (总量/总产/产量…) refers back to the last mention whose unit fits;
   人均… after a GDP figure is GDP per head; …，力争7% raises the bar of the figure before.
4. The unit must fit the metric (a grain output is in 吨/斤, never in 亩).  A % is a
   growth (增长/下降 → negative), an average growth (年均), or for rate metrics the rate
   itself; a bare % of a non-rate metric (占比) is not the metric.  Changes stated in
   absolute terms (增加了13597元) and percentage points are not labelled.
5. Period from the section scope and clause markers (periods.py); kind is ``actual``
   when the period has ended by the report year, else ``target``.  Convention for
   两年平均增长 / 三年平均增长 (used in 2021–2023 reports to smooth the 2020 base): the
   measure is ``avg_growth_pct`` and the period is the N years ending at the statement's
   own year — a 2022 report's review gives "2020-2021" (SCHEMA.md has no rule for it;
   this mirrors 年均增长 over a plan, whose period is the plan's span).
6. Scope: a metric named right after a sub-area (临港新片区…, …园区…, …镇…, …街道…) is that
   area's figure, not the region's, unless the name is the report region's own; a
   分别 list borrows the subjects of earlier figures only when its clause names no
   subject of its own (…，低保标准分别提高到… is not about the incomes before it); a
   qualifier after a list's last figure (分别增长8%和9%左右) holds for every figure.

The result is deduplicated on (metric, period, kind, measure, number, unit): a target
restated in an annex is one fact, reported at its first statement.

Cost: the whole text is scanned once for metric mentions (an Aho–Corasick automaton,
metrics.py) and once for time markers (literal cores, periods.py); only the sentences a
mention falls in (found by bisecting the sentence starts) are read for figures and bound,
so the Python rules run on a few hundred sentences, not on every sentence of the report.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

from zhaoshang.extract.metrics import Catalogue, Mention, catalogue, find_mentions
from zhaoshang.extract.numbers import Amount, amounts_in, is_milestone, money_to_yuan
from zhaoshang.extract.periods import (
    ScopeTracker,
    explicit_period,
    infer_year,
    named_plan,
    period_label,
    scope_period,
)
from zhaoshang.extract.sections import split_sections
from zhaoshang.extract.sentences import split_sentences
from zhaoshang.extract.view import ReadingView
from zhaoshang.model import Document, Indicator, RegionRef, Section, Sentence
from zhaoshang.regions.gazetteer import load_gazetteer

# Patterns used inside functions, compiled once (re's cache lookup costs ~1 µs a call).
_LIST_ITEM_SEP = re.compile(r"、|(?<!增)和|与|及")
_CHANGE_VERB_END = re.compile(r"(?:增长|下降|提高|降低)$")
_APPROX_MARK = re.compile(r"[余多]")
_PAST_FIVE_YEARS = re.compile(r"过去五年|五年来")
_TARGET_WORD = re.compile(r"力争|确保|预期|目标|今年|计划")
_DATE_CHAR = re.compile("[年五较比与从由]")  # what explicit_period / named_plan / 过去五年 need


__all__ = ["extract_indicators"]

_MAGNITUDE = re.compile(r"^(?:万亿|亿|万|千|百)")
# Words allowed between a metric and its number (see module docstring, rule 3).
_GAP_TOKEN = (
    r"#|[,、]|\([^()]{1,8}\)|“|”|[(（]"  # 1568.2亿元（增长8.6%）
    r"|(?:19|20)\d\d年(?:底|末|度)?|“?十[一二三四五]五”?(?:末|期末|初期|期间|时期)?"
    r"|上年同期|上年|去年|同期|全年|当年|年末|年底|目前|现已|已|首次|历史性地?|再次?|又|一举|提前|顺利|成功"
    r"|同比|比上年|较上年|与上年相比|比去年|较去年|较|比|与|相比|由|从"
    r"|按?同口径|按?可比口径|按可比价格?计算|按现价计算|(?:扣除|剔除)[^,，。;#]{1,12}?后|受[^,，。;#]{1,10}?(?:影响|冲击)|负增长"  # 扣除留抵退税因素后同口径增长, 受疫情影响下降
    r"|[两二三]年平均|年均|年平均|平均|名义|实际|累计|分别|均|共|合计|总计|预计|初步统计|初步核算|初步测算"
    r"|力争|确保|争取|努力|将|要|可|能|预期|目标为|目标|预计"
    r"|实现|完成|达到|达|为|是|突破|超过|超|跨过|跨越|迈上|迈过|站上|保持在|保持|稳定在|稳定|控制在|维持在|持续|始终|长期|一直"
    r"|连续\d+年|连续[一二三四五六七八九十]年|每年|(?:上个|上一个|前一个)?五年"
    r"|增长|递增|下降|上涨|上升|回落|下滑|减少|提高到|提高至|提升到|提升至|增加到|增加至|增加|增至|升至|降至|降到|增速|涨幅|增幅|增长率"
    r"|降幅(?:收窄|扩大)?(?:至|到|为)?|跃升至|跃升到|跃居|恢复至|恢复到|回升至|回升到|重回"
    r"|总量|总额|总产量|总产|产量|年产|规模|总值|额"
    r"|不低于|不少于|不超过|不高于|以上|以内|以下|左右|之内|近|约|逾|高于|低于"
    r"|到|至|届时|的|了|在|之|和|台阶|大关|水平|个|\s"
    r"|提高|提升|降低"
    r"|(?:连|接连|相继|先后)?(?:跨上|跨越|跨过|跨|迈上|迈过|登上)(?:#|[^,，。;#]){0,6}?台阶"  # 连跨两个万亿元台阶
)
_GAP_RE = re.compile(f"(?:{_GAP_TOKEN})*")
_GROWTH = re.compile(r"(?:增长|递增|增速|增幅|上涨|上升|涨幅|提高|提升|增加|回落|下降|减少|降低|下滑|负增长|降幅)")
_FALL = re.compile(r"(?:回落|下降|减少|降低|下滑|负增长|降幅)[^增长]*$")
_CHANGE_BEFORE = re.compile(r"(?:增加了?|净增|增长了?|提高了?|减少了?|下降了?|多|少|增收|减收)(?:近|约|超过?)?$")
_LEVEL_VERB = re.compile(r"(?:增加到|增加至|增至|提高到|提高至|提升到|提升至|升至|降至|降到|达到|达|跃升至|跃升到|恢复至|恢复到|回升至|回升到|重回)$")
_LIST_SEP = re.compile(r"^(?:以上|左右|以内)?(?:、|和|与|及|,)$")
_ITEM_SEP = re.compile(r"、|和|与|及")
_Q_AFTER_AT = re.compile(r"以上|之上|左右|上下|以内|以下|之内")  # matched at a figure's end
_Q_BEFORE_LEAST = re.compile(r"(?:不低于|不少于|(?<!不)超过|(?<!不)超|突破|跨过|跨越|迈上|迈过|站上|逾|(?<!不)高于)[^,、#]{0,4}$")
_Q_BEFORE_ABOUT = re.compile(r"(?:约|近|接近|大约)$")
_Q_BEFORE_MOST = re.compile(r"(?:控制在|不超过|不高于|(?<!不)低于)[^,、#]{0,4}$")
_SUBJECTLESS = re.compile(r"^(?:较|比|与|分别|年均|均|同比|增长|下降|达|为|是|实现|完成|“十)")
_SHARED = re.compile(r"均(?:在|为|达|保持|控制|超过|高于)")
_REBAR = re.compile(r"(?:以上|左右|以内)?[,、](?:在[^,、#]{0,8}中)?(?:力争|争取|努力)(?:达到|实现)?")
_STRIVE_FOR = re.compile(r"(?:力争|争取|努力)(?:达到|实现)?$")
_ABOVE_SCALE_FIRMS = re.compile(r"(?:规模以上|规上|规模)工业企业")
_ENTERPRISE_OUTPUT = re.compile(
    r"(?P<who>.{0,6}?(?:规模以上|规上|规模)工业企业)?(?:共|合计|全年)?(?:实现|完成)?(?:工业)?总产值(?P<gap>.*)"
)
_N_YEAR_AVERAGE = re.compile(r"([两二三四])年(?:平均|年均)")
_N = {"两": 2, "二": 2, "三": 3, "四": 4}


class _Bound(NamedTuple):
    """A figure bound to a metric (or to None).  A named tuple: cheap to build."""

    amount: Amount
    metric: str | None
    subject_start: int  # where the statement's quote starts
    measure_gap: str  # the words between subject and number, amounts as '#'
    anchor: Amount  # the amount whose clause dates the statement (first of a list)
    last: Amount | None = None  # the list's last amount: the quote runs to it


def _catalogue() -> Catalogue:
    """The metric catalogue, looked up once (``catalogue()`` is cached, but a call costs)."""
    global _CAT
    if _CAT is None:
        _CAT = catalogue()
    return _CAT


_CAT: Catalogue | None = None


def _unit_family(unit: str) -> str:
    """The base unit (亿元 → 元); every percent sign is "%".  Cached: a report has few units."""
    family = _FAMILIES.get(unit)
    if family is None:
        family = _FAMILIES[unit] = "%" if unit in ("%", "％") else _MAGNITUDE.sub("", unit)
    return family


_FAMILIES: dict[str, str] = {}


_BARE_MONEY = frozenset(("亿", "万亿"))


def _as_yuan(a: Amount) -> Amount:
    """413亿 read as 413亿元."""
    unit = a.unit + "元"
    return a._replace(unit=unit, value_yuan=money_to_yuan(a.number, unit))


def _usable(a: Amount) -> bool:
    if a.unit in ("", "万", "亿", "万亿") or "百分点" in a.unit or a.unit == "倍" or a.unit == "‰":
        return False
    return not is_milestone(a)


def _mask(text: str, lo: int, hi: int, amounts: list[Amount]) -> str:
    """``text[lo:hi]`` with every amount inside replaced by '#' (``amounts`` in text order)."""
    out: list[str] | None = None
    pos = lo
    for a in amounts:
        start, end = a.start, a.end
        if start >= hi:
            break  # in text order: the rest start later still
        if end <= lo:
            continue
        if out is None:
            out = []
        out.append(text[pos : max(pos, start)])
        out.append("#")
        pos = max(pos, end)
    if out is None:
        return text[lo:hi]
    out.append(text[pos:hi])
    return "".join(out)


def _groups(text: str, amounts: list[Amount]) -> list[list[int]]:
    """Runs of consecutive same-unit amounts separated only by 、/和/与/及 (indices)."""
    runs: list[list[int]] = []
    for i, a in enumerate(amounts):
        if runs and i - 1 == runs[-1][-1]:
            prev = amounts[i - 1]
            if prev.unit == a.unit and _LIST_SEP.match(between := text[prev.end : a.start]) and between != ",":
                runs[-1].append(i)
                continue
        runs.append([i])
    return runs


def _clause_start(text: str, lo: int, pos: int) -> int:
    cut = max(text.rfind(",", lo, pos), text.rfind("，", lo, pos), text.rfind(":", lo, pos), text.rfind("：", lo, pos))
    return lo if cut < 0 else cut + 1


def _subjects(text: str, lo: int, hi: int, mentions: list[Mention], n: int) -> tuple[list[str | None], int] | None:
    """Subjects of an ``n``-item list from the phrase ``text[lo:hi]`` (``n == 0``: any number
    of items, for one figure shared by all); None if they do not fit."""
    inside = [m for m in mentions if lo <= m.start and m.end <= hi]
    if not inside:
        return None
    phrase_start = inside[0].start
    # Items: mention-separated; count separators outside mentions between the first mention and the verb.
    items: list[str | None] = []
    pos = phrase_start
    for k, m in enumerate(inside):
        if k > 0:
            between = text[pos : m.start]
            seps = len(_ITEM_SEP.findall(between))
            if seps == 0:
                return None  # two mentions glued: 地区生产总值…财政收入增长 is not a list
            items.extend([None] * (seps - 1))
        items.append(m.metric if not m.many else "__many__")
        pos = m.end
    tail = text[pos:hi]
    tail_items = [s for s in _LIST_ITEM_SEP.split(tail)[1:]]
    items.extend([None] * len(tail_items))
    if len(items) == 1 and items[0] == "__many__":
        many = inside[0].many
        return (list(many), phrase_start) if len(many) == n else None
    if "__many__" in items:
        return None
    if len(items) == n or (n == 0 and len(items) > 1):
        return items, phrase_start
    return None


def _measure(metric: str, a: Amount, gap: str) -> str | None:
    spec = _catalogue().specs[metric]
    family = _unit_family(a.unit)
    if family == "%":
        if spec.always_growth:
            return "growth_pct"
        head, _, tail = gap.rpartition("#")
        if ("争" in tail or "努力" in tail) and _REBAR.fullmatch(tail):
            tail = head  # 增长9%，争取10%: the second figure restates the first one's measure
        if spec.rate:
            return None if _CHANGE_VERB_END.search(tail) else "rate_pct"
        if "年均" in tail or "年平均" in tail:
            return "avg_growth_pct"
        if _GROWTH.search(tail):
            return "growth_pct"
        return None
    if family not in spec.units:
        return None
    if spec.rate or spec.always_growth:
        return None
    if _CHANGE_BEFORE.search(gap) and not _LEVEL_VERB.search(gap):
        return None
    return "value"


def _qualifier(text: str, a: Amount, gap: str) -> str | None:
    m = _Q_AFTER_AT.match(text, a.end, a.end + 2)
    if m:
        g = m.group()
        return "at_least" if g in ("以上", "之上") else "about" if g in ("左右", "上下") else "at_most"
    if _Q_BEFORE_MOST.search(gap):
        return "at_most"
    if _Q_BEFORE_LEAST.search(gap) or _APPROX_MARK.search(a.text):
        return "at_least"
    if _Q_BEFORE_ABOUT.search(gap):
        return "about"
    return None


def _list_qualifier(text: str, a: Amount, last: Amount | None) -> str | None:
    """分别增长8%和9%左右: a qualifier after a list's last figure holds for every figure of
    the list that has none of its own."""
    if last is None or last is a or _Q_AFTER_AT.match(text, a.end, a.end + 2):
        return None
    return _qualifier(text, last, "")


def _qualifier_end(text: str, a: Amount) -> int:
    m = _Q_AFTER_AT.match(text, a.end, a.end + 2)
    return a.end + (len(m.group()) if m else 0)


def extract_indicators(doc: Document) -> list[Indicator]:
    """Every SCHEMA indicator statement in ``doc`` (sections and sentences are computed if empty).

    Works on a reading view of the text (line breaks inside sentences dropped, full-width
    punctuation as ASCII); spans are mapped back, so ``doc.text[start:end] == quote``.
    """
    year = doc.meta.year or infer_year(doc.text)
    if year is None:
        return []
    view = ReadingView.of(doc.text)
    sections = doc.sections or split_sections(doc.text, year)
    if not view.cuts and doc.sentences:
        sentences = doc.sentences
    else:
        sections = [Section(s.kind, s.title, view.to_view(s.start), view.to_view(s.end)) for s in sections]
        sentences = split_sentences(view.text, sections)
    own = (doc.meta.region.name,) if doc.meta.region and doc.meta.region.name else ()
    inside = _inner_names(doc.meta.region)
    # Without dropped line breaks the view has the source's offsets (punctuation folding is
    # one character for one), so the amounts are those of the stored text, found once per
    # document and shared with the project extractor.
    found = _extract(view.text, year, sections, sentences, own, doc.text if not view.cuts else view.text, inside)
    return [view.to_source(i, doc.text) for i in found]


def _extract(
    text: str, year: int, sections: list[Section], sentences: list[Sentence], own: tuple[str, ...] = (),
    amount_text: str | None = None, inside: tuple[str, ...] = (),
) -> list[Indicator]:
    amount_text = text if amount_text is None else amount_text
    mentions_all = find_mentions(text, own=own, inside=inside)
    # Only a sentence that names a metric can state one: visit those, found by bisecting
    # the mentions (and the above-scale firms, whose 总产值 is a metric too) into the
    # sentence starts, instead of walking every sentence.
    sent_starts = [s.start for s in sentences]
    picked: list[int] = []
    for pos in chain((m.start for m in mentions_all), (m.start() for m in _ABOVE_SCALE_FIRMS.finditer(text))):
        i = bisect.bisect_right(sent_starts, pos) - 1
        if i >= 0 and pos < sentences[i].end:
            picked.append(i)
    mstarts = [m.start for m in mentions_all]
    tracker = _tracker(year)
    markers: list[tuple[int, str]] | None = None
    marker_pos: list[int] = []
    section_starts = [s.start for s in sections]
    out: list[Indicator] = []
    seen: set[tuple] = set()
    for si in sorted(set(picked)):
        sent = sentences[si]
        lo, hi = sent.start, sent.end
        masked = amounts_in(amount_text, lo, hi)
        if any(a.unit in _BARE_MONEY for a in masked):
            # 旅游综合收入413亿: a bare 亿 is money (only a money metric can take it, see _measure)
            masked = [_as_yuan(a) if a.unit in _BARE_MONEY else a for a in masked]
        amounts = [a for a in masked if _usable(a)]
        if not amounts:
            continue
        m0, m1 = bisect.bisect_left(mstarts, lo), bisect.bisect_left(mstarts, hi)
        mentions = [m for m in mentions_all[m0:m1] if m.end <= hi]
        # a number inside a metric's name (三次产业增加值) is part of the name, not a figure
        named = [a for a in masked if not any(m.start <= a.start < m.end for m in mentions)]
        if len(named) != len(masked):
            masked, amounts = named, [a for a in named if _usable(a)]
        i = bisect.bisect_right(section_starts, lo) - 1
        kind, sec_start = (sections[i].kind, sections[i].start) if i >= 0 else ("other", 0)
        for b in _bind_sentence(text, lo, hi, amounts, masked, mentions):
            if b.metric is None:
                continue  # bound to no metric: no statement (see _indicator), no scope needed
            measure = _measure(b.metric, b.amount, b.measure_gap)
            if measure is None:
                continue  # not a measure of its metric: no statement either
            if markers is None:
                markers = tracker.markers(text)
                marker_pos = [p for p, _ in markers]
            # the markers up to the statement's own figure (a later clause may switch period)
            scope = tracker.scope_at(markers, marker_pos, kind, sec_start, b.anchor.start)
            ind = _indicator(text, lo, b, masked, year, scope, measure, seen)
            if ind is not None:
                out.append(ind)
    return out


def _inner_names(region: RegionRef | None) -> tuple[str, ...]:
    """Full names of the divisions inside the report region: a figure named right after one
    (州府所在地某某市空气质量…, 某某区地区生产总值… in a province's report) is that division's."""
    if region is None or not region.adcode:
        return ()
    return _descendant_names(region.adcode)


@lru_cache(maxsize=64)
def _descendant_names(code: str) -> tuple[str, ...]:
    return tuple(sorted({p.name for p in load_gazetteer().descendants(code) if len(p.name) >= 3}))


@lru_cache(maxsize=8)
def _tracker(year: int) -> ScopeTracker:
    """The time markers of a report year, built once per year (it compiles patterns)."""
    return ScopeTracker(year)


class _State:
    """What the binder remembers while walking one sentence left to right."""

    __slots__ = ("lo", "prev_subjects", "prev_start", "run", "run_start", "last_metric", "prev_end")

    def __init__(self, lo: int) -> None:
        self.lo = lo
        self.prev_subjects: list[str | None] | None = None  # subjects of the last list
        self.prev_start = lo  # where those subjects were named
        self.run: list[str | None] = []  # subjects of the single figures since the last list
        self.run_start = lo
        self.last_metric: str | None = None
        self.prev_end = lo


def _bind_sentence(
    text: str, lo: int, hi: int, amounts: list[Amount], masked: list[Amount], mentions: list[Mention]
) -> list[_Bound]:
    """Bind the sentence's amounts to metrics (rules 2 and 3 of the module docstring).

    ``amounts`` are the usable figures; ``masked`` every figure (倍, 个百分点 too), which
    gap and period tests see as '#'.
    """
    st = _State(lo)
    bound: list[_Bound] = []
    for group in _groups(text, amounts):
        first = amounts[group[0]]
        cstart = _clause_start(text, lo, first.start)
        region_start = max(cstart, st.prev_end)
        st.prev_end = amounts[group[-1]].end
        # The clause before a list (or before a figure shared by several subjects, …均在…)
        # names its subjects; a single figure is bound from its own gap instead.
        if len(group) == 1 and text.find("均", region_start, first.start) < 0:
            region, shared = "", False
        else:
            region = _mask(text, region_start, first.start, masked)
            shared = len(group) == 1 and _SHARED.search(region) is not None
        if len(group) > 1 or shared:
            subjects = _list_subjects(text, lo, cstart, region_start, region, first, len(group), mentions, st)
            if shared and subjects is not None and len(subjects[0]) > 1:
                # 进出口总额、实际利用外资…年均增长均在10%以上: one figure for every subject.
                gap = _mask(text, subjects[1], first.start, masked)
                bound.extend(_Bound(first, metric, subjects[1], gap, first) for metric in subjects[0])
                st.prev_subjects, st.prev_start, st.run = subjects[0], subjects[1], []
                continue
            if len(group) > 1:
                if subjects is None or len(subjects[0]) != len(group):
                    st.prev_subjects, st.run = None, []
                    continue
                for idx, metric in zip(group, subjects[0]):
                    bound.append(_Bound(amounts[idx], metric, subjects[1], region, first, amounts[group[-1]]))
                st.prev_subjects, st.prev_start, st.run = subjects[0], subjects[1], []
                continue
        b = _bind_single(text, cstart, first, masked, mentions, bound, st)
        bound.append(b)
        if b.metric is not None:
            st.last_metric = b.metric
        if not st.run:
            st.run_start = b.subject_start
        st.run.append(b.metric)
    return bound


def _list_subjects(
    text: str, lo: int, cstart: int, region_start: int, region: str, first: Amount, n: int,
    mentions: list[Mention], st: _State,
) -> tuple[list[str | None], int] | None:
    """Subjects for a list of ``n`` figures (or one figure shared by all when ``n`` is 1):
    named in its own clause, else those of the previous list or of the figures before it,
    else named in the previous clause."""
    if any(region_start <= m.start and m.end <= first.start for m in mentions):
        return _subjects(text, region_start, first.start, mentions, n if n > 1 else 0)
    own = region.strip()
    if own and not _SUBJECTLESS.match(own) and not _GAP_RE.fullmatch(own):
        return None  # 低保标准分别提高到…: the list has a subject of its own, not a metric
    if st.prev_subjects and len(st.prev_subjects) == n:
        return list(st.prev_subjects), st.prev_start
    if st.run and len(st.run) == n:
        return list(st.run), st.run_start
    if n > 1 and (_SUBJECTLESS.match(region.strip()) or not region.strip()):
        pend = max(lo, cstart - 1)
        return _subjects(text, _clause_start(text, lo, pend), pend, mentions, n)
    return None


def _bind_single(
    text: str, cstart: int, a: Amount, masked: list[Amount], mentions: list[Mention], bound: list[_Bound], st: _State
) -> _Bound:
    """One figure: the nearest mention before it through an allowed gap, else a pronoun
    clause (总量… / 、产量… / 人均…) or a higher bar for the figure before (…，力争7%)."""
    cat = _catalogue()
    k = len(mentions)  # the mentions ending before the figure (in order, so a prefix)
    while k and mentions[k - 1].end > a.start:
        k -= 1
    before = mentions[:k]
    if before:
        m = before[-1]
        gap = _mask(text, m.end, a.start, masked)
        if _GAP_RE.fullmatch(gap) and gap.count(",") <= 2 and not (m.many and m.metric is None):
            return _Bound._make((a, m.metric, m.start, gap, a, None))
    clause = _mask(text, cstart, a.start, masked)
    piece = clause[max(clause.rfind(","), clause.rfind("、")) + 1 :]  # after the last , or 、
    pm = cat.pronouns.match(piece) if cat.pronouns else None
    if pm and _GAP_RE.fullmatch(piece[pm.end() :]):
        for m in reversed(before):
            if m.metric and _unit_family(a.unit) in cat.specs[m.metric].units:
                return _Bound(a, m.metric, m.start, piece, a)
    elif "总产值" in piece and (out := _ENTERPRISE_OUTPUT.fullmatch(piece)) and _GAP_RE.fullmatch(out.group("gap")) and (
        out.group("who") or _ABOVE_SCALE_FIRMS.search(text, st.lo, a.start)
    ) and _unit_family(a.unit) == "元":
        # 规上工业企业…总产值…: the output of the above-scale firms is the metric
        return _Bound(a, "industrial_output_above_scale", a.start - len(piece), piece, a)
    elif piece.startswith("人均") and st.last_metric == "gdp" and _GAP_RE.fullmatch(piece[2:]):
        return _Bound(a, "gdp_per_capita", a.start - len(piece), piece, a)
    elif _STRIVE_FOR.search(piece) and bound and bound[-1].metric and bound[-1].amount.unit == a.unit:
        # 增长6.5%左右，(在实际工作中)力争7%: a higher bar for the same figure
        prev = bound[-1]
        return _Bound(a, prev.metric, prev.subject_start, prev.measure_gap, a)
    return _Bound._make((a, None, a.start, "", a, None))


def _period(
    text: str, lo: int, b: _Bound, amounts: list[Amount], year: int, scope: str, measure: str
) -> tuple[int, int] | None:
    """The years a statement is about: a period its own clause names, else its scope
    (an average growth or a 五年来 clause in a review is about the past plan)."""
    local = ""
    # A clause that names a period has a date word (年, 五 of a plan name, a comparison or
    # 从/由 before a base): without one, only the scope dates the figure.
    if _DATE_CHAR.search(text, lo, b.anchor.start):
        prefix = _mask(text, lo, b.anchor.start, amounts)
        span = explicit_period(prefix, year, scope)
        if span is not None:
            return span
        local = prefix[_clause_start(prefix, 0, len(prefix)) :]
        plan = named_plan(local)
        if plan is not None:
            return plan
    if scope in ("last", "unknown") and (measure == "avg_growth_pct" or ("五年" in local and _PAST_FIVE_YEARS.search(local))):
        scope = "past_plan"
    elif scope == "unknown":
        scope = "this" if _TARGET_WORD.search(text, lo, b.amount.start) else "last"
    return scope_period(scope, year)


def _indicator(
    text: str, lo: int, b: _Bound, amounts: list[Amount], year: int, scope: str, measure: str,
    seen: set[tuple],
) -> Indicator | None:
    """The statement ``b`` makes as ``measure`` (see :func:`_measure`), or None: no period,
    or a statement already made — its key is in ``seen``, where a new one's is added (the
    Indicator is built only for a new statement)."""
    a = b.amount
    number = a.number
    tail = b.measure_gap.rsplit("#", 1)[-1]  # the words right before the figure
    if measure in ("growth_pct", "avg_growth_pct") and _FALL.search(tail):
        number = -abs(number)
    rng = _period(text, lo, b, amounts, year, scope, measure)
    if rng is None:
        return None
    p_lo, p_hi = rng
    if "年" in tail and (n_years := _N_YEAR_AVERAGE.search(tail)):
        # 两年平均增长 (2021, 2022 reports): the average over the N years ending at the
        # statement's own year — for a 2022 report's review, "2020-2021".
        p_lo = p_hi - _N[n_years.group(1)] + 1
    kind = "actual" if p_hi < year else "target"
    period = period_label(p_lo, p_hi)
    key = (b.metric, period, kind, measure, number, a.unit)
    if key in seen:
        return None
    seen.add(key)
    end = _qualifier_end(text, b.last or a)
    return Indicator(
        metric=b.metric,
        period=period,
        kind=kind,
        measure=measure,
        number=number,
        unit=a.unit,
        value_yuan=a.value_yuan,
        qualifier=_qualifier(text, a, b.measure_gap) or _list_qualifier(text, a, b.last),
        quote=text[b.subject_start : end],
        start=b.subject_start,
        end=end,
    )
