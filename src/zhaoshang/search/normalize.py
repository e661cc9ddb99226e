"""Length-preserving text folding shared by the index side and the query side.

Search must treat 全角/半角, 繁体/简体 and letter case as the same text, but snippets and links
point into ``reports.text`` by character offset.  So folding works one character at a time and
never changes the length: ``len(fold(s)) == len(s)`` and ``fold(s)[i]`` is the folded ``s[i]``.
A character whose NFKC form or simplified form is longer than one character is kept as is (rare:
ligatures such as ㎡, circled numbers); the same rule applies to queries, so both sides agree.

Whitespace is then removed (``compact``) with a position map back to the original offsets: a
layout space inside a run of Chinese (``政 府 工 作``) must not hide a match, and a query
``新材料 产业园`` written as a quoted phrase matches with or without the space.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC

# Characters that carry no text and are dropped like whitespace (zero-width space/joiners, BOM, soft hyphen).
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")

_T2S = OpenCC("t2s")


@lru_cache(maxsize=None)
def fold_char(ch: str) -> str:
    """One character folded: NFKC (full-width → half-width), lower case, traditional → simplified."""
    out = unicodedata.normalize("NFKC", ch)
    if len(out) != 1:
        out = ch
    low = out.lower()
    if len(low) == 1:
        out = low
    simp = _T2S.convert(out)
    if len(simp) == 1:
        out = simp
    return out


class _FoldTable(dict[int, str]):
    """``str.translate`` table that folds each code point on first sight and remembers it."""

    def __missing__(self, key: int) -> str:
        value = fold_char(chr(key))
        self[key] = value
        return value


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Fold ``text`` character by character; the result has exactly the same length."""
    return text.translate(_TABLE)


def is_gap(ch: str) -> bool:
    """True for characters that never take part in a match (whitespace and invisible marks)."""
    return ch.isspace() or ch in _INVISIBLE


_GAPS = re.compile(r"[\s" + "".join(sorted(_INVISIBLE)) + "]+")


def compact_text(folded: str) -> str:
    """``folded`` without gap characters (the index side needs no offsets)."""
    return _GAPS.sub("", folded)


def compact(folded: str) -> tuple[str, list[int]]:
    """Drop gap characters; return the compact string and, per compact char, its offset in ``folded``."""
    if not _GAPS.search(folded):
        return folded, list(range(len(folded)))
    chars: list[str] = []
    positions: list[int] = []
    for i, c in enumerate(folded):
        if not is_gap(c):
            chars.append(c)
            positions.append(i)
    return "".join(chars), positions


def is_word_char(ch: str) -> bool:
    """Letters, digits and ideographs: a query needs at least one to be searchable."""
    return unicodedata.category(ch)[0] in "LN"
