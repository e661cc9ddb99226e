"""Named investment projects: a project's own name together with an amount that is its alone.

Reports state projects in a handful of shapes, each handled by one rule below:

* amount first   总投资20亿元的五龙汉白玉新材料产业园开工建设 (also 投资/计划投资/估算投资/
                 协议投资, and lists 总投资50亿元的A、20亿元的B、10亿元的C等51个项目开工建设);
* name first     X项目，总投资8亿元 / X（总投资8亿元） / X（8亿元）after a construction verb /
                 X项目签约落地，总投资约60亿元 / X项目竣工，该项目总投资… / 打造X物流园，投入资金1.7亿元…;
* lists          A（总投资3亿元）、B（1.2亿元）… / A、B和C，分别投资18亿元、32亿元和9.5亿元;
* signed deals   签约X项目50亿元;
* spend-on       投入2.37亿元实施X工程 / 投资18.5亿元新建X (no head noun needed after 投资).

What is *not* a project, whatever the shape: a count of projects under one total
(54个项目总投资108亿元, 总投资620亿元的96个项目), two or more names sharing one amount
(A、B项目总投资X亿元, A和B, A等项目), a numbered programme (“三十工程”), and generic
heads with no proper name (重点项目, 工业园区).  Amounts spent in a year (完成投资) are not
a project's investment and are never read.
"""

from __future__ import annotations

import bisect
import re
from operator import attrgetter

from zhaoshang.extract.industries import tag_industries
from zhaoshang.extract.names import CLAUSE_PUNCT, split_sentences
from zhaoshang.extract.numbers import Amount, amounts_in, is_milestone
from zhaoshang.model import Document, Project

# Patterns used inside functions, compiled once (re's cache lookup costs ~1 µs a call).
_COMMA = re.compile(r"[,，]")
_LIST_OR_GROUP = re.compile(r"[、等]|项目|企业|投[资入]")  # a clause about another object
_INVEST_WORD = re.compile(r"(?:总?投资)?")
_LANDING_WORD = re.compile(r"签约|引进|落户|招商|洽谈")


# An investment cue ending right where the amount starts.
_CUE_BEFORE = re.compile(
    r"(?:总投资|计划总投资|计划投资|估算投资|概算投资|协议投资|投资总额|投资额|总投入|投资|投入资金|投入)"
    r"(?:额|金额)?(?:为|达到|达|约|超过|超|近|逾|高达|共)*$"
)
# The same cue after a separator that follows a name: X项目，总投资… / X项目（总投资…
_CUE_AFTER_NAME = re.compile(
    r"(?:[,，（(、](?:(?:该|此)?(?:项目|工程))?|(?<=项目)|(?<=工程)|(?<=期)|(?<=[）)]))(?:总投资|计划总投资|计划投资|估算总?投资|概算总?投资|协议投资|投资总额|总投入|投资|投入资金)"
    r"(?:额|金额)?(?:为|达到|达|约|超过|超|近|逾|高达|共)*$"
)
_BARE_BRACKET = re.compile(r"[（(]约?$")
"""A bracket opening right before an amount; with its closing bracket right after, it holds only the amount."""
_AFTER_BRACKETED_ITEM = re.compile(r"[）)](?:、|和|及|与|以及)")
_COUNTED = re.compile(r"[\d一二三四五六七八九十百千两]+(?:个|项|条|座|所|家|批|处|栋|公里|千米|米|亩|平方米|万平方米)")
_FENBIE_CUE = re.compile(r"分别(?:总?投资|投入)(?:约|达)?$")
_NAME_LIST_SEP = re.compile(r"、|和|及|与")
_SPENT_BEFORE = re.compile(r"(?:完成|累计|年度|当年|全年|实际|已)$")
_SPEND_CUE = re.compile(r"(?:投入|投资)(?:资金)?(?:约|超过|超|近|逾)?$")
_APPROX_DE = re.compile(
    r"(?:以上|左右|多|余)?(?:[、，,](?:年产|年处理|年加工|年吞吐|设计产能|装机|占地|用地|总?建筑面积|规划面积|总长|全长)"
    r"[^,，。；;、的]{1,20})?的"
)
"""What ends an amount-first amount: 的, maybe after an attribute (总投资58亿元、年产20万吨X的Y)."""
_SPEND_VERB = re.compile(r"(?:用于|实施|建设|新建|启动|推进|打造|开工建设)")

