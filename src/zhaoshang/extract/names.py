"""Text helpers shared by the entity extractors (projects, enterprises, parks, policies, industries).

* sentence iteration that uses the pipeline's sentences when they exist and degrades to a
  plain split on 。；！？ when a Document arrives without them (tests, bare excerpts);
* name normalisation: ``canonical_key`` turns any written form of a company name into the
  key the store uses to link mentions of one company across reports;
* where a name starts (``name_start``), walking back over jieba tokens from its suffix;
* the speed the extractors need to stay cheaper than one segmentation pass: clause starts
  found in C on the reversed text (``clause_floor``, ``run_start``), segmentations
  memoised per document (``start_document``, ``tag``, ``cut``), and whole-report scans
  for suffixes driven by literal keys the regex engine finds fast (``tries.keyed_finditer``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import rjieba

from zhaoshang.model import Document, Section, Sentence

CLAUSE_PUNCT = ",，;；。！？!?:：\n"

_SENT_RE = re.compile(r"[^。；！？;!?\n]+[。；！？;!?]?")


def split_sentences(text: str) -> list[Sentence]:
    """Split on sentence-final punctuation (。；！？ and ASCII forms) with spans into ``text``.

    This is the fallback for Documents whose ``sentences`` were not filled by the pipeline.
    """
    out: list[Sentence] = []
    for m in _SENT_RE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if e > s:
            out.append(Sentence(s, e))
    return out


def _section_at(sections: list[Section], starts: list[int], pos: int) -> str:
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and sections[i].start <= pos < sections[i].end:
        return sections[i].kind
    return "other"


class Chunk(NamedTuple):
    """One sentence of a document: its span, its text and the kind of section it sits in.

    Immutable; a named tuple rather than a frozen dataclass because documents create
    thousands of them and a frozen dataclass is several times slower to build."""

    start: int
    end: int
    text: str
    section_kind: str


# The chunks of the last document asked for: every entity extractor walks the same
# sentences, so they are cut once per document (one entry, replaced whole: thread-safe).
_LAST: tuple[tuple[int, ...], str, list[Sentence], list[Section], list[Chunk]] = ((), "", [], [], [])


def sentence_chunks(doc: Document) -> list[Chunk]:
    """The document's sentences as :class:`Chunk` (pipeline ones if present, else a fallback
    split), computed once per document state and shared by the extractors.

    The section kind comes from the sentence itself, or from ``doc.sections`` when the
    sentence does not carry one.
    """
    global _LAST
    key = (id(doc), len(doc.sentences), len(doc.sections))
    k, text, sents, secs, chunks = _LAST
    if k == key and text is doc.text and sents is doc.sentences and secs is doc.sections:
        return chunks
    sentences = doc.sentences or split_sentences(doc.text)
    sections = sorted(doc.sections, key=lambda s: s.start)
    starts = [s.start for s in sections]
    chunks = []
    t = doc.text
    for s in sentences:
        kind = s.section_kind
        if (not kind or kind == "other") and sections:
            kind = _section_at(sections, starts, s.start)
        chunks.append(Chunk(s.start, s.end, t[s.start : s.end], kind or "other"))
    _LAST = (key, doc.text, doc.sentences, doc.sections, chunks)
    return chunks


def iter_sentences(doc: Document) -> Iterator[Chunk]:
    """Yield the document's sentences (see :func:`sentence_chunks`)."""
    return iter(sentence_chunks(doc))


# --- company names ---------------------------------------------------------------------

#: Organisation suffixes, longest first so the alternation prefers the full form.
ORG_SUFFIXES: tuple[str, ...] = (
    "集团股份有限公司",
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "控股有限公司",
    "有限公司",
    "集团公司",
    "控股集团",
    "总公司",
    "分公司",
    "子公司",
    "集团",
    "公司",
    "企业",
)

