"""Choosing one indicator fact when a region states the same thing more than once.

A region can state "GDP grew 3.8% in 2020" in its 2021 report and restate it in a later
five-year review, an editor may have corrected one copy, and an extractor can find the
same figure twice. Comparisons need one number per region, chosen by a rule anyone
can predict — this module is that rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from zhaoshang.store.models import IndicatorFact

_PERIOD = re.compile(r"^(\d{4})(?:\s*[-–~至]\s*(\d{4}))?$")


def period_bounds(period: str | None) -> tuple[int, int] | None:
    """"2020" → (2020, 2020); "2016-2020" → (2016, 2020); anything else → None."""
    m = _PERIOD.match((period or "").strip())
    if not m:
        return None
    first = int(m.group(1))
    last = int(m.group(2) or first)
    return first, last


def expected_report_year(period: str, kind: str) -> int | None:
    """The report year that normally states a fact: a result for year N is reviewed in
    report N+1; a target for year N (or a plan starting in N) is set by report N."""
    bounds = period_bounds(period)
    if bounds is None:
        return None
    return bounds[1] + 1 if kind == "actual" else bounds[0]


def preference_key(fact: Any, report_year: int | None) -> tuple[Any, ...]:
    """Sort key, best first: editor-corrected, then the report that normally states it,
    then the most recent report (a later restatement revises a preliminary figure),
    then the first occurrence in the text."""
    expected = expected_report_year(fact.period, fact.kind)
    if report_year is None or expected is None:
        distance = 99
    else:
        distance = abs(report_year - expected)
    return (not fact.corrected, distance, -(report_year or 0), fact.report_id, fact.start)


def pick_best(candidates: Iterable[tuple[Any, int | None]]) -> tuple[Any, int | None, int] | None:
    """From (fact, report_year) pairs return (best fact, its report year, how many there were)."""
    items = list(candidates)
    if not items:
        return None
    items.sort(key=lambda fy: preference_key(fy[0], fy[1]))
    fact, year = items[0]
    return fact, year, len(items)


INDICATOR_COLUMNS = (
    IndicatorFact.id,
    IndicatorFact.report_id,
    IndicatorFact.metric,
    IndicatorFact.period,
    IndicatorFact.kind,
    IndicatorFact.measure,
    IndicatorFact.number,
    IndicatorFact.unit,
    IndicatorFact.value_yuan,
    IndicatorFact.qualifier,
    IndicatorFact.quote,
    IndicatorFact.start,
    IndicatorFact.end,
    IndicatorFact.section_kind,
    IndicatorFact.corrected,
)
"""Selected as plain column rows: they read like the ORM object (``row.metric``) at a
fraction of the cost, which matters when a comparison scans thousands of facts."""