#: Words that end a name and start what happens to it (status verbs, adverbs, time words).
_STOP = re.compile(
    r"实现|已经|已|目前|正在|正式|顺利|全面|基本|加快|加速|有序|稳步|扎实|积极|如期|提前|当年|年内|"
    r"成功|全部|开工|动工|建成(?!区)|投产|竣工|签约|落地|完成|启动|开始|进入|完工|达产|投用|投运|开建|"
    r"主体|即将|计划|预计|力争|确保|争取|进展|推进|落户|入驻|开业|通车|纳入|列入|获批|被|于|"
    r"试运行|试生产|投入运营|投入使用|完成核准|"
    r"等[\d一二三四五六七八九十百千两]+[个项]|等一批|等项目|等重点|等$"
)

#: Status phrases, longest first; the last one attached to a project wins (开工… 建成投产).
STATUSES: tuple[str, ...] = (
    "建成投产", "竣工投产", "建成投用", "建成运营", "投入使用", "投入运营", "签约落地", "签约推进", "开工建设", "加快建设",
    "加快推进", "加速推进", "落地建设", "基本完成", "全面开工", "开工", "动工", "签约", "建成",
    "投产", "竣工", "落地", "完工", "投用", "开建",
)
_STATUS_RE = re.compile("|".join(STATUSES))
_STATUS_ONLY = re.compile(
    r"(?:年内|今年|明年|当年|年底前?|上半年|下半年|\d{1,2}月份?|[一二三四五六七八九十]{1,2}月份?|"
    r"力争|确保|争取|将|计划|预计|正式|全面|基本|顺利|如期|已经|已)*"
    f"(?:{'|'.join(STATUSES)})"
)
"""A clause that is only a status and when (年内开工建设): it has no subject of its own."""
_STATUS_BEFORE_RE = re.compile("|".join((*STATUSES, "推进", "实施", "建设", "引进")))

#: Heads that close a name when nothing else marks its end (name-first shapes).
_HEAD = (
    r"(?:项目|工程|产业园区?|工业园区?|物流园区?|科技园|园区|基地|中心|生产线|工厂|电站|电厂|综合体|"
    r"医院|学校|大桥|公路|高速|铁路|机场|码头|港区|小镇|景区|市场|广场|新城|水厂|水库|隧道|枢纽|通道|快速路|管廊|院区|校区|厂房)"
)
_PHASE = r"[（(][一二三四五六七八九十]期[）)]"
_HEAD_END = re.compile(_HEAD + rf"(?:[一二三四五六七八九十]期|{_PHASE})?(?:项目)?(?:{_PHASE})?$")
_PHASE_RE = re.compile(_PHASE)
_SUBJECT_IS = re.compile(r"(?P<name>[^,，、；;。]{2,40}?)是")

_LEAD = re.compile(
    r"^(?:(?:全力|积极|加快|加速|大力|持续|着力|稳步|有序|扎实|重点|全面|强力|协调|力争|确保|争取|继续|"
    r"同步|统筹|成功|新|再|先后)?"
    r"(?:推进|推动|实施|建设|新建|续建|打造|启动|引进|签约|开工建设|开工|建成|谋划|落地|开建|抓好|做好|"
    r"完成|培育|规划|布局|招引|落户|加快建设|投用|投运|投入使用)了?|在[^,，、]{1,12}?(?:打造|建设|新建|实施|规划|布局|启动|推进)"
    r"|其中|同时|此外|另外)+"
)
_GROUP = re.compile(
    r"^[“\"]?[\d一二三四五六七八九十百千两]+(?:个|项|条|座|所|家|批|大|余个|多个)|\d+个|[一二三四五六七八九十]+个|等"
)
_PROGRAMME = re.compile(r"^[“\"][一二三四五六七八九十百千两]")
_SHARED = re.compile(r"[、和及与/]|以及")
_GENERIC_WORDS = re.compile(
    r"省|市|县|区|州|级|国家|重点|重大|产业|招商|引进|签约|新建|续建|在建|民生|政府|投资|基础设施|配套|"
    r"各类|一批|相关|该|此|建设|工业|城市|亿元以上|的|这些|上述|其他|有关|现代|特色|"
    r"今年|全年|年内|当年|本年|年度|计划|安排|累计"
)
_HEAD_ONLY = re.compile(_HEAD)
_MONEY_IN_NAME = re.compile(r"\d[\d.]*\s*[万亿]*元")


