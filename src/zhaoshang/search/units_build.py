"""Turn a report into index rows: pure functions, no database."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from zhaoshang.search.normalize import compact_text, fold
from zhaoshang.search.segmenter import cut_for_search
from zhaoshang.search.tokens import bigram_lines, word_tokens, word_tokens_by_line
from zhaoshang.search.units import split_units


class _SectionLike(Protocol):
    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ReportFacts:
    """What the index stores per unit about its report, for filters and facets without joins."""

    report_id: int
    year: int | None
    region_code: str | None
    province_code: str | None
    level: str | None


@dataclass(slots=True)
class Unit:
    report: ReportFacts
    start: int
    end: int
    section_kind: str
    chars: str
    """Folded, compact text: what the bigram layer is derived from (and rebuilt from on delete)."""
    words: str
    """Word-layer tokens (escaped, marked), space-separated."""
    bigram_text: str
    """Bigram-layer tokens, space-separated (``tokens.bigrams(chars)``)."""
    sentence: str
    """``text[start:end]`` as stored."""

    @property
    def bigrams(self) -> list[str]:
        return self.bigram_text.split()


def section_kind_at(sections: Sequence[_SectionLike], offset: int) -> str:
    """Kind of the section holding ``offset``; sections are sorted and do not overlap."""
    kind = "other"
    for s in sections:
        if s.start <= offset < s.end:
            return s.kind
        if s.start > offset:
            break
    return kind


_SEP = "\uffff"  # a Unicode noncharacter: never in a report, not a gap, so it survives compact_text


def build_units(text: str, sections: Iterable[_SectionLike], facts: ReportFacts) -> list[Unit]:
    """One ``Unit`` per sentence of ``text`` that has something to search.

    The report is processed in whole-report passes (fold, compact, segment, bigrams) with units
    joined by separators, not sentence by sentence: per-call overhead would otherwise dominate.
    """
    ordered = sorted(sections, key=lambda s: s.start)
    folded = fold(text)
    spans = split_units(text, ordered)
    chars_list = compact_text(_SEP.join(folded[s:e] for s, e in spans)).split(_SEP)
    kept = [(span, chars) for span, chars in zip(spans, chars_list) if chars]
    if not kept:
        return []
    words_list = word_tokens_by_line(cut_for_search("\n".join(folded[s:e] for (s, e), _ in kept)))
    if len(words_list) != len(kept):  # cannot happen (units hold no newline); stay correct anyway
        words_list = [word_tokens(cut_for_search(folded[s:e])) for (s, e), _ in kept]
    bigram_list = bigram_lines([chars for _, chars in kept])
    return [
        Unit(report=facts, start=s, end=e, section_kind=section_kind_at(ordered, s), chars=chars, words=words,
             bigram_text=bigram_text, sentence=text[s:e])  # fmt: skip
        for ((s, e), chars), words, bigram_text in zip(kept, words_list, bigram_list)
    ]
