"""Hand-built store rows for precise service tests (no extraction involved).

Facts are placed into a synthetic report text so that ``text[start:end] == quote`` holds,
as it does for ingested reports.
"""

from __future__ import annotations

import hashlib
from itertools import count
from typing import Any

from sqlalchemy.orm import Session

from zhaoshang.store.models import (
    Enterprise,
    EnterpriseMention,
    IndicatorFact,
    IndustryFact,
    ParkFact,
    PolicyFact,
    ProjectFact,
    Region,
    Report,
)

_ids = count(1)

# A small slice of the real hierarchy (codes are the national adcodes).
REGIONS: list[tuple[str, str, str, str, str | None]] = [
    ("430000", "湖南省", "湖南", "province", None),
    ("430400", "衡阳市", "衡阳", "prefecture", "430000"),
    ("430421", "衡阳县", "衡阳", "county", "430400"),
    ("430482", "常宁市", "常宁", "county", "430400"),
    ("430100", "长沙市", "长沙", "prefecture", "430000"),
    ("510000", "四川省", "四川", "province", None),
    ("511800", "雅安市", "雅安", "prefecture", "510000"),
    ("511827", "宝兴县", "宝兴", "county", "511800"),
    ("440000", "广东省", "广东", "province", None),
    ("445100", "潮州市", "潮州", "prefecture", "440000"),
    ("620000", "甘肃省", "甘肃", "province", None),
    ("620100", "兰州市", "兰州", "prefecture", "620000"),
    ("620102", "城关区", "城关", "district", "620100"),
    ("540000", "西藏自治区", "西藏", "province", None),
    ("540100", "拉萨市", "拉萨", "prefecture", "540000"),
    ("540102", "城关区", "城关", "district", "540100"),
]


def add_regions(session: Session) -> None:
    for code, name, short, level, parent in REGIONS:
        session.add(
            Region(
                code=code,
                name=name,
                short_name=short,
                level=level,
                parent_code=parent,
                province_code=code[:2] + "0000",
                vintage="test",
            )
        )
    session.flush()


class ReportBuilder:
    """Accumulates sentences; each fact's quote is appended to the text so spans are exact."""

    def __init__(self, session: Session, region_code: str | None, year: int | None, title: str | None = None):
        self.session = session
        n = next(_ids)
        self.report = Report(
            title=title or f"{year}年政府工作报告 #{n}",
            region_code=region_code,
            region_status="ok" if region_code else "unknown",
            year=year,
            source_name=f"test-{n}.txt",
            source_format="txt",
            content_hash=hashlib.sha256(f"{n}".encode()).hexdigest(),
            text="",
            pipeline_version="test",
        )
        session.add(self.report)
        session.flush()
        self.text = ""

    def _place(self, quote: str, before: str = "", after: str = "。") -> tuple[int, int]:
        self.text += before
        start = len(self.text)
        self.text += quote
        end = len(self.text)
        self.text += after
        return start, end

    def _common(self, quote: str, section_kind: str | None, **kw: Any) -> dict[str, Any]:
        before = kw.pop("before", "")
        after = kw.pop("after", "。")
        start, end = self._place(quote, before, after)
        return dict(report_id=self.report.id, quote=quote, start=start, end=end, section_kind=section_kind, **kw)

    def indicator(
        self,
        metric: str,
        period: str,
        kind: str,
        measure: str,
        number: float,
        unit: str = "%",
        qualifier: str | None = None,
        value_yuan: float | None = None,
        quote: str | None = None,
        section_kind: str | None = None,
        **kw: Any,
    ) -> IndicatorFact:
        yuan = {"万亿元": 1e12, "亿元": 1e8, "万元": 1e4, "元": 1.0}  # foreign currency keeps value_yuan None
        if value_yuan is None and unit in yuan:
            value_yuan = number * yuan[unit]
        q = quote or f"{metric}{'目标' if kind == 'target' else ''}{number:g}{unit}"
        fact = IndicatorFact(
            **self._common(q, section_kind or ("tasks" if kind == "target" else "review"), **kw),
            metric=metric,
            period=period,
            kind=kind,
            measure=measure,
            number=number,
            unit=unit,
            value_yuan=value_yuan,
            qualifier=qualifier,
        )
        self.session.add(fact)
        return fact

    def project(self, name: str, investment_yuan: float | None, status: str | None = None,
                industries: list[str] | None = None, **kw: Any) -> ProjectFact:
        text = f"{investment_yuan / 1e8:g}亿元" if investment_yuan else None
        q = f"总投资{text}的{name}{status or ''}" if text else f"{name}{status or ''}"
        fact = ProjectFact(**self._common(q, kw.pop("section_kind", "review"), **kw), name=name,
                           investment_yuan=investment_yuan, investment_text=text, status=status,
                           industries=industries or [])
        self.session.add(fact)
        return fact

    def industry(self, code: str, name: str, weight: float, section_kind: str = "tasks", **kw: Any) -> IndustryFact:
        fact = IndustryFact(**self._common(name, section_kind, before=kw.pop("before", "大力发展"), **kw),
                            code=code, name=name, weight=weight)
        self.session.add(fact)
        return fact

    def park(self, name: str, park_kind: str = "产业园", **kw: Any) -> ParkFact:
        fact = ParkFact(**self._common(name, kw.pop("section_kind", "tasks"), **kw), name=name, park_kind=park_kind)
        self.session.add(fact)
        return fact

    def policy(self, title: str, action: str = "出台", category: str = "policy", **kw: Any) -> PolicyFact:
        fact = PolicyFact(**self._common(f"《{title}》", kw.pop("section_kind", "review"), before=action, **kw),
                          title=title, action=action, category=category)
        self.session.add(fact)
        return fact

    def enterprise(self, canonical: str, as_written: str | None = None, **kw: Any) -> EnterpriseMention:
        ent = self.session.query(Enterprise).filter_by(canonical=canonical).one_or_none()
        if ent is None:
            ent = Enterprise(canonical=canonical, industries=[])
            self.session.add(ent)
            self.session.flush()
        name = as_written or canonical
        fact = EnterpriseMention(**self._common(name, kw.pop("section_kind", "review"), **kw),
                                 enterprise_id=ent.id, name=name)
        self.session.add(fact)
        return fact

    def done(self) -> Report:
        self.report.text = self.text
        self.report.char_count = len(self.text)
        self.session.flush()
        return self.report