def _clean_name(name: str) -> str:
    name = name.strip(" \u3000")
    prev = None
    while prev != name:
        prev = name
        name = _LEAD.sub("", name)
    return name.strip(" \u3000")


def _is_proper(name: str) -> bool:
    """A name that picks out one project (not a count, programme, list or generic head)."""
    if len(name) < 2 or _GROUP.search(name) or _PROGRAMME.match(name) or _SHARED.search(name):
        return False
    if _MONEY_IN_NAME.search(name):
        return False  # a clause that swallowed another amount, not a name
    rest = _GENERIC_WORDS.sub("", _HEAD_ONLY.sub("", name))
    return len(rest) >= 2


def _status(after: str, before: str) -> str | None:
    """The status written after the name (last of a run of clauses: 实现当年开工,当年建成投产),
    else a verb before it (加速推进…的X, 投入…实施X)."""
    found: list[str] = []
    clauses = _COMMA.split(after)[:3]
    if len(clauses) > 1 and not clauses[0] and _STATUS_ONLY.fullmatch(clauses[1].rstrip("。；;")):
        # …的X，年内开工建设。: a clause that ends with the status and names nothing after it
        clauses = clauses[1:]
    for k, clause in enumerate(clauses):
        if k > 0 and _LIST_OR_GROUP.search(clause):
            break
        hits = _STATUS_RE.findall(clause)
        if not hits:
            break
        found.extend(hits)
    if found:
        return found[-1]
    found = _STATUS_RE.findall(before) or _STATUS_BEFORE_RE.findall(before)  # 签约引进X: 签约
    return found[-1] if found else None


def _clause_start(text: str, pos: int, extra: str = "") -> int:
    i = pos
    while i > 0 and text[i - 1] not in CLAUSE_PUNCT + extra:
        i -= 1
    return i


def _clause_end(text: str, pos: int) -> int:
    i = pos
    while i < len(text) and text[i] not in CLAUSE_PUNCT:
        i += 1
    return i


def _name_after(text: str, start: int, amounts: list[Amount], idx: int) -> tuple[int, int, str]:
    """Span of the name that starts at ``start`` and why it ended ("punct", "list", "stop", "group")."""
    end = _clause_end(text, start)
    why = "punct"
    nxt = amounts[idx + 1] if idx + 1 < len(amounts) else None
    if nxt is not None and nxt.start < end:
        # 、20亿元的B: a list where every item has its own amount
        between = text[start : nxt.start]
        j = max(map(between.rfind, "、和及与"))  # …的A和总投资8.5亿元的B
        if j >= 0 and _APPROX_DE.match(text, nxt.end) and _INVEST_WORD.fullmatch(between[j + 1 :]):
            end, why = start + j, "list"
    m = _STOP.search(text, start + 2, end)
    if m:
        end, why = m.start(), ("group" if m.group().startswith("等") else "stop")
    return start, end, why


def _amount_first(text: str, amounts: list[Amount]) -> list[tuple[int, int, int, Amount, str]]:
    """(quote start, name start, name end, amount, end reason) for 总投资X亿元的Y shapes and their lists."""
    out: list[tuple[int, int, int, Amount, str]] = []
    in_list = False
    for i, a in enumerate(amounts):
        de = _APPROX_DE.match(text, a.end)
        if a.value_yuan is None or not de:
            in_list = False
            continue
        cue = _CUE_BEFORE.search(text, max(0, a.start - 12), a.start)
        if cue and _SPENT_BEFORE.search(text, max(0, cue.start() - 4), cue.start()):
            cue = None  # 完成投资X亿元: money spent in a year, not a project's investment
        listed = in_list and text[a.start - 1 : a.start] == "、"
        if not cue and not listed:
            in_list = False
            continue
        qstart = cue.start() if cue else a.start
        s, e, why = _name_after(text, de.end(), amounts, i)
        out.append((qstart, s, e, a, why))
        in_list = why == "list"
    return out


def _drop_group_lists(items: list[tuple[int, int, int, Amount, str]]) -> list[tuple[int, int, int, Amount, str]]:
    """A lone 总投资X亿元的A等N个项目 is a group total; inside a list of amounts each item stands."""
    kept = []
    for k, it in enumerate(items):
        single = not (k > 0 and items[k - 1][4] == "list") and it[4] != "list"
        if it[4] == "group" and single:
            continue
        kept.append(it)
    return kept


