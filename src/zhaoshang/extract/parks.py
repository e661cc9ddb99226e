"""Parks and zones with their names: 产业园, 工业园(区), 园区, 经开区/经济技术开发区, 高新区,
自贸区/自由贸易试验区, 综合保税区, 产业集聚区, 基地, 示范区 …

A park is found by its suffix; its name runs back from the suffix to the verb or function
word that leads into it (see ``names.name_start``).  What is *not* a park:

* generic uses with no name of their own (园区建设, 各类园区, 省级园区, 现代农业产业园 alone);
* plural or counted uses (5家市级以上现代农业产业园, 创建一批…产业园, 示范基地13个);
* titles a region or a park is awarded (获评全国…示范基地, 荣获…称号, 创建为…示范基地);
* 示范区 that are not about industry (全国全域旅游示范区, 乡村振兴示范区): a 示范区 must
  name an economic activity (产业, 工业, 农业, 制造, 物流, 渔业 …);
* education and honour bases (红色教育基地, 干部培训基地, 科普基地).
"""

from __future__ import annotations

import bisect
import re

from zhaoshang.extract.industries import tag_industries
from zhaoshang.extract.tries import keyed_finditer, literal_keys, trie_regex
from zhaoshang.extract.names import (
    SENTENCE_RUN,
    clause_floor,
    name_start,
    run_start,
    start_document,
)
from zhaoshang.model import Document, Park

# Patterns used inside functions, compiled once (re's cache lookup costs ~1 µs a call).
_LIST_JOIN = re.compile(r"[和及、]")
_EACH_COUNTED = re.compile(r"各\d+[个家]")
_COUNT_CHARS = re.compile(r"[\d万千百亩个.]")


#: suffix as written → normalised park_kind (longest suffix first in the regex).
KINDS: dict[str, str] = {
    "经济技术开发区": "经开区", "经济开发区": "经开区", "经开区": "经开区",
    "高新技术产业开发区": "高新区", "高新技术开发区": "高新区", "高新区": "高新区",
    "工业开发区": "开发区", "产业开发区": "开发区", "开发区": "开发区",
    "自由贸易试验区": "自贸区", "自贸试验区": "自贸区", "自贸区": "自贸区", "自由贸易区": "自贸区",
    "综合保税区": "综合保税区", "边合区": "合作区", "保税区": "保税区", "保税物流中心": "保税物流中心",
    "产业集聚区": "产业集聚区", "集聚区": "产业集聚区", "集中区": "产业集聚区",
    "工业园区": "工业园", "工业园": "工业园", "工业区": "工业园",
    "产业园区": "产业园", "产业园": "产业园", "科技园区": "科技园", "科技园": "科技园",
    "物流园区": "物流园", "物流园": "物流园", "农业园区": "农业园", "农业园": "农业园", "示范园": "产业园",
    "孵化园": "产业园", "创业园": "产业园", "园区": "园区",
    "产业基地": "基地", "基地": "基地",
    "示范区": "示范区", "试验区": "试验区", "合作区": "合作区", "商务区": "商务区", "陆港区": "物流园",
}
# The bare trie opens with a branch of literals, from which the regex engine derives a
# first-character set and skips non-candidate positions in C (a leading lookahead is
# not used that way: measured 2.5× slower).
_SUFFIX = re.compile(trie_regex(KINDS))
# ...and over a whole report it is found faster still from the kinds' last characters
# (区, 园, 地, 心 after the right character: see tries.keyed_finditer).
_SUFFIX_KEYS = literal_keys(list(KINDS))
_SUFFIX_WIDTH = max(map(len, KINDS))
#: the characters a park kind ends with: a name without one holds no kind
_SUFFIX_END = re.compile("[" + "".join(sorted({k[-1] for k in KINDS})) + "]")
#: verbs that belong inside park names (皖北承接产业转移集聚区, 农业产业融合示范园 …)
_KEEP_VERBS = frozenset(
    "承接 转移 创新 循环 综合 制造 应用 开放 开发 合作 示范 孵化 加工 服务 保护 养殖 种植 融合 生产 供给 产销 "
    "创作 摄影 保供 驯化 体验 再生 智造 研发 检测 集散 仓储 配送 交易 展示 创业 共建 重点 道地".split()
)
_LEVEL = re.compile(
    r"^(?:市级以上|省级以上|国家级|省级|市级|县级|区级|村级|自治区级|州级|国家|全国|全省|全市|全县|全区|星级|"
    r"区域性|首个|首家|一流|唯一)+"
)
_GENERIC_NAME = re.compile(
    r"^(?:现代农业|休闲农业|农业|工业|产业|特色|特色产业|重点|专业|配套|现代|综合|示范|省际产业合作|飞地|"
    r"高新产业|高新|总部经济|夜间经济|消费|商业|高端装备制造|制造|研发|生产|新型工业化产业|"
    r"高品质消费|中小微企业|中小企业|小微企业|创新|创业|双创|农业科技示范推广|特色农业生产|标准|平台|"
    r"现代化|现代化农业生态|智慧|智能化|智能|绿色|生态|化工|[一二三四五六七八九十两]大.*)*(?:示范)?$"
)
_COUNTED_BEFORE = re.compile(r"(?:\d+|[一二三四五六七八九十两几多]+)(?:家|个|批|类|座)(?:[^,，、。；]{0,6})$|一批$|各类$|各$|多个$|等$")
_COUNTED_AFTER = re.compile(r"(?:\d+|[一二三四五六七八九十两]+)(?:家|个|座)")
_TITLE_VERB = re.compile(r"获评|荣获|评为|命名为|授予|创建为|成为|获批为|认定为|列为|入选|荣膺|被评|获得")
_ECON = re.compile(r"产业|工业|农业|经济|开发|物流|科技|高新|贸易|制造|航空|渔业|电商|商务|投资|装备|能源|材料")
_NOT_INDUSTRY_BASE = re.compile(r"教育|培训|科普|研学|党性|廉洁|爱国|法治|宣传|人才|双拥|传习|养生|文明|廉政|干部|体育|训练|实践")
_SCALE = re.compile(r"^[百千万]亿级|^[\d.]+亿级")
_SCALE_BEFORE = re.compile(r"亿级$")
_PROGRAMME = re.compile(r"[“\"]?[一二三四五六七八九十两]+[园区地个大基]")  # “三园一基地”: a programme
_NOT_PARK = re.compile(r"宅基地$|公司|集团")
_FACILITY_AFTER = re.compile(r"中小学|小学|中学|幼儿园|学校|医院|社区|小区")
_AWARD_AFTER = re.compile(r"[^,，;；。]{0,6}(?:称号|标兵|单位|荣誉)")
_SHARED_HEAD = re.compile(r"[、和及]$")
#: how far back from its suffix a park's name may start
_MAX_NAME = 22


