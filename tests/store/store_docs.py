"""Hand-built documents for store tests: text written here, facts located by their quotes.

The store must not depend on the extractors to be tested, so these documents are made
the way an extractor would make them: every fact is a span whose quote is the text.
"""

from __future__ import annotations

from zhaoshang.model import (
    Document,
    Enterprise,
    Indicator,
    IndustryMention,
    Park,
    Policy,
    Project,
    RegionRef,
    ReportMeta,
    Section,
)
from zhaoshang.store.repository import ReportInput

REGION = RegionRef(name="湘潭县", adcode="430321", level="county", parents=("湖南省", "湘潭市"))

TEXT = (
    "2022年湘潭县政府工作报告\n"
    "各位代表：现在，我代表县人民政府向大会报告工作。\n"
    "一、2021年工作回顾\n"
    "全县地区生产总值增长7.2%，规模以上工业增加值增长9.1%。"
    "引进湖南华菱钢铁集团有限责任公司投资建设的特种钢材项目总投资12亿元，已开工建设。"
    "湘潭天易经济开发区获评省级园区，华菱钢铁新增产值8亿元。\n"
    "二、2022年主要目标\n"
    "地区生产总值增长7%左右。出台《湘潭县促进先进制造业发展若干措施》，大力发展先进制造业。"
)


def span(text: str, quote: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return start, start + len(quote)


def make_document(text: str = TEXT, *, region: RegionRef | None = REGION) -> Document:
    """A report with two sections and at least one fact of every type."""
    review_at = text.index("一、")
    tasks_at = text.index("二、")
    doc = Document(
        text=text,
        meta=ReportMeta(
            title=text.splitlines()[0],
            year=2022,
            meeting_date="2022-01-10",
            speaker="李明",
            region=region,
            region_status="ok" if region else "unknown",
        ),
        sections=[
            Section("preamble", "", 0, review_at),
            Section("review", "一、2021年工作回顾", review_at, tasks_at),
            Section("tasks", "二、2022年主要目标", tasks_at, len(text)),
        ],
    )

    def at(quote: str, occurrence: int = 0) -> dict[str, object]:
        s, e = span(text, quote, occurrence)
        return {"quote": quote, "start": s, "end": e}

    doc.indicators = [
        Indicator(**at("地区生产总值增长7.2%"), metric="gdp", period="2021", kind="actual",
                  measure="growth_pct", number=7.2, unit="%"),
        Indicator(**at("规模以上工业增加值增长9.1%"), metric="industrial_va_above_scale", period="2021",
                  kind="actual", measure="growth_pct", number=9.1, unit="%"),
        Indicator(**at("地区生产总值增长7%左右"), metric="gdp", period="2022", kind="target",
                  measure="growth_pct", number=7.0, unit="%", qualifier="about"),
    ]  # fmt: skip
    doc.projects = [
        Project(**at("特种钢材项目总投资12亿元，已开工建设"), name="特种钢材项目", investment_yuan=1.2e9,
                investment_text="12亿元", status="开工建设", industries=["advanced_manufacturing"]),
    ]  # fmt: skip
    doc.enterprises = [
        Enterprise(**at("湖南华菱钢铁集团有限责任公司"), name="湖南华菱钢铁集团有限责任公司",
                   canonical="华菱钢铁", industries=["steel"]),
        Enterprise(**at("华菱钢铁", 1), name="华菱钢铁", canonical="华菱钢铁"),
    ]  # fmt: skip
    doc.parks = [Park(**at("湘潭天易经济开发区"), name="湘潭天易经济开发区", park_kind="经开区")]
    doc.policies = [
        Policy(**at("《湘潭县促进先进制造业发展若干措施》"), title="湘潭县促进先进制造业发展若干措施",
               action="出台", category="policy"),
    ]  # fmt: skip
    doc.industries = [
        IndustryMention(**at("先进制造业", 1), code="advanced_manufacturing", name="先进制造业"),
    ]
    doc.check_spans()
    return doc


def make_input(doc: Document | None = None, *, source: str = "xiangtan.txt") -> ReportInput:
    return ReportInput(
        document=doc or make_document(),
        source_name=source,
        source_format="text",
        encoding="utf-8",
        channel="湘潭县",
        publish_date="2022-01-20",
        offset_map=[[0, 0], [30, 34]],
        stage_status={"read": "ok", "normalise": "ok", "extract": "ok", "regions": "ok"},
    )
