"""One import point for the shared service helpers (kept for callers that import from
here; the code lives in base, regions, units and text)."""

from __future__ import annotations

from zhaoshang.services.base import MAX_PER_PAGE, Page, Plain, clamp_paging, iter_chunks, live, parse_sort, to_plain
from zhaoshang.services.regions import (
    AmbiguousRegion,
    RegionInfo,
    RegionNotFound,
    descendant_codes,
    latest_report_ids,
    region_info,
    region_scope,
    resolve_region,
)
from zhaoshang.services.text import SENTENCE_END, sentence_around
from zhaoshang.services.units import comparable, split_unit

__all__ = [
    "MAX_PER_PAGE",
    "AmbiguousRegion",
    "Page",
    "Plain",
    "RegionInfo",
    "RegionNotFound",
    "SENTENCE_END",
    "clamp_paging",
    "comparable",
    "descendant_codes",
    "iter_chunks",
    "latest_report_ids",
    "live",
    "parse_sort",
    "region_info",
    "region_scope",
    "resolve_region",
    "sentence_around",
    "split_unit",
    "to_plain",
]
