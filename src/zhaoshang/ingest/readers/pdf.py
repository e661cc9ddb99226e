"""PDF: the text layer, page after page.  Scans (no text layer) and fonts without a
Unicode mapping are refused with a reason: OCR is out of scope, and storing glyph
codes would poison every extractor downstream."""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from zhaoshang.ingest.decode import plausibility
from zhaoshang.ingest.readers.text import split_title
from zhaoshang.ingest.registry import Reader, register
from zhaoshang.ingest.types import IngestError, RawDocument

# pypdf logs a warning for every defect it tolerates; the reader reports real failures itself.
logging.getLogger("pypdf").setLevel(logging.ERROR)

_CID = re.compile(r"\(cid:\d+\)")
_MIN_READABLE = 0.9


def sniff(head: bytes) -> float:
    return 1.0 if b"%PDF-" in head[:1024] else 0.0


def _fail(source_name: str, reason: str) -> IngestError:
    return IngestError(source_name, reason)


_EDGE_LINES = 2


def drop_running_lines(pages: list[str]) -> list[str]:
    """Remove running headers and footers: lines that recur (digits aside) among the
    first or last lines of most pages, like "XX市人民政府文件" or "第 3 页 共 17 页"."""
    if len(pages) < 3:
        return pages

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))

    split = [[ln for ln in p.split("\n") if ln.strip()] for p in pages]
    counts: Counter[str] = Counter()
    for lines in split:
        counts.update({key(ln) for ln in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]})
    running = {k for k, c in counts.items() if k and c >= max(3, 0.5 * len(pages))}
    if not running:
        return pages
    out = []
    for lines in split:
        n = len(lines)
        out.append(
            "\n".join(
                ln for i, ln in enumerate(lines) if not ((i < _EDGE_LINES or i >= n - _EDGE_LINES) and key(ln) in running)
            )
        )
    return out


def check_text_layer(pages: list[str], source_name: str) -> str:
    """The pages' text joined, or the reason it cannot be trusted as report text."""
    if not pages:
        raise _fail(source_name, "PDF has no pages")
    text = "\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise _fail(source_name, f"PDF has no text layer (scanned?): {len(pages)} page(s) without extractable text")
    cids = len(_CID.findall(text))
    if cids and cids * 6 > 0.1 * len(text):
        raise _fail(source_name, f"PDF text layer is glyph codes, not text ({cids} '(cid:N)' codes): its fonts lack a Unicode map")
    share = plausibility(text)
    if share < _MIN_READABLE:
        raise _fail(
            source_name,
            f"PDF text layer is unreadable: only {share:.0%} of its characters are ordinary text "
            "(fonts without a Unicode map?)",
        )
    return text


@register(Reader(format="pdf", extensions=(".pdf",), sniff=sniff))
def read_pdf(data: bytes, source_name: str) -> list[RawDocument]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    if b"%PDF-" not in data[:1024]:
        raise _fail(source_name, f"not a PDF: the file does not start with a %PDF header (starts with {data[:8]!r})")
    if b"%%EOF" not in data[-4096:]:
        raise _fail(source_name, "truncated PDF: the %%EOF end marker is missing (the file was probably cut off)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _fail(source_name, "PDF is password-protected")
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except DependencyError as exc:
        raise _fail(source_name, f"PDF is encrypted in a way this installation cannot open: {exc}") from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise _fail(source_name, f"corrupt PDF: {type(exc).__name__}: {exc}") from None
    text = check_text_layer(drop_running_lines(pages), source_name)
    title, body = split_title(text)
    return [RawDocument(source_name=source_name, format="pdf", encoding=None, text=body, title=title)]
