"""CSV and XLSX for every table, with provenance columns.

Rows are dicts or service dataclasses; columns are keys (dotted paths such as
``target.quote`` reach into nested objects) or (key, header) pairs. Ready-made column
sets for each service table are in :data:`COLUMNS`, and every one of them carries the
report id, quote, start and end of the fact so a spreadsheet row can be traced back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from zhaoshang.services.base import to_plain
Column = str | tuple[str, str]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""Leading characters that make Excel/LibreOffice evaluate a cell as a formula."""


def _norm_columns(columns: Sequence[Column]) -> list[tuple[str, str]]:
    return [(c, c) if isinstance(c, str) else (c[0], c[1]) for c in columns]


def _get(row: Any, path: str) -> Any:
    value: Any = row
    for part in path.split("."):
        if value is None:
            return None
        if isinstance(value, dict):
            value = value.get(part)
        else:
            value = getattr(value, part, None)
    return value


def _plain_rows(rows: Iterable[Any]) -> list[Any]:
    return [r if isinstance(r, dict) else to_plain(r) for r in rows]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return ";".join(f"{k}={v}" for k, v in value.items())
    return value


def _defuse(value: Any) -> Any:
    """Quote text that a spreadsheet would run as a formula (CSV injection); numbers,
    including negative ones, stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def table(rows: Iterable[Any], columns: Sequence[Column]) -> tuple[list[str], list[list[Any]]]:
    """Headers and cell values (the shared step of every format)."""
    cols = _norm_columns(columns)
    data = [[_defuse(_cell(_get(r, key))) for key, _h in cols] for r in _plain_rows(rows)]
    return [h for _k, h in cols], data


def to_csv(rows: Iterable[Any], columns: Sequence[Column]) -> bytes:
    """UTF-8 CSV with a BOM (so Excel opens Chinese text correctly) and CRLF line ends."""
    headers, data = table(rows, columns)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(data)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(rows: Iterable[Any], columns: Sequence[Column], *, sheet: str = "data") -> bytes:
    """One-sheet XLSX (openpyxl, write-only mode so large tables stay cheap)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    headers, data = table(rows, columns)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=_sheet_title(sheet))
    bold = Font(bold=True)
    head_cells = []
    for h in headers:
        c = WriteOnlyCell(ws, value=h)
        c.font = bold
        head_cells.append(c)
    ws.append(head_cells)
    for values in data:
        cells = []
        for v in values:
            c = WriteOnlyCell(ws, value=v)
            if isinstance(v, str):
                c.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(c)
        ws.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet_title(name: str) -> str:
    bad = set("[]:*?/\\")
    clean = "".join("_" if ch in bad else ch for ch in name).strip() or "data"
    return clean[:31]


PROVENANCE: list[Column] = [
    ("report_id", "report_id"),
    ("fact_id", "fact_id"),
    ("quote", "quote"),
    ("start", "start"),
    ("end", "end"),
]