Candidate = tuple[int, int, str, Amount, str | None]
"""(quote start, quote end, raw name, amount, status)"""


def _amount_first_candidates(text: str, amounts: list[Amount], sentence_end: int) -> list[Candidate]:
    """Rule 1: 总投资X亿元的Y… and lists of such items sharing the status written after the last."""
    items = _drop_group_lists(_amount_first(text, amounts))
    out: list[Candidate] = []
    list_status: str | None = None
    list_end: int | None = None
    for qs, s, e, a, why in reversed(items):
        nxt = next((b.start for b in amounts if b.start > e and b.value_yuan is not None), sentence_end)
        after = text[e:nxt]
        before = text[_clause_start(text, qs) : qs]
        st = list_status if why == "list" and list_status else _status(after, before)
        qe = e
        if why == "list" and list_end is not None:
            qe = list_end
        elif st and (m := re.search(st, after[:40])):
            qe = e + m.end()
        list_status, list_end = st, qe
        out.append((qs, qe, text[s:e], a, st))
    return out[::-1]


def _name_before_cue(text: str, cue: int, start: int) -> tuple[int, int, str | None] | None:
    """(name start, name end, status written between them and the cue) of the name a cue
    after a name belongs to, or None.

    A bracket right after a noun phrase is evidence enough (平陆运河（总投资727亿元）), also one of
    attributes holding the cue (X一期（装机…、投资16.8亿元）), and in a list each bracketed item
    owns its amount (A（总投资3亿元）、B（总投资1亿元）); an amount after a comma needs a project
    head, right before it, before 建设, or before the status or landing verb that ends the
    clause (X项目签约落地，总投资约60亿元).  Names joined by 、 before one amount share it: the
    whole clause is returned and ``_is_proper`` rejects it.
    """
    ns = _clause_start(text, cue)
    for item in _AFTER_BRACKETED_ITEM.finditer(text, ns, cue):
        ns = item.end()  # A（总投资3亿元）、B（…）/ …和B（…）: B starts after the last item
    name = text[ns:cue]
    bracket = text[cue] in "（("
    opened = max(name.rfind("（"), name.rfind("("))
    if opened > max(name.rfind("）"), name.rfind(")")):
        # X一期（装机40万千瓦、投资16.8亿元）: the cue is inside a bracket of attributes
        name, bracket = name[:opened], True
    elif text[cue] == "、":
        return None  # A、投资…: a list, not a name's amount
    elif opened > 0 and name.endswith(("）", ")")) and not _PHASE_RE.fullmatch(name, opened):
        name = name[:opened]  # X二期（装机10万千瓦）计划总投资…: the bracket describes X
    if bracket or _HEAD_END.search(name):
        return ns, ns + len(name), None
    if (trimmed := _drop_build(name)) != name:
        return ns, ns + len(trimmed), None  # X项目建设，总投资…
    cleaned = _clean_name(name)
    stop = _STOP.search(name, (name.rfind(cleaned) if cleaned else 0) + 2)
    if stop and not stop.group().startswith("等") and _HEAD_END.search(name, 0, stop.start()):
        # X项目签约落地，总投资… / X项目落户本县，总投资… (not 等5个项目建成: a group)
        return ns, ns + stop.start(), _status(name[stop.start() :], "")
    return None


def _drop_build(name: str) -> str:
    """X项目建设 → X项目: 建设 after a project head is the work on it, not part of the name."""
    return name[:-2] if name.endswith("建设") and _HEAD_END.search(name, 0, len(name) - 2) else name