#: Words that say what a company does and that reports glue to a brand to make a short form
#: (君禾铜业, 华辉石业, 立邦涂料).  Also used to recognise such short forms.
INDUSTRY_WORDS: tuple[str, ...] = (
    "新材料", "新能源", "生物科技", "医药科技", "信息技术", "电子商务", "光电科技", "智能科技",
    "网络科技", "环保科技", "农业科技", "食品科技", "智能装备", "汽车零部件",
    "铜业", "铝业", "钢铁", "钢业", "铁业", "锌业", "镍业", "钛业", "硅业", "锂业", "矿业", "石业",
    "石材", "建材", "水泥", "玻璃", "陶瓷", "化工", "化学", "塑业", "塑胶", "橡胶", "纺织",
    "服饰", "服装", "鞋业", "皮革", "家具", "家居", "木业", "竹业", "纸业", "印务", "包装",
    "药业", "制药", "医药", "生物", "医疗", "菌业", "茶业", "农业", "牧业", "畜牧", "渔业",
    "林业", "食品", "乳业", "酒业", "饮品", "饮料", "粮油", "油脂", "米业", "果业", "种业",
    "科技", "电子", "电器", "电气", "电力", "电缆", "光电", "光伏", "能源", "电池", "储能",
    "机械", "重工", "装备", "汽车", "动力", "精工", "智能", "智造", "通信", "通讯", "网络",
    "软件", "数据", "信息", "物流", "航空", "航运", "港务", "实业", "贸易", "商贸", "文旅",
    "旅游", "酒店", "置业", "地产", "建工", "建设", "环保", "水务", "燃气", "热力", "涂料",
)

_PROVINCES = (
    "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|"
    "广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门"
)
#: A leading place name: a province short name, 中国, or 2–4 characters ending in an
#: administrative suffix (雅安市, 宝兴县, 克拉玛依区 ...).  Applied at most twice.
_REGION_PREFIX = re.compile(
    rf"^(?:中国|全国|(?:{_PROVINCES})(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?|"
    r"[\u4e00-\u9fff]{2,4}?(?:省|自治州|市|地区|盟|县|旗|区))"
)
_ORG_SUFFIX_RE = re.compile("(?:" + "|".join(ORG_SUFFIXES) + ")$")
_INDUSTRY_TAIL_RE = re.compile("(?:" + "|".join(sorted(INDUSTRY_WORDS, key=len, reverse=True)) + ")$")
_PAREN_RE = re.compile(r"[(（][^()（）]{1,8}[)）]")
_INDUSTRY_SET = frozenset(INDUSTRY_WORDS)


def strip_region(name: str) -> str:
    """Drop up to two leading place names (四川省雅安市X → X), never leaving under 2 chars.

    Memoised for the current document (see ``start_document``): brands are checked
    several times each."""
    found = _STRIP_MEMO.get(name)
    if found is not None:
        return found
    core = name
    for _ in range(2):
        m = _REGION_PREFIX.match(core)
        if not m or len(core) - m.end() < 2 or core[m.end() :] in _INDUSTRY_SET:
            break
        core = core[m.end() :]
    if len(_STRIP_MEMO) > _MEMO_MAX:
        _STRIP_MEMO.clear()
    _STRIP_MEMO[name] = core
    return core


def strip_org_suffix(name: str) -> str:
    """Drop trailing organisation suffixes (有限公司, 集团 ...) repeatedly."""
    while True:
        m = _ORG_SUFFIX_RE.search(name)
        if not m or m.start() < 2:
            return name
        name = name[: m.start()]


def company_core(name: str) -> str:
    """Brand plus business words: 四川君禾铜业有限公司 → 君禾铜业 (region and org suffix gone)."""
    name = _PAREN_RE.sub("", name.strip())
    return strip_region(strip_org_suffix(name)) or name


def canonical_key(name: str) -> str:
    """The cross-report linking key of a company name: its brand core.

    Strips region prefixes, organisation suffixes and trailing business words, so
    四川君禾铜业有限公司, 君禾铜业 and 君禾 share the key 君禾, and 福莱特光伏玻璃 links to
    福莱特.  A business word is kept when removing it would leave fewer than two characters
    or nothing but another business word (中国石油 keeps 石油).
    """
    core = company_core(name)
    while (m := _INDUSTRY_TAIL_RE.search(core)) and m.start() >= 2 and core[: m.start()] not in _INDUSTRY_SET:
        core = core[: m.start()]
    return core


# --- segmentation, memoised per document ----------------------------------------------
# The entity extractors segment the same short strings again and again within a report
# (a park's name at each mention, a brand in several checks).  rjieba.tag is a pure
# function of its input, so its results are kept for the document being extracted and
# dropped when another starts (``start_document``): memory stays bounded by one report,
# and threads extracting different reports at worst lose each other's memo, never a result.
_MEMO_TEXT = ""
_TAG_MEMO: dict[str, list[tuple[str, str]]] = {}
_CUT_MEMO: dict[str, list[str]] = {}
_STRIP_MEMO: dict[str, str] = {}
_MEMO_MAX = 50_000


def start_document(text: str) -> None:
    """Memoise segmentations for ``text`` from now on (those of another text are dropped)."""
    global _MEMO_TEXT, _TAG_MEMO, _CUT_MEMO, _STRIP_MEMO
    if text is not _MEMO_TEXT:
        _MEMO_TEXT, _TAG_MEMO, _CUT_MEMO, _STRIP_MEMO = text, {}, {}, {}


