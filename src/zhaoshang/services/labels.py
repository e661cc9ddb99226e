"""Display names and comparison semantics of the closed metric list (gold SCHEMA.md).

Kept as data in one place so pages, exports and the CLI label a metric the same way.
"""

from __future__ import annotations

from zhaoshang.extract.industries import taxonomy

METRIC_LABELS: dict[str, str] = {
    "gdp": "地区生产总值",
    "gdp_per_capita": "人均地区生产总值",
    "primary_industry_va": "第一产业增加值",
    "secondary_industry_va": "第二产业增加值",
    "tertiary_industry_va": "第三产业增加值",
    "industrial_va_above_scale": "规模以上工业增加值",
    "industrial_output_above_scale": "规模以上工业总产值",
    "fixed_asset_investment": "固定资产投资",
    "retail_sales": "社会消费品零售总额",
    "general_budget_revenue": "一般公共预算收入",
    "fiscal_revenue_total": "财政总收入",
    "general_budget_expenditure": "一般公共预算支出",
    "tax_revenue": "税收收入",
    "foreign_trade": "进出口总额",
    "exports": "出口总额",
    "utilized_foreign_capital": "实际利用外资",
    "disposable_income": "居民人均可支配收入",
    "urban_disposable_income": "城镇居民人均可支配收入",
    "rural_disposable_income": "农村居民人均可支配收入",
    "urban_new_jobs": "城镇新增就业",
    "unemployment_rate": "城镇失业率",
    "cpi": "居民消费价格涨幅",
    "construction_output": "建筑业总产值",
    "agri_output": "农林牧渔业总产值",
    "grain_output": "粮食产量",
    "tourism_visitors": "接待游客",
    "tourism_revenue": "旅游收入",
    "urbanization_rate": "城镇化率",
    "forest_coverage": "森林覆盖率",
    "air_quality_good_days": "空气质量优良天数比例",
}

MEASURE_LABELS: dict[str, str] = {
    "growth_pct": "增速",
    "avg_growth_pct": "年均增速",
    "value": "总量",
    "rate_pct": "比率",
}

KIND_LABELS: dict[str, str] = {"actual": "实际", "target": "目标"}

QUALIFIER_LABELS: dict[str, str] = {"at_least": "以上", "about": "左右", "at_most": "以内"}

LEVEL_LABELS: dict[str, str] = {"province": "省级", "prefecture": "地级", "county": "县级", "district": "市辖区"}

HEADLINE_METRICS: tuple[str, ...] = (
    "gdp",
    "general_budget_revenue",
    "fixed_asset_investment",
    "retail_sales",
    "disposable_income",
    "industrial_va_above_scale",
    "foreign_trade",
    "urban_disposable_income",
    "rural_disposable_income",
)
"""The indicators a region channel leads with, in display order."""

LOWER_IS_BETTER: frozenset[str] = frozenset({"unemployment_rate", "cpi"})
"""Metrics whose targets are ceilings even when the report writes no 以内/控制在:
a jobless rate or price rise at or below the goal meets it."""


MEASURE_ORDER: tuple[str, ...] = ("growth_pct", "value", "rate_pct", "avg_growth_pct")
"""How measures of one metric are listed (and which wins a tie when none is asked for)."""


def measure_rank(measure: str) -> int:
    return MEASURE_ORDER.index(measure) if measure in MEASURE_ORDER else len(MEASURE_ORDER)


def metric_label(metric: str) -> str:
    """Chinese name of a metric; unknown codes are shown as they are."""
    return METRIC_LABELS.get(metric, metric)


def measure_label(measure: str | None) -> str:
    return MEASURE_LABELS.get(measure or "", measure or "")


def industry_label(code: str) -> str:
    """The taxonomy's Chinese name of an industry code (T009 → 光伏), or the code itself."""
    entry = taxonomy().entries.get(code)
    return entry.name if entry else code


def industry_with_descendants(code: str) -> list[str]:
    """``code`` and every taxonomy entry under it, so filtering by 制造业 (C) also finds
    projects tagged with one of its divisions or report terms (新材料, 装备制造 …)."""
    tax = taxonomy()
    if code not in tax.entries:
        return [code]
    return [c for c in tax.entries if code in tax.ancestors(c)]