def _fenbie_candidates(text: str, amounts: list[Amount], start: int) -> list[Candidate]:
    """A、B和C，分别投资18亿元、32亿元和9.5亿元: each name its own amount, when the counts agree."""
    out: list[Candidate] = []
    for k, a in enumerate(amounts):
        cue = _FENBIE_CUE.search(text, max(start, a.start - 8), a.start)
        if cue is None or a.value_yuan is None:
            continue
        group = [a]
        for b in amounts[k + 1 :]:
            if not _NAME_LIST_SEP.fullmatch(text[group[-1].end : b.start]) or b.value_yuan is None:
                break
            group.append(b)
        names_end = cue.start() - (1 if text[cue.start() - 1 : cue.start()] in ",，" else 0)
        ns = _clause_start(text, names_end)
        raw = text[ns:names_end]
        cleaned = _clean_name(raw)
        names = _NAME_LIST_SEP.split(cleaned)
        if len(group) < 2 or len(names) != len(group):
            continue
        status = _status("", raw[: raw.rfind(cleaned)] if cleaned else "")
        pos = ns + (raw.rfind(cleaned) if cleaned else 0)
        qe = group[-1].end
        for name, b in zip(names, group):
            at = text.find(name, pos, names_end)
            if at < 0:
                break
            out.append((at, qe, name, b, status))
            pos = at + len(name)
    return out


def _subject_of(text: str, at: int) -> tuple[int, str] | None:
    """(start, name) of X in X是…<at>: a project whose amount-first phrase ends in a generic noun
    (…是全省确定的总投资86亿元的重大项目) is named by the subject of its clause."""
    cs = _clause_start(text, at)
    m = _SUBJECT_IS.match(text, cs, at)
    if m is None:
        return None
    name = _clean_name(m.group("name"))
    if not _HEAD_END.search(name) or not _is_proper(name):
        return None
    return m.start("name") + m.group("name").find(name), name


def _spend_on(text: str, a: Amount, start: int, at: int) -> Candidate | None:
    """投入2.37亿元实施X工程 / 投资18.5亿元新建X: a spend cue before the amount and a verb at
    ``at`` (right after it, or after its comma) naming what the money is spent on."""
    spend = _SPEND_CUE.search(text, max(start, a.start - 8), a.start)
    verb = _SPEND_VERB.match(text, at) if spend else None
    if verb is None:
        return None
    e = _clause_end(text, verb.end())
    name = _drop_build(text[verb.end() : e])  # 实施X厂房建设: X厂房
    # 投资X亿元新建Y: the investment is Y's even without a project head, unless Y counts
    # things built (新建学校12所); across a comma 建设 may be a noun (…，建设进度超出预期)
    headless = at == a.end and spend.group().startswith("投资") and verb.group() in ("建设", "新建", "开工建设")
    if _HEAD_END.search(name) or (headless and not _COUNTED.search(name)):
        return (spend.start(), e, name, a, verb.group() if verb.group() != "用于" else None)
    return None


def _other_candidate(text: str, a: Amount, start: int, end: int, following: int) -> Candidate | None:
    """Rules 2–4 for an amount not already read as 'amount first' (sentence is text[start:end];
    the next amount, if any, starts at ``following``)."""
    # 4. spend-on: 投入2.37亿元实施X工程, first: a verb glued to the amount names what it is
    # spent on, whatever the clause before says (Y投用，投资12亿元建设X)
    if (spent := _spend_on(text, a, start, a.end)) is not None:
        return spent
    # 2. name first: X项目，总投资… / X（总投资…） / X项目签约落地，总投资…
    # (not when 的 follows: 总投资X亿元的Y is Y's amount, rule 1's shape, even when rule 1 dropped it)
    cue = None if _APPROX_DE.match(text, a.end) else _CUE_AFTER_NAME.search(text, max(start, a.start - 14), a.start)
    if cue is None and text[a.end : a.end + 1] in ")）":
        # X（12亿元）: a bracket holding only money, after a construction verb or a project head
        cue = _BARE_BRACKET.search(text, max(start, a.start - 2), a.start)
        if cue and not (
            _STATUS_BEFORE_RE.search(text, start, cue.start()) or _HEAD_END.search(text, start, cue.start())
        ):
            cue = None
    if cue and (found := _name_before_cue(text, cue.start(), start)) is not None:
        ns, ne, status = found
        qe = a.end + (1 if text[a.end : a.end + 1] in ")）" else 0)
        if status is None:
            raw = text[ns:ne]
            cleaned = _clean_name(raw)
            lead = raw[: raw.rfind(cleaned)] if cleaned else ""
            after = text[qe:following]  # up to the next amount: a status there is another project's
            if text[cue.start()] in "（(" and after[:1] in ",，":
                # X（总投资…），开工建设Y: what follows the comma is Y's; X's verb is before it
                status = _status("", lead)
            else:
                status = _status(after.lstrip(",，"), lead)
        return (ns, qe, text[ns:ne], a, status)
    # 4 again, across a comma (投资6800万元，建设X), once no name before the amount claims it
    if text[a.end : a.end + 1] in ",，" and (spent := _spend_on(text, a, start, a.end + 1)) is not None:
        return spent
    # 3. signed deal: 签约X项目50亿元
    ns = _clause_start(text, a.start, "、")
    name = text[ns : a.start]
    lead = text[start : a.start]
    if _HEAD_END.search(name) and _LANDING_WORD.search(lead):
        if ns > start and text[ns - 1] == "、":
            return None
        return (ns, a.end, name, a, "签约" if "签约" in lead else None)
    return None


