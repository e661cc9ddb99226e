"""Resolved search filters, handed from the service to a backend."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Filters:
    year: int | None = None
    level: str | None = None
    region_codes: tuple[str, ...] | None = None
    """Indexed region codes at or below the requested region; None = no region filter."""
    section_kind: str | None = None
    fact_table: str | None = None
    """Table name of a fact type: keep sentences overlapping such a fact."""

    @property
    def report_level(self) -> bool:
        return self.year is not None or self.level is not None or self.region_codes is not None


@dataclass(frozen=True, slots=True)
class UnitRow:
    """One matching sentence as a backend returns it."""

    report_id: int
    start: int
    end: int
    section_kind: str | None
    score: float
    sentence: str
    """The sentence as stored in ``reports.text`` (kept in the index so snippets need no text scan)."""
    title: str | None = None
    year: int | None = None
    region_code: str | None = None
    region_name: str | None = None


def unit_rows(rows: Iterable[Any]) -> list[UnitRow]:
    """UnitRows from result rows with the columns both backends' page queries select."""
    return [
        UnitRow(r.report_id, r.span_start, r.span_end, r.section_kind, float(r.score), r.sentence,
                r.title, r.year, r.region_code, r.region_name)  # fmt: skip
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class FacetCounts:
    """Exact counts of every matching sentence by facet value; ``total`` is their sum."""

    total: int
    province: dict[str | None, int]
    level: dict[str | None, int]
    year: dict[int | None, int]
    section_kind: dict[str | None, int]
