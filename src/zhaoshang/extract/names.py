"""Text helpers shared by the entity extractors (projects, enterprises, parks, policies, industries).

Two jobs live here because every entity extractor needs both:

* sentence iteration that uses the pipeline's sentences when they exist and degrades to a
  plain split on 。；！？ when a Document arrives without them (tests, bare excerpts);
* name normalisation: ``canonical_key`` turns any written form of a company name into the
  key the store uses to link mentions of one company across reports.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from zhaoshang.model import Document, Section, Sentence

SENTENCE_END = "。；！？;!?\n"
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


@dataclass(frozen=True, slots=True)
class Chunk:
    """One sentence of a document: its span, its text and the kind of section it sits in."""

    start: int
    end: int
    text: str
    section_kind: str


def iter_sentences(doc: Document) -> Iterator[Chunk]:
    """Yield the document's sentences (pipeline ones if present, else a fallback split).

    The section kind comes from the sentence itself, or from ``doc.sections`` when the
    sentence does not carry one.
    """
    sentences = doc.sentences or split_sentences(doc.text)
    sections = sorted(doc.sections, key=lambda s: s.start)
    starts = [s.start for s in sections]
    for s in sentences:
        kind = s.section_kind
        if (not kind or kind == "other") and sections:
            kind = _section_at(sections, starts, s.start)
        yield Chunk(s.start, s.end, doc.text[s.start : s.end], kind or "other")


def section_kind_at(doc: Document, pos: int) -> str:
    """The kind of the section containing ``pos`` (``other`` when sections are unknown)."""
    sections = sorted(doc.sections, key=lambda s: s.start)
    return _section_at(sections, [s.start for s in sections], pos) if sections else "other"


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
    """Drop up to two leading place names (四川省雅安市X → X), never leaving under 2 chars."""
    for _ in range(2):
        m = _REGION_PREFIX.match(name)
        if not m or len(name) - m.end() < 2 or name[m.end() :] in _INDUSTRY_SET:
            break
        name = name[m.end() :]
    return name


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

    Strips region prefixes, organisation suffixes and one trailing business word, so
    四川君禾铜业有限公司, 君禾铜业 and 君禾 share the key 君禾.  The business word is kept
    when removing it would leave fewer than two characters or nothing but another
    business word (中国石油 keeps 石油).
    """
    core = company_core(name)
    m = _INDUSTRY_TAIL_RE.search(core)
    if m and m.start() >= 2 and core[: m.start()] not in _INDUSTRY_SET:
        core = core[: m.start()]
    return core
