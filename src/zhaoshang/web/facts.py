"""Facts as the portal shows them: one plain dict per fact, whatever its table.

Every dict carries ``type``, ``id``, ``report_id``, ``quote``, ``start``, ``end``,
``section_kind``, ``corrected`` and ``url`` (the permalink to the span), plus the
fields of its type and a short Chinese ``label`` for lists and legends.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zhaoshang.services.labels import KIND_LABELS, QUALIFIER_LABELS, metric_label
from zhaoshang.store.models import FACT_TABLES
from zhaoshang.web.render import fact_url, fmt_number

TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "indicator": ("metric", "period", "kind", "measure", "number", "unit", "value_yuan", "qualifier"),
    "project": ("name", "investment_yuan", "investment_text", "status", "industries"),
    "enterprise": ("name", "enterprise_id"),
    "park": ("name", "park_kind", "industries"),
    "policy": ("title", "action", "category"),
    "industry": ("code", "name", "weight"),
}


def fact_label(fact_type: str, f: dict[str, Any]) -> str:
    """A one-line Chinese summary of a fact (no HTML; templates escape it)."""
    if fact_type == "indicator":
        qual = QUALIFIER_LABELS.get(f.get("qualifier") or "", "")
        sign = "增长" if f.get("measure") in ("growth_pct", "avg_growth_pct") else ""
        if f.get("measure") == "avg_growth_pct":
            sign = "年均增长"
        return (
            f"{metric_label(f['metric'])} {f['period']} {KIND_LABELS.get(f['kind'], f['kind'])}"
            f" {sign}{fmt_number(f['number'])}{f['unit']}{qual}"
        )
    if fact_type == "project":
        parts = [f["name"]]
        if f.get("investment_text"):
            parts.append(f["investment_text"])
        if f.get("status"):
            parts.append(f["status"])
        return " · ".join(parts)
    if fact_type == "policy":
        return f"《{f['title']}》"
    name = str(f.get("name") or f.get("quote"))
    if fact_type == "industry" and f.get("quote") and f["quote"] != name:
        return f"{name}（“{f['quote']}”）"  # the taxonomy name and the words the report used
    return name


def fact_dict(fact_type: str, row: Any) -> dict[str, Any]:
    d: dict[str, Any] = {
        "type": fact_type,
        "id": row.id,
        "report_id": row.report_id,
        "quote": row.quote,
        "start": row.start,
        "end": row.end,
        "section_kind": row.section_kind,
        "corrected": bool(row.corrected),
    }
    for name in TYPE_FIELDS[fact_type]:
        d[name] = getattr(row, name, None)
    d["label"] = fact_label(fact_type, d)
    d["url"] = fact_url(fact_type, row.report_id, row.id)
    return d


def report_facts(session: Session, report_id: int, types: Iterable[str] = tuple(FACT_TABLES)) -> dict[str, list[dict[str, Any]]]:
    """Live facts of one report by type, in text order."""
    out: dict[str, list[dict[str, Any]]] = {}
    for fact_type in types:
        model: Any = FACT_TABLES[fact_type]
        rows = session.scalars(
            select(model).where(model.report_id == report_id, model.deleted.is_(False)).order_by(model.start, model.end)
        )
        out[fact_type] = [fact_dict(fact_type, r) for r in rows]
    return out
