"""The plain building blocks every service shares: JSON-ready dataclasses, pages,
sorting, the "not deleted" condition and IN-list chunking.

Every service returns dataclasses whose ``to_dict()`` is JSON-ready, and every fact it
returns carries its provenance (``report_id``, ``quote``, ``start``, ``end``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")

MAX_PER_PAGE = 500
"""Upper bound on a page, so one API call cannot ask the database for everything."""


def to_plain(value: Any) -> Any:
    """Dataclasses, lists and dicts → JSON-ready builtins (recursively)."""
    if is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_dict"):
            return value.to_dict()
        return {f.name: to_plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    return value


class Plain:
    """Mixin: ``to_dict()`` through :func:`to_plain`, honouring nested ``to_dict``."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: to_plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of a list; ``total`` counts every matching row."""

    items: list[T]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page)) if self.per_page else 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [to_plain(i) for i in self.items],
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "pages": self.pages,
        }


def clamp_paging(page: int, per_page: int) -> tuple[int, int]:
    """Pages count from 1; ``per_page`` is kept within 1..MAX_PER_PAGE."""
    return max(1, int(page or 1)), max(1, min(MAX_PER_PAGE, int(per_page or 50)))


def parse_sort(sort: str | None, allowed: dict[str, Any], default: str) -> tuple[Any, bool]:
    """``"-investment"`` → (column, descending). Unknown keys fall back to ``default``
    rather than erroring, so a stale link still shows a list."""
    key = (sort or default).strip()
    desc = key.startswith("-")
    key = key.lstrip("-+")
    if key not in allowed:
        key = default.lstrip("-+")
        desc = default.startswith("-")
    return allowed[key], desc


def live(model: Any) -> Any:
    """The "not deleted" condition every fact query carries."""
    return model.deleted.is_(False)


def iter_chunks(items: Sequence[T], size: int = 500) -> Iterable[Sequence[T]]:
    """Slices for IN (...) lists, keeping each statement under backend parameter limits."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def provenance(fact: Any, year: int | None) -> dict[str, Any]:
    """The fields every service result carries to trace a fact back to its characters:
    ``fact_id, report_id, report_year, quote, start, end, section_kind, corrected``."""
    return {
        "fact_id": fact.id, "report_id": fact.report_id, "report_year": year, "quote": fact.quote,
        "start": fact.start, "end": fact.end, "section_kind": fact.section_kind, "corrected": bool(fact.corrected),
    }


def figure(fact: Any, year: int | None) -> dict[str, Any]:
    """An indicator's value as written (number, unit, qualifier, value_yuan) plus its provenance."""
    return {
        "number": fact.number, "unit": fact.unit, "qualifier": fact.qualifier, "value_yuan": fact.value_yuan,
        **provenance(fact, year),
    }

