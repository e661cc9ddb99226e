"""Every table the portal shows can be downloaded: ``?format=csv`` or ``?format=xlsx``.

The rows are the same dicts (or service dataclasses) the JSON twin returns, and the
column sets come from :data:`zhaoshang.services.export.COLUMNS`, which always include
the provenance columns (report id, quote, start, end): a spreadsheet never disagrees
with the page and every row can be traced back to its characters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from fastapi import HTTPException
from fastapi.responses import Response

from zhaoshang.services.export import Column, to_csv, to_xlsx

FORMATS = ("csv", "xlsx")
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_response(fmt: str, filename: str, columns: Sequence[Column], rows: Iterable[Any]) -> Response:
    """A download of the table in ``fmt``; an unknown format is a 400, not a silent CSV."""
    fmt = (fmt or "").lower()
    if fmt not in FORMATS:
        raise HTTPException(status_code=400, detail=f"unknown format {fmt!r}; use csv or xlsx")
    rows = list(rows)
    if fmt == "csv":
        body, media = to_csv(rows, columns), "text/csv; charset=utf-8"
    else:
        body, media = to_xlsx(rows, columns, sheet=filename), XLSX_MEDIA
    name = f"{filename}.{fmt}"
    ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in name)
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(body, media_type=media, headers={"Content-Disposition": disposition})
