"""Every table the portal shows can be downloaded: ``?format=csv`` or ``?format=xlsx``.

A table is a list of ``(key, header)`` columns and rows of plain dicts, the same rows
the JSON twin returns, so a spreadsheet never disagrees with the page.  CSV carries a
UTF-8 BOM because Excel (what most 招商 teams open it with) otherwise garbles Chinese.
Formula-looking cells are prefixed with an apostrophe: quotes come from documents
and contributions, and a cell starting with ``=`` must never run in someone's Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from fastapi import HTTPException
from fastapi.responses import Response

Column = tuple[str, str]

FORMATS = ("csv", "xlsx")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        value = "、".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = value.get("name") or value.get("code") or ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def table_rows(columns: Sequence[Column], rows: Iterable[dict[str, Any]]) -> list[list[Any]]:
    return [[_cell(row.get(key)) for key, _ in columns] for row in rows]


def to_csv(columns: Sequence[Column], rows: Iterable[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([header for _, header in columns])
    writer.writerows(["" if v is None else v for v in r] for r in table_rows(columns, rows))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(columns: Sequence[Column], rows: Iterable[dict[str, Any]], sheet: str = "data") -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet[:31] or "data")
    ws.append([header for _, header in columns])
    for r in table_rows(columns, rows):
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def table_response(fmt: str, filename: str, columns: Sequence[Column], rows: Iterable[dict[str, Any]]) -> Response:
    """A download of the table in ``fmt``; an unknown format is a 400, not a silent CSV."""
    fmt = (fmt or "").lower()
    if fmt not in FORMATS:
        raise HTTPException(status_code=400, detail=f"unknown format {fmt!r}; use csv or xlsx")
    if fmt == "csv":
        body, media = to_csv(columns, rows), "text/csv; charset=utf-8"
    else:
        body = to_xlsx(columns, rows)
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    name = f"{filename}.{fmt}"
    ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in name)
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})
