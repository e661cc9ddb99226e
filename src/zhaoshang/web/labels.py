"""Chinese display names the portal needs beyond the metric labels of the services.

Fact-type colours live in the stylesheet (``.f-<type>``); here only names and order,
so the legend, the reader's fact list and the exports agree on wording.
"""

from __future__ import annotations

from zhaoshang.model import FACT_TYPES

FACT_TYPE_LABELS: dict[str, str] = {
    "indicator": "指标",
    "project": "项目",
    "enterprise": "企业",
    "park": "园区",
    "policy": "政策",
    "industry": "产业",
}

SECTION_LABELS: dict[str, str] = {
    "preamble": "开篇",
    "review": "上年工作回顾",
    "review_plan": "五年回顾",
    "plan": "五年规划",
    "tasks": "今年目标任务",
    "self_improvement": "政府自身建设",
    "closing": "结束语",
    "appendix": "名词解释",
    "other": "其他",
}

POLICY_CATEGORY_LABELS: dict[str, str] = {"plan": "规划", "policy": "政策", "law": "法规", "other": "其他"}

TARGET_STATUS_LABELS: dict[str, str] = {
    "met": "已完成",
    "missed": "未完成",
    "not_reported": "未报告",
    "unknown": "无法判断",
}


def fact_types() -> tuple[str, ...]:
    """The fact types in display order (the model's order)."""
    return FACT_TYPES


def fact_type_label(kind: str) -> str:
    return FACT_TYPE_LABELS.get(kind, kind)


def section_label(kind: str | None) -> str:
    return SECTION_LABELS.get(kind or "other", kind or "")