# what may follow a suffix and rejects it, as one pattern: a count (产业园3个), an award
# (基地称号), a facility (园区小学)
_REJECTED_AFTER = re.compile(f"{_COUNTED_AFTER.pattern}|{_AWARD_AFTER.pattern}|{_FACILITY_AFTER.pattern}")


def _after_rejects(text: str, ke: int) -> bool:
    """Rejections that read only what follows the suffix: cheap, so they run before the
    name is looked for."""
    return bool(
        _REJECTED_AFTER.match(text, ke)
        or _EACH_COUNTED.search(text, ke, ke + 12)  # 新增省级电商示范园和示范镇各1个: a count of kinds
    )


def _rejected_whatever_the_start(text: str, floor: int, ks: int, ke: int, kind: str) -> bool:
    """Rejections of :func:`_accept` that hold for every start the name can have, so the
    name is not looked for (a walk costs a segmentation).

    A name that is not dropped for being under two characters before its suffix spans at
    least ``text[ks - 2 : ke]`` and at most ``text[max(floor, ks - 22) : ke]`` (the walk's
    reach): what ``_accept`` finds in the first it finds in the name (宅基地, 教育基地, a
    quotation mark), what it misses in the second it misses in the name (示范区 with no
    economic word).  The patterns are literal alternations, so a match inside a span is a
    match inside any span holding it.
    """
    if kind == "示范区" and not _ECON.search(text, max(floor, ks - _MAX_NAME), ke):
        return True
    if kind in ("基地", "示范区", "试验区") and (
        "“" in text[ks - 2 : ks] or _NOT_INDUSTRY_BASE.search(text, ks - 2, ke)
    ):
        return True
    return _NOT_PARK.search(text, ks - 2, ke) is not None


