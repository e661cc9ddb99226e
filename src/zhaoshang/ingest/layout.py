"""Line-level facts about extracted text: page numbers, headings, hard wrapping.

Shared by the normaliser (which joins wrapped lines) and the plain-text reader (which
must not mistake the first wrapped line of a bare excerpt for a title).  All rules are
about the *shape* of lines, never about the wording of any particular report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_DASH = r"[-－—–~～·•_]"
PAGE_NUMBER = re.compile(
    rf"""^(?:
        {_DASH}+\s*\d{{1,4}}\s*{_DASH}+                         # - 2 -   —2—   －２－
      | {_DASH}+\s*[一二三四五六七八九十百〇]{{1,4}}\s*{_DASH}+     # — 二 —
      | \d{{1,3}}                                               # a bare page number
      | 第\s*\d{{1,4}}\s*页(?:\s*[/,，、]?\s*共\s*\d{{1,4}}\s*页)?  # 第 2 页 / 共 30 页
      | 共\s*\d{{1,4}}\s*页\s*[/,，、]?\s*第\s*\d{{1,4}}\s*页
      | \d{{1,4}}\s*/\s*\d{{1,4}}                               # 2/30
      | [Pp]age\s*\d{{1,4}}(?:\s*(?:of|/)\s*\d{{1,4}})?
    )$""",
    re.X,
)
"""A line that is nothing but a page number (after full-width digits became ASCII)."""

HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、．]|"
    r"第[一二三四五六七八九十\d]{1,3}[章节部篇]|[①-⑳])"
)
"""Numbered heading or list item markers that start a new paragraph."""

SENTENCE_END = frozenset("。；！？：”’」』!?;:")
"""A line ending with one of these finished its sentence (or clause) there."""

_INDENT = re.compile(r"^(?:[ \u00a0]{2,}|[\u3000\t])")
_WIDE_INDENT = re.compile(r"^(?:[ \u00a0]{4,}|[\u3000\t])")


def is_indented(raw_line: str, letter_spaced: bool = False) -> bool:
    """Paragraph indentation: two spaces, an ideographic space or a tab.  In a
    letter-spaced line two or three spaces are only a word gap, so it takes four."""
    return bool((_WIDE_INDENT if letter_spaced else _INDENT).match(raw_line))


_WIDE = re.compile("[\u2e80-\U0010ffff]")


def display_width(s: str) -> int:
    """Columns on the page: CJK and full-width characters take two."""
    return len(s) + len(_WIDE.findall(s))


@dataclass(frozen=True, slots=True)
class WrapProfile:
    """Whether a block of lines was hard-wrapped (PDF lines, fixed-width text) and at what width."""

    wrapped: bool
    chars: int = 0
    width: int = 0

    def is_full(self, line: str) -> bool:
        """A line that reaches the wrap margin, so its break was forced, not chosen."""
        if not self.wrapped:
            return False
        return len(line) >= 0.9 * self.chars or display_width(line) >= 0.85 * self.width

    def continues(self, line: str) -> bool:
        """Whether the break after ``line`` was forced by the margin.

        A line that ends mid-sentence continues even when it stops a little short (a
        number or Latin word too long for the rest of the line moved down whole); a line
        that ends a sentence continues only when it reaches the margin itself.
        """
        if not self.wrapped:
            return False
        if line[-1] in SENTENCE_END:
            return len(line) >= self.chars - 1 or display_width(line) >= self.width - 2
        return len(line) >= 0.75 * self.chars or display_width(line) >= 0.7 * self.width


def _percentile(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def wrap_profile(lines: Sequence[str]) -> WrapProfile:
    """Detect hard wrapping from the line-length distribution.

    Wrapped text has most lines at (nearly) the same maximal length, and those lines end
    wherever the margin fell, so few of them end a sentence.  Paragraph-per-line text has
    lengths spread widely and nearly every line ends with sentence-final punctuation.
    """
    content = [ln for ln in lines if len(ln) >= 4]
    if len(content) < 8:
        return WrapProfile(False)
    chars = _percentile([len(ln) for ln in content], 0.9)
    width = _percentile([display_width(ln) for ln in content], 0.9)
    probe = WrapProfile(True, chars, width)
    full = [ln for ln in content if probe.is_full(ln) and len(ln) <= 1.15 * chars]
    if len(full) < 0.6 * len(content):
        return WrapProfile(False)
    ending = sum(1 for ln in full if ln[-1] in SENTENCE_END or ln[-1] in ".")
    if ending >= 0.5 * len(full):
        return WrapProfile(False)
    return probe
