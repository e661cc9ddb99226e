"""Chart data for the pages, as plain dicts (the page's JS turns them into ECharts options).

Kept in Python and pure so the JSON twin can return exactly what the chart draws and
tests can check it without a browser.
"""

from __future__ import annotations

from typing import Any


def _period_year(period: str) -> int:
    head = period.split("-")[-1]
    return int(head) if head.isdigit() else 0


def headline_chart(series: list[dict[str, Any]], measure: str = "growth_pct") -> dict[str, Any] | None:
    """Actual vs target growth of the headline indicators for the latest years.

    Picks, across the headline series of ``measure``, the latest single-year period that
    has an actual and the latest one with a target (e.g. 2020 actual, 2021 target), and
    returns one category per metric that has either; None when there is nothing to draw.
    """
    chosen = [s for s in series if s.get("headline") and s.get("measure") == measure]
    single = lambda p: p["period"].isdigit()  # noqa: E731 - five-year spans are not yearly bars
    actual_periods = [p["period"] for s in chosen for p in s["points"] if p.get("actual") and single(p)]
    target_periods = [p["period"] for s in chosen for p in s["points"] if p.get("target") and single(p)]
    if not actual_periods and not target_periods:
        return None
    a_period = max(actual_periods, key=_period_year) if actual_periods else None
    t_period = max(target_periods, key=_period_year) if target_periods else None
    categories: list[str] = []
    actual: list[float | None] = []
    target: list[float | None] = []
    links: list[dict[str, str | None]] = []
    for s in chosen:
        points = {p["period"]: p for p in s["points"]}
        a = (points.get(a_period) or {}).get("actual") if a_period else None
        t = (points.get(t_period) or {}).get("target") if t_period else None
        if not a and not t:
            continue
        categories.append(s["metric_label"])
        actual.append(a["number"] if a else None)
        target.append(t["number"] if t else None)
        links.append(
            {
                "actual": f"/reports/{a['report_id']}#f-indicator-{a['fact_id']}" if a else None,
                "target": f"/reports/{t['report_id']}#f-indicator-{t['fact_id']}" if t else None,
            }
        )
    if not categories:
        return None
    return {
        "type": "bar",
        "unit": "%",
        "categories": categories,
        "series": [
            {"name": f"{a_period}年实际" if a_period else "实际", "data": actual},
            {"name": f"{t_period}年目标" if t_period else "目标", "data": target},
        ],
        "links": links,
    }


def bar_chart(rows: list[dict[str, Any]], label_key: str, value_key: str, unit: str, name: str) -> dict[str, Any]:
    """One bar per row, in row order; each bar links to its fact (``url``)."""
    return {
        "type": "bar",
        "unit": unit,
        "categories": [r[label_key] for r in rows],
        "series": [{"name": name, "data": [r.get(value_key) for r in rows]}],
        "links": [{"value": r.get("url")} for r in rows],
    }