def _remember(memo: dict[str, Any], segment: Callable[[str], Any], s: str) -> Any:
    """``segment(s)``, stored in ``memo`` (bounded); the caller has looked it up already."""
    if len(memo) > _MEMO_MAX:
        memo.clear()
    found = memo[s] = segment(s)
    return found


# tag and cut look the memo up themselves and call _remember only on a miss: most calls
# hit, and a hit then costs one function call, not two.
def tag(s: str) -> list[tuple[str, str]]:
    """``rjieba.tag(s)``, memoised for the current document (do not mutate the result)."""
    found = _TAG_MEMO.get(s)
    return _remember(_TAG_MEMO, rjieba.tag, s) if found is None else found


def cut(s: str) -> list[str]:
    """``rjieba.cut(s)``, memoised for the current document (do not mutate the result)."""
    found = _CUT_MEMO.get(s)
    return _remember(_CUT_MEMO, rjieba.cut, s) if found is None else found


# --- where a name starts --------------------------------------------------------------

#: POS tags (jieba) that never belong to a proper name: prepositions, conjunctions,
#: particles, punctuation, pronouns, adverbs, classifiers.  Numerals (m) are not among them
#: (北京天福号, 万亩食用菌产业园); a token made only of digits stops the walk instead.
_STOP_POS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "x", "r", "d", "ad", "q", "mq", "y", "e"})
#: Verbs and verbal nouns that typically *precede* a name in report prose (推进X, 打造X).
LEAD_WORDS = frozenset(
    "推进 推动 加快 加速 建设 打造 创建 争创 引进 引入 支持 帮助 指导 依托 发挥 用好 用足 启动 规划 实施 完成 抓好 "
    "做强 做大 做优 做精 加强 重构 培育 组建 成立 设立 申报 获批 入驻 落户 对接 参与 整合 盘活 提升 完善 探索 建成 "
    "开工 谋划 紧盯 围绕 聚焦 融入 领跑 争当 扶持 鼓励 引导 助推 助力 促进 深化 推广 开展 拓展 壮大 优化 发展 "
    "新建 续建 改造 扩建 承办 举办 联合 携手 牵手 签约 招引 服务 保障 配合 协调 督促 推介 带动 吸引 入选 荣获 获评 "
    "通过 获得 成为 实现 确保 力争 新增 累计 全面 重点 积极 大力 全力 着力 持续 继续 进一步 加大 抢抓 借助 利用 "
    "组织 形成 构建 共建 合作 推出 创新 投资 投入 完成了 建设了 打造了 引进了 用活 用足 争取 建好 办好 抓 做 "
    "加快推进 加快建设 积极推进 全力推进 大力推进 着力打造 积极争取 积极争创 争当 对标 瞄准 依靠 紧扣 立足 推进了 "
    "开建 新增 新建了 启动了 实施了 改造提升 提升改造 提档升级 优化提升 规范 整治 清理 保护 修复 建立 健全 "
    "落实 构筑 生产 布局 抓实 会同 协同 做好 充分发挥 发挥 造成 打造成 建设成 建成为 精心 进入 开通 纳入 列入 申请 加入 完成了 加快发展 大力发展 重点发展 积极发展 着力发展 发展壮大 做大做强 做强做优 做优做强 巩固 发挥好 用好用活".split()
)


def _short_quote(text: str, close: int) -> bool:
    """Whether the quotation closing at ``close`` is a short name part (“双百”), not a phrase
    with its own punctuation (“西电东送、云电外送”)."""
    open_ = text.rfind("“", 0, close)
    inner = text[open_ + 1 : close] if open_ >= 0 else ""
    return 0 < len(inner) <= 6 and _QUOTE_BREAK.isdisjoint(inner)


_QUOTE_BREAK = frozenset(CLAUSE_PUNCT + "、")
#: characters that end a name when a token holds one
_BREAK_CHARS = frozenset(CLAUSE_PUNCT + "、“”\"《》()（）")
_CLOSERS = frozenset((")", "）"))
_OPENERS = frozenset(("(", "（", "“"))
_VERB_HEAD_TAGS = frozenset(("v", "d", "ad", "l", "i"))