COLUMNS: dict[str, list[Column]] = {
    "compare": [
        ("rank", "排名"),
        ("region_code", "region_code"),
        ("region_name", "地区"),
        ("level", "level"),
        ("value", "value"),
        ("number", "number"),
        ("unit", "unit"),
        ("qualifier", "qualifier"),
        ("report_year", "report_year"),
        *PROVENANCE,
    ],
    "indicators": [
        ("region_code", "region_code"),
        ("region_name", "地区"),
        ("metric", "metric"),
        ("metric_label", "指标"),
        ("period", "period"),
        ("kind", "kind"),
        ("measure", "measure"),
        ("number", "number"),
        ("unit", "unit"),
        ("value_yuan", "value_yuan"),
        ("qualifier", "qualifier"),
        ("report_year", "report_year"),
        ("corrected", "corrected"),
        *PROVENANCE,
    ],
    "projects": [
        ("name", "项目"),
        ("investment_yuan", "investment_yuan"),
        ("investment_text", "投资"),
        ("status", "状态"),
        ("industries", "industries"),
        ("industry_names", "产业"),
        ("region_code", "region_code"),
        ("region_name", "地区"),
        ("report_year", "report_year"),
        ("corrected", "corrected"),
        *PROVENANCE,
    ],
    "targets": [
        ("metric", "metric"),
        ("metric_label", "指标"),
        ("measure", "measure"),
        ("period", "period"),
        ("status", "status"),
        ("reason", "说明"),
        ("difference", "difference"),
        ("target.number", "target_number"),
        ("target.unit", "target_unit"),
        ("target.qualifier", "target_qualifier"),
        ("target.report_id", "target_report_id"),
        ("target.fact_id", "target_fact_id"),
        ("target.quote", "target_quote"),
        ("target.start", "target_start"),
        ("target.end", "target_end"),
        ("actual.number", "actual_number"),
        ("actual.unit", "actual_unit"),
        ("actual.report_id", "actual_report_id"),
        ("actual.fact_id", "actual_fact_id"),
        ("actual.quote", "actual_quote"),
        ("actual.start", "actual_start"),
        ("actual.end", "actual_end"),
        ("progress.kind", "progress"),
        ("progress.share", "progress_share"),
        ("progress.average", "progress_average"),
        ("progress.on_track", "on_track"),
    ],
    "parent_targets": [
        ("metric", "metric"),
        ("metric_label", "指标"),
        ("measure", "measure"),
        ("period", "period"),
        ("relation", "relation"),
        ("difference", "difference"),
        ("region_target.number", "region_number"),
        ("region_target.report_id", "region_report_id"),
        ("region_target.quote", "region_quote"),
        ("region_target.start", "region_start"),
        ("region_target.end", "region_end"),
        ("ancestor_code", "ancestor_code"),
        ("ancestor_name", "ancestor_name"),
        ("ancestor_target.number", "ancestor_number"),
        ("ancestor_target.report_id", "ancestor_report_id"),
        ("ancestor_target.quote", "ancestor_quote"),
        ("ancestor_target.start", "ancestor_start"),
        ("ancestor_target.end", "ancestor_end"),
    ],
    "industry_evidence": [
        ("industry_code", "industry_code"),
        ("industry_name", "产业"),
        ("region_code", "region_code"),
        ("region_name", "地区"),
        ("weight", "weight"),
        ("section_kind", "section_kind"),
        ("sentence", "sentence"),
        ("report_year", "report_year"),
        *PROVENANCE,
    ],
    "indicator_series": [
        ("metric", "metric"),
        ("metric_label", "指标"),
        ("measure", "measure"),
        ("period", "period"),
        ("actual.number", "actual_number"),
        ("actual.unit", "actual_unit"),
        ("actual.qualifier", "actual_qualifier"),
        ("actual.report_id", "actual_report_id"),
        ("actual.fact_id", "actual_fact_id"),
        ("actual.quote", "actual_quote"),
        ("actual.start", "actual_start"),
        ("actual.end", "actual_end"),
        ("target.number", "target_number"),
        ("target.unit", "target_unit"),
        ("target.qualifier", "target_qualifier"),
        ("target.report_id", "target_report_id"),
        ("target.fact_id", "target_fact_id"),
        ("target.quote", "target_quote"),
        ("target.start", "target_start"),
        ("target.end", "target_end"),
    ],
    "named": [
        ("name", "名称"),
        ("mentions", "mentions"),
        ("years", "years"),
        ("detail", "detail"),
        *PROVENANCE,
    ],
    "industry_matrix": [
        ("industry", "industry_code"),
        ("region", "region_code"),
        ("weight", "weight"),
        ("share", "share"),
        ("mentions", "mentions"),
        ("report_id", "report_id"),
    ],
    "reports": [
        ("id", "report_id"),
        ("title", "标题"),
        ("year", "year"),
        ("region_code", "region_code"),
        ("region_name", "地区"),
        ("meeting_date", "meeting_date"),
        ("speaker", "speaker"),
        ("source_format", "format"),
        ("char_count", "chars"),
    ],
    "map": [
        ("code", "region_code"),
        ("name", "地区"),
        ("value", "value"),
        ("number", "number"),
        ("unit", "unit"),
        ("qualifier", "qualifier"),
        *PROVENANCE,
    ],
}
"""Column sets per table, for pages' CSV/XLSX links and the CLI."""
