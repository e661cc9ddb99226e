"""Enterprises a report names, each mention linked to one entity per company.

Three shapes, three rules:

* **full names** with an organisation suffix (有限公司, 股份有限公司, 集团, 公司 …):
  夹金山建设投资有限公司, 四川省旅投集团创新公司, 融汇城投公司;
* **short forms**: a brand glued to a business word (君禾铜业, 华辉石业, 立邦涂料, 冠宇电池).
  Business words that are almost only used this way (铜业, 药业, 涂料, 股份 …) are taken
  anywhere; common ones (科技, 能源, 食品, 玻璃 …) only with evidence that a company is meant:
  the brand is not a dictionary word, the name is an item of an enterprise list, or it is
  the subject of an enterprise predicate (获批, 入选, 上市, 投产 …) or the object of a landing
  verb (引进, 支持, 帮助, 紧盯 …);
* **bare brands** in lists the text calls enterprises (平安、保利、万科…等知名企业;
  科力、红都等企业; 引进福建华辉等一批…企业).

Generic groups are never enterprises: 国有企业, 龙头企业, 规上企业, 上市公司, 市场主体,
公司制改革, and organisation words with no name (粮油公司, 投资公司).

One fact per name *as written* per report (its first mention): 君禾铜业 and 四川君禾铜业有限公司
are two facts, a third 君禾铜业 is not.  Each fact's ``canonical`` is the fullest name written
in the report for the same ``canonical_key`` (both facts above → 四川君禾铜业有限公司), so the
store links the names of one company within a report and, through ``canonical_key``, across
reports; the text search finds every further mention.
"""

from __future__ import annotations

import functools
import re

import rjieba

from zhaoshang.extract import names
from zhaoshang.extract.industries import tag_industries, taxonomy
from zhaoshang.extract.tries import keyed_finditer, literal_keys, scan_trie_regex, trie_regex
from zhaoshang.extract.names import (
    LEAD_WORDS,
    canonical_key,
    clause_floor,
    name_start,
    run_start,
    SENTENCE_RUN,
    strip_region,
)
from zhaoshang.model import Document, Enterprise

# Patterns used inside functions, compiled once (re's cache lookup costs ~1 µs a call).
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_OWNED_BY_LEVEL = re.compile(r"^[省市县区州](?![省市县区州])")
_NOT_A_BRAND = re.compile(r"上市|国有|民营|犯罪|恶势力|僵尸|各类|一批")
_SUBORDINATE = re.compile(r"属")
_LIST_ITEM = re.compile(r"[^、和及与]+")


