"""Turn a report into index rows: pure functions, no database."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from zhaoshang.search.normalize import compact, fold
from zhaoshang.search.segmenter import cut_for_search
from zhaoshang.search.tokens import bigrams, word_tokens
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
    words: list[str]
    """Word-layer tokens (escaped, marked)."""

    @property
    def bigrams(self) -> list[str]:
        return bigrams(self.chars)


def section_kind_at(sections: Sequence[_SectionLike], offset: int) -> str:
    """Kind of the section holding ``offset``; sections are sorted and do not overlap."""
    kind = "other"
    for s in sections:
        if s.start <= offset < s.end:
            return s.kind
        if s.start > offset:
            break
    return kind


def build_units(text: str, sections: Iterable[_SectionLike], facts: ReportFacts) -> list[Unit]:
    """One ``Unit`` per sentence of ``text`` that has something to search."""
    ordered = sorted(sections, key=lambda s: s.start)
    folded = fold(text)
    out: list[Unit] = []
    for start, end in split_units(text, ordered):
        piece = folded[start:end]
        chars, _ = compact(piece)
        if not chars:
            continue
        out.append(
            Unit(
                report=facts,
                start=start,
                end=end,
                section_kind=section_kind_at(ordered, start),
                chars=chars,
                words=word_tokens(cut_for_search(piece)),
            )
        )
    return out
