"""Decoded text → the stored text, with a map from every stored character back.

The stored (normalised) text is what every extractor reads and every offset points
into, so normalisation must make messy inputs of the same report converge on the same
text: full-width digits and letters, page numbers, hard line breaks, letter-spaced
characters, spaces inside numbers, and a few known kinds of scraping damage.  Chinese
punctuation is kept as written (it carries meaning: ，vs 、vs ；).

Every step is a small rewrite of a :class:`~zhaoshang.ingest.offsets.Tracked` string
that carries, per character, the index of the original character it came from; the
final map is stored run-length encoded (:class:`OffsetMap`).  ``normalise`` is
idempotent.  The pipeline comes first in this module, the rules it applies after it.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from zhaoshang.ingest.layout import (
    HEADING_START,
    PAGE_NUMBER,
    SENTENCE_END,
    is_indented,
    wrap_profile,
)
from zhaoshang.ingest.offsets import OffsetMap, Tracked, identity

__all__ = ["Normalised", "OffsetMap", "normalise"]


@dataclass(slots=True)
class Normalised:
    """The stored text and the map from each of its characters back to the decoded text."""

    text: str
    offsets: OffsetMap


# ---------------------------------------------------------------- the pipeline


def normalise(text: str) -> Normalised:
    """Normalise decoded report text; see the module docstring for what and why.

    Idempotent: one pass is normally a fixed point.  The one rule whose trigger can
    change during a pass (a line becoming letter-spaced once its other spaces are
    cleaned) is checked at the end, and the pass repeated on its own output when so.
    """
    t = Tracked(text, identity(len(text)))
    for _ in range(3):
        _pass(t)
        if not any(_unspace_letters(m) != m.group(0) for m in _LINE.finditer(t.text)):
            break
    return Normalised(t.text, OffsetMap.from_origins(t.origins, len(text)))


def _pass(t: Tracked) -> None:
    """One pass of every rule, in an order where each sees what the previous ones made."""
    # characters: line ends, invisible characters, spaces, full-width forms
    t.sub(_ZERO_WIDTH, lambda m: "\n" if m.group(0) == "\r\n" else "")
    t.translate(_NEWLINES)
    indents = [is_indented(line, _is_letter_spaced(line)) for line in t.text.split("\n")]
    t.translate(_SPACES)
    t.translate(_FULLWIDTH)
    t.sub(_LINE, _unspace_letters)  # before anything reads spaces
    t.sub(_NUMBER_PUNCT, _number_punct)
    t.sub(_CIRCLE_ZERO, _circle_zero)
    # lines: page numbers out, wrapped lines joined, paragraphs kept
    _rebuild_lines(t, indents)
    # spaces: flattened paragraph breaks first, then spaces Chinese text does not have
    t.sub(_SPACE_RUN, " ")
    t.sub(_PARAGRAPH_SPACE, _paragraph_space)
    t.sub(_HEADING_THEN_SPACE, lambda m: m.group(1) + m.group(2) + "\n")
    t.sub(_SPACE_NEAR_CJK, "")
    t.sub(_HEADING_AFTER_SENTENCE, lambda m: m.group(0) + "\n")
    t.sub(_SPACE_IN_NUMBER, _space_in_number)
    t.sub(_SPACED_DIGITS, _spaced_digits)
    t.sub(_LINE_EDGE_SPACES, "\n")
    # scraping damage
    t.sub(_CN_YEAR_MISSING_ZERO, _cn_year_missing_zero)
    t.sub(_FUSED_YEARS, _fused_years)
    _strip(t)


def _strip(t: Tracked) -> None:
    text = t.text
    lead = len(text) - len(text.lstrip(" \n"))
    end = len(text.rstrip(" \n"))
    if lead or end < len(text):
        t.text = text[lead:end]
        t.origins = t.origins[lead:end]


# ---------------------------------------------------------------- characters

_CJK = (
    "\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u32ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    "\u2018-\u201f\u2026\u2014\u00b7\u2460-\u24ff\u2160-\u217f\U00020000-\U0002ffff"
)
"""Ideographs, CJK and full-width punctuation, Chinese quotes, circled and Roman numerals:
characters that never need a space next to them in Chinese text."""

_ZERO_WIDTH = re.compile("\r\n|[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_NEWLINES = {ord(c): "\n" for c in "\r\f\v\u2028\u2029\u0085\x1c\x1d\x1e"}
_SPACES = {ord(c): " " for c in "\t\u00a0\u3000\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"}
_FULLWIDTH = {
    **{0xFF10 + i: str(i) for i in range(10)},
    **{0xFF21 + i: chr(0x41 + i) for i in range(26)},
    **{0xFF41 + i: chr(0x61 + i) for i in range(26)},
    0xFF05: "%",
    0xFE6A: "%",
}

_NUMBER_PUNCT = re.compile("[．，－]")


def _number_punct(m: re.Match[str]) -> str:
    """．％ and a thousands ， inside numbers are number punctuation; elsewhere ，is Chinese."""
    s, i, ch = m.string, m.start(), m.group(0)
    before = s[i - 1] if i else ""
    before2 = s[i - 2 : i]
    after = s[i + 1 : i + 5]
    digit_before = before.isdigit() and before.isascii()
    if ch == "．":
        if digit_before or (before == " " and before2[:1].isdigit()) or re.match(r" ?\d", after):
            return "."
    elif ch == "，":
        if digit_before and re.match(r"\d{3}(?!\d)", after):
            return ","
    elif re.match(r"\d", after) and (digit_before or before == " "):
        return "-"
    return ch


_CIRCLE_ZERO = re.compile("[○ＯOо]")
_CN_DIGITS = frozenset("〇一二三四五六七八九")


def _circle_zero(m: re.Match[str]) -> str:
    """二○二一 / 二Ｏ二一 → 二〇二一: a look-alike of 〇 between Chinese numerals."""
    s, i = m.string, m.start()
    if i and s[i - 1] in _CN_DIGITS and (m.group(0) == "○" or s[i + 1 : i + 2] in _CN_DIGITS | {"○"}):
        return "〇"
    return m.group(0)


# ---------------------------------------------------------------- letter spacing

_SPACE_RUN = re.compile(" {2,}")
_LINE = re.compile("[^\n]+")
_SINGLE_SPACE = re.compile("(?<! ) (?! )")
_LETTER_SPACED_SHARE = 0.4
"""A line where this share of characters is followed by one space is letter-spaced."""


def _is_letter_spaced(line: str) -> bool:
    singles = len(_SINGLE_SPACE.findall(line))
    return singles >= 3 and singles >= _LETTER_SPACED_SHARE * (len(line) - line.count(" "))


def _unspace_letters(m: re.Match[str]) -> str:
    """Letter-spaced lines (``各 位 代 表 ： 现 在 ，``, as PDFs with character spacing
    extract): single spaces are spacing, only wider gaps are real spaces (which the
    later rules then read as usual, e.g. a gap after 。 as a paragraph break)."""
    line = m.group(0)
    if not _is_letter_spaced(line):
        return line
    return _SPACE_RUN.sub(" ", _SINGLE_SPACE.sub("", line))


# ---------------------------------------------------------------- lines


def _rebuild_lines(t: Tracked, indents: list[bool]) -> None:
    """Drop page-number and blank lines, then join lines that were broken by a margin.

    A break is kept when a blank line, an indent or a heading marker after a finished
    sentence says a paragraph starts there, or when the line stops short of the margin
    (see :meth:`WrapProfile.continues`).  A line that reaches the margin continues on the
    next one whatever its last character: a full line that happens to end with 。 is
    more often mid-paragraph than a paragraph's end.
    """
    text, origins = t.text, t.origins
    raw_lines = text.split("\n")
    # (content, start index of content in text, end index, indented, blank line before)
    lines: list[tuple[str, int, int, bool, bool]] = []
    pos = 0
    blank = page = False
    for k, raw in enumerate(raw_lines):
        stripped = raw.strip(" ")
        lead = len(raw) - len(raw.lstrip(" "))
        if not stripped:
            blank = True
        elif PAGE_NUMBER.match(stripped):
            page = True  # a page break is not a paragraph break, nor are the blank lines around it
        else:
            lines.append((stripped, pos + lead, pos + lead + len(stripped), indents[k], blank and not page))
            blank = page = False
        pos += len(raw) + 1
    profile = wrap_profile([ln[0] for ln in lines])

    parts: list[str] = []
    outs = array("i")
    for i, (content, s, e, _, _) in enumerate(lines):
        parts.append(content)
        outs.extend(origins[s:e])
        if i + 1 == len(lines):
            break
        nxt, ns, _, n_indent, n_blank = lines[i + 1]
        join = (
            profile.continues(content)
            and not n_indent
            and not n_blank
            and not (content[-1] in SENTENCE_END and HEADING_START.match(nxt))
        )
        if not join:
            parts.append("\n")
            outs.append(origins[e])
            continue
        # keep a space that was there (trailing/leading), or separate two Latin words
        gap_has_space = text[e : e + 1] == " " or text[ns - 1 : ns] == " "
        if gap_has_space or _latin_words_meet(content, nxt):
            parts.append(" ")
            outs.append(origins[e])
    t.text = "".join(parts)
    t.origins = outs


_LATIN_TAIL = re.compile(r"(^|.)([A-Za-z]+)$")
_LATIN_HEAD = re.compile(r"^[A-Za-z0-9]+(.|$)")


def _latin_words_meet(line: str, nxt: str) -> bool:
    """Whether a break between two Latin letters separated two words (``the\nyear``)
    rather than cut one token set in Chinese (``进入I\nPO待审``, no spaces around it)."""
    tail, head = _LATIN_TAIL.search(line), _LATIN_HEAD.match(nxt)
    if tail is None or head is None:
        return False
    return tail.group(1) in (" ", "") or head.group(1) in (" ", "")


# ---------------------------------------------------------------- spaces

_PARAGRAPH_SPACE = re.compile(rf"(?<=[。！？!?：:])([”’」』）)]*) +(?=[{_CJK}\d(])")
_HEADING_THEN_SPACE = re.compile(
    r"(?m)(^|[。！？!?])((?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|"
    r"第[一二三四五六七八九十]{1,3}[章节篇部])[^\n。！？!?；;:： ]{3,39}[\u3400-\u9fff”）)]) +(?=[\u3400-\u9fff\d“（(])"
)
"""``一、2020年工作回顾 2020年是……``: the space after a numbered heading ends the heading."""
_HEADING_AFTER_SENTENCE = re.compile(
    r"[。！？!?](?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|"
    r"第[一二三四五六七八九十]{1,3}[章节篇部]|\d{1,2}、)"
)


def _paragraph_space(m: re.Match[str]) -> str:
    """``。 next`` → ``。\nnext``, unless the new line would be only a page number."""
    s = m.string
    eol = s.find("\n", m.end())
    rest = s[m.end() : eol if eol >= 0 else len(s)].strip(" ")
    if PAGE_NUMBER.match(rest):
        return m.group(0)
    return m.group(1) + "\n"


# Patterns below start with a literal where they can, so the regex engine scans fast.
_SPACE_NEAR_CJK = re.compile(rf" (?:(?<=[{_CJK}] )|(?=[{_CJK}]))")
_SPACE_IN_NUMBER = re.compile(r"(?: +\.|\.) *(?=\d)| +(?=[%‰])")


def _space_in_number(m: re.Match[str]) -> str:
    """4 . 1 % → 4.1%: only right after a digit."""
    i = m.start()
    if i and m.string[i - 1] in "0123456789":
        return "." if "." in m.group(0) else ""
    return m.group(0)


_SPACED_DIGITS = re.compile(r"\d(?: \d){2,}(?![0-9A-Za-z.])")
_LINE_EDGE_SPACES = re.compile(r" +\n *|\n +")
_WORDISH = frozenset("0123456789.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _spaced_digits(m: re.Match[str]) -> str:
    """2 0 2 1 → 2021 (a run of single spaced digits, not the tail of a longer number)."""
    i = m.start()
    if i and m.string[i - 1] in _WORDISH:
        return m.group(0)
    return m.group(0).replace(" ", "")


# ---------------------------------------------------------------- scraping damage

_CN_YEAR_MISSING_ZERO = re.compile(r"二(?=[一二三四五六七八九]{2}年)")
_CN_NUMERALS = frozenset("〇○一二三四五六七八九十百千万零两")


def _cn_year_missing_zero(m: re.Match[str]) -> str:
    """二三五年 → 二〇三五年: a year whose 〇 the scraper dropped (not inside a longer numeral)."""
    i = m.start()
    return m.group(0) if i and m.string[i - 1] in _CN_NUMERALS else "二〇"


_FUSED_YEARS = re.compile(r"((?:19|20)\d\d)((?:19|20)\d\d)(?=年)")


def _fused_years(m: re.Match[str]) -> str:
    """20212035年 → 2021-2035年: two plausible years in order, not part of a longer number."""
    i = m.start()
    if i and m.string[i - 1] in "0123456789":
        return m.group(0)
    a, b = int(m.group(1)), int(m.group(2))
    return f"{a}-{b}" if a < b <= a + 50 else m.group(0)