#: organisation suffixes a full company name ends with, longest first
ORG_WORDS: tuple[str, ...] = (
    "集团股份有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "控股有限公司", "有限公司", "集团公司",
    "控股集团", "总公司", "分公司", "集团", "公司",
)
_ORG = re.compile("(?:" + "|".join(ORG_WORDS) + ")(?![制化])")
# over a whole report, _ORG is found from its words' last characters (司, 团): see
# names.keyed_finditer; the lookahead reads one character past a match
_ORG_KEYS = literal_keys(ORG_WORDS)
_ORG_WIDTH = max(map(len, ORG_WORDS))
#: business words that, glued to a brand, nearly always make a company name
STRONG_WORDS: tuple[str, ...] = (
    "铜业", "铝业", "锌业", "镍业", "钛业", "锂业", "硅业", "钢业", "铁业", "矿业", "石业", "药业", "菌业",
    "茶业", "纸业", "木业", "竹业", "鞋业", "乳业", "酒业", "种业", "果业", "米业", "塑业", "瓷业", "电器",
    "电气", "涂料", "制箔", "测控", "智造", "股份", "实业", "置业", "控股", "制药", "光电", "精工", "重工",
    "压缩机",
)
_STRONG = frozenset(STRONG_WORDS)
_STRONG_END = re.compile("(?:" + "|".join(STRONG_WORDS) + ")$")
#: common business words: a company only with evidence (see module docstring)
WEAK_WORDS: tuple[str, ...] = (
    "科技", "能源", "新材料", "食品", "粮油", "光伏", "玻璃", "水泥", "石材", "环保", "电池", "软件", "数据",
    "石油", "热力", "化工", "建材", "陶瓷", "机械", "装备", "电子", "生物", "医药", "智能", "纺织", "服饰",
    "家具", "家居", "包装", "通信", "电缆", "钢铁", "汽车", "动力", "牧业", "畜牧", "渔业", "林业", "物流",
    "新能源", "生物科技", "信息技术", "网络科技", "环保科技", "智能科技", "光电科技", "农业科技", "电子商务",
    "智慧农业", "城建", "城投", "集团", "物业", "劳务",
)
_BUSINESS_WORDS = set(WEAK_WORDS) | _STRONG
# A run of business words.  Written X(?:X)* rather than (?:X)+ so that the pattern opens
# with a first-character class, from which the engine skips, in C, every position where no
# business word starts; the first X is the scanning form of the trie (tries.scan_trie_regex:
# same matches, half the cost over a report), the repeats the plain trie.
_BUSINESS_TRIE = trie_regex(_BUSINESS_WORDS)
_BUSINESS = re.compile(f"(?:{scan_trie_regex(_BUSINESS_WORDS)})(?:{_BUSINESS_TRIE})*")
#: nouns that turn "brand + business word" into a place or an institution (代碑寺物流园区,
#: 安徽科技学院, 东拉山旅游公路) or a generic phrase (科技型企业, 能源产业)
_NOT_COMPANY_AFTER = re.compile(
    r"园|学院|大学|研究院|研究所|学校|公路|中心|基地|示范|广场|小镇|景区|产业|集群|行业|领域|企业|型|类|资源|"
    r"市场|体系|平台|网络|工程|设施|设备|技术|人才|创新|发展|服务|建设|消费|项目建设|合作|制|经济|管理|工作|单位|"
    r"设计|研究|改革|行动|产品|价格|安全|监管|保障|供应|质量|加工|工业|材料|互联|展|博览|枢纽|通道|走廊|港"
)
# The scan also notes, in C, whether such a noun follows (group ``after``): a zero-width
# optional lookahead, so the matches are exactly those of _BUSINESS.
_BUSINESS_SCAN = re.compile(_BUSINESS.pattern + f"(?:(?=(?P<after>{_NOT_COMPANY_AFTER.pattern})))?")
_ORG_KEEP = frozenset("建设 投资 发展 创新 开发 服务 合作 旅投 城投 控股 实业 置业 物流 科技 制造 融资 担保 运营 经营 城建".split())
#: words that make a brand generic (现代农业, 智慧物流 …) when the brand is made of them
_GENERIC_BRAND = re.compile(
    r"^(?:现代|特色|绿色|生态|智慧|数字|传统|新兴|高新|先进|优势|主导|本地|地方|中小|龙头|重点|相关|有色|新型|"
    r"高端|战略|休闲|精品|有机|健康|文化|乡村|农村|城市|全域|区域|产业|工业|农业|发展|建设|国家|全国|全省|全市|"
    r"全县|全区|我县|我市|我区|规上|规模|一批|各类|清洁|可再生|跨境|交通|服务|民营|国有|外资|上市|骨干|小微|"
    r"中小微|科技型|高新技术|新|大|小|市属|县属|区属|省属|地方国有|重大|优质|知名|世界|国际|本土|外地|新能源|"
    r"新材料|电子|信息|农产品|生物|医药|食品|能源|智能|数据|软件|网络|节能|环保|光伏|储能|汽车|装备|机械|"
    r"石材|建材|玻璃|水泥|陶瓷|化工|物流|旅游|文旅|商贸|贸易|电商|平台|头部|领军|链主|配套|支柱|传统产业|"
    r"企业|公司|集团|其他|相关|该|本|各|多家|一家|两家|\d+家|犯罪|土地|资产|集体资产|红色|恶势力|境内外|粮油|投资|平台|子|分|"
    r"城投|城建|国资|国有资本|供销|物业|劳务|房地产|建筑|施工|运输|担保|小额贷款|村集体|集体)+$"
)
_PREDICATE_AFTER = re.compile(
    r"(?:、[^,，。；;]{1,10}?)*(?:[一二三]期)?(?:获批|获评|获得|荣获|荣登|入选|通过|成功申报|率先|定向增发|上市|挂牌|入驻|落户|落地|投产|建成|扩能|增产|"
    r"稳产|满产|达产|开业|组建|申报|等(?:[\d一二三四五六七八九十]+家|一批)?[^,，。；]{0,12}?(?:企业|公司|龙头))"
)
#: predicates only a company takes (a phase going into production, a listing, an award "as an enterprise")
_COMPANY_PREDICATE = re.compile(
    r"(?:、[^,，。；;]{1,10}?)*(?:[一二三]期)?(?:投产|上市|挂牌|定向增发|扩能|增产|稳产|满产|达产|入驻|落户|"
    r"(?:获批|入选|荣登|荣获|获评)[^,，。；;]{0,16}?(?:企业|公司|百强|冠军|工厂|车间))"
)
_LANDING_BEFORE = re.compile(
    r"(?:引进|引入|支持|帮助|指导|推进|推动|助推|助力|引导|紧盯|培育|对接|签约|落户|招引|扶持|加快推进|"
    r"引进了|支持了)$"
)
_LIST_TAIL = (
    r"(?:[\d一二三四五六七八九十]+家|一批|多家)?[^,，。；;、]{0,14}?"
    r"(?:企业|公司|集团|龙头|厂商|商家|央企|民企|国企|平台)(?![园区中心建])"
)
#: where a list of enterprises ends: 等(N家)…企业, 为代表的…公司, 等(战略)合作.  Written as two
#: patterns that open with a literal and consume only it, the rest in a lookahead, so the
#: engine skips to each 等 in C and every one is tried, even inside another's tail.
_LIST_END_DENG = re.compile(r"等(?=(?<!等等)(?![于级])" + _LIST_TAIL + r"|的?(?:战略)?合作)")
_LIST_END_DAIBIAO = re.compile(r"为代表的(?=" + _LIST_TAIL + ")")
_ITEM_GENERIC = re.compile(
    r"(?:企业|公司|集团|项目|产业|工程|基地|园|区|县|市|省|镇|乡|村|平台|中心|系统|机构|实验室|研究院|学院|大学|"
    r"应用|年会|会议|活动|论坛|展会|博览会|节|会|所|院|交流|合作|对接|奖|榜)$"
)


