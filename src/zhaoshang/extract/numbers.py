"""Numbers with their units, as government reports write them.

Reports mix Arabic figures (``28.06亿元``), Chinese numerals (``三千五百万元``,
``五十亿元``, ``百亿``, ``百分之十点二``) and both at once (``1.9万亿元``, ``5千万元``).  cn2an cannot
parse ``百亿``, ``千亿`` or ``x.x万亿`` (see research/baselines.md §3), so the numeral
part is parsed here by a small positional parser.

Every :class:`Amount` keeps the unit *as written*, with the magnitude prefix
(``万``/``亿``/``万亿``) folded into it — ``4798万元`` is ``4798`` ``万元`` — because the
gold labels and users compare figures in the report's own unit.  Money in yuan is
also converted (``value_yuan``); foreign currency keeps ``value_yuan=None`` since no
exchange rate is implied by the text.

Input is expected to be normalised (full-width digits folded, spaces inside numbers
removed); a single space between number and unit is still tolerated.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from decimal import Decimal

__all__ = ["Amount", "amounts_in", "find_amounts", "parse_chinese_number", "money_to_yuan", "is_milestone", "MAGNITUDES"]


class Amount(NamedTuple):
    """A number with its unit and the exact characters ``text[start:end]`` it came from.

    Immutable; a named tuple rather than a frozen dataclass because documents create
    thousands of them and a frozen dataclass is several times slower to build."""

    number: float
    unit: str
    value_yuan: float | None
    start: int
    end: int
    text: str


_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
MAGNITUDES: dict[str, int] = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
"""Magnitude prefixes a unit may carry (``亿元``); longest first."""

_YUAN_PREFIX = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10**4, "十万": 10**5, "百万": 10**6,
                "千万": 10**7, "亿": 10**8, "十亿": 10**9, "百亿": 10**10, "千亿": 10**11, "万亿": 10**12}
_YUAN_EXP = {prefix: len(str(factor)) - 1 for prefix, factor in _YUAN_PREFIX.items()}
_FOREIGN = ("美元", "欧元", "港元", "港币", "日元", "英镑", "澳元")

# Base units, longest first so that 人次 wins over 人 and 个百分点 over 个.
_BASE_UNITS = sorted(
    [
        "%", "％", "‰", "个百分点", "百分点", "倍",
        "元", *_FOREIGN,
        "人次", "万人次", "人", "户", "名", "位", "家", "个", "项", "件", "所", "座", "辆", "台", "套",
        "头", "只", "株", "棵", "间", "张", "条", "处", "批", "宗", "栋",
        "吨", "千克", "公斤", "斤", "亩", "公顷", "平方公里", "平方米", "立方米", "公里", "千米",
        "千瓦时", "千瓦", "兆瓦", "千伏安", "标箱", "架次", "辆次", "床", "张床", "天", "次", "度",
    ],
    key=len,
    reverse=True,
)
_BASE_UNITS = list(dict.fromkeys(u for u in _BASE_UNITS if not u.startswith("万")))

_NUMERAL_START = "一二两三四五六七八九十百千"
_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千万亿"
# A numeral: Arabic (decimals allowed) or Chinese, possibly mixed (1.9万亿, 5千万, 三千五百万).
# Arabic figures may keep thousands separators (1,200万人次) when exactly three digits follow.
_ARABIC = r"\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMERAL = (
    rf"(?:{_ARABIC}|[{_NUMERAL_START}])"
    rf"(?:[{_NUMERAL_CHARS}]|\d+(?:\.\d+)?)*"
)
_UNIT_ALT = "|".join(re.escape(u) + ("(?![民员才])" if u == "人" else "") for u in _BASE_UNITS)
# Only numerals that carry a magnitude, a unit, or an inner 万/亿 match: prose is full of
# 一/二/三 (一是, 进一步, 十四五) and a pattern that matched them all would hand each one to
# Python just to be dropped.
# The pattern opens with a bare character class (the sign or the numeral's first
# character), so the engine skips, in C, every position where no number starts; the
# lookbehind then checks the character before it, and ``rest`` is the numeral after a
# sign, or the rest of it after its first character.
_TAIL = rf"(?:[{_NUMERAL_CHARS}]|(?>\d+)(?:\.\d+)?)*"
_AMOUNT_RE = re.compile(
    rf"(?P<lead>[-−\d{_NUMERAL_START}])(?<![第\d.A-Za-z][-−\d{_NUMERAL_START}])"
    rf"(?P<rest>(?<=[-−]){_NUMERAL}"
    rf"|(?<=\d)(?:\d{{0,2}}(?:,\d{{3}})+(?![\d])(?:\.\d+)?|(?>\d*)(?:\.\d+)?){_TAIL}"
    rf"|(?<=[{_NUMERAL_START}]){_TAIL})"
    rf"(?P<approx>余|多)?"
    rf"(?:(?P<mag>万亿|亿|万)(?P<approx2>余|多)?(?: ?(?P<unit>{_UNIT_ALT}))?"
    rf"|(?: ?(?P<unit_only>{_UNIT_ALT}))"
    rf"|(?:(?<=[万亿余多])|(?<=[万亿][一二两三四五六七八九][十百千])|(?<=[万亿][一二两三四五六七八九]))"
    rf"(?![{_NUMERAL_CHARS}\d]))"
)


def parse_chinese_number(s: str) -> float | None:
    """Value of a Chinese, Arabic or mixed numeral: 三千五百万 → 35000000, 百亿 → 1e10,
    1.9万亿 → 1.9e12, 一万二千 → 12000, 二〇二〇 → 2020.  None if ``s`` is not a numeral."""
    if not s:
        return None
    tokens = re.findall(r"\d+(?:\.\d+)?|.", s.replace(",", ""))
    # A bare digit string in Chinese (二〇二〇, 一五) reads digit by digit.
    if len(tokens) > 1 and all(t in _DIGITS for t in tokens):
        return float("".join(str(_DIGITS[t]) for t in tokens))
    total = Decimal(0)  # everything already multiplied by 亿
    high = Decimal(0)  # the part below 亿 already multiplied by 万
    section = Decimal(0)  # the part below 万
    current: Decimal | None = None
    for t in tokens:
        if t[0].isdigit():
            if current is not None:
                return None
            current = Decimal(t)
        elif t in _DIGITS:
            if current is not None and _DIGITS[t] != 0:
                return None
            if _DIGITS[t] != 0:
                current = Decimal(_DIGITS[t])
        elif t in _SMALL:
            section += (current if current is not None else Decimal(1)) * _SMALL[t]
            current = None
        elif t == "万":
            unit_part = section + (current or 0)
            high = (high + (unit_part if unit_part else Decimal(1))) * 10**4
            section, current = Decimal(0), None
        elif t == "亿":
            part = high + section + (current or 0)
            total = (total + (part if part else Decimal(1))) * 10**8
            high, section, current = Decimal(0), Decimal(0), None
        else:
            return None
    return float(total + high + section + (current or 0))


_MILESTONE = re.compile(r"[十百千万]+[万亿]")


def is_milestone(a: Amount) -> bool:
    """突破百亿元大关 / 总投资超百亿元: a round milestone, not a written figure (五十亿元 is one)."""
    return a.text[0] in "十百千万" and _MILESTONE.match(a.text) is not None


def money_to_yuan(number: float, unit: str) -> float | None:
    """``number`` ``unit`` in yuan (35, 亿元 → 3.5e9); None when ``unit`` is not RMB money."""
    if not unit.endswith("元"):
        unit = unit.removesuffix("人民币")
        if not unit.endswith("元"):
            return None
    if unit.endswith(_FOREIGN):
        return None
    exp = _YUAN_EXP.get(unit[:-1])
    if exp is None:
        return None
    # The decimal written (repr) shifted by the unit's power of ten, rounded once to a
    # float: 0.7 亿元 is 70000000.0, not 0.7 * 1e8 = 70000000.00000001.  Parsing the
    # shifted decimal string does exactly what Decimal arithmetic would, much faster.
    written = repr(number)
    if "e" in written or "n" in written:  # 1e+16, inf, nan: rare, keep Decimal
        return float(Decimal(written) * 10**exp)
    return float(f"{written}e{exp}")


# 百分之十点二 / 百分之六: a percentage written out in words.
_CN_PERCENT = re.compile(r"百分之(?P<int>[零〇一二两三四五六七八九十百]+)(?:点(?P<frac>[零〇一二三四五六七八九]+))?")
_FRAC_DIGIT = {"零": "0", "〇": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}


def _percent_words(text: str, start: int, stop: int) -> list[Amount]:
    out = []
    for m in _CN_PERCENT.finditer(text, start, stop):
        whole = parse_chinese_number(m["int"])
        if whole is None:
            continue
        number = whole + (float("0." + "".join(_FRAC_DIGIT[c] for c in m["frac"])) if m["frac"] else 0.0)
        out.append(Amount(number, "%", None, m.start(), m.end(), m.group()))
    return out


def find_amounts(text: str, start: int = 0, stop: int | None = None) -> list[Amount]:
    """Every number that carries a unit (or is a Chinese numeral with 万/亿), left to right,
    in ``text[start:stop]`` (offsets stay those of ``text``).

    Bare Arabic numbers without a unit (years, list numbers) are not amounts.
    """
    stop = len(text) if stop is None else stop
    out: list[Amount] = []
    words = _percent_words(text, start, stop) if text.find("百分之", start, stop) >= 0 else []
    taken = [(a.start, a.end) for a in words]
    # One groups() and span() call per match (each match-object call costs): the groups
    # are, in order, lead, rest, approx, mag, approx2, unit, unit_only.
    for m in _AMOUNT_RE.finditer(text, start, stop):
        at, m_end = m.span()
        if taken and any(a <= at < b for a, b in taken):
            continue
        lead, num, _, mag, approx2, unit, unit_only = m.groups()
        signed = lead in "-−"
        if not signed:
            num = lead + num
        unit = unit or unit_only or ""
        mag = mag or ""
        if not mag and num[-1] in "万亿":
            tail = "万亿" if num.endswith("万亿") else num[-1]
            # 4万亿 → 4 + 万亿, but 一亿二千万 is one number: a 万 below a 亿 stays inside.
            if len(tail) < len(num) and not (tail == "万" and "亿" in num[: -1]):
                mag, num = tail, num[: -len(tail)]
        if unit and mag and unit.startswith(("个百分点", "百分点")):
            unit = ""
        if not unit and not mag:
            # Chinese numerals with an inner 万/亿 (一万二千) are quantities by themselves.
            if num[0].isdigit() or ("万" not in num and "亿" not in num):
                continue
        elif not unit and text.startswith("级", m_end):
            continue  # 百亿级产业: a class of industry, not an amount
        number = _value(num)
        if number is None:
            continue
        end = m_end if (unit or mag) else m.end("rest")
        if not unit and approx2 is not None:
            end -= len(approx2)
        if signed:
            number = -number
        full_unit = mag + unit
        yuan = money_to_yuan(number, full_unit) if full_unit.endswith(("元", "人民币")) else None
        out.append(Amount._make((number, full_unit, yuan, at, end, text[at:end])))
    if words:
        out = sorted(out + words, key=lambda a: a.start)
    return out


_ARABIC_ONLY = re.compile(r"[\d,]+(?:\.\d+)?")


def _value(num: str) -> float | None:
    if num.isascii():
        try:
            return float(num)  # the common case: 28.06
        except ValueError:
            pass
    if _ARABIC_ONLY.fullmatch(num):
        return float(num.replace(",", ""))
    return parse_chinese_number(num)


# The amounts of the sentences of the last text asked for: indicators and projects read
# the same document sentence by sentence (indicators those naming a metric, projects
# those naming money), so each sentence is scanned once and shared.  One text at a time,
# replaced as a whole (safe across threads: at worst a sentence is scanned twice).
_LAST: tuple[str, dict[tuple[int, int], list[Amount]]] = ("", {})


def amounts_in(text: str, lo: int = 0, hi: int | None = None) -> list[Amount]:
    """:func:`find_amounts` of ``text[lo:hi]``, computed once per text object and span."""
    global _LAST
    hi = len(text) if hi is None else hi
    cached_text, spans = _LAST
    if cached_text is not text:
        spans = {}
        _LAST = (text, spans)
    found = spans.get((lo, hi))
    if found is None:
        found = spans[(lo, hi)] = find_amounts(text, lo, hi)
    return found
