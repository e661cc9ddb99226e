"""DOCX: paragraphs and table cells in document order.

A DOCX is a zip archive, so the declared uncompressed sizes are checked before any
XML is parsed: a zip bomb or a truncated archive fails fast with a reason instead of
exhausting memory (zipfile never inflates a member past its declared size).
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Any

from zhaoshang.ingest.normalise import normalise
from zhaoshang.ingest.readers.text import split_title
from zhaoshang.ingest.registry import Reader, register
from zhaoshang.ingest.types import IngestError, RawDocument

if TYPE_CHECKING:
    from docx.document import Document

MAX_UNCOMPRESSED = 200 * 2**20
MAX_RATIO = 200
_TITLE_STYLES = ("title", "heading 1", "标题", "标题 1")


def sniff(head: bytes) -> float:
    if not head.startswith(b"PK\x03\x04"):
        return 0.0
    return 0.9 if b"word/" in head else 0.5


def check_archive(data: bytes, source_name: str) -> None:
    """Refuse corrupt archives, zip bombs and zips that are not Word documents."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise IngestError(source_name, f"corrupt or truncated DOCX: {exc}") from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED:
        raise IngestError(
            source_name,
            f"zip bomb refused: the DOCX declares {total / 2**20:.0f} MB uncompressed "
            f"(limit {MAX_UNCOMPRESSED / 2**20:.0f} MB)",
        )
    if total > 10 * 2**20 and total / packed > MAX_RATIO:
        raise IngestError(source_name, f"zip bomb refused: compression ratio {total / packed:.0f}:1")
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise IngestError(source_name, "not a Word document: the zip archive has no word/document.xml")


def _blocks(document: Document) -> list[tuple[str, str]]:
    """``(style name, text)`` of every paragraph, table cells included, in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[tuple[str, str]] = []
    seen_cells: set[object] = set()  # holding the elements keeps their proxies (and identity) alive

    def walk(parent_elm: Any, parent: Any) -> None:  # lxml elements and python-docx parents
        for child in parent_elm.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                p = Paragraph(child, parent)
                style = (p.style.name if p.style is not None else "") or ""
                out.append((style, p.text))
            elif tag == "tbl":
                for row in Table(child, parent).rows:
                    for cell in row.cells:
                        if cell._tc in seen_cells:
                            continue  # merged cells repeat
                        seen_cells.add(cell._tc)
                        walk(cell._tc, cell)
            elif tag == "sdt":
                content = child.find("{*}sdtContent")
                if content is not None:
                    walk(content, parent)

    walk(document.element.body, document)
    return out


@register(Reader(format="docx", extensions=(".docx",), sniff=sniff))
def read_docx(data: bytes, source_name: str) -> list[RawDocument]:
    import docx

    check_archive(data, source_name)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _blocks(document)
    except IngestError:
        raise
    except Exception as exc:  # python-docx raises many kinds on malformed parts
        raise IngestError(source_name, f"corrupt DOCX: {type(exc).__name__}: {exc}") from None
    while blocks and not blocks[0][1].strip():
        blocks = blocks[1:]
    title = None
    if blocks and blocks[0][0].strip().lower() in _TITLE_STYLES and len(blocks) > 1:
        title = normalise(blocks[0][1]).text.replace("\n", " ") or None
        blocks = blocks[1:]
    text = "\n".join(t for _, t in blocks)
    if title is None:
        title, text = split_title(text)
    if not text.strip():
        raise IngestError(source_name, "DOCX has no text")
    return [RawDocument(source_name=source_name, format="docx", encoding=None, text=text, title=title)]