_FUNCTION_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "y", "e"})
_PROPER_TAGS = frozenset({"nr", "nz", "nt", "j", "nrt", "nrfg", "eng"})


def _proper(core: str, places: bool = False) -> bool:
    """Whether a brand looks like a proper name: a Latin token, a word jieba tags as a
    person/organisation name or abbreviation, or a word not in its dictionary (君禾, 瞩日 —
    brands are coined words).  Place names (厦门国际), common words (全流程, 珍珠) and
    industry terms the dictionary lacks (冷链, 硅基) are not."""
    terms = _surface_terms()
    for word, tag in names.tag(core):
        if word in terms:
            continue
        if tag in _PROPER_TAGS or (places and tag == "ns") or _LATIN_WORD.fullmatch(word):
            return True
        if len(word) >= 2 and not rjieba.has_word(word):
            return True
    return False


@functools.cache
def _surface_terms() -> frozenset[str]:
    """The industry terms of the taxonomy (read on first use)."""
    return frozenset(s for s, code in taxonomy().surface.items() if code)


_PREP = re.compile(r"[以与和在对为向从将把被由同]")
#: how a brand may not start: a scope or level word, a count (万吨…), a digit or list mark
_BAD_START = re.compile(
    r"全国|全省|全市|全县|全区|国家|省级|市级|县级|中央|我[县市区省]|首个|首家|唯一|企业|公司|新一轮|传统"
    r"|[万千百亿]+[吨米亩方台套件瓦]|[\d、\-]"
)
#: what a brand may not hold after its first character: a digit, a list mark, a place or zone
_BAD_INSIDE = re.compile(r"[\d、\-区园镇乡村县省]|大学|学院")


