"""Report list (/reports), the report reader (/reports/{id}) and their JSON twins.

The reader shows the full normalised text with every live fact highlighted in place;
each fact's first ``<mark>`` has the id ``f-<type>-<id>``, which is also its permalink
fragment, so a link from any table lands on the exact characters.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from zhaoshang.services.cache import memoised
from zhaoshang.services.common import AmbiguousRegion, RegionNotFound
from zhaoshang.services.corpus import list_reports
from zhaoshang.services.export import COLUMNS
from zhaoshang.web.deps import Paging, get_session, paging
from zhaoshang.web.export import table_response
from zhaoshang.web.facts import report_facts
from zhaoshang.web.highlight import Mark, blocks, render as render_marks
from zhaoshang.web.queries import report_detail
from zhaoshang.web.render import ENV, json_response, render

router = APIRouter()

REPORT_COLUMNS = [*COLUMNS["reports"], ("url", "url")]
EXPORT_MAX_PAGES = 200
"""At most 100,000 rows in one download (the service pages by 500)."""


class ReportFilters:
    """The filters the list page and the API share."""

    def __init__(
        self,
        region: str | None = Query(None, description="地区代码或名称"),
        children: bool = Query(True, description="包括下辖地区的报告"),
        year: int | None = Query(None, description="报告年份（会议年份）"),
        level: str | None = Query(None, description="province | prefecture | county | district"),
        province: str | None = Query(None, description="省级地区代码或名称"),
        q: str | None = Query(None, max_length=100, description="标题包含"),
        sort: str = Query("-year", description="year | meeting_date | title | region | id | ingested；加 - 为降序"),
        format: str | None = Query(None, description="csv | xlsx 下载表格"),
    ) -> None:
        self.region, self.children, self.year, self.level = region or None, children, year, level or None
        self.province, self.q, self.sort, self.format = province or None, q or None, sort, format

    def run(self, session: Session, page: int, per_page: int) -> dict[str, Any]:
        """One page as plain dicts, memoised per data version (treat as read-only)."""
        key = ("web.reports", tuple(sorted(vars(self).items())), page, per_page)
        return memoised(session, key, lambda: self._run(session, page, per_page))

    def _run(self, session: Session, page: int, per_page: int) -> dict[str, Any]:
        try:
            result = list_reports(
                session, region=self.region, include_descendants=self.children, year=self.year,
                level=self.level, province=self.province, q=self.q, sort=self.sort, page=page, per_page=per_page,
            ).to_dict()  # fmt: skip
        except (RegionNotFound, AmbiguousRegion) as exc:
            raise HTTPException(status_code=400, detail=str(exc)) from exc
        for r in result["items"]:
            r["url"] = f"/reports/{r['id']}"
        return result


def _download(session: Session, f: ReportFilters) -> Response:
    rows: list[dict[str, Any]] = []
    page = 1
    while True:
        result = f.run(session, page, 500)
        rows.extend(result["items"])
        if page >= result["pages"] or page >= EXPORT_MAX_PAGES:
            break
        page += 1
    return table_response(f.format or "", "reports", REPORT_COLUMNS, rows)


@router.get("/reports", response_class=HTMLResponse, include_in_schema=False)
def reports_page(
    request: Request,
    f: ReportFilters = Depends(),
    p: Paging = Depends(paging),
    session: Session = Depends(get_session),
) -> Response:
    if f.format:
        return _download(session, f)
    data = f.run(session, p.page, p.per_page)
    return render(request, "reports.html", {"page_title": "报告列表", "filters": f, "sort": f.sort, **data})


@router.get("/api/v1/reports", tags=["reports"], summary="报告列表（分页、筛选、排序、CSV/XLSX）")
def reports_api(
    f: ReportFilters = Depends(),
    p: Paging = Depends(paging),
    session: Session = Depends(get_session),
) -> Response:
    if f.format:
        return _download(session, f)
    return json_response(f.run(session, p.page, p.per_page))


def reader_data(session: Session, report_id: int) -> dict[str, Any]:
    """One report with all its facts; memoised per data version (read-only result)."""
    data = memoised(session, ("web.reader", report_id), lambda: _reader_data(session, report_id))
    if data is None:
        raise HTTPException(status_code=404, detail=f"没有编号为 {report_id} 的报告")
    return data


def _reader_data(session: Session, report_id: int) -> dict[str, Any] | None:
    report = report_detail(session, report_id)
    if report is None:
        return None
    facts = report_facts(session, report_id)
    return {"report": report, "facts": facts, "fact_total": sum(len(v) for v in facts.values())}


@router.get("/reports/{report_id}", response_class=HTMLResponse, include_in_schema=False)
def reader_page(
    request: Request,
    report_id: int,
    hl: str | None = Query(None, pattern=r"^\d{1,9}-\d{1,9}$", description="高亮区间 start-end（检索命中）"),
    session: Session = Depends(get_session),
) -> HTMLResponse:
    data = reader_data(session, report_id)
    report, facts = data["report"], data["facts"]
    text: str = report["text"]
    marks = [Mark(t, f["id"], f["start"], f["end"]) for t, items in facts.items() for f in items]
    span = _span(hl, len(text))
    if span:
        marks.append(Mark("hit", 0, *span))
    sections = [(s["kind"], s["title"], s["start"], s["end"]) for s in report["sections"]]
    rendered = memoised(
        session,
        ("web.reader.blocks", report_id, span),
        lambda: [{"block": b, "html": render_marks(text, marks, b.start, b.end)} for b in blocks(len(text), sections)],
    )
    panel = memoised(
        session,
        ("web.reader.panel", report_id),
        lambda: Markup(ENV.get_template("_fact_panel.html").render(facts=facts, fact_total=data["fact_total"])),
    )
    context = {**data, "page_title": report["title"], "blocks": rendered, "fact_panel": panel}
    return render(request, "report.html", context)


def _span(hl: str | None, length: int) -> tuple[int, int] | None:
    """``"12-30"`` → (12, 30) when it is a non-empty range inside the text."""
    if not hl:
        return None
    start, end = (int(x) for x in hl.split("-"))
    return (start, end) if 0 <= start < end <= length else None


@router.get("/api/v1/reports/{report_id}", tags=["reports"], summary="一份报告：元数据、章节、全文与全部事实（含字符区间）")
def reader_api(
    report_id: int,
    text: bool = Query(True, description="是否返回全文"),
    session: Session = Depends(get_session),
) -> Response:
    data = reader_data(session, report_id)
    if not text:
        data = {**data, "report": {k: v for k, v in data["report"].items() if k != "text"}}
    return json_response(data)