def _accept(text: str, ns: int, ks: int, ke: int, kind: str, titles: "_Titles", floor: int | None = None) -> bool:
    """Whether the name ``text[ns:ke]`` (suffix at ``ks``) is a park (see module docstring);
    the checks of :func:`_after_rejects` have already passed.  ``floor`` is the start of the
    clause holding the name when the caller has it (the clause of the suffix: a name holds
    no clause punctuation)."""
    name = text[ns:ke]
    if _PROGRAMME.match(text, ns) or _NOT_PARK.search(name):
        return False
    if kind == "示范区" and not _ECON.search(name):
        return False
    if kind in ("基地", "示范区", "试验区") and ("“" in name or _NOT_INDUSTRY_BASE.search(name)):
        return False
    head = text[ns:ks]
    if _LIST_JOIN.search(head):
        return False  # 成品油和国储粮基地: two names sharing one head
    prefix = _LEVEL.sub("", head)
    if _GENERIC_NAME.match(prefix) or _SCALE.match(prefix):
        return False
    if titles.inside(ns):
        return False  # inside a document title
    if floor is None:
        floor = clause_floor(text, ns)
    if _COUNTED_BEFORE.search(text[max(floor, ns - 10) : ns]):
        return False
    if _TITLE_VERB.search(text, run_start(text, ns, SENTENCE_RUN), ns):
        return False
    if _SCALE_BEFORE.search(text, max(0, ns - 4), ns):
        return False
    # 3000亩蓝莓、5000亩葡萄、6000亩黄桃基地 / A和B基地: one head shared by short bare items
    j = ns
    while j > floor and (text[j - 1].isdigit() or text[j - 1] in "万千百亩个"):
        j -= 1
    sep = text[j - 1 : j] if j > 0 else ""
    if sep and _SHARED_HEAD.match(sep):
        k = j - 1
        while k > 0 and text[k - 1] not in ",，;；。:：、和及":
            k -= 1
        prev = _COUNT_CHARS.sub("", text[k : j - 1])
        if 0 < len(prev) <= 6 and not _SUFFIX.search(prev):
            return False
    return True


class _Titles:
    """Where the document titles (《…》) of a text are, to tell in O(log n) whether a
    position lies inside one (after an opening 《 with no 》 since)."""

    def __init__(self, text: str) -> None:
        self.opens = _positions(text, "《")
        self.closes = _positions(text, "》") if self.opens else []

    def inside(self, pos: int) -> bool:
        if not self.opens:
            return False
        i = bisect.bisect_left(self.opens, pos) - 1
        if i < 0:
            return False
        j = bisect.bisect_left(self.closes, pos) - 1
        return j < 0 or self.closes[j] < self.opens[i]


def _positions(text: str, ch: str) -> list[int]:
    out = []
    p = text.find(ch)
    while p >= 0:
        out.append(p)
        p = text.find(ch, p + 1)
    return out


def extract_parks(doc: Document) -> list[Park]:
    """Every named park or zone, one fact per name as written (its first mention); see the
    module docstring for what is left out."""
    text = doc.text
    out: list[Park] = []
    seen: set[str] = set()
    titles = _Titles(text)
    start_document(text)
    for m in keyed_finditer(_SUFFIX, _SUFFIX_KEYS, text, _SUFFIX_WIDTH):
        ks, ke = m.start(), m.end()
        # 园区 inside a longer suffix already matched (产业园区) is consumed by the regex;
        # a suffix glued to more name (基地建设) is still a park mention.
        floor = clause_floor(text, ks)
        if ks - floor < 2 or _after_rejects(text, ke):
            continue  # the name can only start at or after the clause start
        kind = KINDS[m.group()]
        if _rejected_whatever_the_start(text, floor, ks, ke, kind):
            continue
        ns = name_start(text, ks, floor, keep_verbs=_KEEP_VERBS, max_len=_MAX_NAME)
        # a park kind inside the walked name (飞地园区有色金属…产业园) starts a new name
        # (a kind cut in half by the segmenter, 完成经/开区宝兴工业园, counts too)
        if _SUFFIX_END.search(text, ns, ks):  # a kind ending inside the name
            for x in _SUFFIX.finditer(text, max(floor, ns - 6), ks):
                if x.end() > ns:
                    ns = x.end()
        if ns > 0 and text[ns - 1] == "做" and text[ns] in "精强优大":
            ns += 1  # 做精现代农业…: jieba glues the verb's second half to the name
        name = text[ns:ke]
        if ks - ns < 2 or name in seen:
            continue  # one fact per name as written (its first mention)
        if not _accept(text, ns, ks, ke, kind, titles, floor):
            continue
        seen.add(name)
        out.append(Park(name=name, park_kind=kind, industries=tag_industries(name),
                        quote=name, start=ns, end=ke))
    return out
