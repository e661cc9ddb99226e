"""Copies of one report in other encodings and formats are one report in the store.

The stored text is the normalised text and reports are deduplicated by its hash, so a
GB18030 file, a CRLF/full-width copy, an HTML page and a DOCX of the same report add
nothing — while junk in the same batch fails on its own and loses nothing else.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from sqlalchemy import Engine, func, select

from zhaoshang.services.ingest import ingest_paths
from zhaoshang.store.db import transaction
from zhaoshang.store.models import FACT_TABLES, Report


def _fullwidth(s: str) -> str:
    s = re.sub(r"(?<=\d)\.(?=\d)", "．", s).replace("%", "％")
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in s)


def _html(title: str, body: str) -> bytes:
    nav = "".join(f'<li><a href="/c{i}">栏目{i}</a></li>' for i in range(8))
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}_人民政府网</title></head><body>"
        f"<ul class='nav'>{nav}</ul><div class='crumb'>首页 &gt; 政务公开</div>"
        f"<h1>{title}</h1><div class='article'><p>{body}</p></div>"
        "<div class='footer'>版权所有：人民政府办公室 网站标识码：1234</div></body></html>"
    ).encode()


def _docx(title: str, body: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading(title, level=0)
    document.add_paragraph(body)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_copies_in_other_encodings_and_formats_are_duplicates_of_the_first(
    regions_engine: Engine, sample_dir: Path, tmp_path: Path
) -> None:
    title, body = (sample_dir / "zhongzhan.txt").read_text(encoding="utf-8").split("\n", 1)
    body = body.strip()
    files = {
        "clean.txt": f"{title}\n{body}\n".encode(),
        "gb18030.txt": f"{title}\n{body}\n".encode("gb18030"),
        "crlf-fullwidth.txt": f"{_fullwidth(title)}\r\n{_fullwidth(body)}\r\n".encode(),
        "page.html": _html(title, body),
        "report.docx": _docx(title, body),
        "junk.txt": bytes(range(1, 256)) * 30,
    }
    paths = []
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        paths.append(path)
    summary = ingest_paths(paths, regions_engine)
    assert summary.stored == 1, [(o.source, o.status, o.reason) for o in summary.partial]
    assert sorted(Path(o.source).name for o in summary.duplicates) == [
        "crlf-fullwidth.txt", "gb18030.txt", "page.html", "report.docx",
    ]  # fmt: skip
    assert [Path(o.source).name for o in summary.failed] == ["junk.txt"]
    with transaction(regions_engine) as s:
        (report,) = s.scalars(select(Report)).all()
        assert (report.source_name, report.encoding) == (str(paths[0]), "utf-8")
        assert sum(s.scalar(select(func.count()).select_from(m)) or 0 for m in FACT_TABLES.values()) > 0