def _brand_ok(brand: str, max_len: int = 6, core: str | None = None) -> bool:
    """A brand is a proper part of a name: 2–``max_len`` chars, not made only of generic or
    industry words, not a place or zone (凤泉湖高新区), no digits (100MW).

    ``core`` is ``strip_region(brand)`` when the caller already has it.  The cheap checks
    on characters run first, the dictionary and the segmenter last."""
    if core is None:
        core = strip_region(brand)
    if not 2 <= len(core) <= max_len:
        return False
    if _BAD_START.match(core) or _BAD_INSIDE.search(core, 1):
        return False
    if _PREP.match(core) and len(core) > 2 and not rjieba.has_word(core[:2]):
        return False  # a preposition glued to the name by the segmenter
    if _GENERIC_BRAND.match(core[1:] if core[0] in "省市县区州" else core) or core in _surface_terms():
        return False
    # no function word inside (发展的, 和…) — judged on words, so 华为 keeps its 为
    return _FUNCTION_TAGS.isdisjoint([tag for _, tag in names.tag(core)])


def _org_names(text: str) -> list[tuple[int, int]]:
    out = []
    for m in keyed_finditer(_ORG, _ORG_KEYS, text, _ORG_WIDTH, reach=1):
        floor = clause_floor(text, m.start())
        ns = name_start(text, m.start(), floor, keep_verbs=_ORG_KEEP, max_len=20)
        brand = text[ns : m.start()]
        if not brand:
            continue
        core = strip_region(brand)
        region_owned = core != brand or _OWNED_BY_LEVEL.match(brand)
        if _NOT_A_BRAND.search(brand):
            continue
        if (_brand_ok(brand, 12) and _proper(core, places=True)) or (region_owned and len(core) >= 2 and not _SUBORDINATE.search(brand)):
            out.append((ns, m.end()))
    return out


def _own_word_ends_at(text: str, start: int, end: int) -> bool:
    """Whether segmenting from ``start`` (with four characters of context after ``end``)
    puts a word boundary at ``end``."""
    pos = start
    for w in names.cut(text[start : end + 4]):
        pos += len(w)
        if pos >= end:
            break
    return pos == end


_IN_LIST = re.compile(r"[^,，。；;、]{0,12}?(?:、[^,，。；;]{1,14}?)*(?:等|为代表的|为龙头)[^,，。；;]{0,14}?(?:企业|公司|项目|龙头)")


_NOT_BEFORE_BUSINESS = frozenset("，,。；;、：:“”的和与及在为")