# What every rule needs next to an amount: an investment cue glued to a number (rules 1,
# 2 and 4: their cue patterns end where the amount starts, or before a line break there,
# as ``$`` does), a bracket holding only money (X（8亿元）), or, for rule 3, a landing word
# and a project head glued to a number.
# The number's first character is any numeral character (a superset of where
# numbers.amounts_in starts an amount).  The cue pattern opens with the literal 投, which
# the regex engine finds at C speed; the others only run on the sentences it misses.
_NUMBER_HEAD = r"\n?[-−\d零〇○一二两三四五六七八九十百千万亿]"
_INVEST_CUE = re.compile(r"投[资入](?:总额|资金)?(?:额|金额)?(?:为|达到|达|约|超过|超|近|逾|高达|共)*" + _NUMBER_HEAD)
_BRACKETED_MONEY = re.compile(r"[（(]约?[\d零〇一二两三四五六七八九十百千.]+[万亿]*元[）)]")
_HEAD_NUMBER = re.compile(_HEAD + r"(?:[一二三四五六七八九十]期)?(?:项目)?" + _NUMBER_HEAD)
_SENTENCE_START = attrgetter("start")


def _money_sentences(doc: Document) -> list[tuple[int, int]]:
    """Spans of the sentences that can state a project: they name money (元) and hold a
    number right after an investment cue, or a landing word and a number right after a
    project head, which every rule needs (see ``_INVEST_CUE``).

    Found from the 元 in the whole text (``str.find``, in C) mapped to sentences by bisection,
    so the thousands of sentences without money cost nothing.
    """
    text = doc.text
    sentences = doc.sentences or split_sentences(text)
    out: list[tuple[int, int]] = []
    find = text.find
    p = find("元")
    if p < 0:
        return out
    starts = list(map(_SENTENCE_START, sentences))
    while p >= 0:
        i = bisect.bisect_right(starts, p) - 1
        if i >= 0 and p < (end := sentences[i].end):
            start = sentences[i].start
            if (
                _INVEST_CUE.search(text, max(0, start - 14), end)
                or (_LANDING_WORD.search(text, start, end) and _HEAD_NUMBER.search(text, start, end))
                or _BRACKETED_MONEY.search(text, start, end)
            ):
                out.append((start, end))
            p = find("元", end)
        else:
            p = find("元", p + 1)
    return out


def extract_projects(doc: Document) -> list[Project]:
    """Every project the report names with an investment amount that belongs to it alone."""
    text = doc.text
    found: list[Project] = []
    seen: set[tuple[str, float]] = set()
    for start, end in _money_sentences(doc):
        amounts = [a for a in amounts_in(text, start, end) if not is_milestone(a)]
        candidates = _amount_first_candidates(text, amounts, end) + _fenbie_candidates(text, amounts, start)
        used = {c[3].start for c in candidates}
        for k, a in enumerate(amounts):
            if a.start not in used and a.value_yuan is not None:
                following = next((b.start for b in amounts[k + 1 :] if b.value_yuan is not None), end)
                if (c := _other_candidate(text, a, start, end, following)) is not None:
                    candidates.append(c)
        for qs, qe, raw, a, status in candidates:
            name = _clean_name(raw)
            if not _is_proper(name) and (subject := _subject_of(text, qs)) is not None:
                qs, name = subject  # X项目是…总投资86亿元的重大项目: X is the name
            key = (name, a.value_yuan or 0.0)
            if not _is_proper(name) or key in seen:
                continue
            seen.add(key)
            found.append(
                Project(
                    name=name, investment_yuan=a.value_yuan, investment_text=a.text, status=status,
                    industries=tag_industries(name), quote=text[qs:qe], start=qs, end=qe,
                )
            )
    return found