def name_start(text: str, end: int, floor: int, *, keep_verbs: frozenset[str] = frozenset(),
               lead_words: frozenset[str] = LEAD_WORDS, max_len: int = 20) -> int:
    """Where a name ending at ``end`` starts: walk back over jieba tokens from ``end`` and stop
    at punctuation, function words, or a verb that leads into the name (see ``LEAD_WORDS``).

    Only the verbs listed in ``lead_words`` stop the walk: names are full of words jieba
    tags as verbs (承接 in 皖北承接产业转移示范区, 达 in 韵达), and an unknown brand is often
    split into single "verbs".  ``keep_verbs`` overrides ``lead_words`` for words that belong
    in a kind of name (建设 in 夹金山建设投资有限公司).  Never goes below ``floor`` or
    beyond ``max_len``.
    """
    lo = end - max_len
    if lo < floor:
        lo = floor
    # tokenise from the clause start so segmentation sees the leading verb in context
    window = text[floor:end] if end - floor <= 60 else text[end - 60 : end]
    memo = _TAG_MEMO
    tokens = memo.get(window) or tag(window)
    pos = end
    depth = 0  # inside a bracketed part of the name: 中国（湖南）自由贸易试验区, “双百”产业园
    for word, pos_tag in reversed(tokens):
        if depth:
            if word in _OPENERS:
                depth -= 1
            elif word in _CLOSERS or (word == "”" and _short_quote(text, pos - 1)):
                depth += 1
        elif word in _CLOSERS or (word == "”" and _short_quote(text, pos - 1)):
            depth += 1
        elif word in keep_verbs:
            pass
        elif word in lead_words or pos_tag in _STOP_POS or word.replace(".", "").isdigit():
            break
        elif not _BREAK_CHARS.isdisjoint(word):
            break
        n = len(word)
        if pos - n < lo:
            break
        pos -= n
    # a name does not start with a verb of two or more characters (坚持…园区, 复制推广自贸区)
    while end - pos >= 2:
        name = text[pos:end]
        word, pos_tag = (memo.get(name) or tag(name))[0]
        if (
            pos_tag in _VERB_HEAD_TAGS
            and len(word) >= 2
            and word not in keep_verbs
            and (end - pos > len(word) or rjieba.has_word(word))  # an unknown "verb" alone is a brand (韵达)
        ):
            pos += len(word)
        else:
            break
    # jieba sometimes glues a leading verb to the name (做好园区, 开通保税…): peel them off
    if end - pos >= 2:
        peel = _peeler(lead_words, keep_verbs).match
        while end - pos >= 2 and (m := peel(text, pos, end)):
            pos = m.end()
    return pos


_PEELERS: dict[tuple[frozenset[str], frozenset[str]], re.Pattern[str]] = {}


def _peeler(lead_words: frozenset[str], keep_verbs: frozenset[str]) -> re.Pattern[str]:
    """A pattern for the leading verbs ``name_start`` peels off: the lead words of four,
    three, then two characters (longest first), except the kept verbs."""
    key = (lead_words, keep_verbs)
    found = _PEELERS.get(key)
    if found is None:
        words = sorted((w for w in lead_words - keep_verbs if 2 <= len(w) <= 4), key=len, reverse=True)
        found = _PEELERS[key] = re.compile("|".join(map(re.escape, words)) or "(?!)")
    return found


_CLAUSE_RUN = re.compile("[^" + re.escape(CLAUSE_PUNCT) + "、]*")
# The reversed text of the last document asked for (one entry, replaced whole: thread-safe):
# a clause start is then one anchored regex match from the mirrored position, in C.
_REVERSED: tuple[str, str] = ("", "")


def _reversed(text: str) -> str:
    global _REVERSED
    cached, rev = _REVERSED
    if cached is not text:
        rev = text[::-1]
        _REVERSED = (text, rev)
    return rev


def run_start(text: str, pos: int, run: re.Pattern[str]) -> int:
    """Start of the stretch of characters matching ``run`` (a ``[^…]*`` class) that ends at
    ``pos``: a backwards scan done as a forward match on the reversed text."""
    cached, rev = _REVERSED
    if cached is not text:
        rev = _reversed(text)
    m = run.match(rev, len(text) - pos)
    return len(text) - m.end() if m else pos


#: a stretch of one sentence-level clause: no ,，;；。:：!！?？ or line break (、 allowed)
SENTENCE_RUN = re.compile(r"[^,，;；。:：!！?？\n]*")


def clause_floor(text: str, pos: int) -> int:
    """Start of the clause (after the last ,，;；。:：、 or line break) that contains ``pos``."""
    cached, rev = _REVERSED
    if cached is not text:
        rev = _reversed(text)
    return len(text) - _CLAUSE_RUN.match(rev, len(text) - pos).end()