def _short_names(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _BUSINESS_SCAN.finditer(text):
        ms, me = m.span()
        if ms == 0 or text[ms - 1] in _NOT_BEFORE_BUSINESS or m.start("after") >= 0:
            continue  # cheap tests before any segmentation
        floor = clause_floor(text, ms)
        if ms - floor < 2:
            continue  # no room for a brand of two characters
        ns = name_start(text, ms, floor, max_len=8)
        if ns == ms:
            continue
        brand = text[ns:ms]
        core = strip_region(brand)
        if not _brand_ok(brand, core=core):
            continue
        # the business word must be a word of its own (公司化工作 is not 化工)
        if not _own_word_ends_at(text, ns, me):
            continue
        whole = text[ns:me]
        if rjieba.has_word(whole) and names.tag(whole)[0][1] not in ("nr", "nz", "nt", "nrt", "nrfg"):
            continue  # a dictionary word (农林牧渔业, 装饰建材) is not a company name
        strong = _STRONG_END.search(m.group()) is not None
        in_list = _IN_LIST.match(text, me)
        evidence = _PREDICATE_AFTER.match(text, me) or _LANDING_BEFORE.search(text, max(0, ns - 4), ns) or in_list
        proper = _proper(core)
        # a listed or award-taking item still needs a name of its own (凤阳玻璃, not 装饰建材)
        listed = in_list and (proper or _proper(core, places=True))
        if not (proper or (strong and evidence) or listed or _COMPANY_PREDICATE.match(text, me)):
            continue
        if not strong and not evidence and all(t == "ns" for _, t in names.tag(core)):
            continue  # a place + a business word (凤阳玻璃) is an industry unless the text says company
        out.append((ns, me))
    return out


def _listed_brands(text: str) -> list[tuple[int, int]]:
    """Items of 'A、B、C等…企业' lists, including bare brands.

    Items after a 、 are taken whole (segmenting 红都 or 特变电 out of context splits them);
    only the first item is trimmed back to the verb that introduces the list.
    """
    out = []
    ends = [m.start() for m in _LIST_END_DENG.finditer(text)]
    if "为代表的" in text:
        ends = sorted(ends + [m.start() for m in _LIST_END_DAIBIAO.finditer(text)])
    for end in ends:
        start = run_start(text, end, SENTENCE_RUN)
        items: list[tuple[int, int]] = []
        first = True
        for part in _LIST_ITEM.finditer(text[start:end]):
            s_, e = start + part.start(), start + part.end()
            if first:  # the first item: trim back to the verb that introduces the list
                s_ = name_start(text, e, s_, keep_verbs=_ORG_KEEP, max_len=12)
                first = False
            if 2 <= e - s_ <= 12:
                items.append((s_, e))
        for s_, e in items:
            name = text[s_:e]
            if _ITEM_GENERIC.search(name) and not _ORG.search(name):
                continue
            if _brand_ok(name, 10) or _ORG.search(name):
                out.append((s_, e))
    return out


def _name_length(segment: str) -> int:
    """Length of the name at the head of ``segment``: up to the first verb that follows it."""
    n = 0
    for word, tag in names.tag(segment):
        if n >= 2 and (word in LEAD_WORDS or (tag == "v" and rjieba.has_word(word) and len(word) >= 2)):
            break
        n += len(word)
    return n


_RELATION_VERB = re.compile(r"引进|引入|携手|联合|支持|紧盯|对接|合作|签约|^与|[^参给]与")


def _org_anchored(text: str, orgs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Items listed with a full company name (携手中茶公司、云南农垦、建行云南省分行; 引进上海新纪元和
    天有教育集团) are companies too when they look like proper names."""
    out = []
    for os_, oe in orgs:
        start = run_start(text, os_, SENTENCE_RUN)
        end = SENTENCE_RUN.match(text, oe).end()
        parts = list(_LIST_ITEM.finditer(text[start:end]))
        if len(parts) < 2:
            continue
        first_end = start + parts[0].end()
        first_start = name_start(text, first_end, start, keep_verbs=_ORG_KEEP, max_len=12)
        if not _RELATION_VERB.search(text, start, first_start + 1):
            continue  # only lists the company is partnered, landed or supported with
        for k, part in enumerate(parts):
            s_, e = start + part.start(), start + part.end()
            if (s_, e) == (os_, oe) or s_ <= os_ < e:
                continue
            if k == 0:
                s_ = first_start
            elif k == len(parts) - 1:
                e = s_ + _name_length(text[s_:e])  # 云南农垦打造… → 云南农垦
            name = text[s_:e]
            if 2 <= len(name) <= 10 and not _ITEM_GENERIC.search(name) and _brand_ok(name, 10) and _proper(name, places=True):
                out.append((s_, e))
    return out


_AWARD_WORDS = ("获批", "荣获", "入选", "荣登", "获评")
_AWARD = re.compile("|".join(_AWARD_WORDS))
_AWARD_KEYS = literal_keys(_AWARD_WORDS)  # found fast over a whole report (names.keyed_finditer)
_AWARD_OBJECT = re.compile(r"[^,，。；;]{0,24}?(?:企业|公司)")
_HEAD_STOP = ",，。；;:：、“”《》()（）\n "


def _award_subjects(text: str) -> list[tuple[int, int]]:
    """A bare brand that takes an award *as an enterprise* (台玻获批国家级…贯标企业)."""
    out = []
    for m in keyed_finditer(_AWARD, _AWARD_KEYS, text, 2):
        if not _AWARD_OBJECT.match(text, m.end()):
            continue
        s_ = m.start()
        while s_ > 0 and m.start() - s_ < 7 and text[s_ - 1] not in _HEAD_STOP:
            s_ -= 1
        if s_ > 0 and text[s_ - 1] not in _HEAD_STOP:
            continue  # the clause head is longer than a name
        name = text[s_ : m.start()]  # the whole clause head: segmentation would cut it (台/玻)
        if len(name) >= 2 and _brand_ok(name) and (_proper(name) or (len(name) <= 4 and not rjieba.has_word(name))):
            out.append((s_, m.start()))
    return out


_FULL_OUTPUT_WORDS = ("稳产满产", "扩能增产", "增资扩产", "扩产", "满产", "达产")
_FULL_OUTPUT = re.compile("|".join(_FULL_OUTPUT_WORDS))
_FULL_OUTPUT_KEYS = literal_keys(_FULL_OUTPUT_WORDS)


def _bare_brand_lists(text: str) -> list[tuple[int, int]]:
    """Coined short names listed before a predicate only a company takes (支持三兴、正兴稳产满产):
    a word the dictionary does not know, of two to four characters, is a company's name there.
    ('A、B等项目' lists are not used: their items are as often roads and temples.)"""
    out = []
    for m in keyed_finditer(_FULL_OUTPUT, _FULL_OUTPUT_KEYS, text, 4):
        start = max(run_start(text, m.start(), SENTENCE_RUN), m.start() - 40)
        parts = text[start : m.start()].split("、")
        if not all(2 <= len(p) for p in parts[1:]) or any(len(p) > 6 for p in parts[1:]):
            continue
        first_end = start + len(parts[0])
        first = name_start(text, first_end, start, keep_verbs=_ORG_KEEP, max_len=6)
        if not _LANDING_BEFORE.search(text, max(0, first - 4), first):
            continue  # 支持/指导/帮助…: the list is what the government supports
        pos = start
        for k, part in enumerate(parts):
            s_, e = (first if k == 0 else pos), pos + len(part)
            pos = e + 1
            name = text[s_:e]
            if 2 <= len(name) <= 4 and not rjieba.has_word(name) and _brand_ok(name) and _proper(name):
                out.append((s_, e))
    return out


def _outermost(spans: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans not inside another one, by start: a sweep over (start, -end) order, where
    a span is inside another exactly when an earlier one reaches at least as far."""
    out = []
    reach = -1
    for s, e in sorted(spans, key=lambda sp: (sp[0], -sp[1])):
        if e > reach:
            out.append((s, e))
            reach = e
    return out


def extract_enterprises(doc: Document) -> list[Enterprise]:
    """Every company mention with a report-wide ``canonical`` name (see module docstring)."""
    text = doc.text
    names.start_document(text)
    orgs = _org_names(text)
    spans = set(orgs) | set(_short_names(text)) | set(_listed_brands(text)) | set(_org_anchored(text, orgs)) | set(_award_subjects(text)) | set(_bare_brand_lists(text))
    # a mention inside a longer one (君禾铜业 inside 四川君禾铜业有限公司) is the longer one
    kept = _outermost(spans)
    written = [text[s:e] for s, e in kept]
    keys = {n: canonical_key(n) for n in set(written)}
    fullest: dict[str, str] = {}
    for n in written:
        k = keys[n]
        if len(n) > len(fullest.get(k, "")):
            fullest[k] = n
    out: list[Enterprise] = []
    seen: set[str] = set()
    for (s, e), n in zip(kept, written):
        if n in seen:
            continue  # one fact per name as written; the first mention carries the span
        seen.add(n)
        out.append(Enterprise(name=n, canonical=fullest[keys[n]], industries=tag_industries(n),
                              quote=n, start=s, end=e))
    return out
